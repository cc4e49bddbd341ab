/**
 * The functions: one Lambda per handler (the same handlers the local server runs), bundled locally by esbuild (no
 * docker), ESM on Node.js 22, arm64, each with its own log group and a role that may log there and nothing else
 * until the stack grants it more.
 */
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FUNCTIONS } from '../functions/routes.js';
import { LAMBDA_BUNDLING, ON_DEMAND, onDemandBuild } from './bundling.js';
import type { StageConfig } from './config.js';

const ROOT = join(import.meta.dirname, '..');

/** The API's functions and the authorizer in front of them. */
export const STACK_FUNCTIONS = [...FUNCTIONS, 'authorizer', 'scan-results'] as const;
export type StackFunction = (typeof STACK_FUNCTIONS)[number];

/**
 * What each function may do with the table: read-only unless it writes; a function that owns a key space gets
 * only its items (`dynamodb:LeadingKeys`, the partition keys' prefixes as adapters/dynamodb/table.ts makes them).
 */
const TABLE_ACCESS: Record<StackFunction, 'none' | 'read' | 'readWrite' | { ownKeys: string[] }> = {
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
  // A file's record (FILE#) and the unit's history entry of the verdict (HIST#UNIT#), nothing else.
  'scan-results': { ownKeys: ['FILE#*', 'HIST#UNIT#*'] },
};
const MEMORY: Partial<Record<StackFunction, number>> = { aggregation: 2048, results: 1024 };
const memoryOf = (fn: StackFunction) => MEMORY[fn] ?? 512;
/**
 * The semi-spaces of V8's young generation Lambda's Node.js runtime gives a function, in MB: its bootstrap sizes the
 * new space at a tenth of the memory setting (the semi-spaces a third of that; older bootstraps a half) unless
 * NODE_OPTIONS names a heap size, which no function here does (test/infra/stack.test.ts); the bootstrap as read in
 * https://dev.to/wonderfulsoap/deep-dive-into-aws-lambda-3-official-nodejs-runtime-analysis-43je. The year-end run holds a
 * year's figures and pages while it makes more: at V8's own 16 MB it spent ~1.5 s of a 10 s run in scavenges, at
 * this size ~0.9 s. bench:aggregate runs with the year-end function's.
 */
export const lambdaSemiSpaceMb = (fn: StackFunction) => Math.floor(memoryOf(fn) / 10 / 3);
const TIMEOUT: Partial<Record<StackFunction, Duration>> = {
  aggregation: Duration.minutes(5),
  // One message per unit with reports missing, one SES call each: a province's few hundred units fit well inside.
  reminders: Duration.minutes(5),
  // Its API requests are cut at 29 s by API Gateway; its jobs (imports of up to 10,000 rows) may take minutes.
  catalogue: Duration.minutes(5),
  authorizer: Duration.seconds(10),
};

export interface PlatformFunctionsProps {
  name: (suffix: string) => string;
  config: StageConfig;
  table: Table;
  /** Each function's own settings beyond the table's and the stage's. */
  environment: (fn: StackFunction) => Record<string, string>;
}

export class PlatformFunctions extends Construct {
  readonly byName: Record<StackFunction, NodejsFunction>;

  constructor(scope: Construct, id: string, props: PlatformFunctionsProps) {
    super(scope, id);
    const { name, config, table } = props;
    const tableLogicalId = Stack.of(this).getLogicalId(table.node.defaultChild as never);
    this.byName = Object.fromEntries(
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
        const onDemand = ON_DEMAND[fn] ?? [];
        const f = new NodejsFunction(this, `Fn-${fn}`, {
          role,
          functionName: name(fn),
          entry: join(ROOT, 'functions', fn, 'index.ts'),
          projectRoot: ROOT,
          depsLockFilePath: join(ROOT, 'package-lock.json'),
          runtime: Runtime.NODEJS_22_X,
          architecture: Architecture.ARM_64,
          memorySize: memoryOf(fn),
          timeout: TIMEOUT[fn] ?? Duration.seconds(29),
          logGroup,
          environment: {
            TABLE_NAME: table.tableName,
            DEFAULT_CAMPAIGN_ID: config.defaultCampaignId,
            // The metrics' namespace (functions/metrics.ts): the alarms and the dashboard read the same.
            STAGE: config.stage,
            ...props.environment(fn),
          },
          bundling: {
            ...LAMBDA_BUNDLING,
            format: OutputFormat.ESM,
            forceDockerBundling: false,
            // The SDK version the tests ran against ships in the bundle, not the runtime's; modules
            // loaded on demand stay out of index.mjs and are bundled beside it.
            externalModules: onDemand.map((m) => m.specifier),
            ...(onDemand.length && {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) =>
                  onDemand.map((m) =>
                    onDemandBuild(join(inputDir, 'node_modules', '.bin', 'esbuild'), inputDir, outputDir, m),
                  ),
              },
            }),
          },
        });
        if (TABLE_ACCESS[fn] === 'read') table.grantReadData(f);
        if (TABLE_ACCESS[fn] === 'readWrite') table.grantReadWriteData(f);
        const access = TABLE_ACCESS[fn];
        if (typeof access === 'object')
          f.addToRolePolicy(
            new PolicyStatement({
              actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
              resources: [table.tableArn],
              conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': access.ownKeys } },
            }),
          );
        if (access === 'read' || access === 'readWrite') {
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
  }
}
