/**
 * The domain's stores in memory: the same behaviour as the DynamoDB adapters (the contract suite in
 * test/contract proves it), so use-case tests run in milliseconds. Everything is copied in and out,
 * as a database would, so no caller can change stored data by holding a reference.
 */
import { randomBytes } from 'node:crypto';
import type { AuditEntry, Campaign, CampaignYear, Review, Submission, Task, Unit } from '../../shared/domain/types.js';
import {
  type AggregationRun,
  type CampaignYearRecord,
  type CatalogueStore,
  type IdempotencyRecord,
  type IdempotencyStore,
  type Page,
  type Reopening,
  type ResultStore,
  type SlotKey,
  type Stores,
  type SubmissionQuery,
  type SubmissionStore,
  type UnitRecord,
  VersionTaken,
  type YearResults,
} from '../../shared/ports.js';
import { PageTokens } from '../page-tokens.js';

const copy = <T>(value: T): T => structuredClone(value);
const byKey = <T>(map: Map<string, T>, key: string): T | null => {
  const v = map.get(key);
  return v === undefined ? null : copy(v);
};

interface Audited<T> {
  value: T;
  audit: AuditEntry[];
}

/** `expected`: null, must not exist yet; a number, the audit length it must have (optimistic lock); undefined, no check. */
function auditedSave<T>(
  map: Map<string, Audited<T>>,
  key: string,
  value: T,
  entry: AuditEntry,
  expected: number | null | undefined,
) {
  const existing = map.get(key);
  if (expected === null && existing) return false;
  if (typeof expected === 'number' && existing?.audit.length !== expected) return false;
  map.set(key, { value: copy(value), audit: [...(existing?.audit ?? []), copy(entry)] });
  return true;
}
const withAudit = <T>(a: Audited<T> | undefined): (T & { audit: AuditEntry[] }) | null =>
  a ? copy({ ...a.value, audit: a.audit }) : null;

export class MemoryCatalogueStore implements CatalogueStore {
  private readonly campaigns = new Map<string, Campaign>();
  private readonly years = new Map<string, Audited<CampaignYear>>();
  private readonly tasks = new Map<string, Task[]>();
  private readonly units = new Map<string, Audited<Unit>>();
  private readonly reopenings = new Map<string, Audited<Omit<Reopening, 'audit'>>>();
  /** Campaign years that have reports. */
  private readonly reported = new Set<string>();

  async getCampaign(campaignId: string) {
    return byKey(this.campaigns, campaignId);
  }
  async listCampaigns() {
    return [...this.campaigns.keys()].sort().map((k) => copy(this.campaigns.get(k)!));
  }
  async putCampaign(campaign: Campaign) {
    this.campaigns.set(campaign.campaignId, copy(campaign));
  }
  async getCampaignYear(campaignId: string, year: number): Promise<CampaignYearRecord | null> {
    const key = `${campaignId}#${year}`;
    const record = withAudit(this.years.get(key));
    return record && this.reported.has(key) ? { ...record, reported: true } : record;
  }
  async saveCampaignYear(
    cy: CampaignYear,
    entry: AuditEntry,
    expectedAuditLength: number | null,
    expectReported: boolean,
  ) {
    const key = `${cy.campaignId}#${cy.year}`;
    const reported = this.reported.has(key);
    if (reported && !expectReported && expectedAuditLength !== null) return false;
    return auditedSave(this.years, key, cy, entry, expectedAuditLength);
  }
  async markReported(campaignId: string, year: number, expectedAuditLength: number) {
    const key = `${campaignId}#${year}`;
    if (this.years.get(key)?.audit.length !== expectedAuditLength) return false;
    this.reported.add(key);
    return true;
  }
  async getTasks(campaignId: string, catalogue: string) {
    return byKey(this.tasks, `${campaignId}#${catalogue}`) ?? [];
  }
  async putTasks(campaignId: string, catalogue: string, tasks: Task[]) {
    this.tasks.set(`${campaignId}#${catalogue}`, copy(tasks));
  }
  async getUnit(unitId: string): Promise<UnitRecord | null> {
    return withAudit(this.units.get(unitId));
  }
  async listUnits(filter: { level?: Unit['level']; cluster?: string }) {
    return [...this.units.keys()]
      .sort()
      .map((k) => copy(this.units.get(k)!.value))
      .filter((u) => (!filter.level || u.level === filter.level) && (!filter.cluster || u.cluster === filter.cluster));
  }
  async saveUnit(unit: Unit, entry: AuditEntry, expectedAuditLength: number | null) {
    return auditedSave(this.units, unit.unitId, unit, entry, expectedAuditLength);
  }
  async getReopening(campaignId: string, unitId: string, year: number) {
    return withAudit(this.reopenings.get(`${campaignId}#${unitId}#${year}`));
  }
  async saveReopening(r: Omit<Reopening, 'audit'>, entry: AuditEntry) {
    auditedSave(this.reopenings, `${r.campaignId}#${r.unitId}#${r.year}`, r, entry, undefined);
  }
}

const slotPartition = (k: SlotKey) => `${k.campaignId}#${k.year}#${k.unitId}`;
/** Sort keys as the table has them: versions of a slot in order, the review queue by time of report. */
const unitSortKey = (s: Submission) => `${s.slotId}#${String(s.version).padStart(6, '0')}`;
const queueSortKey = (s: Submission) => `${s.submittedAt}#${s.unitId}#${s.slotId}#${s.version}`;

export class MemorySubmissionStore implements SubmissionStore {
  private readonly tokens = new PageTokens(async () => randomBytes(32));
  /** Unit-year partition → sort key → version. */
  private readonly partitions = new Map<string, Map<string, Submission>>();

  private partition(k: SlotKey) {
    let p = this.partitions.get(slotPartition(k));
    if (!p) {
      p = new Map();
      this.partitions.set(slotPartition(k), p);
    }
    return p;
  }
  private stored(s: Submission & { version: number }) {
    return this.partitions.get(slotPartition(s))?.get(unitSortKey(s));
  }

  async get(submissionId: string) {
    for (const p of this.partitions.values())
      for (const s of p.values()) if (s.submissionId === submissionId) return copy(s);
    return null;
  }
  async slotVersions(k: SlotKey) {
    return [...this.partition(k).values()]
      .filter((s) => s.slotId === k.slotId)
      .sort((a, b) => a.version - b.version)
      .map(copy);
  }
  async latestInSlot(k: SlotKey) {
    return (await this.slotVersions(k)).at(-1) ?? null;
  }
  async create(s: Submission, supersedes?: { previous: Submission; entry: AuditEntry }) {
    const p = this.partition(s);
    if (p.has(unitSortKey(s))) throw new VersionTaken();
    p.set(unitSortKey(s), copy(s));
    if (supersedes) await this.supersede(supersedes.previous, supersedes.entry);
  }
  async supersede(previous: Submission, entry: AuditEntry) {
    const s = this.stored(previous);
    if (!s || s.status === 'superseded') return;
    s.status = 'superseded';
    s.audit.push(copy(entry));
  }
  async decide(submission: Submission, review: Review, entry: AuditEntry, expectedVersion: number) {
    const s = this.stored(submission);
    if (s?.status !== 'submitted' || s.version !== expectedVersion) return false;
    s.status = review.decision;
    s.review = copy(review);
    s.audit.push(copy(entry));
    return true;
  }
  async list(q: SubmissionQuery): Promise<Page<Submission>> {
    let partition: string;
    let rows: Array<[string, Submission]>;
    if (q.unitId) {
      partition = `UY#${q.campaignId}#${q.year}#${q.unitId}`;
      rows = [...(this.partitions.get(`${q.campaignId}#${q.year}#${q.unitId}`)?.values() ?? [])]
        .filter((s) => !q.status || s.status === q.status)
        .map((s) => [unitSortKey(s), s]);
    } else {
      partition = `ST#${q.campaignId}#${q.year}#${q.status}`;
      rows = [...this.partitions.values()]
        .flatMap((p) => [...p.values()])
        .filter((s) => s.campaignId === q.campaignId && s.year === q.year && s.status === q.status)
        .map((s) => [queueSortKey(s), s]);
    }
    const ascending = q.unitId ? true : q.oldestFirst;
    rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0) * (ascending ? 1 : -1));
    const after = q.nextToken ? ((await this.tokens.open(q.nextToken, partition)).after ?? null) : null;
    const rest = after === null ? rows : rows.filter(([k]) => (ascending ? k > after : k < after));
    const matching = rest.filter(
      ([, s]) =>
        (!q.level || s.unitLevel === q.level) &&
        (!q.cluster || s.unitCluster === q.cluster) &&
        (!q.criterionId || s.criterionId === q.criterionId),
    );
    const page = matching.slice(0, q.limit);
    const last = page.at(-1);
    const more = page.length === q.limit && last !== undefined && rest.at(-1)?.[0] !== last[0];
    return {
      items: page.map(([, s]) => copy(s)),
      nextToken: more ? await this.tokens.seal({ after: last[0] }, partition) : null,
    };
  }
  async currentFigures(campaignId: string, year: number, unitId?: string) {
    const latest = new Map<string, Submission>();
    let itemsRead = 0;
    for (const p of this.partitions.values()) {
      for (const s of p.values()) {
        if (s.campaignId !== campaignId || s.year !== year || (unitId && s.unitId !== unitId)) continue;
        if (s.status === 'superseded') continue;
        itemsRead++;
        const k = `${s.unitId}#${s.slotId}`;
        if ((latest.get(k)?.version ?? 0) < s.version) latest.set(k, s);
      }
    }
    const figures = [...latest.values()].map((s) => ({
      unitId: s.unitId,
      slotId: s.slotId,
      criterionId: s.criterionId,
      status: s.status,
      value: copy(s.review?.correctedValue ?? s.value),
      points: s.review?.points ?? null,
    }));
    return { figures, itemsRead };
  }
}

export class MemoryResultStore implements ResultStore {
  private readonly runs = new Map<string, AggregationRun>();
  private readonly results = new Map<string, YearResults>();

  async putRun(run: AggregationRun) {
    this.runs.set(`${run.campaignId}#${run.year}#${run.startedAt}#${run.runId}`, copy(run));
  }
  async listRuns(campaignId: string, year: number) {
    const prefix = `${campaignId}#${year}#`;
    return [...this.runs.keys()]
      .filter((k) => k.startsWith(prefix))
      .sort()
      .reverse()
      .map((k) => copy(this.runs.get(k)!));
  }
  async writeResults(campaignId: string, year: number, results: YearResults) {
    this.results.set(`${campaignId}#${year}`, copy(results));
    return 1;
  }
  async readResults(campaignId: string, year: number) {
    return byKey(this.results, `${campaignId}#${year}`);
  }
}

export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly records = new Map<string, IdempotencyRecord>();

  async claim(scope: string, key: string, requestHash: string, now: Date, staleAfterMs: number, keepMs: number) {
    const k = `${scope}#${key}`;
    const existing = this.records.get(k);
    const free =
      !existing ||
      existing.expiresAt < Math.floor(now.getTime() / 1000) ||
      (existing.state === 'pending' &&
        existing.requestHash === requestHash &&
        existing.createdAt < new Date(now.getTime() - staleAfterMs).toISOString());
    if (!free) return copy(existing);
    this.records.set(k, {
      requestHash,
      state: 'pending',
      response: null,
      createdAt: now.toISOString(),
      expiresAt: Math.ceil((now.getTime() + keepMs) / 1000),
    });
    return null;
  }
  async complete(scope: string, key: string, response: { statusCode: number; body: string }) {
    const r = this.records.get(`${scope}#${key}`);
    if (r) this.records.set(`${scope}#${key}`, { ...r, state: 'done', response: copy(response) });
  }
  async release(scope: string, key: string) {
    this.records.delete(`${scope}#${key}`);
  }
}

export const memoryStores = (): Stores => ({
  catalogue: new MemoryCatalogueStore(),
  submissions: new MemorySubmissionStore(),
  results: new MemoryResultStore(),
  idempotency: new MemoryIdempotencyStore(),
});
