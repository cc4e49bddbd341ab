/** The CDK app: `npm run synth` (offline, no account). Stage and alarm e-mail from context: -c stage=prod -c alarmEmail=... */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildConsole } from '../scripts/build-console.js';
import { stageConfig } from './config.js';
import { EdgeProtectionStack } from './edge.js';
import { ScoringStack } from './stack.js';

export function buildApp(app: App): ScoringStack {
  // The console's files are deployed as they are in console/: its script is built from console/src first.
  buildConsole();
  const context = (key: string) => app.node.tryGetContext(key) as string | undefined;
  const config = stageConfig(context('stage') ?? 'prod', context('alarmEmail'), {
    consoleDomain: context('consoleDomain'),
    certificateArn: context('certificateArn'),
    mailFrom: context('mailFrom'),
    waf: context('waf'),
  });
  const account = process.env.CDK_DEFAULT_ACCOUNT;
  // CloudFront takes web ACLs from us-east-1 only: the edge's own stack there, its ARN handed over by CDK's
  // cross-region references (an SSM parameter written there, read here at deployment).
  const edge =
    config.waf &&
    new EdgeProtectionStack(app, `ThiDuaEdge-${config.stage}`, {
      config,
      requestsPerFiveMinutes: config.waf.requestsPerFiveMinutes,
      description: 'Nền tảng chấm điểm thi đua: tường lửa ứng dụng web trước CloudFront',
      env: { account, region: 'us-east-1' },
      crossRegionReferences: true,
    });
  const stack = new ScoringStack(app, `ThiDua-${config.stage}`, {
    config,
    ...(edge && { webAclArn: edge.webAclArn }),
    description: 'Nền tảng chấm điểm thi đua chuyển đổi số (serverless)',
    env: { account, region: process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-1' },
    crossRegionReferences: true,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) buildApp(new App());
