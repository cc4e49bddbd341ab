/**
 * The domain's stores in memory: the same behaviour as the DynamoDB adapters (the contract suite in
 * test/contract proves it), so use-case tests run in milliseconds. Everything is copied in and out,
 * as a database would, so no caller can change stored data by holding a reference.
 */
import { randomBytes } from 'node:crypto';
import type { TieDecision } from '../../shared/domain/awards.js';
import { type EvidenceFile, fileHashesOf } from '../../shared/domain/evidence-files.js';
import type { OutboxMessage } from '../../shared/domain/reminders.js';
import type { MeetingMinutes, Objection, VoterRecord, VoteTotals } from '../../shared/domain/round.js';
import type { PdfSignature, TrustAnchor } from '../../shared/domain/signatures.js';
import type { RoundStage } from '../../shared/domain/stages.js';
import type {
  ApiClient,
  AuditEntry,
  Campaign,
  CampaignYear,
  ImportStatus,
  Recommendation,
  Review,
  Submission,
  Task,
  Unit,
} from '../../shared/domain/types.js';
import type { AwardRevocation, Finalization } from '../../shared/domain/year-results.js';
import {
  type AggregationRun,
  type CampaignYearRecord,
  type CatalogueStore,
  type ClientStore,
  type EvidenceFileRecord,
  type EvidenceFileStore,
  type IdempotencyRecord,
  type IdempotencyStore,
  type IdempotentAnswer,
  type ImportJob,
  type ImportStore,
  type MessageStore,
  type MinutesRecord,
  type ObjectionRecord,
  OwnUnitDecision,
  PAGE_BYTES,
  type Page,
  type PageQuery,
  type PublishRefusal,
  type Reopening,
  type ResultStore,
  type RoundStore,
  type SlotKey,
  type StageReopening,
  type Stores,
  type SubmissionQuery,
  type SubmissionStore,
  type TrustAnchorStore,
  type UnitRecord,
  VersionTaken,
  type YearClustersRecord,
  YearLocked,
  type YearResults,
} from '../../shared/ports.js';
import { PageTokens } from '../page-tokens.js';

const copy = <T>(value: T): T => structuredClone(value);
const byKey = <T>(map: Map<string, T>, key: string): T | null => {
  const v = map.get(key);
  return v === undefined ? null : copy(v);
};

/**
 * One page of a listing whose rows are in listing order, keyed by unique sort keys: at most `page.limit` rows and
 * PAGE_BYTES of them (always at least one), as the DynamoDB adapter pages.
 */
async function pageOf<T>(
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
interface Audited<T> {
  value: T;
  revision: number;
  audit: AuditEntry[];
}

/** `expected`: the revision the value must have (0: must not exist yet), the optimistic lock. */
function auditedSave<T>(map: Map<string, Audited<T>>, key: string, value: T, entry: AuditEntry, expected: number) {
  const existing = map.get(key);
  if ((existing?.revision ?? 0) !== expected) return false;
  map.set(key, { value: copy(value), revision: expected + 1, audit: [...(existing?.audit ?? []), copy(entry)] });
  return true;
}
const revised = <T>(a: Audited<T> | undefined): (T & { revision: number }) | null =>
  a ? copy({ ...a.value, revision: a.revision }) : null;
/** The entries as rows of a history in time order, keyed as the table keys them (time, item, revision). */
const entryRows = (item: string, a: Audited<unknown> | undefined): Array<[string, AuditEntry]> =>
  (a?.audit ?? []).map((e, i) => [`${e.at}#${item}#${String(i + 1).padStart(8, '0')}`, e]);

/** The catalogue, the client registry and the files' records in one: their changes belong to their unit's history. */
export class MemoryCatalogueStore implements CatalogueStore, ClientStore, EvidenceFileStore, MessageStore, RoundStore {
  private readonly messages = new Map<string, OutboxMessage>();
  /** The round's records by their key within the year (`campaign#year#…`), so the year's history finds them. */
  private readonly roundRecords = new Map<string, Audited<unknown>>();
  private readonly voters = new Map<string, VoterRecord>();
  private readonly totals = new Map<string, VoteTotals>();
  private readonly tieDecisions = new Map<string, Audited<TieDecision>>();
  private readonly finalizations = new Map<string, Audited<Finalization>>();
  private readonly revocations = new Map<string, Audited<AwardRevocation>>();
  private readonly campaigns = new Map<string, Audited<Campaign>>();
  private readonly years = new Map<string, Audited<CampaignYear>>();
  private readonly tasks = new Map<string, Audited<Task[]>>();
  private readonly units = new Map<string, Audited<Unit>>();
  private readonly reopenings = new Map<string, Audited<Omit<Reopening, 'revision'>>>();
  private readonly clients = new Map<string, Audited<ApiClient>>();
  private readonly clientPlaces = new Map<string, string>();
  private readonly files = new Map<string, Audited<EvidenceFile>>();
  private readonly tokens = new PageTokens(async () => randomBytes(32));
  private readonly yearClusters = new Map<string, Audited<Omit<YearClustersRecord, 'revision'>>>();
  /** Campaign years that have reports. */
  private readonly reported = new Set<string>();

  async getCampaign(campaignId: string) {
    return revised(this.campaigns.get(campaignId));
  }
  async listCampaigns() {
    return [...this.campaigns.keys()].sort().map((k) => revised(this.campaigns.get(k))!);
  }
  async saveCampaign(campaign: Campaign, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.campaigns, campaign.campaignId, campaign, entry, expectedRevision);
  }
  async campaignHistory(campaignId: string, page: PageQuery) {
    // One history: the campaign's changes and its task catalogues', in time order.
    const catalogues = [...this.tasks.entries()]
      .filter(([k]) => k.startsWith(`${campaignId}#`))
      .flatMap(([k, t]) => entryRows(`TASKS#${k}`, t));
    const rows = [...entryRows('CAMPAIGN', this.campaigns.get(campaignId)), ...catalogues];
    return pageOf(
      this.tokens,
      rows.sort(([a], [b]) => (a < b ? -1 : 1)),
      `AUDIT=CAMPAIGN#${campaignId}`,
      page,
    );
  }
  async getCampaignYear(campaignId: string, year: number): Promise<CampaignYearRecord | null> {
    const key = `${campaignId}#${year}`;
    const record = revised(this.years.get(key));
    return record && this.reported.has(key) ? { ...record, reported: true } : record;
  }
  async saveCampaignYear(cy: CampaignYear, entry: AuditEntry, expectedRevision: number, expectReported: boolean) {
    const key = `${cy.campaignId}#${cy.year}`;
    if (this.reported.has(key) && !expectReported) return false;
    return auditedSave(this.years, key, cy, entry, expectedRevision);
  }
  async getYearClusters(campaignId: string, year: number) {
    return revised(this.yearClusters.get(`${campaignId}#${year}`));
  }
  async saveYearClusters(r: Omit<YearClustersRecord, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.yearClusters, `${r.campaignId}#${r.year}`, r, entry, expectedRevision);
  }
  async campaignYearHistory(campaignId: string, year: number, page: PageQuery) {
    // One history: the year's rules, its clusters and its finalization, in time order.
    const key = `${campaignId}#${year}`;
    const rows = [
      ...entryRows('YEAR', this.years.get(key)),
      ...entryRows('CLUSTERS', this.yearClusters.get(key)),
      ...entryRows('FINAL', this.finalizations.get(key)),
      ...[...this.revocations.entries()]
        .filter(([k]) => k.startsWith(`${key}#`))
        .flatMap(([k, r]) => entryRows(`REVOKE#${k.slice(key.length + 1)}`, r)),
      ...[...this.tieDecisions.entries()]
        .filter(([k]) => k.startsWith(`${key}#`))
        .flatMap(([k, r]) => entryRows(`TIE#${k.slice(key.length + 1)}`, r)),
      ...[...this.roundRecords.entries()]
        .filter(([k]) => k.startsWith(`${key}#`))
        .flatMap(([k, r]) => entryRows(k.slice(key.length + 1), r)),
    ];
    return pageOf(
      this.tokens,
      rows.sort(([a], [b]) => (a < b ? -1 : 1)),
      `AUDIT=${key}`,
      page,
    );
  }
  async markReported(campaignId: string, year: number, expectedRevision: number) {
    const key = `${campaignId}#${year}`;
    if ((this.years.get(key)?.revision ?? 0) !== expectedRevision) return false;
    this.reported.add(key);
    return true;
  }
  async getTasks(campaignId: string, catalogue: string) {
    return (await this.getTaskCatalogue(campaignId, catalogue))?.tasks ?? [];
  }
  async getTaskCatalogue(campaignId: string, catalogue: string) {
    const t = this.tasks.get(`${campaignId}#${catalogue}`);
    return t ? { tasks: copy(t.value), revision: t.revision } : null;
  }
  async saveTasks(campaignId: string, catalogue: string, tasks: Task[], entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.tasks, `${campaignId}#${catalogue}`, tasks, entry, expectedRevision);
  }
  async getUnit(unitId: string): Promise<UnitRecord | null> {
    return revised(this.units.get(unitId));
  }
  async listUnits(filter: { level?: Unit['level']; cluster?: string }) {
    return [...this.units.keys()]
      .sort()
      .map((k) => copy(this.units.get(k)!.value))
      .filter((u) => (!filter.level || u.level === filter.level) && (!filter.cluster || u.cluster === filter.cluster));
  }
  async saveUnit(unit: Unit, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.units, unit.unitId, unit, entry, expectedRevision);
  }
  async unitHistory(unitId: string, page: PageQuery) {
    // One history: the unit's own changes and its reopenings', in time order.
    const reopenings = [...this.reopenings.entries()]
      .filter(([, r]) => r.value.unitId === unitId)
      .flatMap(([k, r]) => entryRows(`REOPEN#${k}`, r));
    const clients = [...this.clients.entries()]
      .filter(([, c]) => c.value.unitId === unitId)
      .flatMap(([k, c]) => entryRows(`CLIENT#${k}`, c));
    const files = [...this.files.entries()]
      .filter(([, f]) => f.value.unitId === unitId)
      .flatMap(([k, f]) => entryRows(`FILE#${k}`, f));
    const rows = [...entryRows('UNIT', this.units.get(unitId)), ...reopenings, ...clients, ...files].sort(([a], [b]) =>
      a < b ? -1 : 1,
    );
    return pageOf(this.tokens, rows, `AUDIT=${unitId}`, page);
  }
  async getReopening(campaignId: string, unitId: string, year: number) {
    return revised(this.reopenings.get(`${campaignId}#${unitId}#${year}`));
  }
  async saveReopening(r: Omit<Reopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.reopenings, `${r.campaignId}#${r.unitId}#${r.year}`, r, entry, expectedRevision);
  }
  async getClient(clientId: string) {
    return revised(this.clients.get(clientId));
  }
  async listClients(unitId: string) {
    return [...this.clients.values()]
      .filter((c) => c.value.unitId === unitId)
      .map((c) => revised(c)!)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }
  async saveClient(client: ApiClient, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.clients, client.clientId, client, entry, expectedRevision);
  }
  async claimClientPlace(unitId: string, holder: string, limit: number) {
    for (let place = 0; place < limit; place++)
      if (!this.clientPlaces.has(`${unitId}#${place}`)) {
        this.clientPlaces.set(`${unitId}#${place}`, holder);
        return place;
      }
    return null;
  }
  async releaseClientPlace(unitId: string, place: number, holder: string) {
    if (this.clientPlaces.get(`${unitId}#${place}`) === holder) this.clientPlaces.delete(`${unitId}#${place}`);
  }
  async getFile(fileId: string) {
    return revised(this.files.get(fileId));
  }
  async signaturesOf(fileIds: readonly string[]) {
    const found = new Map<string, PdfSignature[]>();
    for (const id of fileIds) {
      const signatures = this.files.get(id)?.value.signatures;
      if (signatures?.length) found.set(id, structuredClone(signatures));
    }
    return found;
  }
  async listFiles(unitId: string, page: PageQuery) {
    const rows = [...this.files.values()]
      .filter((f) => f.value.unitId === unitId)
      .map((f): [string, EvidenceFileRecord] => [`${f.value.createdAt}#${f.value.fileId}`, revised(f)!])
      .sort(([a], [b]) => (a < b ? 1 : -1));
    return pageOf(this.tokens, rows, `FILES=${unitId}`, page, false);
  }
  async saveFile(file: EvidenceFile, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.files, file.fileId, file, entry, expectedRevision);
  }
  async listRevocations(campaignId: string, year: number) {
    return [...this.revocations.values()]
      .filter((r) => r.value.campaignId === campaignId && r.value.year === year)
      .map((r) => copy(r.value))
      .sort((a, b) => a.unitId.localeCompare(b.unitId));
  }
  async saveRevocation(revocation: AwardRevocation, entry: AuditEntry) {
    const key = `${revocation.campaignId}#${revocation.year}#${revocation.unitId}`;
    return auditedSave(this.revocations, key, revocation, entry, 0);
  }
  async listTieDecisions(campaignId: string, year: number) {
    return [...this.tieDecisions.entries()]
      .filter(([, d]) => d.value.campaignId === campaignId && d.value.year === year)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, d]) => copy(d.value));
  }
  async saveTieDecision(d: TieDecision, entry: AuditEntry) {
    return auditedSave(this.tieDecisions, `${d.campaignId}#${d.year}#${d.group}#${d.award}`, d, entry, 0);
  }
  async getStageReopening(campaignId: string, year: number, stage: RoundStage) {
    return this.roundGet<StageReopening>(`${campaignId}#${year}#STAGE#${stage}`);
  }
  async saveStageReopening(r: Omit<StageReopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.roundSave(`${r.campaignId}#${r.year}#STAGE#${r.stage}`, r, entry, expectedRevision);
  }
  async getObjection(campaignId: string, year: number, unitId: string, criterionId: string) {
    return this.roundGet<ObjectionRecord>(`${campaignId}#${year}#OBJ#U#${unitId}#C#${criterionId}`);
  }
  async saveObjection(o: Objection, entry: AuditEntry, expectedRevision: number) {
    return this.roundSave(`${o.campaignId}#${o.year}#OBJ#U#${o.unitId}#C#${o.criterionId}`, o, entry, expectedRevision);
  }
  async listObjections(campaignId: string, year: number, unitId: string | null, page: PageQuery) {
    const prefix = `${campaignId}#${year}#OBJ#U#${unitId ? `${unitId}#C#` : ''}`;
    const rows = [...this.roundRecords.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, a]): [string, ObjectionRecord] => [k, revised(a as Audited<Objection>)!])
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return pageOf(this.tokens, rows, `OBJ=${prefix}`, page);
  }
  async castBallot(voter: VoterRecord, candidates: string[], entry: AuditEntry) {
    const vote = `${voter.campaignId}#${voter.year}#VOTE#${voter.clusterId}`;
    if (this.voters.has(`${vote}#${voter.unitId}`)) return false;
    this.voters.set(`${vote}#${voter.unitId}`, copy(voter));
    const totals = this.totals.get(vote) ?? { ballots: 0, votes: {} };
    totals.ballots++;
    for (const c of candidates) totals.votes[c] = (totals.votes[c] ?? 0) + 1;
    this.totals.set(vote, totals);
    this.roundRecords.set(`${vote}#VOTER#${voter.unitId}`, { value: null, revision: 1, audit: [copy(entry)] });
    return true;
  }
  async listVoters(campaignId: string, year: number, clusterId: string) {
    const prefix = `${campaignId}#${year}#VOTE#${clusterId}#`;
    return [...this.voters.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, v]) => copy(v));
  }
  async voteTotals(campaignId: string, year: number, clusterId: string) {
    return copy(this.totals.get(`${campaignId}#${year}#VOTE#${clusterId}`) ?? { ballots: 0, votes: {} });
  }
  async getMinutes(campaignId: string, year: number, clusterId: string) {
    return this.roundGet<MinutesRecord>(`${campaignId}#${year}#MINUTES#${clusterId}`);
  }
  async saveMinutes(m: MeetingMinutes, entry: AuditEntry, expectedRevision: number) {
    return this.roundSave(`${m.campaignId}#${m.year}#MINUTES#${m.clusterId}`, m, entry, expectedRevision);
  }
  private roundGet<T>(key: string) {
    return Promise.resolve(revised(this.roundRecords.get(key)) as T | null);
  }
  private async roundSave(key: string, value: unknown, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.roundRecords, key, value, entry, expectedRevision);
  }
  isFinal(campaignId: string, year: number) {
    return this.finalizations.get(`${campaignId}#${year}`)?.value.state === 'final';
  }
  /** The year's finalization as the result store's publish condition reads it (the same store, at once). */
  finalizationOf(campaignId: string, year: number) {
    return copy(this.finalizations.get(`${campaignId}#${year}`)?.value ?? null);
  }
  async getFinalization(campaignId: string, year: number) {
    return revised(this.finalizations.get(`${campaignId}#${year}`));
  }
  async saveFinalization(record: Finalization, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.finalizations, `${record.campaignId}#${record.year}`, record, entry, expectedRevision);
  }
  async claimMessage(message: OutboxMessage) {
    const existing = this.messages.get(message.messageId);
    if (existing && existing.status !== 'failed') return false;
    this.messages.set(message.messageId, copy({ ...message, status: 'sending' }));
    return true;
  }
  async finishMessage(message: OutboxMessage) {
    this.messages.set(message.messageId, copy(message));
  }
  async listMessages(mailbox: string, page: PageQuery) {
    const rows = [...this.messages.values()]
      .filter((m) => m.mailbox === mailbox)
      .map((m): [string, OutboxMessage] => [`${m.createdAt}#${m.messageId}`, m])
      .sort(([a], [b]) => (a < b ? 1 : -1));
    return pageOf(this.tokens, rows, `MAILBOX=${mailbox}`, page, false);
  }
}

const slotPartition = (k: SlotKey) => `${k.campaignId}#${k.year}#${k.unitId}`;
/** Sort keys as the table has them: versions of a slot in order, the review queue by time of report. */
const unitSortKey = (s: Submission) => `${s.slotId}#${String(s.version).padStart(6, '0')}`;
const queueSortKey = (s: Submission) => `${s.submittedAt}#${s.unitId}#${s.slotId}#${s.version}`;

export class MemorySubmissionStore implements SubmissionStore {
  private readonly tokens = new PageTokens(async () => randomBytes(32));
  /** Whether a year is finalized: the catalogue's answer, checked in the write as a transaction would. */
  constructor(private readonly yearFinal: (campaignId: string, year: number) => boolean = () => false) {}
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
  private versionsOf(k: SlotKey) {
    return [...this.partition(k).values()].filter((s) => s.slotId === k.slotId).sort((a, b) => a.version - b.version);
  }
  async slotVersions(k: SlotKey, page: PageQuery) {
    const rows = this.versionsOf(k).map((s): [string, Submission] => [unitSortKey(s), s]);
    return pageOf(this.tokens, rows, `SLOT=${slotPartition(k)}#${k.slotId}`, page);
  }
  async latestInSlot(k: SlotKey) {
    const latest = this.versionsOf(k).at(-1);
    return latest ? copy(latest) : null;
  }
  async create(s: Submission, supersedes?: { previous: Submission; entry: AuditEntry }) {
    if (this.yearFinal(s.campaignId, s.year)) throw new YearLocked();
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
    if (this.yearFinal(submission.campaignId, submission.year)) throw new YearLocked();
    if (review.deciderUnitId && review.deciderUnitId === this.stored(submission)?.unitId) throw new OwnUnitDecision();
    const s = this.stored(submission);
    if (s?.status !== 'submitted' || s.version !== expectedVersion) return false;
    s.status = review.decision;
    s.review = copy(review);
    s.audit.push(copy(entry));
    return true;
  }
  async recommend(submission: Submission, recommendation: Recommendation, entry: AuditEntry, expectedVersion: number) {
    const s = this.stored(submission);
    if (recommendation.unitId === s?.unitId) throw new OwnUnitDecision();
    if (s?.status !== 'submitted' || s.version !== expectedVersion) return false;
    s.recommendation = copy(recommendation);
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
    const matching = rows.filter(
      ([, s]) =>
        (!q.level || s.unitLevel === q.level) &&
        (!q.cluster || s.unitCluster === q.cluster) &&
        (!q.criterionId || s.criterionId === q.criterionId),
    );
    return pageOf(this.tokens, matching, partition, q, ascending);
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
      version: s.version,
      decidedBy: s.review?.decidedBy ?? null,
      decidedAt: s.review?.decidedAt ?? null,
      fileHashes: fileHashesOf(s),
    }));
    const signedFiles = [...latest.values()].flatMap((s) =>
      (s.signedEvidence ?? []).map((sha256) => ({ unitId: s.unitId, sha256 })),
    );
    return { figures, itemsRead, signedFiles };
  }
}

export class MemoryResultStore implements ResultStore {
  private readonly runs = new Map<string, AggregationRun>();
  /** Each run's results under its id; `current` names the published run of each year. */
  private readonly results = new Map<string, YearResults>();
  private readonly current = new Map<string, { runId: string; startedAt: string }>();

  constructor(private readonly finalization: (campaignId: string, year: number) => Finalization | null = () => null) {}

  async putRun(run: AggregationRun) {
    this.runs.set(`${run.campaignId}#${run.year}#${run.runId}`, copy(run));
  }
  async startRun(run: AggregationRun, now: Date) {
    const held = this.runs.get(`${run.campaignId}#${run.year}#${run.runId}`);
    const free =
      held?.status === 'queued' ||
      held?.status === 'failed' ||
      (held?.status === 'running' && held.leaseUntil !== null && held.leaseUntil < now.toISOString());
    if (free) this.runs.set(`${run.campaignId}#${run.year}#${run.runId}`, copy(run));
    return free;
  }
  async getRun(campaignId: string, year: number, runId: string) {
    return byKey(this.runs, `${campaignId}#${year}#${runId}`);
  }
  async listRuns(campaignId: string, year: number) {
    const prefix = `${campaignId}#${year}#`;
    return [...this.runs.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, r]) => copy(r))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.runId.localeCompare(a.runId));
  }
  async writeResults(campaignId: string, year: number, runId: string, results: YearResults) {
    this.results.set(`${campaignId}#${year}#${runId}`, copy(results));
    return 1;
  }
  async publishResults(run: AggregationRun, now: Date): Promise<PublishRefusal | null> {
    const held = this.runs.get(`${run.campaignId}#${run.year}#${run.runId}`);
    if (
      held?.status !== 'running' ||
      held.leaseUntil !== run.leaseUntil ||
      !run.leaseUntil ||
      Date.parse(run.leaseUntil) <= now.getTime() ||
      !this.results.has(`${run.campaignId}#${run.year}#${run.runId}`)
    )
      return 'lease-lost';
    const f = this.finalization(run.campaignId, run.year);
    if (f?.state === 'final' && !(run.finalizing && f.pendingRunId === run.runId)) return 'finalized';
    const year = `${run.campaignId}#${run.year}`;
    const now_ = this.current.get(year);
    if (now_ && now_.startedAt > run.startedAt) return 'superseded';
    this.current.set(year, { runId: run.runId, startedAt: run.startedAt });
    return null;
  }
  async readResults(campaignId: string, year: number) {
    const current = this.current.get(`${campaignId}#${year}`);
    const results = current && this.results.get(`${campaignId}#${year}#${current.runId}`);
    if (!current || !results) return null;
    const { pages: _pages, ...rest } = copy(results);
    return { ...rest, runId: current.runId };
  }
  async readUnitPage(campaignId: string, year: number, unitId: string) {
    const current = this.current.get(`${campaignId}#${year}`);
    const results = current && this.results.get(`${campaignId}#${year}#${current.runId}`);
    return copy(results?.pages.find((p) => p.unit.unitId === unitId) ?? null);
  }
  async pruneResults(campaignId: string, year: number, before: Date) {
    const current = this.current.get(`${campaignId}#${year}`);
    let removed = 0;
    for (const r of await this.listRuns(campaignId, year)) {
      const key = `${campaignId}#${year}#${r.runId}`;
      if (r.runId === current?.runId || r.status === 'queued' || r.status === 'running') continue;
      if (Date.parse(r.finishedAt ?? r.startedAt) < before.getTime() && this.results.delete(key)) removed++;
    }
    return removed;
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
  async complete(scope: string, key: string, response: IdempotentAnswer) {
    const r = this.records.get(`${scope}#${key}`);
    if (r) this.records.set(`${scope}#${key}`, { ...r, state: 'done', response: copy(response) });
  }
  async release(scope: string, key: string) {
    this.records.delete(`${scope}#${key}`);
  }
}

export class MemoryTrustAnchorStore implements TrustAnchorStore {
  private readonly anchors = new Map<string, TrustAnchor>();

  async listTrustAnchors() {
    return [...this.anchors.values()].sort((a, b) => a.sha256.localeCompare(b.sha256)).map(copy);
  }
  async addTrustAnchor(anchor: TrustAnchor) {
    if (this.anchors.has(anchor.sha256)) return false;
    this.anchors.set(anchor.sha256, copy(anchor));
    return true;
  }
}

export class MemoryImportStore implements ImportStore {
  private readonly jobs = new Map<string, ImportJob>();

  async createImport(job: ImportJob) {
    if (this.jobs.has(job.importId)) throw new Error(`import ${job.importId} exists`);
    this.jobs.set(job.importId, copy(job));
  }
  async getImport(importId: string) {
    return copy(this.jobs.get(importId) ?? null);
  }
  async moveImport(job: ImportJob, from: ImportStatus[]) {
    const current = this.jobs.get(job.importId);
    if (!current || !from.includes(current.status)) return false;
    this.jobs.set(job.importId, copy(job));
    return true;
  }
}

export function memoryStores(): Stores {
  const catalogue = new MemoryCatalogueStore();
  return {
    catalogue,
    trust: new MemoryTrustAnchorStore(),
    clients: catalogue,
    files: catalogue,
    messages: catalogue,
    round: catalogue,
    submissions: new MemorySubmissionStore((campaignId, year) => catalogue.isFinal(campaignId, year)),
    results: new MemoryResultStore((campaignId, year) => catalogue.finalizationOf(campaignId, year)),
    idempotency: new MemoryIdempotencyStore(),
    imports: new MemoryImportStore(),
  };
}
