/**
 * The local stand-in for EventBridge Scheduler: one timer per scheduled job (year-end run, reminders, the daily
 * digest), read from the store at start-up and changed whenever an admin saves a campaign or a year (the same
 * JobScheduler port the AWS adapter implements with one schedule per job). Runs it fired are awaited by `stop()`:
 * the server closes its store only once none is using it.
 */

import {
  isJobOfYear,
  jobEvent,
  jobName,
  jobsOfYear,
  nextFireOf,
  type ScheduledJob,
  yearPrefix,
} from '../shared/domain/reminders.js';
import type { Clock, Deps, JobScheduler } from '../shared/ports/index.js';
import { allCampaignYears } from '../shared/services/context.js';
import { BackgroundWork } from './background.js';

const MAX_TIMEOUT = 2 ** 31 - 1; // setTimeout's limit (~24.8 days): longer waits are re-armed

export type FiredEvent = ReturnType<typeof jobEvent>;

export interface UpcomingJob {
  name: string;
  kind: ScheduledJob['kind'];
  campaignId: string;
  year: number;
  at: Date;
  timeZone: string;
}

export class LocalScheduler implements JobScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly upcoming = new Map<string, UpcomingJob>();
  private readonly runs: BackgroundWork;

  constructor(
    private readonly clock: Clock,
    private readonly fire: (event: FiredEvent) => Promise<unknown>,
    log: (line: string) => void,
  ) {
    this.runs = new BackgroundWork(log, 'scheduler');
  }

  async scheduleYear(campaignId: string, year: number, jobs: ScheduledJob[]) {
    const prefix = yearPrefix(campaignId, year);
    for (const name of [...this.timers.keys()]) if (isJobOfYear(name, prefix)) this.cancel(name);
    for (const job of jobs) this.arm(job, this.clock.now());
  }

  private cancel(name: string) {
    clearTimeout(this.timers.get(name));
    this.timers.delete(name);
    this.upcoming.delete(name);
  }

  private arm(job: ScheduledJob, from: Date) {
    const name = jobName(job);
    this.cancel(name);
    const at = nextFireOf(job, from);
    if (!at) return;
    const { kind, campaignId, year, timeZone } = job;
    this.upcoming.set(name, { name, kind, campaignId, year, at: new Date(at), timeZone });
    const wait = () => {
      const remaining = Date.parse(at) - this.clock.now().getTime();
      if (remaining > MAX_TIMEOUT) {
        this.timers.set(name, setTimeout(wait, MAX_TIMEOUT).unref());
        return;
      }
      this.timers.set(
        name,
        setTimeout(
          () => {
            // A one-time job is done once fired (EventBridge's at() schedules delete themselves); the digest goes on.
            this.cancel(name);
            if (job.kind === 'review-digest') this.arm(job, new Date(Date.parse(at) + 1000));
            this.runs.start(name, () => this.fire(jobEvent(job, at, 'local-schedule')));
          },
          Math.max(0, remaining),
        ).unref(),
      );
    };
    wait();
  }

  /** The jobs still to come, soonest first. */
  nextJobs(): UpcomingJob[] {
    return [...this.upcoming.values()].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.name < b.name ? -1 : 1));
  }

  /** No job fires any more; resolves once the runs already fired have ended. */
  stop(): Promise<void> {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.upcoming.clear();
    return this.runs.idle();
  }
}

/** A scheduler armed with every campaign year in the store, each with the jobs its data asks for. */
export async function startScheduler(
  deps: Deps,
  clock: Clock,
  fire: (event: FiredEvent) => Promise<unknown>,
  log: (line: string) => void,
): Promise<LocalScheduler> {
  const scheduler = new LocalScheduler(clock, fire, log);
  for (const { campaign, cy } of await allCampaignYears(deps))
    await scheduler.scheduleYear(campaign.campaignId, cy.year, jobsOfYear(campaign, cy, clock.now()));
  return scheduler;
}
