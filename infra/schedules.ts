/**
 * What campaign years schedule (year-end runs, reminders, the reviewers' digest): each campaign year's jobs are
 * EventBridge Scheduler schedules in this stage's group, created, moved and removed by the catalogue function when
 * an admin saves the campaign or the year (no campaign lives in this code), with the scheduler's own role passed by
 * that function, retries, and a dead-letter queue.
 */
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface CampaignSchedulesProps {
  name: (suffix: string) => string;
  /** The function that saves campaigns and years, and so schedules their jobs. */
  catalogue: LambdaFunction;
  /** The functions the schedules start. */
  yearEnd: LambdaFunction;
  reminders: LambdaFunction;
}

export class CampaignSchedules extends Construct {
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: CampaignSchedulesProps) {
    super(scope, id);
    const { name, catalogue } = props;
    const stack = Stack.of(this);
    this.deadLetters = new Queue(this, 'ScheduleDeadLetters', {
      queueName: name('schedules-dlq'),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue of the campaign years' schedules.",
    });
    const group = new CfnScheduleGroup(this, 'CampaignSchedules', { name: name('campaign-schedules') });
    const schedulerRole = new Role(this, 'SchedulerRole', {
      roleName: name('scheduler-role'),
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.yearEnd.functionArn, props.reminders.functionArn],
      }),
    );
    this.deadLetters.grantSendMessages(schedulerRole);
    const schedules = `arn:${stack.partition}:scheduler:${stack.region}:${stack.account}:schedule/${group.name}/*`;
    catalogue.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedules],
      }),
    );
    // ListSchedules has no resource-level permissions: it can only be allowed on "*" (the names it returns are read
    // by the catalogue function only to remove this group's schedules a year no longer asks for).
    catalogue.addToRolePolicy(new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }));
    catalogue.addToRolePolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(catalogue.role!).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${stack.region}:<AWS::AccountId>:schedule/${group.name}/*]`,
        reason:
          "Schedules of campaign years, created at run time: the wildcard covers this stage's schedule group only.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'scheduler:ListSchedules supports no resource-level permission; it is the only action allowed on *.',
      },
    );
    catalogue.addEnvironment('SCHEDULE_GROUP', group.name!);
    catalogue.addEnvironment('SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    catalogue.addEnvironment('YEAR_END_FUNCTION_ARN', props.yearEnd.functionArn);
    catalogue.addEnvironment('REMINDERS_FUNCTION_ARN', props.reminders.functionArn);
    catalogue.addEnvironment('SCHEDULES_DLQ_ARN', this.deadLetters.queueArn);
  }
}
