/** Work that outgrows a request: scheduled jobs, sheet imports, and the runner that starts a job. */

import type { ScheduledJob } from '../domain/reminders.js';
import type { Actor, ImportKind, ImportStatus } from '../domain/types.js';

/**
 * Fires what a campaign year's calendar schedules (its year-end run, reminders, the reviewers' digest): EventBridge
 * Scheduler schedules in AWS, timers locally.
 */
export interface JobScheduler {
  /**
   * The year's schedules become exactly `jobs`: new ones created, changed ones moved, ones no longer asked for
   * removed ([] removes them all). The same jobs again change nothing.
   */
  scheduleYear(campaignId: string, year: number, jobs: ScheduledJob[]): Promise<void>;
}
/**
 * Work that can outgrow a request (a year-end run, a large sheet import), done by the function that owns it, started
 * apart from the request.
 */
export type Job =
  | { kind: 'aggregation'; campaignId: string; year: number; runId: string }
  | { kind: 'import'; importId: string };
/**
 * A sheet import too large for one request, done as a job: who sent which file for what, and where it stands. The
 * sheet and the whole answer (every row, or every problem) stay in the blob store under imports/{importId}/, so the
 * record stays small however many rows the file has.
 */
export interface ImportJob {
  importId: string;
  kind: ImportKind;
  campaignId: string | null;
  year: number | null;
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  fileSha256: string;
  rows: number;
  startedBy: Actor;
  status: ImportStatus;
  createdAt: string;
  finishedAt: string | null;
  /** The HTTP status a request would have answered with, once ended (200, or the refusal's 4xx). */
  answerStatus: number | null;
  /** Epoch seconds after which the record may go (DynamoDB's TTL; readers check it too). */
  expiresAt: number;
}
/** Import jobs' records. */
export interface ImportStore {
  createImport(job: ImportJob): Promise<void>;
  getImport(importId: string): Promise<ImportJob | null>;
  /** Stores the job's next state if its status is still one of `from`: false when another run moved it first. */
  moveImport(job: ImportJob, from: ImportStatus[]): Promise<boolean>;
}
/**
 * Starts a job and returns at once: Lambda invokes the owning function asynchronously (retried, then sent to the
 * dead-letter queue), the local server runs it in the background.
 */
export interface JobRunner {
  start(job: Job): Promise<void>;
}
