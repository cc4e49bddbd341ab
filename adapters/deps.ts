/**
 * Wires the domain's stores to DynamoDB from the environment (Lambda) or from the local server's settings. The other
 * AWS adapters (S3, Scheduler, SES) are added by the functions that use them (functions/{fn}/index.ts), so a
 * function's bundle holds only the SDK clients it calls.
 */
import type { Clock, Deps } from '../shared/ports/index.js';
import { CachedCatalogueStore } from './cached-catalogue.js';
import { CachedSlotStore } from './cached-slots.js';
import { documentClient } from './dynamodb/client.js';
import type { DocumentSender } from './dynamodb/documents.js';
import { dynamoStores } from './dynamodb/stores.js';

export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant: the local server's FIXED_NOW, for demos and tests that must not depend on today's date. */
export const fixedClock = (iso: string): Clock => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`FIXED_NOW is not an ISO instant: ${iso}`);
  return { now: () => new Date(at) };
};

/** How long a function remembers catalogue reads (CATALOGUE_CACHE_SECONDS, default 5 s); 0 reads fresh every time. */
const catalogueCacheMs = () => 1000 * Number(process.env.CATALOGUE_CACHE_SECONDS ?? 5);

/** A setting the stack gives the function: its absence is a deployment fault, said at once. */
export const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

export function makeDeps(
  options: {
    db?: DocumentSender;
    table?: string;
    clock?: Clock;
    defaultCampaignId?: string;
    catalogueCacheMs?: number;
    /** Whether the store has transactions: AWS and DynamoDB Local have, dynalite has not. */
    transactions?: boolean;
    /** Whether this process is the table's only writer (the local server): see CachedCatalogueStore, CachedSlotStore. */
    soleWriter?: boolean;
  } = {},
): Deps {
  const table = options.table ?? process.env.TABLE_NAME;
  if (!table) throw new Error('TABLE_NAME is not set');
  const stores = dynamoStores(options.db ?? documentClient(), table, { transactions: options.transactions ?? true });
  const cacheMs = options.catalogueCacheMs ?? catalogueCacheMs();
  return {
    ...stores,
    catalogue:
      cacheMs > 0
        ? new CachedCatalogueStore(stores.catalogue, cacheMs, undefined, options.soleWriter)
        : stores.catalogue,
    submissions: options.soleWriter ? new CachedSlotStore(stores.submissions) : stores.submissions,
    clock: options.clock ?? systemClock,
    defaultCampaignId: options.defaultCampaignId ?? process.env.DEFAULT_CAMPAIGN_ID ?? 'hp-175',
    ...(process.env.TOKEN_URL ? { tokenUrl: process.env.TOKEN_URL } : {}),
  };
}
