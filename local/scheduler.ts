/**
 * The local stand-in for EventBridge Scheduler: one timer per campaign year, at its calendar's yearEndRunAt, read
 * from the store at start-up and moved whenever an admin saves the year (the same RunScheduler port the AWS
 * adapter implements with one schedule per campaign year).
 */

import { type YearEndRun, yearEndRunOf } from '../shared/domain/calendar.js';
import type { ScheduledEvent } from '../shared/domain/schemas.js';
import type { Clock, Deps, RunScheduler } from '../shared/ports.js';
import { allCampaignYears } from '../shared/services/context.js';

const MAX_TIMEOUT = 2 ** 31 - 1; // setTimeout's limit (~24.8 days): longer waits are re-armed

export class LocalScheduler implements RunScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly runs = new Map<string, YearEndRun>();

  constructor(
    private readonly clock: Clock,
    private readonly fire: (event: ScheduledEvent) => Promise<unknown>,
  ) {}

  async schedule(run: YearEndRun) {
    const key = `${run.campaignId}#${run.year}`;
    clearTimeout(this.timers.get(key));
    this.runs.set(key, run);
    const wait = () => {
      const remaining = Date.parse(run.at) - this.clock.now().getTime();
      if (remaining > MAX_TIMEOUT) {
        this.timers.set(key, setTimeout(wait, MAX_TIMEOUT).unref());
        return;
      }
      this.timers.set(
        key,
        setTimeout(
          () => {
            // A one-time schedule: once fired, it is done (as EventBridge's at() schedules are).
            this.runs.delete(key);
            this.timers.delete(key);
            this.fire({
              source: 'year-end-schedule',
              campaignId: run.campaignId,
              year: run.year,
              trigger: 'local-schedule',
            }).catch((e: unknown) => console.error(`[scheduler] year-end run of ${key} failed:`, e));
          },
          Math.max(0, remaining),
        ).unref(),
      );
    };
    wait();
  }

  /** The runs still to come, soonest first. */
  nextRuns(): Array<{ campaignId: string; year: number; at: Date; timeZone: string }> {
    return [...this.runs.values()]
      .map((r) => ({ ...r, at: new Date(r.at) }))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  stop() {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

/** A scheduler armed with every campaign year in the store whose run is still to come. */
export async function startScheduler(
  deps: Deps,
  clock: Clock,
  fire: (event: ScheduledEvent) => Promise<unknown>,
): Promise<LocalScheduler> {
  const scheduler = new LocalScheduler(clock, fire);
  for (const { campaign, cy } of await allCampaignYears(deps)) {
    const run = yearEndRunOf(cy, campaign.timeZone, clock.now());
    if (run) await scheduler.schedule(run);
  }
  return scheduler;
}
