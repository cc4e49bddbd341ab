/**
 * The demo on any day: `npm start` with FIXED_NOW set to 20/11/2026 (2026 open for reports), 6/12/2026 (the 2026
 * window just closed), 1/6/2027 and 15/1/2028 finds a round open for reports in which a unit reports a figure, with
 * work in flight, and the years before are final after their round (a vote with minutes). The first day is the run's
 * fresh seed (test/global-setup.ts seeds an empty directory on that day, as `npm start` does); each later day starts
 * again on that directory, as a person who comes back to the demo weeks or months later does: the seed takes the
 * years on from where they stood. (A fresh seed on each day cost twice as long: 22 + 30 + 37 s alone against
 * 25 + 9 + 10 s from 6/12/2026, 12/2026.)
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalServer } from '../../local/server.js';
import { OPEN_2026 } from '../fixed-days.js';
import { copySeed } from '../seeded.js';
import { evidence } from './harness.js';

/** The README's examples, as marked there (`<!-- readme-test: name -->` before a sh block). */
const README_EXAMPLES = [
  ...readFileSync('README.md', 'utf8').matchAll(/<!-- readme-test: ([a-z-]+) -->\n```sh\n([\s\S]*?)```/g),
].map(([, name, script]) => ({ name: name!, script: script! }));

const DAYS = [
  { now: OPEN_2026, open: 2026, final: 2025, inFlight: null },
  { now: '2026-12-06T03:00:00Z', open: 2027, final: 2025, inFlight: 2026 },
  { now: '2027-06-01T03:00:00Z', open: 2027, final: 2026, inFlight: null },
  { now: '2028-01-15T03:00:00Z', open: 2028, final: 2027, inFlight: null },
];

describe('the demo on any day', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thi-dua-day-'));
  // A readiness wait for the run's seed: a hook's bound, not the test's.
  beforeAll(() => copySeed(dataDir));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it.each(DAYS)(
    'on $now: a round open for reports, work in flight, the years before final',
    async (day) => {
      const server = await startLocalServer({ dataDir, port: 0, fixedNow: day.now, schedule: false, quiet: true });
      try {
        const call = async (method: string, path: string, token?: string, body?: unknown) => {
          const r = await fetch(`${server.url}${path}`, {
            method,
            headers: {
              ...(body ? { 'content-type': 'application/json' } : {}),
              ...(token ? { authorization: `Bearer ${token}` } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
          });
          // biome-ignore lint/suspicious/noExplicitAny: the test reads the API's JSON answers field by field
          return { status: r.status, body: (await r.json()) as any };
        };
        const token = async (claims: object) => (await call('POST', '/local/token', undefined, claims)).body.token;
        const unit = await token({ role: 'unit', unitId: 'p-hong-bang' });
        const reviewer = await token({ role: 'reviewer' });

        // The year open for reports, as the unit's page asks for it; a report without a year goes to it.
        const criteria = await call('GET', '/v1/criteria?level=commune', unit);
        expect([criteria.body.year, criteria.body.submissionOpen]).toEqual([day.open, true]);
        expect(criteria.body.levels.map((l: { label: string }) => l.label)).not.toContain('Quận, huyện');
        const report = await call('POST', '/v1/submissions', unit, {
          unitId: 'p-hong-bang',
          criterionId: 'ho-so-truc-tuyen',
          value: { numerator: 870, denominator: 1000 },
          evidence: [{ title: evidence[0]!.title }],
        });
        expect([report.status, report.body.year]).toEqual([201, day.open]);

        // Work in flight: reports waiting for the board, some approved, some returned with a comment.
        const waiting = await call('GET', `/v1/submissions?status=submitted&year=${day.open}&limit=5`, reviewer);
        expect(waiting.body.items.length).toBeGreaterThan(0);
        const returned = await call('GET', `/v1/submissions?status=returned&year=${day.open}&limit=5`, reviewer);
        expect(returned.body.items[0].review.comment).toMatch(/bổ sung/);
        if (day.inFlight) {
          const review = await call('GET', `/v1/submissions?status=submitted&year=${day.inFlight}&limit=5`, reviewer);
          expect(review.body.items.length).toBeGreaterThan(0);
        }

        // The years before are final, after a vote with minutes.
        const ranking = await call('GET', `/v1/rankings/${day.final}?level=commune`, reviewer);
        expect(ranking.body.status).toBe('final');
        const flags = ranking.body.items.filter((i: { award: string | null }) => i.award === 'co-thi-dua');
        expect(flags.length).toBeGreaterThan(0);
        const cluster = flags[0].cluster;
        const vote = await call('GET', `/v1/clusters/${cluster}/years/${day.final}/vote`, reviewer);
        expect(vote.body).toMatchObject({ closed: true, quorumMet: true, minutes: { heldOn: expect.any(String) } });
        expect(flags[0].basis.decidedBy).toBe('vote');

        // The README's examples, verbatim but for the port this server listens on.
        expect(README_EXAMPLES.map((e) => e.name)).toEqual(['quick-start', 'connect']);
        for (const { name, script } of README_EXAMPLES) {
          // Asynchronously: the server answering the script runs in this process.
          const { stdout: out } = await promisify(execFile)('bash', [
            '-euo',
            'pipefail',
            '-c',
            script.replaceAll('localhost:3000', server.url.replace('http://', '')),
          ]);
          expect(out, name).toContain('"status": "submitted"');
          expect(out, name).toContain(`"year": ${day.open}`);
        }
      } finally {
        await server.close();
      }
    },
    // A restart that takes the years on seeds 9–20 s of work on a quiet machine and minutes on a loaded one: the test
    // waits for the server to be ready (generously bounded), and then checks what is there, not how fast it came.
    600_000,
  );
});
