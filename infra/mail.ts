/**
 * Reminders' e-mail through SES: a configuration set (its sending events can be published to CloudWatch once the
 * province wants them), the sender from the stage's context (an identity verified in SES, see the README). Without
 * a sender the reminders function sends nothing and keeps every message in the units' Hộp thư.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export class Mail extends Construct {
  constructor(
    scope: Construct,
    id: string,
    props: { configurationSetName: string; mailFrom?: string; sender: LambdaFunction },
  ) {
    super(scope, id);
    // Named here, not read back from the construct: the function's environment then holds the name itself.
    new ConfigurationSet(this, 'Mail', { configurationSetName: props.configurationSetName });
    if (!props.mailFrom) return;
    const stack = Stack.of(this);
    const sesArn = (resource: string) => `arn:${stack.partition}:ses:${stack.region}:${stack.account}:${resource}`;
    const domain = props.mailFrom.split('@')[1]!;
    props.sender.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn(`identity/${domain}`),
          sesArn(`identity/${props.mailFrom}`),
          sesArn(`configuration-set/${props.configurationSetName}`),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': props.mailFrom } },
      }),
    );
    props.sender.addEnvironment('MAIL_FROM', props.mailFrom);
    props.sender.addEnvironment('MAIL_CONFIGURATION_SET', props.configurationSetName);
  }
}
