/**
 * What stands in front of CloudFront: a web ACL (AWS WAF, CloudFront scope, so in us-east-1, a stack of its own)
 * that refuses a viewer IP past its request rate with the API's own 429 answer, and the addresses on AWS's IP
 * reputation list. CloudFront sees the viewer's address, so the rate is per person or office, not per edge.
 */
import { Stack, type StackProps } from 'aws-cdk-lib';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from './config.js';

/** The answer a refused viewer gets: the API's error format, in Vietnamese, with the code a client retries on. */
const THROTTLED_BODY = JSON.stringify({
  error: {
    code: 'THROTTLED',
    message: 'Quá nhiều yêu cầu từ địa chỉ này, vui lòng thử lại sau ít phút',
    details: [],
  },
});

export interface EdgeProtectionProps extends StackProps {
  config: StageConfig;
  /** Requests one viewer IP may send in any 5 minutes (AWS WAF counts in a sliding 5-minute window). */
  requestsPerFiveMinutes: number;
}

export class EdgeProtectionStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id, props);
    const name = (suffix: string) => `thi-dua-${props.config.stage}-${suffix}`;
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const acl = new CfnWebACL(this, 'WebAcl', {
      name: name('edge'),
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name('edge')),
      customResponseBodies: { throttled: { contentType: 'APPLICATION_JSON', content: THROTTLED_BODY } },
      rules: [
        {
          name: 'rate-per-ip',
          priority: 0,
          statement: { rateBasedStatement: { limit: props.requestsPerFiveMinutes, aggregateKeyType: 'IP' } },
          action: {
            block: {
              customResponse: {
                responseCode: 429,
                customResponseBodyKey: 'throttled',
                responseHeaders: [{ name: 'retry-after', value: '300' }],
              },
            },
          },
          visibilityConfig: visibility(name('rate-per-ip')),
        },
        {
          name: 'ip-reputation',
          priority: 1,
          statement: {
            managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesAmazonIpReputationList' },
          },
          overrideAction: { none: {} },
          visibilityConfig: visibility(name('ip-reputation')),
        },
      ],
    });
    this.webAclArn = acl.attrArn;
  }
}
