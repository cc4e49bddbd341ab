/**
 * The submission store of the table's only writer (the local server, which holds its data directory's lock),
 * remembering the latest version of the figure slots it has just read or written. Every report first reads its
 * slot's latest version to number the next one; on the embedded store that read costs as much as the write
 * itself, and a unit that corrects a figure reads back what it wrote a moment before.
 *
 * Every write through here forgets its slot when it ends (a read that overlapped it may hold the old version; until
 * then, the old version is as good an answer as a read just before the write). A new version is remembered only
 * when no other write to its slot overlapped its own. Either way the store's conditional put decides which version is
 * taken; the cache only saves the read.
 */
import type { AuditEntry, Recommendation, Review, Submission } from '../shared/domain/types.js';
import type { PageQuery, SlotKey, SubmissionQuery, SubmissionStore } from '../shared/ports/index.js';
import { deepFreeze } from './deep-freeze.js';

const slotOf = (k: SlotKey) => JSON.stringify([k.campaignId, k.year, k.unitId, k.slotId]);

export class CachedSlotStore implements SubmissionStore {
  /** Slot → its latest version, least recently used first (a Map keeps insertion order). */
  private readonly latest = new Map<string, Promise<Submission | null>>();
  /** Slot → the writes to it under way, and how many have started: a write knows whether another overlapped it. */
  private readonly writes = new Map<string, { active: number; started: number }>();

  constructor(
    private readonly inner: SubmissionStore,
    /** Slots remembered at most (a year has units × criteria of them; a burst of reports touches far fewer). */
    private readonly capacity = 4096,
  ) {}

  private remember(slot: string, value: Promise<Submission | null>) {
    this.latest.delete(slot);
    this.latest.set(slot, value);
    if (this.latest.size > this.capacity) this.latest.delete(this.latest.keys().next().value!);
  }
  /** Runs a write to one slot, forgetting the slot when it ends; `alone` when no other write overlapped it. */
  private async writing<T>(slot: string, write: () => Promise<T>): Promise<{ value: T; alone: boolean }> {
    const w = this.writes.get(slot) ?? { active: 0, started: 0 };
    this.writes.set(slot, w);
    w.active++;
    const mine = ++w.started;
    try {
      const value = await write();
      return { value, alone: w.active === 1 && w.started === mine };
    } finally {
      this.latest.delete(slot);
      if (--w.active === 0) this.writes.delete(slot);
    }
  }

  latestInSlot(k: SlotKey) {
    const slot = slotOf(k);
    const hit = this.latest.get(slot);
    if (hit) {
      this.remember(slot, hit);
      return hit;
    }
    const read = this.inner.latestInSlot(k).then(deepFreeze);
    this.remember(slot, read);
    // A failed read is not remembered.
    read.catch(() => this.latest.get(slot) === read && this.latest.delete(slot));
    return read;
  }
  async create(submission: Submission, supersedes?: { previous: Submission; entry: AuditEntry }) {
    const slot = slotOf(submission);
    const { alone } = await this.writing(slot, () => this.inner.create(submission, supersedes));
    // A copy: the caller keeps its own object, and may go on using it.
    if (alone) this.remember(slot, Promise.resolve(deepFreeze(structuredClone(submission))));
  }
  async supersede(previous: Submission, entry: AuditEntry) {
    await this.writing(slotOf(previous), () => this.inner.supersede(previous, entry));
  }
  async decide(submission: Submission, review: Review, entry: AuditEntry, expectedVersion: number) {
    const { value } = await this.writing(slotOf(submission), () =>
      this.inner.decide(submission, review, entry, expectedVersion),
    );
    return value;
  }
  async recommend(submission: Submission, recommendation: Recommendation, entry: AuditEntry, expectedVersion: number) {
    const { value } = await this.writing(slotOf(submission), () =>
      this.inner.recommend(submission, recommendation, entry, expectedVersion),
    );
    return value;
  }
  // Other reads are lists and histories: read fresh.
  get(submissionId: string) {
    return this.inner.get(submissionId);
  }
  slotVersions(k: SlotKey, page: PageQuery) {
    return this.inner.slotVersions(k, page);
  }
  list(query: SubmissionQuery) {
    return this.inner.list(query);
  }
  currentFigures(campaignId: string, year: number, unitId?: string) {
    return this.inner.currentFigures(campaignId, year, unitId);
  }
}
