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
  /** Where alarms are sent; from context (-c alarmEmail=...) so no address sits in the repo. */
  alarmEmail?: string;
  /** Cognito hosted UI domain prefix (must be unique in the region). */
  authDomainPrefix: string;
  /** Where the console sends people after sign-in (the CloudFront URL once known, plus local development). */
  callbackUrls: string[];
}

export const STAGES: Record<string, Omit<StageConfig, 'alarmEmail'>> = {
  prod: {
    stage: 'prod',
    defaultCampaignId: 'hp-175',
    logRetention: RetentionDays.ONE_YEAR,
    throttle: { rateLimit: 50, burstLimit: 100 },
    authDomainPrefix: 'thi-dua-cds-prod',
    callbackUrls: ['http://localhost:3000/'],
  },
  staging: {
    stage: 'staging',
    defaultCampaignId: 'hp-175',
    logRetention: RetentionDays.ONE_MONTH,
    throttle: { rateLimit: 20, burstLimit: 40 },
    authDomainPrefix: 'thi-dua-cds-staging',
    callbackUrls: ['http://localhost:3000/'],
  },
};

export function stageConfig(name: string, alarmEmail?: string): StageConfig {
  const stage = STAGES[name];
  if (!stage) throw new Error(`unknown stage "${name}": one of ${Object.keys(STAGES).join(', ')}`);
  if (alarmEmail !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(alarmEmail))
    throw new Error(`alarmEmail is not an e-mail address: ${alarmEmail}`);
  return { ...stage, alarmEmail };
}
