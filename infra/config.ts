/** Stage configuration in one typed place: names, retention, throttling, alarm e-mail. No account ids or secrets. */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export interface StageConfig {
  /** Part of every resource name: thi-dua-<stage>. */
  stage: string;
  /** The campaign whose calendar drives the year-end schedule and that the API serves by default. */
  defaultCampaignId: string;
  logRetention: RetentionDays;
  /** Steady-state requests per second and burst on the API stage. */
  throttle: { rateLimit: number; burstLimit: number };
  /**
   * The web ACL in front of CloudFront (infra/edge.ts): requests one viewer IP may send in 5 minutes, or null for none
   * (-c waf=off; AWS WAF is billed per web ACL, rule and request).
   */
  waf: { requestsPerFiveMinutes: number } | null;
  /** Where alarms are sent; from context (-c alarmEmail=...) so no address sits in the repo. */
  alarmEmail?: string;
  /** Cognito hosted UI domain prefix (must be unique in the region). */
  authDomainPrefix: string;
  /**
   * The console's own domain, when the province has one (context -c consoleDomain=… -c certificateArn=…, an ACM
   * certificate in us-east-1): CloudFront answers on it, and sign-in returns to it as well as to CloudFront's name.
   */
  consoleDomain?: { name: string; certificateArn: string };
  /**
   * The sender of reminders (-c mailFrom=…), an address of a domain verified in SES. Without it, reminders are kept
   * in the units' Hộp thư only and no mail is sent.
   */
  mailFrom?: string;
}

export const STAGES: Record<string, Omit<StageConfig, 'alarmEmail' | 'consoleDomain' | 'mailFrom'>> = {
  prod: {
    stage: 'prod',
    defaultCampaignId: 'hp-175',
    logRetention: RetentionDays.ONE_YEAR,
    throttle: { rateLimit: 50, burstLimit: 100 },
    // An office's staff share one address: 3,000 in 5 minutes is ten a second, far above a day's work.
    waf: { requestsPerFiveMinutes: 3000 },
    authDomainPrefix: 'thi-dua-cds-prod',
  },
  staging: {
    stage: 'staging',
    defaultCampaignId: 'hp-175',
    logRetention: RetentionDays.ONE_MONTH,
    throttle: { rateLimit: 20, burstLimit: 40 },
    waf: { requestsPerFiveMinutes: 1000 },
    authDomainPrefix: 'thi-dua-cds-staging',
  },
};

export function stageConfig(
  name: string,
  alarmEmail?: string,
  domain: { consoleDomain?: string; certificateArn?: string; mailFrom?: string; waf?: string } = {},
): StageConfig {
  const known = STAGES[name];
  if (!known) throw new Error(`unknown stage "${name}": one of ${Object.keys(STAGES).join(', ')}`);
  if (domain.waf !== undefined && domain.waf !== 'on' && domain.waf !== 'off')
    throw new Error(`waf is "on" or "off": ${domain.waf}`);
  const stage = domain.waf === 'off' ? { ...known, waf: null } : known;
  const email = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  if (alarmEmail !== undefined && !email.test(alarmEmail))
    throw new Error(`alarmEmail is not an e-mail address: ${alarmEmail}`);
  const { consoleDomain, certificateArn, mailFrom } = domain;
  if (mailFrom !== undefined && !email.test(mailFrom))
    throw new Error(`mailFrom is not an e-mail address: ${mailFrom}`);
  const base = { ...stage, alarmEmail, ...(mailFrom ? { mailFrom } : {}) };
  if (consoleDomain === undefined) return base;
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(consoleDomain))
    throw new Error(`consoleDomain is not a domain name: ${consoleDomain}`);
  if (!certificateArn?.startsWith('arn:aws:acm:us-east-1:'))
    throw new Error(
      'consoleDomain needs certificateArn, an ACM certificate in us-east-1 (CloudFront takes only those)',
    );
  return { ...base, consoleDomain: { name: consoleDomain, certificateArn } };
}
