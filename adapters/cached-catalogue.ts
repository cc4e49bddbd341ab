/**
 * A catalogue store that remembers what a burst of requests reads again and again — the campaign, its
 * year's criteria set, units, task catalogues — for a short, explicit lifetime. Writes through it forget
 * what they change, so one process (the local server) always reads its own writes; another Lambda
 * container sees an admin's change after at most `ttlMs`. The catalogue function itself reads fresh.
 */
import type { TieDecision } from '../shared/domain/awards.js';
import type { AuditEntry, Campaign, CampaignYear, Task, Unit } from '../shared/domain/types.js';
import type { AwardRevocation, Finalization } from '../shared/domain/year-results.js';
import type { CatalogueStore, PageQuery, Reopening, YearClustersRecord } from '../shared/ports/index.js';
import { deepFreeze } from './deep-freeze.js';

export class CachedCatalogueStore implements CatalogueStore {
  private readonly entries = new Map<string, { until: number; value: Promise<unknown> }>();

  constructor(
    private readonly inner: CatalogueStore,
    private readonly ttlMs: number,
    /** Monotonic milliseconds; lifetimes are real time, whatever clock the domain runs on. */
    private readonly now: () => number = () => performance.now(),
    /**
     * Whether this process is the table's only writer (the local server, which holds its data directory's lock): its
     * own writes pass here and forget what they change, so even the year's finalization may be remembered.
     */
    private readonly soleWriter = false,
  ) {}

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value as Promise<T>;
    const value = load().then(deepFreeze);
    this.entries.set(key, { until: this.now() + this.ttlMs, value });
    // A failed read is not remembered.
    value.catch(() => this.entries.delete(key));
    return value;
  }
  /** Forgets before and after the write: a read that overlapped the write may have cached the old value. */
  private async writing<T>(key: string, write: () => Promise<T>): Promise<T> {
    this.entries.delete(key);
    try {
      return await write();
    } finally {
      this.entries.delete(key);
    }
  }

  getCampaign(campaignId: string) {
    return this.cached(`campaign#${campaignId}`, () => this.inner.getCampaign(campaignId));
  }
  listCampaigns() {
    return this.inner.listCampaigns();
  }
  saveCampaign(campaign: Campaign, entry: AuditEntry, expectedRevision: number) {
    return this.writing(`campaign#${campaign.campaignId}`, () =>
      this.inner.saveCampaign(campaign, entry, expectedRevision),
    );
  }
  campaignHistory(campaignId: string, page: PageQuery) {
    return this.inner.campaignHistory(campaignId, page);
  }

  getCampaignYear(campaignId: string, year: number) {
    return this.cached(`year#${campaignId}#${year}`, () => this.inner.getCampaignYear(campaignId, year));
  }
  saveCampaignYear(campaignYear: CampaignYear, entry: AuditEntry, expectedRevision: number, expectReported: boolean) {
    return this.writing(`year#${campaignYear.campaignId}#${campaignYear.year}`, () =>
      this.inner.saveCampaignYear(campaignYear, entry, expectedRevision, expectReported),
    );
  }
  markReported(campaignId: string, year: number, expectedRevision: number) {
    return this.writing(`year#${campaignId}#${year}`, () =>
      this.inner.markReported(campaignId, year, expectedRevision),
    );
  }
  getYearClusters(campaignId: string, year: number) {
    return this.cached(`clusters#${campaignId}#${year}`, () => this.inner.getYearClusters(campaignId, year));
  }
  saveYearClusters(record: Omit<YearClustersRecord, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.writing(`clusters#${record.campaignId}#${record.year}`, () =>
      this.inner.saveYearClusters(record, entry, expectedRevision),
    );
  }
  // Whether a year is locked decides whether a write is taken: always read fresh.
  listRevocations(campaignId: string, year: number) {
    return this.inner.listRevocations(campaignId, year);
  }
  saveRevocation(revocation: AwardRevocation, entry: AuditEntry) {
    return this.inner.saveRevocation(revocation, entry);
  }
  listTieDecisions(campaignId: string, year: number) {
    return this.inner.listTieDecisions(campaignId, year);
  }
  saveTieDecision(decision: TieDecision, entry: AuditEntry) {
    return this.inner.saveTieDecision(decision, entry);
  }
  // Every report and decision asks whether its year is final. Where other processes write (Lambda's containers), a
  // finalization must stop them at once: read fresh. The sole writer remembers it, forgetting it when it writes one.
  getFinalization(campaignId: string, year: number) {
    const read = () => this.inner.getFinalization(campaignId, year);
    return this.soleWriter ? this.cached(`final#${campaignId}#${year}`, read) : read();
  }
  saveFinalization(record: Finalization, entry: AuditEntry, expectedRevision: number) {
    return this.writing(`final#${record.campaignId}#${record.year}`, () =>
      this.inner.saveFinalization(record, entry, expectedRevision),
    );
  }
  // Histories are read by people checking what changed: never cached.
  campaignYearHistory(campaignId: string, year: number, page: PageQuery) {
    return this.inner.campaignYearHistory(campaignId, year, page);
  }
  unitHistory(unitId: string, page: PageQuery) {
    return this.inner.unitHistory(unitId, page);
  }
  getTasks(campaignId: string, catalogue: string) {
    return this.cached(`tasks#${campaignId}#${catalogue}`, () => this.inner.getTasks(campaignId, catalogue));
  }
  // Read by the admin who changes it, under its lock: fresh.
  getTaskCatalogue(campaignId: string, catalogue: string) {
    return this.inner.getTaskCatalogue(campaignId, catalogue);
  }
  saveTasks(campaignId: string, catalogue: string, tasks: Task[], entry: AuditEntry, expectedRevision: number) {
    return this.writing(`tasks#${campaignId}#${catalogue}`, () =>
      this.inner.saveTasks(campaignId, catalogue, tasks, entry, expectedRevision),
    );
  }

  getUnit(unitId: string) {
    return this.cached(`unit#${unitId}`, () => this.inner.getUnit(unitId));
  }
  listUnits(filter: { level?: Unit['level']; cluster?: string }) {
    return this.inner.listUnits(filter);
  }
  saveUnit(unit: Unit, entry: AuditEntry, expectedRevision: number) {
    return this.writing(`unit#${unit.unitId}`, () => this.inner.saveUnit(unit, entry, expectedRevision));
  }
  // Reopenings are read only after a deadline, and must take effect at once: never cached.
  getReopening(campaignId: string, unitId: string, year: number) {
    return this.inner.getReopening(campaignId, unitId, year);
  }
  saveReopening(reopening: Omit<Reopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return this.inner.saveReopening(reopening, entry, expectedRevision);
  }
}
