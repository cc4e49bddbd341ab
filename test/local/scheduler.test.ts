/**
 * The local scheduler's runs outlive no close: stop() fires nothing more and resolves only once the runs already
 * fired have ended — the server closes its store after it, never under a reminder still writing.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { LocalScheduler } from '../../local/scheduler.js';
import type { ScheduledJob } from '../../shared/domain/reminders.js';

const NOW = '2026-11-23T00:30:00.000Z';
const reminder = (daysBefore: number): ScheduledJob => ({
  kind: 'deadline-reminder',
  campaignId: 'hp-175',
  year: 2026,
  daysBefore,
  at: NOW,
  timeZone: 'Asia/Ho_Chi_Minh',
});
const turn = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the local scheduler', () => {
  it('waits at stop for the runs it fired, and fires nothing after', async () => {
    const fired: string[] = [];
    let finish = () => {};
    const running = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const scheduler = new LocalScheduler(
      fixedClock(NOW),
      async (event) => {
        fired.push('daysBefore' in event ? `${event.kind} ${event.daysBefore}` : event.source);
        await running;
      },
      () => {},
    );
    await scheduler.scheduleYear('hp-175', 2026, [reminder(7)]);
    await turn();
    expect(fired).toEqual(['deadline-reminder 7']);

    let stopped = false;
    const stop = scheduler.stop().then(() => {
      stopped = true;
    });
    await turn();
    expect(stopped).toBe(false);
    finish();
    await stop;
    expect(stopped).toBe(true);

    await scheduler.scheduleYear('hp-175', 2026, []);
    expect(scheduler.nextJobs()).toEqual([]);
    await turn();
    expect(fired).toHaveLength(1);
  });

  it('logs a run that failed, and still stops', async () => {
    const lines: string[] = [];
    const scheduler = new LocalScheduler(
      fixedClock(NOW),
      async () => {
        throw new Error('kho dữ liệu không trả lời');
      },
      (line) => lines.push(line),
    );
    await scheduler.scheduleYear('hp-175', 2026, [reminder(1)]);
    await turn();
    await scheduler.stop();
    expect(lines).toEqual(['[scheduler] hp-175-2026-remind-1d: kho dữ liệu không trả lời']);
  });
});
