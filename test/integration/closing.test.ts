/**
 * A server closed while the runs its schedules fired are under way waits for them: the store closes after the
 * last reminder is written, never under it (it once closed at once, the runs failed against a closed store, and a
 * store asked to close with requests under way could hold the close for ever).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startLocalServer } from '../../local/server.js';
import { capturedLogLines } from '../log-lines.js';
import { copySeed } from '../seeded.js';

// Half a second before 23/11/2026 07:30 in Hải Phòng: the 7-day reminder before the 30/11 deadline.
const BEFORE_REMINDER = '2026-11-23T00:29:59.500Z';
const REMINDER = 'hp-175-2026-remind-7d';

let dataDir: string;
// A readiness wait, not the work: the seed's copy for DynamoDB Local may still be under way (a hook's longer bound).
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'thi-dua-closing-'));
  await copySeed(dataDir);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('closes only once the reminders fired have been sent, with nothing failing', async () => {
  const server = await startLocalServer({ dataDir, port: 0, fixedNow: BEFORE_REMINDER, seed: false, quiet: true });
  const scheduler = server.scheduler!;
  expect(scheduler.nextJobs().map((j) => j.name)).toContain(REMINDER);
  while (scheduler.nextJobs().some((j) => j.name === REMINDER)) await new Promise((r) => setTimeout(r, 10));

  const logged = capturedLogLines();
  try {
    await server.close();
  } finally {
    vi.restoreAllMocks();
  }
  expect(logged.filter((line) => line.level === 'ERROR')).toEqual([]);
  expect(server.outbox.messages().flatMap((m) => m.to)).toContain('vanthu.p-hong-bang@thi-dua.invalid');
});
