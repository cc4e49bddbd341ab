/** The CDK app: `npm run synth` (offline, no account). Stage and alarm e-mail from context: -c stage=prod -c alarmEmail=... */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildConsole } from '../scripts/build-console.js';
import { stageConfig } from './config.js';
import { ScoringStack } from './stack.js';

export function buildApp(app: App): ScoringStack {
  // The console's files are deployed as they are in console/: its script is built from console/src first.
  buildConsole();
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const config = stageConfig(context('stage') ?? 'prod', context('alarmEmail'), {
    consoleDomain: context('consoleDomain'),
    certificateArn: context('certificateArn'),
    mailFrom: context('mailFrom'),
  });
  const stack = new ScoringStack(app, `ThiDua-${config.stage}`, {
    config,
    description: 'Nền tảng chấm điểm thi đua chuyển đổi số (serverless)',
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1' },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) buildApp(new App());
