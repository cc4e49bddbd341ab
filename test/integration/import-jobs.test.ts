/**
 * A large sheet import as a job, over HTTP on both stores: more than IMPORT_ROWS_IN_REQUEST rows answer 202 with a
 * status URL; the job checks every row, stores all or (on any refused row) nothing, and its status gives the same
 * answer a small file gets at once. Only the sender and admins can read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_ROWS_IN_REQUEST } from '../../shared/domain/tables.js';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let reviewer: string;
let admin: string;
/** Units made for this test (test fixtures, not real communes): enough for a file past the request's share. */
const UNITS = Array.from({ length: IMPORT_ROWS_IN_REQUEST + 40 }, (_, i) => `xa-thu-nghiem-${i + 1}`);
const rows = UNITS.map((u, i) => `${u};ho-so-truc-tuyen;2026;${i % 50};50;Kết xuất TTHC`);
beforeAll(async () => {
  h = await startHarness();
  reviewer = await h.token('reviewer');
  admin = await h.token('admin');
});
afterAll(() => h.close());

const csv = (lines: string[]) =>
  `unitCode;criterionId;year;numerator;denominator;sourceNote\r\n${lines.join('\r\n')}\r\n`;
const upload = (body: string, query = '', token = reviewer) =>
  fetch(`${h.url}/v1/imports/figures${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body,
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), body: await r.json() }));
/** A CSV field as Excel writes one (names hold commas). */
const quoted = (v: string) => `"${v.replaceAll('"', '""')}"`;
/** The job's record once the server's background work is done. */
const ended = async (statusUrl: string, token = reviewer) => {
  await h.server.jobs.idle();
  return h.call('GET', statusUrl, { token });
};
const storedFigures = async () =>
  (await h.server.deps.submissions.currentFigures('hp-175', 2026)).figures.filter((f) => UNITS.includes(f.unitId))
    .length;

describe('a large units import', () => {
  it('is a job too: the units are there once it has ended', async () => {
    const sheet = `unitId,name,level,kind,validFrom\r\n${UNITS.map((u, i) => `${u},Xã thử nghiệm ${i + 1},commune,xa,2025-07-01`).join('\r\n')}\r\n`;
    const accepted = await fetch(`${h.url}/v1/imports/units`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: sheet,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect([accepted.status, accepted.body.kind, accepted.body.rows]).toEqual([202, 'units', UNITS.length]);
    const job = await ended(accepted.body.statusUrl, admin);
    expect([job.body.status, job.body.answer.created]).toEqual(['succeeded', UNITS.length]);
    expect((await h.call('GET', `/v1/units/${UNITS.at(-1)}`, { token: reviewer })).body.name).toBe(
      `Xã thử nghiệm ${UNITS.length}`,
    );
  });

  it("and a year's clusters: the year's clusters as they were, with a new one of the new units", async () => {
    type Cluster = { clusterId: string; name: string; head: string | null; deputy: string | null; members: string[] };
    const year = (await h.call('GET', '/v1/campaigns/hp-175/years/2026/clusters', { token: admin })).body;
    const roleOf = (c: Cluster, u: string) => (c.head === u ? 'head' : c.deputy === u ? 'deputy' : 'member');
    const lines = [
      ...year.clusters.flatMap((c: Cluster) => c.members.map((u) => [c.clusterId, c.name, u, roleOf(c, u)])),
      ...UNITS.map((u, i) => ['cum-thu-nghiem', 'Cụm thử nghiệm', u, i === 0 ? 'head' : 'member']),
    ];
    const accepted = await fetch(`${h.url}/v1/imports/clusters?campaignId=hp-175&year=2026`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: `clusterId,clusterName,unitId,role\r\n${lines.map((l) => l.map(quoted).join(',')).join('\r\n')}\r\n`,
    }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect([accepted.status, accepted.body.kind, accepted.body.campaignId]).toEqual([202, 'clusters', 'hp-175']);
    const job = await ended(accepted.body.statusUrl, admin);
    expect([job.body.status, job.body.answerStatus]).toEqual(['succeeded', 200]);
  });
});

describe('a large figures import', () => {
  it('refused as a whole in its job when one row is wrong: the status names the row, nothing is stored', async () => {
    const wrong = [...rows.slice(0, -1), rows.at(-1)!.replace(/;50;/, ';0;')];
    const accepted = await upload(csv(wrong));
    expect([accepted.status, accepted.body.status, accepted.location]).toEqual([
      202,
      'queued',
      accepted.body.statusUrl,
    ]);
    const job = await ended(accepted.body.statusUrl);
    expect([job.status, job.body.status, job.body.answerStatus, job.body.statusLabel]).toEqual([
      200,
      'failed',
      400,
      'Không nhập được',
    ]);
    expect(job.body.answer.error.code).toBe('VALIDATION_FAILED');
    const refusedRows = job.body.answer.error.details.map((d: { row: number }) => d.row);
    expect(new Set(refusedRows)).toEqual(new Set([rows.length + 1]));
    expect(await storedFigures()).toBe(0);
  });

  it('a dry run, then the import: each ends with the answer a small file gets; the sheet is not kept', async () => {
    const dry = await ended((await upload(csv(rows), '?dryRun=true')).body.statusUrl);
    expect([dry.body.status, dry.body.answer.dryRun, dry.body.answer.created]).toEqual([
      'succeeded',
      true,
      rows.length,
    ]);
    expect(await storedFigures()).toBe(0);

    const accepted = await upload(csv(rows));
    expect(accepted.status).toBe(202);
    const job = await ended(accepted.body.statusUrl);
    expect([job.body.status, job.body.answerStatus, job.body.rows]).toEqual(['succeeded', 200, rows.length]);
    expect([job.body.answer.created, job.body.answer.items.length]).toEqual([rows.length, rows.length]);
    expect(await storedFigures()).toBe(rows.length);
    const first = await h.call('GET', `/v1/submissions/${job.body.answer.items[0].submissionId}`, { token: reviewer });
    expect(first.body.source).toEqual({ kind: 'import', fileSha256: job.body.fileSha256, row: 2 });
    expect(await h.server.deps.blobs!.read(`imports/${job.body.importId}/sheet`)).toBeNull();

    // The same file again stores nothing twice (as a retried job would not).
    const again = await ended((await upload(csv(rows))).body.statusUrl);
    expect([again.body.answer.created, again.body.answer.unchanged]).toEqual([0, rows.length]);

    // Another person is told there is no such import; an admin may read it.
    const other = await ended(accepted.body.statusUrl, await h.token('reviewer', undefined, 'another-reviewer'));
    expect([other.status, other.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await ended(accepted.body.statusUrl, await h.token('admin'))).status).toBe(200);
  });

  it('a small file is still answered at once', async () => {
    const small = await upload(csv(rows.slice(0, 3)), '?dryRun=true');
    expect([small.status, small.body.rows, small.body.dryRun]).toEqual([200, 3, true]);
  });
});
