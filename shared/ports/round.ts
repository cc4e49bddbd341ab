import type { MeetingMinutes, Objection, VoterRecord, VoteTotals } from '../domain/round.js';
import type { RoundStage } from '../domain/stages.js';
import type { AuditEntry } from '../domain/types.js';
import type { Page, PageQuery, Revised } from './common.js';

/** An admin's reopening of a round stage for a year (mở lại giai đoạn), until an instant, with its reason. */
export interface StageReopening extends Revised {
  campaignId: string;
  year: number;
  stage: RoundStage;
  until: string;
  reason: string;
}
export interface ObjectionRecord extends Objection, Revised {}
export interface MinutesRecord extends MeetingMinutes, Revised {}
/** A head cannot decide on its own unit's report: the store refuses it inside the write (conflict of interest). */
export class OwnUnitDecision extends Error {}
/**
 * The bình xét round's records. Every change is audited in the year's history; lists are bounded by the year's
 * units (one objection per unit and criterion, one ballot per member) and read page by page where they can grow.
 */
export interface RoundStore {
  getStageReopening(campaignId: string, year: number, stage: RoundStage): Promise<StageReopening | null>;
  saveStageReopening(
    r: Omit<StageReopening, 'revision'>,
    entry: AuditEntry,
    expectedRevision: number,
  ): Promise<boolean>;
  getObjection(campaignId: string, year: number, unitId: string, criterionId: string): Promise<ObjectionRecord | null>;
  /** 0: there must be none for the unit and criterion yet. */
  saveObjection(o: Objection, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
  /** A year's objections (a unit's only, when given), by unit and criterion. */
  listObjections(
    campaignId: string,
    year: number,
    unitId: string | null,
    page: PageQuery,
  ): Promise<Page<ObjectionRecord>>;
  /**
   * Records that the unit voted and adds its ballot to the cluster's totals (a blank ballot: to the count of
   * ballots only), in one transaction where the store has them (else the voter first, so a unit is counted at most
   * once); false when the unit has voted already (nothing stored). No item keeps the ballot itself.
   */
  castBallot(voter: VoterRecord, candidates: string[], entry: AuditEntry): Promise<boolean>;
  listVoters(campaignId: string, year: number, clusterId: string): Promise<VoterRecord[]>;
  voteTotals(campaignId: string, year: number, clusterId: string): Promise<VoteTotals>;
  getMinutes(campaignId: string, year: number, clusterId: string): Promise<MinutesRecord | null>;
  saveMinutes(m: MeetingMinutes, entry: AuditEntry, expectedRevision: number): Promise<boolean>;
}
