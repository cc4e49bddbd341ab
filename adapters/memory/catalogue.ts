/** The catalogue in memory: campaigns, years and their clusters, task catalogues, units, reopenings, finalizations. */
import type { TieDecision } from '../../shared/domain/awards.js';
import type { AuditEntry, Campaign, CampaignYear, Task, Unit } from '../../shared/domain/types.js';
import type { AwardRevocation, Finalization } from '../../shared/domain/year-results.js';
import type {
  CampaignYearRecord,
  CatalogueStore,
  PageQuery,
  Reopening,
  UnitRecord,
  YearClustersRecord,
} from '../../shared/ports/index.js';
import { auditedSave, copy, entryRows, type MemoryTable, pageOf, revised } from './table.js';

export class MemoryCatalogueStore implements CatalogueStore {
  constructor(private readonly table: MemoryTable) {}

  async getCampaign(campaignId: string) {
    return revised(this.table.campaigns.get(campaignId));
  }
  async listCampaigns() {
    return [...this.table.campaigns.keys()].sort().map((k) => revised(this.table.campaigns.get(k))!);
  }
  async saveCampaign(campaign: Campaign, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.campaigns, campaign.campaignId, campaign, entry, expectedRevision);
  }
  async campaignHistory(campaignId: string, page: PageQuery) {
    // One history: the campaign's changes and its task catalogues', in time order.
    const catalogues = [...this.table.tasks.entries()]
      .filter(([k]) => k.startsWith(`${campaignId}#`))
      .flatMap(([k, t]) => entryRows(`TASKS#${k}`, t));
    const rows = [...entryRows('CAMPAIGN', this.table.campaigns.get(campaignId)), ...catalogues];
    return pageOf(
      this.table.tokens,
      rows.sort(([a], [b]) => (a < b ? -1 : 1)),
      `AUDIT=CAMPAIGN#${campaignId}`,
      page,
    );
  }
  async getCampaignYear(campaignId: string, year: number): Promise<CampaignYearRecord | null> {
    const key = `${campaignId}#${year}`;
    const record = revised(this.table.years.get(key));
    return record && this.table.reported.has(key) ? { ...record, reported: true } : record;
  }
  async saveCampaignYear(cy: CampaignYear, entry: AuditEntry, expectedRevision: number, expectReported: boolean) {
    const key = `${cy.campaignId}#${cy.year}`;
    if (this.table.reported.has(key) && !expectReported) return false;
    return auditedSave(this.table.years, key, cy, entry, expectedRevision);
  }
  async getYearClusters(campaignId: string, year: number) {
    return revised(this.table.yearClusters.get(`${campaignId}#${year}`));
  }
  async saveYearClusters(r: Omit<YearClustersRecord, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.yearClusters, `${r.campaignId}#${r.year}`, r, entry, expectedRevision);
  }
  async campaignYearHistory(campaignId: string, year: number, page: PageQuery) {
    // One history: the year's rules, its clusters and its finalization, in time order.
    const key = `${campaignId}#${year}`;
    const rows = [
      ...entryRows('YEAR', this.table.years.get(key)),
      ...entryRows('CLUSTERS', this.table.yearClusters.get(key)),
      ...entryRows('FINAL', this.table.finalizations.get(key)),
      ...[...this.table.revocations.entries()]
        .filter(([k]) => k.startsWith(`${key}#`))
        .flatMap(([k, r]) => entryRows(`REVOKE#${k.slice(key.length + 1)}`, r)),
      ...[...this.table.tieDecisions.entries()]
        .filter(([k]) => k.startsWith(`${key}#`))
        .flatMap(([k, r]) => entryRows(`TIE#${k.slice(key.length + 1)}`, r)),
      ...[...this.table.roundRecords.entries()]
        .filter(([k]) => k.startsWith(`${key}#`))
        .flatMap(([k, r]) => entryRows(k.slice(key.length + 1), r)),
    ];
    return pageOf(
      this.table.tokens,
      rows.sort(([a], [b]) => (a < b ? -1 : 1)),
      `AUDIT=${key}`,
      page,
    );
  }
  async markReported(campaignId: string, year: number, expectedRevision: number) {
    const key = `${campaignId}#${year}`;
    if ((this.table.years.get(key)?.revision ?? 0) !== expectedRevision) return false;
    this.table.reported.add(key);
    return true;
  }
  async getTasks(campaignId: string, catalogue: string) {
    return (await this.getTaskCatalogue(campaignId, catalogue))?.tasks ?? [];
  }
  async getTaskCatalogue(campaignId: string, catalogue: string) {
    const t = this.table.tasks.get(`${campaignId}#${catalogue}`);
    return t ? { tasks: copy(t.value), revision: t.revision } : null;
  }
  async saveTasks(campaignId: string, catalogue: string, tasks: Task[], entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.tasks, `${campaignId}#${catalogue}`, tasks, entry, expectedRevision);
  }
  async getUnit(unitId: string): Promise<UnitRecord | null> {
    return revised(this.table.units.get(unitId));
  }
  async listUnits(filter: { level?: Unit['level']; cluster?: string }) {
    return [...this.table.units.keys()]
      .sort()
      .map((k) => copy(this.table.units.get(k)!.value))
      .filter((u) => (!filter.level || u.level === filter.level) && (!filter.cluster || u.cluster === filter.cluster));
  }
  async saveUnit(unit: Unit, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.units, unit.unitId, unit, entry, expectedRevision);
  }
  async unitHistory(unitId: string, page: PageQuery) {
    // One history: the unit's own changes and its reopenings', in time order.
    const reopenings = [...this.table.reopenings.entries()]
      .filter(([, r]) => r.value.unitId === unitId)
      .flatMap(([k, r]) => entryRows(`REOPEN#${k}`, r));
    const clients = [...this.table.clients.entries()]
      .filter(([, c]) => c.value.unitId === unitId)
      .flatMap(([k, c]) => entryRows(`CLIENT#${k}`, c));
    const files = [...this.table.files.entries()]
      .filter(([, f]) => f.value.unitId === unitId)
      .flatMap(([k, f]) => entryRows(`FILE#${k}`, f));
    const rows = [...entryRows('UNIT', this.table.units.get(unitId)), ...reopenings, ...clients, ...files].sort(
      ([a], [b]) => (a < b ? -1 : 1),
    );
    return pageOf(this.table.tokens, rows, `AUDIT=${unitId}`, page);
  }
  async getReopening(campaignId: string, unitId: string, year: number) {
    return revised(this.table.reopenings.get(`${campaignId}#${unitId}#${year}`));
  }
  async saveReopening(r: Omit<Reopening, 'revision'>, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(this.table.reopenings, `${r.campaignId}#${r.unitId}#${r.year}`, r, entry, expectedRevision);
  }
  async listRevocations(campaignId: string, year: number) {
    return [...this.table.revocations.values()]
      .filter((r) => r.value.campaignId === campaignId && r.value.year === year)
      .map((r) => copy(r.value))
      .sort((a, b) => a.unitId.localeCompare(b.unitId));
  }
  async saveRevocation(revocation: AwardRevocation, entry: AuditEntry) {
    const key = `${revocation.campaignId}#${revocation.year}#${revocation.unitId}`;
    return auditedSave(this.table.revocations, key, revocation, entry, 0);
  }
  async listTieDecisions(campaignId: string, year: number) {
    return [...this.table.tieDecisions.entries()]
      .filter(([, d]) => d.value.campaignId === campaignId && d.value.year === year)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, d]) => copy(d.value));
  }
  async saveTieDecision(d: TieDecision, entry: AuditEntry) {
    return auditedSave(this.table.tieDecisions, `${d.campaignId}#${d.year}#${d.group}#${d.award}`, d, entry, 0);
  }
  async getFinalization(campaignId: string, year: number) {
    return revised(this.table.finalizations.get(`${campaignId}#${year}`));
  }
  async saveFinalization(record: Finalization, entry: AuditEntry, expectedRevision: number) {
    return auditedSave(
      this.table.finalizations,
      `${record.campaignId}#${record.year}`,
      record,
      entry,
      expectedRevision,
    );
  }
}
