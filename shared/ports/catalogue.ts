/** The catalogue store (danh mục): units, campaigns, their years, task catalogues, clusters, reopenings, finalizations. */

import type { TieDecision } from '../domain/awards.js';
import type { AuditEntry, Campaign, CampaignYear, Level, Task, Unit, YearCluster } from '../domain/types.js';
import type { AwardRevocation, Finalization } from '../domain/year-results.js';
import type { Page, PageQuery, Revised } from './common.js';

export interface UnitRecord extends Unit, Revised {}
export interface CampaignRecord extends Campaign, Revised {}
export interface TaskCatalogueRecord extends Revised {
  tasks: Task[];
}
export interface CampaignYearRecord extends CampaignYear, Revised {
  /** Set (on the year's own item, read consistently) when the first report of the year is stored. */
  reported?: boolean;
}
export interface Reopening extends Revised {
  campaignId: string;
  unitId: string;
  year: number;
  until: string;
  reason: string;
}
export interface FinalizationRecord extends Finalization, Revised {}
/** A campaign year's clusters/blocks (cụm, khối thi đua của năm), each with its head and deputy, stored as one item. */
export interface YearClustersRecord extends Revised {
  campaignId: string;
  year: number;
  clusters: YearCluster[];
}
export interface CatalogueStore {
  getCampaign(campaignId: string): Promise<CampaignRecord | null>;
  listCampaigns(): Promise<CampaignRecord[]>;
  /** Creates or changes a campaign, recording `entry` in its history; conditional like saveUnit. */
  saveCampaign(campaign: Campaign, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /** The recorded changes of a campaign and its task catalogues, oldest first. */
  campaignHistory(campaignId: string, page: PageQuery): Promise<Page<AuditEntry>>;
  getCampaignYear(campaignId: string, year: number): Promise<CampaignYearRecord | null>;
  /**
   * Stores the year and records `entry` in the same write, conditional on `expectedRevision` (0: must not exist
   * yet) and, unless `expectReported`, on the year having no report yet: false when someone changed it, or the
   * first report came, in between.
   */
  saveCampaignYear(
    campaignYear: CampaignYear,
    entry: AuditEntry,
    expectedRevision: number,
    expectReported: boolean,
  ): Promise<boolean>;
  /** Marks that the year has reports, if its rules are still those read at `expectedRevision`; false otherwise. */
  markReported(campaignId: string, year: number, expectedRevision: number): Promise<boolean>;
  getYearClusters(campaignId: string, year: number): Promise<YearClustersRecord | null>;
  /** Replaces a year's clusters, recording `entry` in the year's history; conditional like saveCampaignYear. */
  saveYearClusters(
    record: Omit<YearClustersRecord, 'revision'>,
    entry: AuditEntry,
    expectedRevision: number,
  ): Promise<boolean>;
  /** The recorded changes of a campaign year (its rules and its clusters), oldest first. */
  campaignYearHistory(campaignId: string, year: number, page: PageQuery): Promise<Page<AuditEntry>>;
  /** A catalogue's tasks ([] for an unknown catalogue). */
  getTasks(campaignId: string, catalogue: string): Promise<Task[]>;
  getTaskCatalogue(campaignId: string, catalogue: string): Promise<TaskCatalogueRecord | null>;
  /** Replaces a task catalogue, recording `entry` in the campaign's history; conditional like saveUnit. */
  saveTasks(
    campaignId: string,
    catalogue: string,
    tasks: Task[],
    entry: AuditEntry,
    expectedRevision: number,
  ): Promise<boolean>;
  getUnit(unitId: string): Promise<UnitRecord | null>;
  listUnits(filter: { level?: Level; cluster?: string }): Promise<Unit[]>;
  /** Conditional on `expectedRevision` (0: must not exist yet), like saveCampaignYear. */
  saveUnit(unit: Unit, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  getReopening(campaignId: string, unitId: string, year: number): Promise<Reopening | null>;
  /** Conditional on `expectedRevision` (0: no reopening yet), like saveCampaignYear. */
  saveReopening(reopening: Omit<Reopening, 'revision'>, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  getFinalization(campaignId: string, year: number): Promise<FinalizationRecord | null>;
  /** Records the year's finalization (or its reopening) in the year's history; conditional like saveCampaignYear. */
  saveFinalization(record: Finalization, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /** A year's award revocations (bounded: at most one per ranked unit). */
  listRevocations(campaignId: string, year: number): Promise<AwardRevocation[]>;
  /** Records a revocation in the year's history; 0: there must be none for the unit yet. */
  saveRevocation(revocation: AwardRevocation, entry: AuditEntry): Promise<boolean>;
  /** A year's decisions on ties (bounded: one per award group and award). */
  listTieDecisions(campaignId: string, year: number): Promise<TieDecision[]>;
  /** Records a decision on a tie in the year's history; false when the group's award has one already. */
  saveTieDecision(decision: TieDecision, entry: AuditEntry): Promise<boolean>;
  /** The recorded changes of a unit and of its reopenings, oldest first. */
  unitHistory(unitId: string, page: PageQuery): Promise<Page<AuditEntry>>;
}
