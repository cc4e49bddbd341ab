/** The synthesized CloudFormation template, checked with aws-cdk-lib/assertions and cdk-nag. */

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLE_KEYS } from '../../adapters/dynamodb/table.js';
import { matchRoute, ROUTES, routeKey } from '../../functions/routes.js';
import { buildApp } from '../../infra/app.js';
import { STACK_FUNCTIONS } from '../../infra/stack.js';

/** Fast: no bundling (a stub asset inside the test only) and no CloudFormation rule engine; cdk-nag still runs. */
/** Each app writes its assembly under one directory of this file, removed at the end (no cdk.out* left in /tmp). */
const OUT = mkdtempSync(join(tmpdir(), 'thi-dua-stack-'));
afterAll(() => rmSync(OUT, { recursive: true, force: true }));
function synthFast(context: Record<string, unknown> = {}) {
  const app = new App({
    outdir: mkdtempSync(join(OUT, 'app-')),
    builtinCloudFormationValidation: false,
    context: { 'aws:cdk:bundling-stacks': [], ...context },
  });
  const stack = buildApp(app);
  return { app, stack, template: Template.fromStack(stack) };
}

let template: Template;
beforeAll(() => {
  template = synthFast({ alarmEmail: 'ban-tdkt@example.org', mailFrom: 'nhac-han@thi-dua.example.org' }).template;
});

const byType = (type: string) => Object.entries(template.findResources(type));

describe('data', () => {
  it('one on-demand table with PITR, deletion protection, retained on delete, and the indexes the code uses', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        // Idempotency records expire: the same attribute the stores write and check.
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLiveAttribute, Enabled: true },
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'SK', KeyType: 'RANGE' },
        ],
      }),
    });
    const [, table] = byType('AWS::DynamoDB::Table')[0]!;
    const indexes = table.Properties.GlobalSecondaryIndexes as Array<{
      IndexName: string;
      Projection: { ProjectionType: string };
    }>;
    expect(indexes.map((i) => i.IndexName)).toEqual(TABLE_KEYS.indexes.map((i) => i.indexName));
    expect(indexes[0]!.Projection.ProjectionType).toBe('INCLUDE');
  });
});

describe('identity', () => {
  it('a user pool with the three groups, custom:unitId, the API scopes, and one client: the console (machines get theirs at run time)', () => {
    template.hasResourceProperties(
      'AWS::Cognito::UserPool',
      Match.objectLike({
        Schema: Match.arrayWith([Match.objectLike({ Name: 'unitId', AttributeDataType: 'String' })]),
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        // The PLUS plan's threat protection, enforced: risky sign-ins are challenged or blocked.
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      }),
    );
    expect(
      byType('AWS::Cognito::UserPoolGroup')
        .map(([, g]) => g.Properties.GroupName)
        .sort(),
    ).toEqual(['admin', 'reviewer', 'unit']);
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties(
      'AWS::Cognito::UserPoolResourceServer',
      Match.objectLike({
        Identifier: 'thi-dua-api',
        Scopes: [
          Match.objectLike({ ScopeName: 'submissions.write' }),
          Match.objectLike({ ScopeName: 'submissions.read' }),
          Match.objectLike({ ScopeName: 'files.write' }),
        ],
      }),
    );
    template.hasResourceProperties(
      'AWS::Cognito::UserPoolClient',
      Match.objectLike({ AllowedOAuthFlows: ['code'], GenerateSecret: false }),
    );
  });

  it('lets no person write the attributes that grant access (custom:unitId, custom:campaigns)', () => {
    template.hasResourceProperties(
      'AWS::Cognito::UserPool',
      Match.objectLike({
        Schema: Match.arrayWith([Match.objectLike({ Name: 'campaigns', AttributeDataType: 'String' })]),
      }),
    );
    const people = byType('AWS::Cognito::UserPoolClient').find(([, c]) =>
      c.Properties.AllowedOAuthFlows?.includes('code'),
    );
    const writable: string[] = people![1].Properties.WriteAttributes;
    expect(writable.length).toBeGreaterThan(0);
    expect(writable.filter((a) => a.startsWith('custom:'))).toEqual([]);
  });
});

describe('sign-in once deployed', () => {
  const callbacksOf = (t: Template) => {
    const [, client] = Object.entries(t.findResources('AWS::Cognito::UserPoolClient'))[0]!;
    return {
      callbacks: client.Properties.CallbackURLs as unknown[],
      logouts: client.Properties.LogoutURLs as unknown[],
    };
  };
  it("returns people to the console's CloudFront address, never to localhost", () => {
    const { callbacks, logouts } = callbacksOf(template);
    expect(JSON.stringify(callbacks)).not.toMatch(/localhost|127\.0\.0\.1/);
    expect(callbacks).toEqual([
      { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/ConsoleCdn/), 'DomainName'] }, '/']] },
    ]);
    expect(logouts).toEqual(callbacks);
  });
  it("with the province's own domain: CloudFront answers on it with its certificate, and sign-in returns there too", () => {
    const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
    const { template: t } = synthFast({ consoleDomain: 'thidua.haiphong.gov.vn', certificateArn: arn });
    expect(callbacksOf(t).callbacks).toContain('https://thidua.haiphong.gov.vn/');
    t.hasResourceProperties(
      'AWS::CloudFront::Distribution',
      Match.objectLike({
        DistributionConfig: Match.objectLike({
          Aliases: ['thidua.haiphong.gov.vn'],
          ViewerCertificate: Match.objectLike({ AcmCertificateArn: arn }),
        }),
      }),
    );
    expect(() => synthFast({ consoleDomain: 'thidua.haiphong.gov.vn' })).toThrow(/certificateArn/);
  });
  it('serves the console with a Content-Security-Policy that allows only itself and the sign-in endpoint', () => {
    const [, policy] = Object.entries(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0]!;
    const csp = JSON.stringify(
      policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy,
    );
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self' https://thi-dua-cds-prod.auth.");
    expect(csp).not.toContain('unsafe');
  });
});

describe('API', () => {
  it('has exactly the routes of the shared route table, the local token route absent', () => {
    const keys = byType('AWS::ApiGatewayV2::Route')
      .map(([, r]) => r.Properties.RouteKey as string)
      .sort();
    expect(keys).toEqual(ROUTES.map(routeKey).sort());
    expect(keys.some((k) => k.includes('/local'))).toBe(false);
    // …and the local server resolves every deployed route key to the same route.
    for (const key of keys) {
      const [method, path] = key.split(' ') as [string, string];
      const concrete = path.replace(/\{\w+\}/g, 'x1');
      const match = matchRoute(method, concrete);
      expect(match && 'route' in match ? routeKey(match.route) : null, key).toBe(key);
    }
  });

  it('puts the authorizer (people and registered machine clients) on every route that is not public', () => {
    const routes = byType('AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const publicRoutes = new Set(ROUTES.filter((r) => r.roles === 'public').map(routeKey));
    for (const r of routes)
      expect(r.AuthorizationType, r.RouteKey).toBe(publicRoutes.has(r.RouteKey) ? 'NONE' : 'CUSTOM');
    template.hasResourceProperties(
      'AWS::ApiGatewayV2::Authorizer',
      Match.objectLike({
        AuthorizerType: 'REQUEST',
        EnableSimpleResponses: true,
        IdentitySource: ['$request.header.Authorization'],
        AuthorizerResultTtlInSeconds: 300,
      }),
    );
    const [, authorizerFn] = byType('AWS::Lambda::Function').find(
      ([, f]) => f.Properties.FunctionName === 'thi-dua-prod-authorizer',
    )!;
    expect(Object.keys(authorizerFn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['USER_POOL_ID', 'PEOPLE_CLIENT_ID', 'TABLE_NAME']),
    );
  });

  it("logs each request with the caller the authorizer trusted (its context, not a JWT authorizer's claims)", () => {
    const [, stage] = byType('AWS::ApiGatewayV2::Stage')[0]!;
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', sub: '$context.authorizer.sub' });
  });

  it('allows no other origin (no CORS: the console calls the API on its own origin)', () => {
    const [, api] = byType('AWS::ApiGatewayV2::Api')[0]!;
    expect(api.Properties.CorsConfiguration).toBeUndefined();
  });

  it('throttles the stage and writes access logs', () => {
    template.hasResourceProperties(
      'AWS::ApiGatewayV2::Stage',
      Match.objectLike({
        StageName: '$default',
        DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
        AccessLogSettings: Match.objectLike({ DestinationArn: Match.anyValue() }),
      }),
    );
  });
});

describe('functions', () => {
  it('one function per handler: Node.js 22 on arm64, no source maps read at start, logs with retention', () => {
    // Ours, not aws-cdk-lib's deploy-time custom-resource functions.
    const fns = byType('AWS::Lambda::Function')
      .map(([, f]) => f.Properties)
      .filter((f) => String(f.FunctionName ?? '').startsWith('thi-dua-prod-'));
    expect(fns.map((f) => f.FunctionName).sort()).toEqual(STACK_FUNCTIONS.map((f) => `thi-dua-prod-${f}`).sort());
    for (const f of fns) {
      expect(f.Runtime).toBe('nodejs22.x');
      expect(f.Architectures).toEqual(['arm64']);
      expect(f.Handler).toBe('index.handler');
      // Reading every source map at every cold start cost 10–16 ms; the logs map an error's stack when they write it.
      expect(f.Environment.Variables.NODE_OPTIONS ?? '').not.toContain('source-maps');
    }
    // A heap size in NODE_OPTIONS would stop Lambda's runtime sizing the heap from the memory setting, which
    // bench:aggregate assumes (lambdaSemiSpaceMb).
    for (const f of fns) expect(f.Environment.Variables.NODE_OPTIONS ?? '').not.toMatch(/max[-_](semi|old)[-_]space/);
    expect(byType('AWS::Logs::LogGroup').every(([, g]) => g.Properties.RetentionInDays === 365)).toBe(true);
    expect(byType('AWS::Logs::LogGroup')).toHaveLength(STACK_FUNCTIONS.length + 1);
  });

  it('grants each function only the table access it needs', () => {
    const policies = byType('AWS::IAM::Policy');
    const actionsOf = (fn: string) => {
      const roleId = byType('AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === `thi-dua-prod-${fn}-role`)![0];
      return policies
        .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
        .flatMap(([, p]) =>
          (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>).flatMap((s) =>
            [s.Action].flat(),
          ),
        );
    };
    const writes = (actions: string[]) =>
      actions.filter((a) => /dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem)/.test(a));
    expect(writes(actionsOf('results'))).toEqual([]);
    expect(writes(actionsOf('scores'))).toEqual([]);
    expect(actionsOf('health').filter((a) => a.startsWith('dynamodb:'))).toEqual([]);
    expect(writes(actionsOf('submissions')).length).toBeGreaterThan(0);
    expect(writes(actionsOf('authorizer'))).toEqual([]);
    // The scan results touch only files' records and the units' history entries, by partition key.
    const scanPolicy = policyOf(roleOf('scan-results'));
    expect(scanPolicy).toContain('"dynamodb:LeadingKeys":["FILE#*","HIST#UNIT#*"]');
    expect(actionsOf('scan-results').filter((a) => /Scan|Query|BatchWrite|DeleteItem/.test(a))).toEqual([]);
    // Only the catalogue function manages app clients, of this user pool only.
    expect(actionsOf('catalogue').filter((a) => a.startsWith('cognito-idp:'))).toEqual([
      'cognito-idp:CreateUserPoolClient',
      'cognito-idp:DeleteUserPoolClient',
    ]);
    for (const fn of STACK_FUNCTIONS.filter((f) => f !== 'catalogue'))
      expect(actionsOf(fn).filter((a) => a.startsWith('cognito-idp:'))).toEqual([]);
    for (const fn of STACK_FUNCTIONS)
      expect(actionsOf(fn).filter((a) => a.includes('*') && !a.startsWith('logs:'))).toEqual([]);
    // No AWS managed policies on the functions' roles.
    for (const [, role] of byType('AWS::IAM::Role').filter(([, r]) =>
      String(r.Properties.RoleName ?? '').startsWith('thi-dua-prod-'),
    ))
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('evidence files', () => {
  const bucket = () =>
    byType('AWS::S3::Bucket').find(([, b]) => JSON.stringify(b.Properties.BucketName ?? '').includes('evidence'))![1]
      .Properties;
  it('a private, encrypted, versioned bucket, TLS only, with a lifecycle for abandoned uploads', () => {
    const b = bucket();
    expect(b.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(b.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe(
      'AES256',
    );
    expect(b.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(b.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
    );
    // Only the console's own origin may send uploads to the presigned links.
    expect(JSON.stringify(b.CorsConfiguration.CorsRules[0].AllowedOrigins)).toContain('ConsoleCdn');
    const policy = JSON.stringify(byType('AWS::S3::BucketPolicy').map(([, p]) => p.Properties));
    expect(policy).toContain('"aws:SecureTransport":"false"');
    // Quarantine: stored bytes are unreadable until tagged clean, by anyone but the scanner.
    expect(policy).toContain('"Sid":"OnlyCleanEvidence"');
    expect(policy).toContain('"s3:ExistingObjectTag/GuardDutyMalwareScanStatus":"NO_THREATS_FOUND"');
  });
  it('GuardDuty Malware Protection scans stored files and its results reach the scan-results function', () => {
    template.hasResourceProperties('AWS::GuardDuty::MalwareProtectionPlan', {
      ProtectedResource: { S3Bucket: { ObjectPrefixes: ['evidence/'] } },
      Actions: { Tagging: { Status: 'ENABLED' } },
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Malware Protection Object Scan Result'],
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('Fnscanresults'), 'Arn'] } })],
    });
  });
  it('the files function and the year-end run reach the bucket, the others do not; the console may upload to it', () => {
    const s3 = JSON.stringify(byType('AWS::IAM::Policy').map(([, p]) => p.Properties));
    expect(s3).toContain('s3:DeleteObject');
    const env = (fn: string) =>
      byType('AWS::Lambda::Function').find(([, f]) => f.Properties.FunctionName === `thi-dua-prod-${fn}`)![1].Properties
        .Environment.Variables;
    expect(env('files').BLOB_BUCKET).toBeDefined();
    expect(env('aggregation').BLOB_BUCKET).toBeDefined();
    expect(env('submissions').BLOB_BUCKET).toBeUndefined();
    // Per prefix: the files function writes uploads/ and evidence/ but cannot replace a scorecard bundle.
    const writesTo = resourcesOf('files', 's3:PutObject');
    expect(writesTo).toContain('/uploads/*');
    expect(writesTo).not.toContain('scorecards');
    expect(writesTo).not.toMatch(/"\/\*"/);
    const [, headers] = byType('AWS::CloudFront::ResponseHeadersPolicy')[0]!;
    expect(JSON.stringify(headers.Properties)).toContain('.s3.ap-southeast-1.amazonaws.com');
  });
  it('large imports: the catalogue function keeps sheets under imports/ only, invokes only itself, fails to the DLQ', () => {
    expect(envOf('catalogue').BLOB_BUCKET).toBeDefined();
    const writes = resourcesOf('catalogue', 's3:PutObject');
    expect([writes.includes('/imports/*'), /uploads|evidence|scorecards/.test(writes)]).toEqual([true, false]);
    expect(resourcesOf('catalogue', 'lambda:InvokeFunction')).toMatch(/:function:thi-dua-prod-catalogue"/);
    const asyncConfigs = byType('AWS::Lambda::EventInvokeConfig').map(([, c]) => JSON.stringify(c.Properties));
    expect(asyncConfigs.find((c) => c.includes('Fncatalogue'))).toMatch(/OnFailure.*Destination/);
    const rules = byType('AWS::S3::Bucket').flatMap(([, b]) => b.Properties.LifecycleConfiguration?.Rules ?? []);
    expect(rules.find((r: { Prefix?: string }) => r.Prefix === 'imports/')?.ExpirationInDays).toBe(30);
  });
});

/** Where a function's role may do `action`, as JSON text (each statement's resources). */
const resourcesOf = (fn: string, action: string) =>
  JSON.parse(policyOf(roleOf(fn)))
    .flatMap((d: { Statement: Array<{ Action: string | string[]; Resource: unknown }> }) => d.Statement)
    .filter((st: { Action: string | string[] }) => [st.Action].flat().includes(action))
    .map((st: { Resource: unknown }) => JSON.stringify(st.Resource))
    .join();

const policyOf = (roleId: string) =>
  JSON.stringify(
    byType('AWS::IAM::Policy')
      .filter(([, p]) => (p.Properties.Roles as Array<{ Ref: string }>).some((r) => r.Ref === roleId))
      .map(([, p]) => p.Properties.PolicyDocument),
  );
const roleOf = (fn: string) =>
  byType('AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === `thi-dua-prod-${fn}-role`)![0];
const envOf = (fn: string) =>
  byType('AWS::Lambda::Function').find(([, f]) => f.Properties.FunctionName === `thi-dua-prod-${fn}`)![1].Properties
    .Environment.Variables;

describe('campaign schedules', () => {
  it('no campaign in the template: a schedule group, a role for the scheduler, and the catalogue function that manages them', () => {
    expect(byType('AWS::Scheduler::Schedule')).toEqual([]);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', { Name: 'thi-dua-prod-campaign-schedules' });
    const role = byType('AWS::IAM::Role').find(([, r]) => r.Properties.RoleName === 'thi-dua-prod-scheduler-role')!;
    expect(JSON.stringify(role[1].Properties.AssumeRolePolicyDocument)).toContain('scheduler.amazonaws.com');
    // The scheduler may invoke the year-end run and the reminders, and reach their dead-letter queue, nothing else.
    const scheduler = JSON.parse(policyOf(role[0])) as Array<{
      Statement: Array<{ Action: string; Resource: unknown }>;
    }>;
    const invoke = scheduler[0]!.Statement.find((s) => s.Action === 'lambda:InvokeFunction')!;
    expect(JSON.stringify(invoke.Resource)).toMatch(/Fnaggregation.*Fnreminders/);
    expect(policyOf(role[0])).toContain('sqs:SendMessage');
    const catalogue = policyOf(roleOf('catalogue'));
    for (const action of ['CreateSchedule', 'UpdateSchedule', 'DeleteSchedule', 'ListSchedules'])
      expect(catalogue).toContain(`scheduler:${action}`);
    expect(catalogue).toContain('"iam:PassedToService":"scheduler.amazonaws.com"');
    expect(Object.keys(envOf('catalogue'))).toEqual(
      expect.arrayContaining([
        'SCHEDULE_GROUP',
        'SCHEDULER_ROLE_ARN',
        'YEAR_END_FUNCTION_ARN',
        'REMINDERS_FUNCTION_ARN',
        'SCHEDULES_DLQ_ARN',
      ]),
    );
    template.hasResourceProperties('AWS::SQS::Queue', Match.objectLike({ SqsManagedSseEnabled: true }));
  });

  it("reminders go by SES from the stage's sender, through its configuration set, and only from that address", () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: 'thi-dua-prod-mail' });
    expect(envOf('reminders')).toMatchObject({
      MAIL_FROM: 'nhac-han@thi-dua.example.org',
      MAIL_CONFIGURATION_SET: 'thi-dua-prod-mail',
    });
    const reminders = policyOf(roleOf('reminders'));
    expect(reminders).toContain('ses:SendEmail');
    expect(reminders).toContain('identity/thi-dua.example.org');
    expect(reminders).toContain('"ses:FromAddress":"nhac-han@thi-dua.example.org"');
    // No other function sends mail.
    for (const fn of ['catalogue', 'submissions', 'aggregation']) expect(policyOf(roleOf(fn))).not.toContain('ses:');
    // Without a sender, nothing may send: messages are kept in the mailboxes.
    const quiet = synthFast().template;
    const fn = Object.values(quiet.findResources('AWS::Lambda::Function')).find(
      (f) => f.Properties.FunctionName === 'thi-dua-prod-reminders',
    )!;
    expect(fn.Properties.Environment.Variables.MAIL_FROM).toBeUndefined();
    expect(JSON.stringify(quiet.findResources('AWS::IAM::Policy'))).not.toContain('ses:SendEmail');
  });

  it("alarms on a missing or failed run, failed reminders, errors and dead letters, to a topic with the stage's e-mail", () => {
    const alarms = byType('AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
    expect(alarms.map((a) => a.MetricName).sort()).toEqual([
      'ApproximateNumberOfMessagesVisible',
      'Errors',
      'OverdueYearEndRuns',
      'RemindersFailed',
      'YearEndRunFailed',
    ]);
    // No count from the hourly watchdog is itself an alarm: a missing metric counts as breaching.
    expect(alarms.find((a) => a.MetricName === 'OverdueYearEndRuns')).toMatchObject({
      Namespace: 'ThiDua/prod',
      TreatMissingData: 'breaching',
      Threshold: 1,
    });
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      Targets: [Match.objectLike({ Input: JSON.stringify({ source: 'year-end-watchdog' }) })],
    });
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const a of alarms) expect(a.AlarmActions).toHaveLength(1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ban-tdkt@example.org',
      TopicArn: Match.anyValue(),
    });
  });
});

describe('console hosting', () => {
  it('a private bucket behind CloudFront, the API on the same origin, sign-in through Cognito', () => {
    template.hasResourceProperties(
      'AWS::S3::Bucket',
      Match.objectLike({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'console-bucket/' }),
      }),
    );
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    const [, cdn] = byType('AWS::CloudFront::Distribution')[0]!;
    const config = cdn.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort()).toEqual([
      '/docs',
      '/health',
      '/openapi.json',
      '/v1/*',
    ]);
    // One deployment: the console's files, the /docs page's script and styles among them (docs/).
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployments.map((d) => d.Properties.DestinationBucketKeyPrefix ?? '')).toEqual(['']);
    for (const b of config.CacheBehaviors) expect(b.AllowedMethods).toContain('POST');
    expect(JSON.stringify(template.findResources('Custom::CDKBucketDeployment'))).toContain('SourceMarkers');
  });
});

describe("the board's signing key", () => {
  it('an RSA signing key in KMS; only the functions that sign may use it (kms:Sign, nothing else)', () => {
    const [[keyId, key]] = byType('AWS::KMS::Key') as [[string, { Properties: Record<string, unknown> }]];
    expect([key.Properties.KeySpec, key.Properties.KeyUsage]).toEqual(['RSA_2048', 'SIGN_VERIFY']);
    const kmsStatements = byType('AWS::IAM::Policy').flatMap(([, p]) =>
      (p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>)
        .filter((st) => [st.Action].flat().some((a) => a.startsWith('kms:')))
        .map((st) => ({ roles: JSON.stringify(p.Properties.Roles), st })),
    );
    // The dossier's function and the year-end run's (the bundle's manifest), nobody else; kms:Sign, nothing else.
    expect(kmsStatements.map((k) => k.roles).sort()).toEqual(
      [roleOf('aggregation'), roleOf('results')].map((r) => JSON.stringify([{ Ref: r }])).sort(),
    );
    for (const { st } of kmsStatements) {
      expect(st.Action).toBe('kms:Sign');
      expect(JSON.stringify(st.Resource)).toContain(keyId);
    }
    const [[parameterId, parameter]] = byType('AWS::SSM::Parameter') as [[string, { Properties: { Name: string } }]];
    expect(parameter.Properties.Name).toBe('/thi-dua/prod/board-certificate');
    expect(envOf('results').BOARD_CERTIFICATE_PARAMETER).toEqual({ Ref: parameterId });
    expect(resourcesOf('results', 'ssm:GetParameter')).toContain(parameterId);
  });
});

describe('the edge: a web ACL before CloudFront, and no way around it', () => {
  const edgeOf = (app: App) =>
    app.node.children.find((c): c is Stack => c instanceof Stack && c.region === 'us-east-1');
  it('refuses a viewer IP past its rate with the API’s 429, in a us-east-1 stack the distribution names', () => {
    const { app } = synthFast();
    const edge = edgeOf(app)!;
    const acl = Object.values(Template.fromStack(edge).findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    const rate = acl.Rules.find((r: { Name: string }) => r.Name === 'rate-per-ip');
    expect(rate.Statement.RateBasedStatement).toEqual({ Limit: 3000, AggregateKeyType: 'IP' });
    expect(rate.Action.Block.CustomResponse.ResponseCode).toBe(429);
    expect(JSON.parse(acl.CustomResponseBodies.throttled.Content).error.code).toBe('THROTTLED');
    const [, cdn] = byType('AWS::CloudFront::Distribution')[0]!;
    expect(JSON.stringify(cdn.Properties.DistributionConfig.WebACLId)).toMatch(/WebAcl|ssm|ExportsReader/);
  });
  it('CloudFront sends the API the deployment’s value, and every API function requires it', () => {
    const [, cdn] = byType('AWS::CloudFront::Distribution')[0]!;
    const apiOrigin = cdn.Properties.DistributionConfig.Origins.find(
      (o: { OriginCustomHeaders?: unknown }) => o.OriginCustomHeaders,
    );
    const sent = apiOrigin.OriginCustomHeaders.find((h: { HeaderName: string }) => h.HeaderName === 'x-origin-verify');
    expect(JSON.stringify(sent.HeaderValue)).toContain('AWS::StackId');
    for (const fn of ['health', 'catalogue', 'submissions', 'results'])
      expect(envOf(fn).ORIGIN_VERIFY).toEqual(sent.HeaderValue);
    expect(envOf('authorizer').ORIGIN_VERIFY).toBeUndefined();
  });
  it('-c waf=off leaves the web ACL out (and says so to cdk-nag)', () => {
    const { app, template: off } = synthFast({ waf: 'off' });
    expect(edgeOf(app)).toBeUndefined();
    const [, cdn] = Object.entries(off.findResources('AWS::CloudFront::Distribution'))[0]!;
    expect(cdn.Properties.DistributionConfig.WebACLId).toBeUndefined();
    expect(() => synthFast({ waf: 'maybe' })).toThrow(/waf/);
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('passes with every acknowledgement carrying a reason', () => {
    const { app } = synthFast({ mailFrom: 'nhac-han@thi-dua.example.org' });
    const assembly = app.synth();
    const report = join(assembly.directory, 'policy-validation-report.json');
    if (existsSync(report)) {
      const text = JSON.stringify(JSON.parse(readFileSync(report, 'utf8')));
      expect(text).not.toMatch(/"status":"failure"/);
    }
    expect(readdirSync(assembly.directory).some((f) => f.endsWith('.template.json'))).toBe(true);
  });

  it('refuses an unknown stage or a malformed alarm e-mail', () => {
    expect(() => synthFast({ stage: 'dev' })).toThrow(/unknown stage/);
    expect(() => synthFast({ alarmEmail: 'not-an-email' })).toThrow(/alarmEmail/);
  });
});
