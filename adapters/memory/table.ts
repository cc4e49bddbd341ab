/**
 * The in-memory stores' one "table": every record the DynamoDB table would hold for the catalogue, the clients, the
 * files, the messages and the round, shared by their ports' modules as the table is shared (a unit's history reads
 * its clients' and files' changes; a year's, its round's). Everything is copied in and out, as a database would, so
 * no caller can change stored data by holding a reference.
 */
import { randomBytes } from 'node:crypto';
import type { TieDecision } from '../../shared/domain/awards.js';
import type { EvidenceFile } from '../../shared/domain/evidence-files.js';
import type { OutboxMessage } from '../../shared/domain/reminders.js';
import type { VoterRecord, VoteTotals } from '../../shared/domain/round.js';
import type { ApiClient, AuditEntry, Campaign, CampaignYear, Task, Unit } from '../../shared/domain/types.js';
import type { AwardRevocation, Finalization } from '../../shared/domain/year-results.js';
import {
  PAGE_BYTES,
  type Page,
  type PageQuery,
  type Reopening,
  type YearClustersRecord,
} from '../../shared/ports/index.js';
import { PageTokens } from '../page-tokens.js';

export const copy = <T>(value: T): T => structuredClone(value);
export const byKey = <T>(map: Map<string, T>, key: string): T | null => {
  const v = map.get(key);
  return v === undefined ? null : copy(v);
};

/**
 * One page of a listing whose rows are in listing order, keyed by unique sort keys: at most `page.limit` rows and
 * PAGE_BYTES of them (always at least one), as the DynamoDB adapter pages.
 */
export async function pageOf<T>(
  tokens: PageTokens,
  rows: Array<[string, T]>,
  listing: string,
  page: PageQuery,
  ascending = true,
): Promise<Page<T>> {
  const after = page.nextToken ? ((await tokens.open(page.nextToken, listing)).after ?? null) : null;
  const rest = after === null ? rows : rows.filter(([k]) => (ascending ? k > after : k < after));
  const items: Array<[string, T]> = [];
  let bytes = 0;
  for (const row of rest.slice(0, page.limit)) {
    const size = Buffer.byteLength(JSON.stringify(row[1]));
    if (items.length && bytes + size > PAGE_BYTES) break;
    items.push(row);
    bytes += size;
  }
  const last = items.at(-1);
  const more = last !== undefined && rest.at(-1)?.[0] !== last[0];
  return {
    items: items.map(([, v]) => copy(v)),
    nextToken: more ? await tokens.seal({ after: last[0] }, listing) : null,
  };
}

/** An audited value, its revision, and the entries of its changes (kept apart from it, as the table keeps them). */
export interface Audited<T> {
  value: T;
  revision: number;
  audit: AuditEntry[];
}

/** `expected`: the revision the value must have (0: must not exist yet), the optimistic lock. */
export function auditedSave<T>(
  map: Map<string, Audited<T>>,
  key: string,
  value: T,
  entry: AuditEntry,
  expected: number,
) {
  const existing = map.get(key);
  if ((existing?.revision ?? 0) !== expected) return false;
  map.set(key, { value: copy(value), revision: expected + 1, audit: [...(existing?.audit ?? []), copy(entry)] });
  return true;
}
export const revised = <T>(a: Audited<T> | undefined): (T & { revision: number }) | null =>
  a ? copy({ ...a.value, revision: a.revision }) : null;
/** The entries as rows of a history in time order, keyed as the table keys them (time, item, revision). */
export const entryRows = (item: string, a: Audited<unknown> | undefined): Array<[string, AuditEntry]> =>
  (a?.audit ?? []).map((e, i) => [`${e.at}#${item}#${String(i + 1).padStart(8, '0')}`, e]);

export class MemoryTable {
  readonly tokens = new PageTokens(async () => randomBytes(32));
  // The catalogue's.
  readonly campaigns = new Map<string, Audited<Campaign>>();
  readonly years = new Map<string, Audited<CampaignYear>>();
  /** Campaign years that have reports. */
  readonly reported = new Set<string>();
  readonly yearClusters = new Map<string, Audited<Omit<YearClustersRecord, 'revision'>>>();
  readonly tasks = new Map<string, Audited<Task[]>>();
  readonly units = new Map<string, Audited<Unit>>();
  readonly reopenings = new Map<string, Audited<Omit<Reopening, 'revision'>>>();
  readonly finalizations = new Map<string, Audited<Finalization>>();
  readonly revocations = new Map<string, Audited<AwardRevocation>>();
  readonly tieDecisions = new Map<string, Audited<TieDecision>>();
  // The clients', the files' and the messages'.
  readonly clients = new Map<string, Audited<ApiClient>>();
  readonly clientPlaces = new Map<string, string>();
  readonly files = new Map<string, Audited<EvidenceFile>>();
  readonly messages = new Map<string, OutboxMessage>();
  // The round's.
  /** The round's records by their key within the year (`campaign#year#…`), so the year's history finds them. */
  readonly roundRecords = new Map<string, Audited<unknown>>();
  readonly voters = new Map<string, VoterRecord>();
  readonly totals = new Map<string, VoteTotals>();

  isFinal(campaignId: string, year: number) {
    return this.finalizations.get(`${campaignId}#${year}`)?.value.state === 'final';
  }
  /** The year's finalization as the result store's publish condition reads it (the same store, at once). */
  finalizationOf(campaignId: string, year: number) {
    return copy(this.finalizations.get(`${campaignId}#${year}`)?.value ?? null);
  }
}
