/** Wires the domain's ports to real adapters from the environment (Lambda) or from the local server's settings. */
import type { Clock, Deps } from '../shared/ports.js';
import { CachedCatalogueStore } from './cached-catalogue.js';
import { documentClient } from './dynamodb/client.js';
import type { DocumentSender } from './dynamodb/documents.js';
import { dynamoStores } from './dynamodb/stores.js';
import { EventBridgeJobScheduler } from './eventbridge-scheduler.js';
import { S3BlobStore } from './s3-blobs.js';
import { SesMailer } from './ses-mailer.js';

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant: the local server's FIXED_NOW, for demos and tests that must not depend on today's date. */
export const fixedClock = (iso: string): Clock => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`FIXED_NOW is not an ISO instant: ${iso}`);
  return { now: () => new Date(at) };
};

/** How long a function remembers catalogue reads (CATALOGUE_CACHE_SECONDS, default 5 s); 0 reads fresh every time. */
const catalogueCacheMs = () => 1000 * Number(process.env.CATALOGUE_CACHE_SECONDS ?? 5);

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

/** The catalogue function's settings for the campaign years' schedules, all set by the stack together. */
const schedulerSettings = () => ({
  group: env('SCHEDULE_GROUP'),
  roleArn: env('SCHEDULER_ROLE_ARN'),
  yearEndArn: env('YEAR_END_FUNCTION_ARN'),
  remindersArn: env('REMINDERS_FUNCTION_ARN'),
  deadLetterArn: env('SCHEDULES_DLQ_ARN'),
});

export function makeDeps(
  options: {
    db?: DocumentSender;
    table?: string;
    clock?: Clock;
    defaultCampaignId?: string;
    catalogueCacheMs?: number;
    /** Whether the store has transactions: AWS and DynamoDB Local have, dynalite has not. */
    transactions?: boolean;
  } = {},
): Deps {
  const table = options.table ?? process.env.TABLE_NAME;
  if (!table) throw new Error('TABLE_NAME is not set');
  const stores = dynamoStores(options.db ?? documentClient(), table, { transactions: options.transactions ?? true });
  const cacheMs = options.catalogueCacheMs ?? catalogueCacheMs();
  return {
    ...stores,
    catalogue: cacheMs > 0 ? new CachedCatalogueStore(stores.catalogue, cacheMs) : stores.catalogue,
    clock: options.clock ?? systemClock,
    defaultCampaignId: options.defaultCampaignId ?? process.env.DEFAULT_CAMPAIGN_ID ?? 'hp-175',
    ...(process.env.TOKEN_URL ? { tokenUrl: process.env.TOKEN_URL } : {}),
    ...(process.env.BLOB_BUCKET ? { blobs: new S3BlobStore(process.env.BLOB_BUCKET) } : {}),
    ...(process.env.SCHEDULE_GROUP ? { scheduler: new EventBridgeJobScheduler(schedulerSettings()) } : {}),
    ...(process.env.MAIL_FROM
      ? { mailer: new SesMailer({ from: env('MAIL_FROM'), configurationSet: process.env.MAIL_CONFIGURATION_SET }) }
      : {}),
  };
}
