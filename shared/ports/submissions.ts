/** The submission store: each unit's reports (báo cáo) by slot and version, and the year's current figures. */

import type { CurrentFigure } from '../domain/scoring.js';
import type { SlotKey } from '../domain/submission-id.js';
import type { AuditEntry, Level, Recommendation, Review, Submission, SubmissionStatus } from '../domain/types.js';
import type { Page, PageQuery } from './common.js';

export type { SlotKey } from '../domain/submission-id.js';

export interface SubmissionQuery {
  campaignId: string;
  year: number;
  unitId?: string;
  status?: SubmissionStatus;
  level?: Level;
  cluster?: string;
  criterionId?: string;
  limit: number;
  nextToken?: string;
  /** Oldest first (the review queue) or newest first. */
  oldestFirst: boolean;
}
/** A slot's current figure as the year-end run counts it, with what a third party needs to check it. */
export interface CountedFigure extends CurrentFigure {
  unitId: string;
  version: number;
  /** Who decided on it and when; null while it waits for review. */
  decidedBy: string | null;
  decidedAt: string | null;
  /** The SHA-256 of each evidence file it cites, in the order of its evidence. */
  fileHashes: string[];
}
export class VersionTaken extends Error {}
/** The year of the report was finalized: a store with transactions finds it inside the write itself. */
export class YearLocked extends Error {}
export interface SubmissionStore {
  get(submissionId: string): Promise<Submission | null>;
  /** Versions of one slot, oldest first, page by page. */
  slotVersions(key: SlotKey, page: PageQuery): Promise<Page<Submission>>;
  latestInSlot(key: SlotKey): Promise<Submission | null>;
  /**
   * Stores a new version and supersedes the slot's previous one: in one atomic write where the store has
   * transactions (AWS, DynamoDB Local), else in a second write. Throws VersionTaken when the version exists, and
   * YearLocked when the year is finalized (checked in the same transaction where the store has them).
   */
  create(submission: Submission, supersedes?: { previous: Submission; entry: AuditEntry }): Promise<void>;
  /** Marks an earlier version superseded (no-op when it already is). */
  supersede(previous: Submission, entry: AuditEntry): Promise<void>;
  /**
   * Records a decision if the submission is still `submitted` at `expectedVersion`; false otherwise. Throws
   * YearLocked when the year is finalized (in the same transaction where the store has them).
   */
  decide(submission: Submission, review: Review, entry: AuditEntry, expectedVersion: number): Promise<boolean>;
  /**
   * Records a head's recommendation if the submission is still `submitted` at `expectedVersion` and is not the
   * recommending unit's own (OwnUnitDecision); false otherwise. The status does not change.
   */
  recommend(
    submission: Submission,
    recommendation: Recommendation,
    entry: AuditEntry,
    expectedVersion: number,
  ): Promise<boolean>;
  list(query: SubmissionQuery): Promise<Page<Submission>>;
  /** The latest version of every slot of a campaign year (optionally one unit). */
  currentFigures(
    campaignId: string,
    year: number,
    unitId?: string,
  ): Promise<{
    figures: CountedFigure[];
    itemsRead: number;
    /** The cited files with digital signatures (Submission.signedEvidence), by unit and SHA-256. */
    signedFiles: Array<{ unitId: string; sha256: string }>;
  }>;
}
