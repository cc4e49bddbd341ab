/**
 * The console: a private bucket behind CloudFront, with the API on the same origin (no CORS needed), the access-log
 * bucket every other bucket and the CDN log into, and the console's files deployed with its sign-in settings.
 */
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
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
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleContentSecurityPolicy } from '../functions/console-policy.js';
import { ORIGIN_VERIFY_HEADER, ROUTES } from '../functions/routes.js';
import type { StageConfig } from './config.js';

const ROOT = join(import.meta.dirname, '..');

export interface ConsoleSiteProps {
  name: (suffix: string) => string;
  config: StageConfig;
  /** The HTTP API's own host name (execute-api), the CDN's origin for every route of the table. */
  apiHost: string;
  /** Origins the console's pages may reach besides their own (Cognito's hosted UI, the evidence bucket). */
  connectTo: string[];
  /** The web ACL in front of the distribution (infra/edge.ts), unless the stage has none. */
  webAclArn?: string | undefined;
  /** The value CloudFront sends the API as x-origin-verify: the functions answer only requests that carry it. */
  originVerify: string;
}

export class ConsoleSite extends Construct {
  /** Where every bucket and the CDN write their access logs. */
  readonly logs: Bucket;
  readonly distribution: Distribution;
  /** The console's address as people reach it (the province's domain when it has one). */
  readonly url: string;
  /** Every address the console answers on: sign-in returns to them, uploads come from them. */
  readonly urls: string[];
  private readonly site: Bucket;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    const { name, config } = props;
    this.logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(365) }],
    });
    Validations.of(this.logs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket itself; logging it into itself would loop.',
    });
    this.site = new Bucket(this, 'Console', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'console-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    const apiBehavior = {
      origin: new HttpOrigin(props.apiHost, { customHeaders: { [ORIGIN_VERIFY_HEADER]: props.originVerify } }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    const headers = new ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      responseHeadersPolicyName: name('console-headers'),
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy(props.connectTo),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
      },
    });
    this.distribution = new Distribution(this, 'ConsoleCdn', {
      comment: name('console'),
      ...(props.webAclArn && { webAclId: props.webAclArn }),
      ...(config.consoleDomain && {
        domainNames: [config.consoleDomain.name],
        certificate: Certificate.fromCertificateArn(this, 'ConsoleCertificate', config.consoleDomain.certificateArn),
      }),
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
      },
      // Every route of the table reaches the API: /v1/* and the public ones outside it (/health, /openapi.json, /docs).
      additionalBehaviors: Object.fromEntries(
        ['/v1/*', ...new Set(ROUTES.filter((r) => !r.path.startsWith('/v1/')).map((r) => r.path))].map((p) => [
          p,
          apiBehavior,
        ]),
      ),
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason:
        'Units and reviewers may work from abroad (missions, training); access is controlled by Cognito, not by country.',
    });
    if (!props.webAclArn)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR2',
        reason:
          'The stage was deployed with -c waf=off (a per-province cost decision); API Gateway throttling and the authorizer still protect the API.',
      });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR4',
      reason:
        'The default CloudFront certificate is used until the province attaches its own domain and ACM certificate (then TLS 1.2 minimum applies).',
    });
    this.url = `https://${config.consoleDomain?.name ?? this.distribution.distributionDomainName}/`;
    this.urls = [
      `https://${this.distribution.distributionDomainName}/`,
      ...(config.consoleDomain ? [`https://${config.consoleDomain.name}/`] : []),
    ];
  }

  /** The console's files (its bundle, not its TypeScript, and the /docs page's script) and its sign-in settings. */
  deploy(signIn: Record<string, string>) {
    new BucketDeployment(this, 'ConsoleFiles', {
      destinationBucket: this.site,
      distribution: this.distribution,
      sources: [
        Source.asset(join(ROOT, 'console'), { exclude: ['src', 'src/**', '*.tmp'] }),
        Source.jsonData('config.json', signIn),
      ],
    });
    this.acknowledgeDeploymentFunction();
  }

  /** cdk-nag's findings on aws-cdk-lib's BucketDeployment function (a stack-level singleton run at deploy time). */
  private acknowledgeDeploymentFunction() {
    const stack = Stack.of(this);
    const copier = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
    Validations.of(copier).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        "aws-cdk-lib's BucketDeployment function logs through AWSLambdaBasicExecutionRole; it runs only at deploy time.",
    });
    const wildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      'Resource::*',
      `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`,
      `Resource::<${stack.getLogicalId(this.site.node.defaultChild as CfnBucket)}.Arn>/*`,
    ];
    for (const finding of wildcards)
      Validations.of(copier).acknowledge({
        id: `AwsSolutions-IAM5[${finding}]`,
        reason:
          "aws-cdk-lib's BucketDeployment function copies the console from the CDK asset bucket into the console bucket and invalidates CloudFront; its wildcards are the ones that construct needs.",
      });
    Validations.of(copier).acknowledge({
      id: 'AwsSolutions-L1',
      reason: "The runtime of aws-cdk-lib's BucketDeployment function is chosen by aws-cdk-lib.",
    });
  }
}
