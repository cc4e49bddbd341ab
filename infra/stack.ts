/**
 * The AWS deployment, composed of its parts (one construct each): the data table, identity (Cognito), the console
 * behind CloudFront with the API on the same origin, evidence files with malware scanning, one Lambda per function,
 * the HTTP API and its authorizer, the campaign years' schedules, mail, and what operators watch.
 */
import { CfnOutput, Duration, Fn, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { Api } from './api.js';
import { BoardSigningKey } from './board-signing.js';
import type { StageConfig } from './config.js';
import { ConsoleSite } from './console-site.js';
import { DataTable } from './data.js';
import { EvidenceFiles } from './evidence.js';
import { PlatformFunctions, STACK_FUNCTIONS, type StackFunction } from './functions.js';
import { Identity } from './identity.js';
import { Mail } from './mail.js';
import { Operations } from './operations.js';
import { CampaignSchedules } from './schedules.js';

export { STACK_FUNCTIONS };

/** How long API Gateway keeps an authorizer's answer for one token (and so, at most, a revoked client's reach). */
const AUTHORIZER_CACHE = Duration.minutes(5);

export interface ScoringStackProps extends StackProps {
  config: StageConfig;
  /** The web ACL in front of CloudFront (infra/edge.ts), unless the stage has none. */
  webAclArn?: string;
}

export class ScoringStack extends Stack {
  readonly functions: Record<StackFunction, NodejsFunction>;

  constructor(scope: Construct, id: string, props: ScoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    const name = (suffix: string) => `thi-dua-${config.stage}-${suffix}`;

    const { table } = new DataTable(this, 'Data', { tableName: name('data') });
    const identity = new Identity(this, 'Identity', {
      poolName: name('users'),
      domainPrefix: config.authDomainPrefix,
      region: this.region,
    });
    const api = new Api(this, 'Http', { name, config });
    // Evidence files' bucket, named from the account and region (not from a resource) so the console's policy can
    // name the origin its uploads and previews go to without a dependency cycle through CloudFront.
    const evidenceBucketName = name(`evidence-${this.account}-${this.region}`);
    // What CloudFront adds to every request it forwards to the API, and the functions require: so the execute-api
    // address, open beside CloudFront (it is CloudFront's origin), serves nobody who goes around the web ACL. The
    // stack's own UUID: unique per deployment, in no template or repository, known only inside the account.
    const originVerify = Fn.select(2, Fn.split('/', this.stackId));
    const site = new ConsoleSite(this, 'Console', {
      name,
      config,
      apiHost: api.host(this.region),
      webAclArn: props.webAclArn,
      originVerify,
      connectTo: [identity.authDomain, `https://${evidenceBucketName}.s3.${this.region}.amazonaws.com`],
    });
    const evidence = new EvidenceFiles(this, 'Evidence', {
      bucketName: evidenceBucketName,
      logs: site.logs,
      consoleUrls: site.urls,
    });
    const peopleClient = identity.addConsoleClient(name('console'), site.urls);
    const tokenUrl = `${identity.authDomain}/oauth2/token`;

    const board = new BoardSigningKey(this, 'BoardSigning', { name, stage: config.stage });
    this.functions = new PlatformFunctions(this, 'Functions', {
      name,
      config,
      table,
      environment: (fn) => ({
        ...(fn === 'authorizer' && {
          USER_POOL_ID: identity.userPool.userPoolId,
          PEOPLE_CLIENT_ID: peopleClient.userPoolClientId,
        }),
        ...(fn === 'catalogue' && { USER_POOL_ID: identity.userPool.userPoolId }),
        ...((fn === 'files' || fn === 'aggregation' || fn === 'scan-results' || fn === 'catalogue') && {
          BLOB_BUCKET: evidence.bucket.bucketName,
        }),
        ...(fn !== 'authorizer' && fn !== 'scan-results' && { ORIGIN_VERIFY: originVerify }),
        ...((fn === 'results' || fn === 'aggregation') && {
          BOARD_KEY_ID: board.key.keyId,
          BOARD_CERTIFICATE_PARAMETER: board.certificate.parameterName,
        }),
        // Told to integrators: in the contract (/openapi.json) and with a new client's secret.
        ...((fn === 'catalogue' || fn === 'health') && { TOKEN_URL: tokenUrl }),
      }),
    }).byName;
    const fns = this.functions;

    // The admin route registers and revokes units' IT systems as app clients of this pool, and nothing else.
    fns.catalogue.addToRolePolicy(
      new PolicyStatement({
        actions: ['cognito-idp:CreateUserPoolClient', 'cognito-idp:DeleteUserPoolClient'],
        resources: [identity.userPool.userPoolArn],
      }),
    );
    // Evidence files and scorecards, by prefix: the files function checks uploads and moves them to evidence/, and
    // only reads the scorecard bundles (the year-end run alone writes them, so a verifiable bundle cannot be
    // replaced through the files function); nobody reads stored bytes not scanned clean (the bucket policy).
    fns.files.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [evidence.bucket.arnForObjects('uploads/*'), evidence.bucket.arnForObjects('evidence/*')],
      }),
    );
    fns.files.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:GetObject'], resources: [evidence.bucket.arnForObjects('scorecards/*')] }),
    );
    fns.aggregation.addToRolePolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [evidence.bucket.arnForObjects('scorecards/*')] }),
    );
    // A large sheet import keeps its sheet and its answer under imports/ while it runs as a job (and for the status).
    fns.catalogue.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [evidence.bucket.arnForObjects('imports/*')],
      }),
    );
    Validations.of(fns.catalogue.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${evidence.logicalId}.Arn>/imports/*]`,
      reason: 'Large sheet imports keep their sheet and answer under imports/{importId}/ (ids made per import).',
    });
    for (const prefix of ['uploads', 'evidence', 'scorecards'])
      Validations.of(fns.files.role!).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${evidence.logicalId}.Arn>/${prefix}/*]`,
        reason: `Objects under ${prefix}/ of the evidence bucket (files are addressed by their hash, not known in advance).`,
      });
    Validations.of(fns.aggregation.role!).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${evidence.logicalId}.Arn>/scorecards/*]`,
      reason:
        'The year-end run writes its scorecard bundle under scorecards/ of the evidence bucket, and nothing else.',
    });
    evidence.scanWith(fns['scan-results']);
    // The dossier (results) and the scorecard bundle's manifest (aggregation) are what the board signs.
    board.grantSign(fns.results);
    board.grantSign(fns.aggregation);

    api.addRoutes(fns, fns.authorizer, AUTHORIZER_CACHE);
    const schedules = new CampaignSchedules(this, 'Schedules', {
      name,
      catalogue: fns.catalogue,
      yearEnd: fns.aggregation,
      reminders: fns.reminders,
    });
    // Functions started asynchronously (schedules, the aggregation's and the imports' jobs): a failure, once Lambda's
    // retries are spent, lands in the dead-letter queue the alarms watch, instead of vanishing.
    for (const fn of [fns.aggregation, fns.reminders, fns.catalogue])
      fn.configureAsyncInvoke({
        onFailure: new SqsDestination(schedules.deadLetters),
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
      });
    // The aggregation starts its runs, the catalogue its large imports, as jobs of its own (each invokes itself
    // asynchronously), and nothing else. Named by name: an ARN taken from the function would make its policy depend
    // on itself.
    for (const fn of ['aggregation', 'catalogue'] as const)
      fns[fn].addToRolePolicy(
        new PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [`arn:${this.partition}:lambda:${this.region}:${this.account}:function:${name(fn)}`],
        }),
      );
    new Mail(this, 'Mail', { configurationSetName: name('mail'), mailFrom: config.mailFrom, sender: fns.reminders });
    new Operations(this, 'Operations', {
      stage: config.stage,
      alarmEmail: config.alarmEmail,
      aggregation: fns.aggregation,
      deadLetters: schedules.deadLetters,
      functions: Object.fromEntries(STACK_FUNCTIONS.map((fn) => [fn, fns[fn]])),
    });
    site.deploy({
      mode: 'cognito',
      authDomain: identity.authDomain,
      clientId: peopleClient.userPoolClientId,
      redirectUri: site.url,
    });

    new CfnOutput(this, 'ConsoleUrl', { value: site.url });
    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'ConsoleClientId', { value: peopleClient.userPoolClientId });
    new CfnOutput(this, 'TokenUrl', { value: tokenUrl });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }
}
