/** Sending reminders on the in-memory stores: a mail server's failure is retried, and never sends twice what went. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { seedCatalogue } from '../../local/seed/index.js';
import type { Deps, Mailer } from '../../shared/ports/index.js';
import { listMessages, RemindersFailed, sendDeadlineReminders } from '../../shared/services/reminders.js';

const reviewer = { sub: 'thamdinh-1', role: 'reviewer' as const, unitId: null };
let deps: Deps;
let sent: string[];
let down: Set<string>;
const mailer: Mailer = {
  async send(m) {
    for (const to of m.to) if (down.has(to)) throw new Error(`SES: ${to} throttled`);
    sent.push(...m.to);
  },
};
beforeEach(async () => {
  deps = { ...memoryStores(), clock: fixedClock('2026-11-23T00:30:00Z'), defaultCampaignId: 'hp-175', mailer };
  await seedCatalogue(deps);
  sent = [];
  down = new Set();
});
const request = { campaignId: 'hp-175', year: 2026, daysBefore: 7 };

describe('sendDeadlineReminders', () => {
  it('marks a message the mail server refused as failed, fails the run (so it is retried), and sends it on the retry', async () => {
    down.add('vanthu.p-hong-bang@thi-dua.invalid');
    const failed = await sendDeadlineReminders(deps, request).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(RemindersFailed);
    expect((failed as RemindersFailed).outcome).toMatchObject({ sent: 3, failed: 1 });
    const box = await listMessages(deps, reviewer, { unitId: 'p-hong-bang', limit: 10 });
    expect(box.items).toMatchObject([{ status: 'failed', error: 'SES: vanthu.p-hong-bang@thi-dua.invalid throttled' }]);

    down.clear();
    const retry = await sendDeadlineReminders(deps, request);
    expect(retry.sent).toBe(1);
    expect(retry.failed).toBe(0);
    expect(sent.filter((a) => a === 'vanthu.p-hong-bang@thi-dua.invalid')).toHaveLength(1);
    expect(sent).toHaveLength(4);
    expect((await listMessages(deps, reviewer, { unitId: 'p-hong-bang', limit: 10 })).items).toMatchObject([
      { status: 'sent', error: null },
    ]);
  });

  it('sends nothing once the deadline has passed, and keeps messages where the stage sends no mail', async () => {
    expect(await sendDeadlineReminders({ ...deps, clock: fixedClock('2026-12-01T00:00:00Z') }, request)).toEqual({
      sent: 0,
      kept: 0,
      already: 0,
      failed: 0,
    });
    const { mailer: _none, ...quiet } = deps;
    const outcome = await sendDeadlineReminders(quiet, request);
    expect(outcome.sent).toBe(0);
    expect(outcome.kept).toBeGreaterThan(4);
    expect(sent).toEqual([]);
  });
});
