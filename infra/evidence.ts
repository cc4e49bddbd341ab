/**
 * Evidence files and scorecards: a private, encrypted, versioned bucket (TLS only) whose uploads wait under uploads/
 * until checked and go after a day if never completed; stored files (evidence/) keep their old versions 90 days after
 * a delete. GuardDuty Malware Protection for S3 scans every stored file and tags it; its result event reaches the
 * scan-results function, which records the verdict on the file; nobody but the scanner reads bytes not found clean.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { CfnMalwareProtectionPlan } from 'aws-cdk-lib/aws-guardduty';
import { AnyPrincipal, Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type CfnBucket,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export class EvidenceFiles extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: { bucketName: string; logs: Bucket; consoleUrls: string[] }) {
    super(scope, id);
    this.bucket = new Bucket(this, 'EvidenceFiles', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: props.logs,
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
        // A large import's sheet and answer: read by the status route for 30 days (the job's record says so too).
        {
          id: 'import-jobs',
          prefix: 'imports/',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
      // The console (its own origin only) sends uploads and opens previews straight from the presigned links.
      cors: [
        {
          allowedOrigins: props.consoleUrls.map((u) => u.replace(/\/$/, '')),
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedHeaders: ['content-type', 'x-amz-checksum-sha256'],
          maxAge: 3600,
        },
      ],
    });
  }

  /** The bucket's logical id, as cdk-nag names its resources in findings. */
  get logicalId(): string {
    return Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
  }

  /** GuardDuty's plan over evidence/, and the rule that hands its results to `scanResults`. */
  scanWith(scanResults: IFunction) {
    const stack = Stack.of(this);
    const role = new Role(this, 'MalwareProtectionRole', {
      assumedBy: new ServicePrincipal('malware-protection-plan.guardduty.amazonaws.com'),
    });
    const managedRule = `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*`;
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
        resources: [this.bucket.bucketArn],
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
        resources: [this.bucket.arnForObjects('evidence/*')],
      }),
    );
    role.addToPolicy(
      new PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('malware-protection-resource-validation-object')],
      }),
    );
    // Quarantine (tag-based access control): nobody but the scanner reads stored bytes until GuardDuty tagged them
    // NO_THREATS_FOUND; pending, infected, unsupported and failed scans alike stay unreadable.
    this.bucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'OnlyCleanEvidence',
        effect: Effect.DENY,
        principals: [new AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('evidence/*')],
        conditions: {
          StringNotEquals: {
            's3:ExistingObjectTag/GuardDutyMalwareScanStatus': 'NO_THREATS_FOUND',
            'aws:PrincipalArn': role.roleArn,
          },
        },
      }),
    );
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:events:${stack.region}:<AWS::AccountId>:rule/DO-NOT-DELETE-AmazonGuardDutyMalwareProtectionS3*]`,
      reason: 'GuardDuty names its own managed EventBridge rule with this prefix; the role may touch that rule only.',
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.logicalId}.Arn>/evidence/*]`,
      reason: 'GuardDuty scans and tags every stored evidence file (evidence/ of this bucket), and nothing else.',
    });
    const plan = new CfnMalwareProtectionPlan(this, 'MalwareProtection', {
      role: role.roleArn,
      protectedResource: { s3Bucket: { bucketName: this.bucket.bucketName, objectPrefixes: ['evidence/'] } },
      actions: { tagging: { status: 'ENABLED' } },
    });
    plan.node.addDependency(role);
    new Rule(this, 'ScanResults', {
      description: 'GuardDuty malware scan results of evidence files',
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Malware Protection Object Scan Result'],
        detail: { s3ObjectDetails: { bucketName: [this.bucket.bucketName] } },
      },
      targets: [new LambdaFunction(scanResults, { retryAttempts: 8, maxEventAge: Duration.hours(6) })],
    });
  }
}
