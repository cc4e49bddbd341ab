/**
 * The AWS deployment: DynamoDB, Cognito, an HTTP API with a JWT authorizer in front of one Lambda per
 * function (the same handlers the local server runs), the year-end EventBridge Scheduler schedule with
 * retries and a dead-letter queue, alarms, logs and throttling.
 */

import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { type CfnStage, HttpApi, HttpMethod, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginRequestPolicy,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
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
import {
  AccountRecovery,
  AdvancedSecurityMode,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  StringAttribute,
  UserPool,
} from 'aws-cdk-lib/aws-cognito';
import {
  AttributeType,
  BillingMode,
  type CfnTable,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Schedule as EventSchedule, Rule, RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { TABLE_KEYS } from '../adapters/dynamodb/table.js';
import { consoleContentSecurityPolicy, SWAGGER_UI_DIR } from '../functions/console-policy.js';
import { METRICS, metricsNamespace } from '../functions/metrics.js';
import { FUNCTIONS, type FunctionName, ROUTES } from '../functions/routes.js';
import { RESOURCE_SERVER } from '../shared/domain/auth.js';
import { WATCHDOG_EVENT } from '../shared/domain/schemas.js';
import { CLIENT_SCOPE_LABELS, CLIENT_SCOPES } from '../shared/domain/types.js';
import { LAMBDA_BUNDLING, ON_DEMAND, onDemandBuild } from './bundling.js';
import type { StageConfig } from './config.js';

const ROOT = join(import.meta.dirname, '..');

/** The API's functions and the authorizer in front of them. */
export const STACK_FUNCTIONS = [...FUNCTIONS, 'authorizer', 'scan-results'] as const;
type StackFunction = (typeof STACK_FUNCTIONS)[number];

/** What each function may do with the table: read-only unless it writes. */
const TABLE_ACCESS: Record<StackFunction, 'none' | 'read' | 'readWrite'> = {
  authorizer: 'read',
  health: 'none',
  catalogue: 'readWrite',
  submissions: 'readWrite',
  reviews: 'readWrite',
  scores: 'read',
  aggregation: 'readWrite',
  results: 'read',
  files: 'readWrite',
  reminders: 'readWrite',
  'scan-results': 'readWrite',
};
const MEMORY: Partial<Record<StackFunction, number>> = { aggregation: 2048, results: 1024 };
const TIMEOUT: Partial<Record<StackFunction, Duration>> = {
  aggregation: Duration.minutes(5),
  // One message per unit with reports missing, one SES call each: a province's few hundred units fit well inside.
  reminders: Duration.minutes(5),
  authorizer: Duration.seconds(10),
};
/** How long API Gateway keeps an authorizer's answer for one token (and so, at most, a revoked client's reach). */
const AUTHORIZER_CACHE = Duration.minutes(5);

export interface ScoringStackProps extends StackProps {
  config: StageConfig;
}

export class ScoringStack extends Stack {
  readonly functions: Record<StackFunction, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ScoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    const name = (suffix: string) => `thi-dua-${config.stage}-${suffix}`;

    // --- Data: one table; its keys and indexes come from the same definition the local store uses.
    const table = new Table(this, 'Table', {
      tableName: name('data'),
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TABLE_KEYS.timeToLiveAttribute,
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
    });
    for (const index of TABLE_KEYS.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        ...(index.nonKeyAttributes
          ? { projectionType: ProjectionType.INCLUDE, nonKeyAttributes: [...index.nonKeyAttributes] }
          : { projectionType: ProjectionType.ALL }),
      });
    }

    const tableLogicalId = this.getLogicalId(table.node.defaultChild as CfnTable);

    // --- Identity: people (reviewers, admins, unit staff) and units' IT systems.
    const userPool = new UserPool(this, 'Users', {
      userPoolName: name('users'),
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      // Set by admins only (the people client cannot write them: see writeAttributes below).
      customAttributes: {
        unitId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        campaigns: new StringAttribute({ minLen: 1, maxLen: 1024, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { sms: false, otp: true },
      featurePlan: FeaturePlan.PLUS,
      advancedSecurityMode: AdvancedSecurityMode.ENFORCED,
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
      deletionProtection: true,
    });
    for (const group of ['unit', 'reviewer', 'admin']) {
      new CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: userPool.userPoolId,
        groupName: group,
        description: `Vai trò ${group}`,
      });
    }
    // The scopes machine clients are given; their app clients are created at run time by the admin route.
    userPool.addResourceServer('Api', {
      identifier: RESOURCE_SERVER,
      scopes: CLIENT_SCOPES.map(
        (scopeName) => new ResourceServerScope({ scopeName, scopeDescription: CLIENT_SCOPE_LABELS[scopeName] }),
      ),
    });
    // --- API: the route table the local server uses, with the authorizer on every route but the public ones.
    // No CORS: the console calls the API on its own origin (CloudFront), machines need none; no other origin may.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      logGroupName: `/aws/apigateway/${name('api')}`,
      retention: config.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const api = new HttpApi(this, 'Api', { apiName: name('api'), createDefaultStage: true });
    const stage = api.defaultStage!.node.defaultChild as CfnStage;
    stage.defaultRouteSettings = {
      throttlingRateLimit: config.throttle.rateLimit,
      throttlingBurstLimit: config.throttle.burstLimit,
    };
    stage.accessLogSettings = {
      destinationArn: accessLogs.logGroupArn,
      format: JSON.stringify({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        // The Lambda authorizer's context (its trusted claims): who called, a person or a unit's system.
        sub: '$context.authorizer.sub',
        latency: '$context.responseLatency',
        error: '$context.authorizer.error',
      }),
    };
    // --- The console: a private bucket behind CloudFront, the API on the same origin (no CORS needed).
    const logs = new Bucket(this, 'AccessLogs', {
      bucketName: undefined,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });
    const site = new Bucket(this, 'Console', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'console-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    const apiOrigin = new HttpOrigin(`${api.apiId}.execute-api.${this.region}.amazonaws.com`);
    const apiBehavior = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const authDomain = `https://${config.authDomainPrefix}.auth.${this.region}.amazoncognito.com`;
    // Evidence files' bucket, named from the account and region (not from a resource) so the console's policy can
    // name the origin its uploads and previews go to without a dependency cycle through CloudFront.
    const evidenceBucketName = name(`evidence-${this.account}-${this.region}`);
    const evidenceOrigin = `https://${evidenceBucketName}.s3.${this.region}.amazonaws.com`;
    const consoleHeaders = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      responseHeadersPolicyName: name('console-headers'),
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy([authDomain, evidenceOrigin]),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    const distribution = new Distribution(this, 'ConsoleCdn', {
      comment: name('console'),
      ...(config.consoleDomain && {
        domainNames: [config.consoleDomain.name],
        certificate: Certificate.fromCertificateArn(this, 'ConsoleCertificate', config.consoleDomain.certificateArn),
      }),
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: consoleHeaders,
      },
      // Every route of the table reaches the API: /v1/* and the public ones outside it (/health, /openapi.json, /docs).
      additionalBehaviors: Object.fromEntries(
        ['/v1/*', ...new Set(ROUTES.filter((r) => !r.path.startsWith('/v1/')).map((r) => r.path))].map((p) => [
          p,
          apiBehavior,
        ]),
      ),
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Units and reviewers may work from abroad (missions, training); access is controlled by Cognito, not by country.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'WAF is a per-province cost decision; API Gateway throttling and the JWT authorizer protect the API. Attach a web ACL per stage when required.',
    });
    Validations.of(distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default CloudFront certificate is used until the province attaches its own domain and ACM certificate (then TLS 1.2 minimum applies).',
    });
    const consoleUrl = `https://${config.consoleDomain?.name ?? distribution.distributionDomainName}/`;
    const consoleUrls = [
      `https://${distribution.distributionDomainName}/`,
      ...(config.consoleDomain ? [`https://${config.consoleDomain.name}/`] : []),
    ];

    const evidence = this.evidenceFiles(evidenceBucketName, logs, consoleUrls);

    userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: config.authDomainPrefix } });
    const peopleClient = userPool.addClient('PeopleClient', {
      userPoolClientName: name('console'),
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        // Sign-in returns to the console's own address: CloudFront's name, and the province's domain if it has one.
        callbackUrls: consoleUrls,
        logoutUrls: consoleUrls,
      },
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      // The console renews the hour-long ID token with it; a working day, then people sign in again (with MFA).
      refreshTokenValidity: Duration.hours(12),
      // What a person may change about themselves: never custom:unitId or custom:campaigns, which grant access.
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true, phoneNumber: true }),
    });

    // --- Functions: one per handler, bundled locally by esbuild (no docker), ESM on Node.js 22, arm64.
    this.functions = Object.fromEntries(
      STACK_FUNCTIONS.map((fn) => {
        const logGroup = new LogGroup(this, `Logs-${fn}`, {
          logGroupName: `/aws/lambda/${name(fn)}`,
          retention: config.logRetention,
          removalPolicy: RemovalPolicy.RETAIN,
        });
        // An explicit role instead of AWSLambdaBasicExecutionRole: logs to its own log group and nothing else.
        const role = new Role(this, `Role-${fn}`, {
          roleName: name(`${fn}-role`),
          assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
        });
        role.addToPolicy(
          new PolicyStatement({
            effect: Effect.ALLOW,
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [logGroup.logGroupArn],
          }),
        );
        const f = new NodejsFunction(this, `Fn-${fn}`, {
          role,
          functionName: name(fn),
          entry: join(ROOT, 'functions', fn, 'index.ts'),
          projectRoot: ROOT,
          depsLockFilePath: join(ROOT, 'package-lock.json'),
          runtime: Runtime.NODEJS_22_X,
          architecture: Architecture.ARM_64,
          memorySize: MEMORY[fn] ?? 512,
          timeout: TIMEOUT[fn] ?? Duration.seconds(29),
          logGroup,
          environment: {
            TABLE_NAME: table.tableName,
            DEFAULT_CAMPAIGN_ID: config.defaultCampaignId,
            NODE_OPTIONS: '--enable-source-maps',
            // The metrics' namespace (functions/metrics.ts): the alarms and the dashboard read the same.
            STAGE: config.stage,
            ...(fn === 'authorizer' && {
              USER_POOL_ID: userPool.userPoolId,
              PEOPLE_CLIENT_ID: peopleClient.userPoolClientId,
            }),
            ...(fn === 'catalogue' && { USER_POOL_ID: userPool.userPoolId }),
            ...((fn === 'files' || fn === 'aggregation' || fn === 'scan-results') && {
              BLOB_BUCKET: evidence.bucketName,
            }),
            // Told to integrators: in the contract (/openapi.json) and with a new client's secret.
            ...((fn === 'catalogue' || fn === 'health') && { TOKEN_URL: `${authDomain}/oauth2/token` }),
          },
          bundling: {
            ...LAMBDA_BUNDLING,
            format: OutputFormat.ESM,
            forceDockerBundling: false,
            // The SDK version the tests ran against ships in the bundle, not the runtime's; modules
            // loaded on demand stay out of index.mjs and are bundled beside it.
            externalModules: (ON_DEMAND[fn] ?? []).map((m) => m.specifier),
            ...(ON_DEMAND[fn] && {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  (ON_DEMAND[fn] ?? []).map((m) =>
                    onDemandBuild(join(inputDir, 'node_modules', '.bin', 'esbuild'), inputDir, outputDir, m),
                  ),
              },
            }),
          },
        });
        if (TABLE_ACCESS[fn] === 'read') table.grantReadData(f);
        if (TABLE_ACCESS[fn] === 'readWrite') table.grantReadWriteData(f);
        if (TABLE_ACCESS[fn] !== 'none') {
          Validations.of(role).acknowledge({
            id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
            reason:
              "Queries the indexes of its own table (GSI1 current figures, GSI2 listings); the wildcard covers only that table's indexes.",
          });
        }
        Validations.of(f).acknowledge({
          id: 'AwsSolutions-L1',
          reason:
            'Node.js 22 is the newest runtime the offline CloudFormation rules of this aws-cdk-lib accept; it is pinned on purpose.',
        });
        return [fn, f];
      }),
    ) as Record<StackFunction, NodejsFunction>;
    // The admin route registers and revokes units' IT systems as app clients of this pool, and nothing else.
    this.functions.catalogue.addToRolePolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'],
        resources: [userPool.userPoolArn],
      }),
    );

    // Evidence files and scorecards: the files function reads, writes and removes them; the year-end run writes
    // its scorecard; nobody may read bytes GuardDuty found malware in (the bucket policy below).
    this.functions.files.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [evidence.arnForObjects('*')],
      }),
    );
    this.functions.aggregation.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [evidence.arnForObjects('scorecards/*')] }),
    );
    const evidenceLogicalId = this.getLogicalId(evidence.node.defaultChild as CfnBucket);
    Validations.of(this.functions.files.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${evidenceLogicalId}.Arn>/*]`,
      reason:
        'Objects of the evidence bucket only: uploads/ (checked, then moved), evidence/ (stored files) and scorecards/ (read).',
    });
    Validations.of(this.functions.aggregation.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${evidenceLogicalId}.Arn>/scorecards/*]`,
      reason:
        'The year-end run writes its scorecard bundle under scorecards/ of the evidence bucket, and nothing else.',
    });
    this.malwareScanning(evidence);

    // People's ID tokens and machines' access tokens, verified by functions/authorizer; a result is cached for the
    // token for AUTHORIZER_CACHE, so a revoked machine client is refused at the latest that long after revocation.
    const authorizer = new HttpLambdaAuthorizer('Cognito', this.functions.authorizer, {
      authorizerName: 'cognito-and-clients',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: AUTHORIZER_CACHE,
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      if (!integrations.has(route.fn))
        integrations.set(route.fn, new HttpLambdaIntegration(`Integration-${route.fn}`, this.functions[route.fn]));
      const r = new HttpRoute(this, `Route-${route.method}-${route.path}`, {
        httpApi: api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations.get(route.fn)!,
        ...(route.roles === 'public' ? {} : { authorizer }),
      });
      if (route.roles === 'public')
        Validations.of(r).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            "Public by design: liveness, the API contract and its page, the labels, and units' public scorecards (công khai); every other route has the authorizer.",
        });
    }

    // --- Alarms go to a topic; the e-mail subscription comes from the stage's context, not the repo.
    const alarms = new Topic(this, 'Alarms', { topicName: name('alarms'), enforceSSL: true });
    if (config.alarmEmail) alarms.addSubscription(new EmailSubscription(config.alarmEmail));
    Validations.of(alarms).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'Alarm notifications carry no personal or scoring data; AWS-managed encryption at rest is not needed for them.',
    });

    // --- What campaign years schedule (year-end runs, reminders, the reviewers' digest): their dead-letter queue.
    const deadLetters = new Queue(this, 'ScheduleDeadLetters', {
      queueName: name('schedules-dlq'),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is itself the dead-letter queue of the campaign years' schedules.",
    });
    // Each campaign year's jobs are schedules in this group, created, moved and removed by the catalogue function when
    // an admin saves the campaign or the year (no campaign lives in this code). The role is the scheduler's, passed
    // by that function.
    const scheduleGroup = new CfnScheduleGroup(this, 'CampaignSchedules', { name: name('campaign-schedules') });
    const schedulerRole = new Role(this, 'SchedulerRole', {
      roleName: name('scheduler-role'),
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    schedulerRole.addToPolicy(
      new PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.functions.aggregation.functionArn, this.functions.reminders.functionArn],
      }),
    );
    deadLetters.grantSendMessages(schedulerRole);
    const schedules = `arn:${this.partition}:scheduler:${this.region}:${this.account}:schedule/${scheduleGroup.name}/*`;
    this.functions.catalogue.addToRolePolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedules],
      }),
    );
    // ListSchedules has no resource-level permissions: it can only be allowed on "*" (the names it returns are read
    // by the catalogue function only to remove this group's schedules a year no longer asks for).
    this.functions.catalogue.addToRolePolicy(
      new PolicyStatement({ actions: ['scheduler:ListSchedules'], resources: ['*'] }),
    );
    this.functions.catalogue.addToRolePolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [schedulerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(this.functions.catalogue.role!).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:scheduler:${this.region}:<AWS::AccountId>:schedule/${scheduleGroup.name}/*]`,
        reason:
          "Schedules of campaign years, created at run time: the wildcard covers this stage's schedule group only.",
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'scheduler:ListSchedules supports no resource-level permission; it is the only action allowed on *.',
      },
    );
    this.functions.catalogue.addEnvironment('SCHEDULE_GROUP', scheduleGroup.name!);
    this.functions.catalogue.addEnvironment('SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    this.functions.catalogue.addEnvironment('YEAR_END_FUNCTION_ARN', this.functions.aggregation.functionArn);
    this.functions.catalogue.addEnvironment('REMINDERS_FUNCTION_ARN', this.functions.reminders.functionArn);
    this.functions.catalogue.addEnvironment('SCHEDULES_DLQ_ARN', deadLetters.queueArn);
    this.mail(config, name);
    this.operations(config.stage, alarms, deadLetters);

    new BucketDeployment(this, 'ConsoleFiles', {
      destinationBucket: site,
      distribution,
      // Swagger UI's files are the other deployment's: this one neither copies nor prunes them.
      exclude: ['docs/swagger-ui*'],
      sources: [
        // The console's TypeScript stays out of the bucket: its bundle (app.js) is what is served.
        Source.asset(join(ROOT, 'console'), { exclude: ['src', 'src/**', '*.tmp'] }),
        Source.jsonData('config.json', {
          mode: 'cognito',
          authDomain,
          clientId: peopleClient.userPoolClientId,
          redirectUri: consoleUrl,
        }),
      ],
    });
    new BucketDeployment(this, 'DocsFiles', {
      destinationBucket: site,
      destinationKeyPrefix: 'docs/',
      prune: false,
      sources: [Source.asset(SWAGGER_UI_DIR, { exclude: ['*', '!swagger-ui-bundle.js', '!swagger-ui.css'] })],
    });
    // BucketDeployment's copying function is a stack-level singleton provided by aws-cdk-lib, run only at deploy time.
    const copier = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    Validations.of(copier).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "aws-cdk-lib's BucketDeployment function logs through AWSLambdaBasicExecutionRole; it runs only at deploy time.",
    });
    const siteLogicalId = this.getLogicalId(site.node.defaultChild as CfnBucket);
    const copierWildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::*',
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${this.region}/*`,
      `Resource::<${siteLogicalId}.Arn>/*`,
    ];
    for (const finding of copierWildcards) {
      Validations.of(copier).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "aws-cdk-lib's BucketDeployment function copies the console from the CDK asset bucket into the console bucket and invalidates CloudFront; its wildcards are the ones that construct needs.",
      });
    }
    Validations.of(copier).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "The runtime of aws-cdk-lib's BucketDeployment function is chosen by aws-cdk-lib.",
    });

    new CfnOutput(this, 'ConsoleUrl', { value: consoleUrl });
    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: peopleClient.userPoolClientId });
    new CfnOutput(this, 'TokenUrl', { value: `${authDomain}/oauth2/token` });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }

  /**
   * The evidence bucket: private, encrypted, versioned, TLS only. Uploads wait under uploads/ until checked and
   * go after a day if never completed; stored files (evidence/) keep their old versions 90 days after a delete.
   */
  private evidenceFiles(bucketName: string, logs: Bucket, consoleUrls: string[]): Bucket {
    const bucket = new Bucket(this, 'EvidenceFiles', {
      bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'evidence-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'abandoned-uploads',
          prefix: 'uploads/',
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
        { id: 'deleted-evidence', prefix: 'evidence/', noncurrentVersionExpiration: Duration.days(90) },
      ],
      // The console (its own origin only) sends uploads and opens previews straight from the presigned links.
      cors: [
        {
          allowedOrigins: consoleUrls.map((u) => u.replace(/\/$/, '')),
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
          maxAge: 3600,
        },
      ],
    });
    bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'NoReadingMalware',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringEquals: { 's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'THREATS_FOUND' } },
      }),
    );
    return bucket;
  }

  /**
   * GuardDuty Malware Protection for S3 scans every stored file (evidence/) and tags it; its result event reaches
   * the scan-results function, which records `clean` or `infected` on the file.
   */
  private malwareScanning(bucket: Bucket) {
    const role = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
    });
    const managedRule = `arn:${this.partition}:events:${this.region}:${this.account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
    role.addToPolicy(
      new PolicyStatement({
        actions: ['events:PutRule', 'events:DeleteRule', 'events:PutTargets', 'events:RemoveTargets'],
        resources: [managedRule],
        conditions: { StringLike: { 'events:ManagedBy': 'malware-protection-plan.guardduty.amazonaws.com' } },
      }),
    );
    role.addToPolicy(
      new PolicyStatement({ actions: ['events:DescribeRule', 'events:ListTargetsByRule'], resources: [managedRule] }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutBucketNotification', 's3:GetBucketNotification', 's3:GetBucketLocation', 's3:ListBucket'],
        resources: [bucket.bucketArn],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: [
          's3:GetObject',
          's3:GetObjectVersion',
          's3:GetObjectTagging',
          's3:GetObjectVersionTagging',
          's3:PutObjectTagging',
          's3:PutObjectVersionTagging',
        ],
        resources: [bucket.arnForObjects('evidence/*')],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:${this.region}:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]`,
      reason: 'GuardDuty names its own managed EventBridge rule with this prefix; the role may touch that rule only.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/evidence/*]`,
      reason: 'GuardDuty scans and tags every stored evidence file (evidence/ of this bucket), and nothing else.',
    });
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: bucket.bucketName, objectPrefixes: ['evidence/'] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(role);
    new Rule(this, 'ScanResults', {
      description: 'GuardDuty malware scan results of evidence files',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [bucket.bucketName] } },
      },
      targets: [
        new LambdaFunction(this.functions['scan-results'], { retryAttempts: 8, maxEventAge: Duration.hours(6) }),
      ],
    });
  }

  /**
   * Reminders' e-mail through SES: a configuration set (its sending events can be published to CloudWatch once the
   * province wants them), the sender from the stage's context (an identity verified in SES, see the README). Without
   * a sender the reminders function sends nothing and keeps every message in the units' Hộp thư.
   */
  private mail(config: StageConfig, name: (suffix: string) => string) {
    // Named here, not read back from the construct: the function's environment then holds the name itself.
    const configurationSet = name('mail');
    new ConfigurationSet(this, 'Mail', { configurationSetName: configurationSet });
    const reminders = this.functions.reminders;
    if (!config.mailFrom) return;
    const sesArn = (resource: string) => `arn:${this.partition}:ses:${this.region}:${this.account}:${resource}`;
    const domain = config.mailFrom.split('@')[1]!;
    reminders.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          sesArn(`identity/${domain}`),
          sesArn(`identity/${config.mailFrom}`),
          sesArn(`configuration-set/${configurationSet}`),
        ],
        conditions: { StringEquals: { 'ses:FromAddress': config.mailFrom } },
      }),
    );
    reminders.addEnvironment('MAIL_FROM', config.mailFrom);
    reminders.addEnvironment('MAIL_CONFIGURATION_SET', configurationSet);
  }

  /**
   * What operators watch: an hourly watchdog that counts campaign years whose year-end run is overdue (no count at
   * all also alarms: the watchdog itself did not run), failed runs whoever started them, the aggregation function's
   * errors and the dead-letter queue, and one dashboard.
   */
  private operations(stage: string, alarms: Topic, deadLetters: Queue) {
    const aggregation = this.functions.aggregation;
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
            left: STACK_FUNCTIONS.map((fn) => this.functions[fn].metricErrors({ label: fn })),
          }),
          new GraphWidget({
            title: 'Function duration p95 (ms)',
            left: STACK_FUNCTIONS.map((fn) => this.functions[fn].metricDuration({ label: fn, statistic: 'p95' })),
          }),
        ],
      ],
    });
  }
}
