/** The result store: year-end runs (lượt tổng hợp) and the results one of them makes the year's. */

import type { RankingEntry } from '../domain/ranking.js';
import type { LevelSummary } from '../domain/report.js';
import type { AggregationStatus, AggregationTrigger, RunProgress, UnitPage } from '../domain/year-results.js';

export interface AggregationRun {
  campaignId: string;
  year: number;
  runId: string;
  trigger: AggregationTrigger;
  /** queued (asked for, not yet started), running, then succeeded (its results are the year's), failed, or discarded. */
  status: AggregationStatus;
  startedAt: string;
  finishedAt: string | null;
  /** A running run holds this lease: past it without finishing, the run died (a killed process, a timeout). */
  leaseUntil: string | null;
  startedBy: string;
  /** The name of the person who asked for it (people are shown by name, never by their sign-in subject). */
  startedByName?: string;
  /** The run that finalizes its year: the only one a finalized year publishes. */
  finalizing?: boolean;
  /** Where a running run stands (the console shows it while it polls). */
  progress?: RunProgress | null;
  counts: {
    units: number;
    figures: number;
    itemsRead: number;
    itemsWritten: number;
    rankingDigest: string | null;
  } | null;
  error: string | null;
  /** The run's verifiable scorecard (a ZIP in the blob store), when the run had a blob store. */
  bundle?: { key: string; sha256: string; bytes: number } | null;
}
/** What a year-end run produces: a function of its inputs only, so a repeated run stores the same bytes. */
export interface YearResults {
  rankings: RankingEntry[];
  summary: LevelSummary[];
  digest: string;
  /** Each ranked unit's page (its score by criterion and its figures): the public scorecard and the dossier read it. */
  pages: UnitPage[];
}
/** Why a run's results were not made the year's: the year is final, a newer run is, or the run lost its lease. */
export type PublishRefusal = 'finalized' | 'superseded' | 'lease-lost';
export interface ResultStore {
  putRun(run: AggregationRun): Promise<void>;
  /**
   * Starts a queued run under its lease (or tries a failed one again, or takes over one whose lease ran out): false
   * when another execution holds it or it has succeeded, so a job delivered twice runs once.
   */
  startRun(run: AggregationRun, now: Date): Promise<boolean>;
  getRun(campaignId: string, year: number, runId: string): Promise<AggregationRun | null>;
  /** The year's runs, newest first (bounded: runs are an admin's or a schedule's, a few a year). */
  listRuns(campaignId: string, year: number): Promise<AggregationRun[]>;
  /** Writes a run's results under its own id; no other run's are touched, and no reader sees them until published. */
  writeResults(campaignId: string, year: number, runId: string, results: YearResults): Promise<number>;
  /**
   * Makes the run's results the year's, by one conditional write (a transaction where the store has them): it holds
   * while the run is still running under its lease, the year is not finalized (or this is the run its finalization
   * waits for), and no run started later is published already. Null when published, else why not.
   */
  publishResults(run: AggregationRun, now: Date): Promise<PublishRefusal | null>;
  /** The published run's results: one run's, never a mix of two. */
  readResults(campaignId: string, year: number): Promise<(Omit<YearResults, 'pages'> & { runId: string }) | null>;
  /** One unit's page of the published run. */
  readUnitPage(campaignId: string, year: number, unitId: string): Promise<UnitPage | null>;
  /** Removes the results of runs not published, or superseded, before `before`: readers are done with them. */
  pruneResults(campaignId: string, year: number, before: Date): Promise<number>;
}
