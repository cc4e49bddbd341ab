/** Reports (báo cáo) in memory: every version of a unit's slot, the review queue, the year's current figures. */
import { randomBytes } from 'node:crypto';
import { fileHashesOf } from '../../shared/domain/evidence-files.js';
import type { AuditEntry, Recommendation, Review, Submission } from '../../shared/domain/types.js';
import {
  OwnUnitDecision,
  type Page,
  type PageQuery,
  type SlotKey,
  type SubmissionQuery,
  type SubmissionStore,
  VersionTaken,
  YearLocked,
} from '../../shared/ports/index.js';
import { PageTokens } from '../page-tokens.js';
import { copy, pageOf } from './table.js';

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
