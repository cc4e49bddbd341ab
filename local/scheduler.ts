/**
 * The local stand-in for EventBridge Scheduler: fires the year-end schedule of each campaign, computed
 * by the same yearEndSchedule() that infra/ turns into the Scheduler's cron expression.
 */

import type { ScheduledEvent } from '../functions/aggregation/handler.js';
import { nextFire, yearEndSchedule, yearIn } from '../shared/domain/calendar.js';
import type { Campaign } from '../shared/domain/types.js';
import type { Clock } from '../shared/ports.js';

const MAX_TIMEOUT = 2 ** 31 - 1; // setTimeout's limit (~24.8 days): longer waits are re-armed

export interface LocalScheduler {
  nextRuns(): Array<{ campaignId: string; at: Date; timeZone: string }>;
  stop(): void;
}

export function startScheduler(
  campaigns: Campaign[],
  clock: Clock,
  fire: (event: ScheduledEvent) => Promise<unknown>,
): LocalScheduler {
  const timers = new Map<string, NodeJS.Timeout>();
  const next = new Map<string, { at: Date; timeZone: string }>();
  const arm = (campaign: Campaign, after: Date) => {
    const at = nextFire(yearEndSchedule(campaign.calendarTemplate, campaign.timeZone), after);
    // A campaign that has ended (Đà Nẵng's 2022-2025 scheme, in 2026) has no year-end run to come.
    if (yearIn(at, campaign.timeZone) > campaign.lastYear) {
      next.delete(campaign.campaignId);
      return;
    }
    next.set(campaign.campaignId, { at, timeZone: campaign.timeZone });
    const wait = () => {
      const remaining = at.getTime() - clock.now().getTime();
      if (remaining > MAX_TIMEOUT) {
        timers.set(campaign.campaignId, setTimeout(wait, MAX_TIMEOUT).unref());
        return;
      }
      timers.set(
        campaign.campaignId,
        setTimeout(
          () => {
            fire({ source: 'year-end-schedule', campaignId: campaign.campaignId, trigger: 'local-schedule' })
              .catch((e: unknown) => console.error(`[scheduler] year-end run of ${campaign.campaignId} failed:`, e))
              .finally(() => arm(campaign, at));
          },
          Math.max(0, remaining),
        ).unref(),
      );
    };
    wait();
  };
  for (const c of campaigns) arm(c, clock.now());
  return {
    nextRuns: () => [...next].map(([campaignId, run]) => ({ campaignId, ...run })),
    stop: () => {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
