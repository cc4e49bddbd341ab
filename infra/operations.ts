/**
 * What operators watch: an hourly watchdog that counts campaign years whose year-end run is overdue (no count at all
 * also alarms: the watchdog itself did not run), failed runs whoever started them, the aggregation function's errors
 * and the dead-letter queue, failed reminders, and one dashboard. Alarms go to a topic whose e-mail subscription
 * comes from the stage's context, not the repo.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Schedule as EventSchedule, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Function as LambdaFn } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS, metricsNamespace } from '../functions/metrics.js';
import { WATCHDOG_EVENT } from '../shared/domain/schemas.js';

export interface OperationsProps {
  stage: string;
  alarmEmail?: string;
  aggregation: LambdaFn;
  deadLetters: Queue;
  /** Every function, by name: the dashboard graphs their errors and durations. */
  functions: Record<string, LambdaFn>;
}

export class Operations extends Construct {
  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const { stage, aggregation, deadLetters } = props;
    const alarms = new Topic(this, 'Alarms', { topicName: `thi-dua-${stage}-alarms`, enforceSSL: true });
    if (props.alarmEmail) alarms.addSubscription(new EmailSubscription(props.alarmEmail));
    Validations.of(alarms).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no personal or scoring data; AWS-managed encryption at rest is not needed for them.',
    });
    new Rule(this, 'YearEndWatchdog', {
      description: 'Hourly: every year-end run that is due has succeeded',
      schedule: EventSchedule.rate(Duration.hours(1)),
      targets: [
        new LambdaFunction(aggregation, { event: RuleTargetInput.fromObject(WATCHDOG_EVENT), retryAttempts: 2 }),
      ],
    });
    const metric = (m: { name: string }, statistic: string, period = Duration.hours(1)) =>
      new Metric({ namespace: metricsNamespace(stage), metricName: m.name, statistic, period });
    /** An alarm on the first occurrence within a period, sent to the alarms topic. */
    const onAny = (
      id: string,
      suffix: string,
      description: string,
      watched: IMetric,
      missing = TreatMissingData.NOT_BREACHING,
    ) =>
      new Alarm(this, id, {
        alarmName: `thi-dua-${stage}-${suffix}`,
        alarmDescription: description,
        metric: watched,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: missing,
      }).addAlarmAction(new SnsAction(alarms));
    onAny(
      'AggregationErrors',
      'aggregation-errors',
      'The year-end aggregation failed: rankings may be missing before 31/12.',
      aggregation.metricErrors({ period: Duration.minutes(5) }),
    );
    onAny(
      'ScheduleDeadLetter',
      'schedule-dead-letters',
      'A schedule (year-end run, reminders or digest) gave up and landed in the dead-letter queue.',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    );
    onAny(
      'YearEndRunMissing',
      'year-end-run-missing',
      'A year-end run is overdue (no successful run since its calendar time), or the watchdog did not report.',
      metric(METRICS.overdueRuns, 'Maximum'),
      TreatMissingData.BREACHING,
    );
    onAny(
      'YearEndRunFailed',
      'year-end-run-failed',
      "A year-end run failed (the schedule's or an admin's): rankings may be missing.",
      metric(METRICS.runFailed, 'Sum', Duration.minutes(5)),
    );
    onAny(
      'RemindersFailed',
      'reminders-failed',
      "Reminders or the reviewers' digest could not be sent (SES refused, or the run broke): units may miss the deadline.",
      metric(METRICS.remindersFailed, 'Sum', Duration.minutes(5)),
    );
    const fns = Object.entries(props.functions);
    new Dashboard(this, 'Operations', {
      dashboardName: `thi-dua-${stage}`,
      widgets: [
        [
          new GraphWidget({
            title: 'Year-end runs',
            left: [metric(METRICS.runSucceeded, 'Sum'), metric(METRICS.runFailed, 'Sum')],
            right: [metric(METRICS.overdueRuns, 'Maximum')],
          }),
          new GraphWidget({ title: 'Year-end run duration (ms)', left: [metric(METRICS.runDuration, 'Maximum')] }),
          new GraphWidget({
            title: 'Reports and review decisions',
            left: [metric(METRICS.submissions, 'Sum'), metric(METRICS.decisions, 'Sum')],
          }),
          new GraphWidget({
            title: 'Reminders sent and failed',
            left: [metric(METRICS.remindersSent, 'Sum'), metric(METRICS.remindersFailed, 'Sum')],
          }),
          new GraphWidget({
            title: 'Schedule dead letters',
            left: [deadLetters.metricApproximateNumberOfMessagesVisible()],
          }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: fns.map(([fn, f]) => f.metricErrors({ label: fn })),
          }),
          new GraphWidget({
            title: 'Function duration p95 (ms)',
            left: fns.map(([fn, f]) => f.metricDuration({ label: fn, statistic: 'p95' })),
          }),
        ],
      ],
    });
  }
}
