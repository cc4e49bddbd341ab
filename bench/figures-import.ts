/**
 * `npm run bench:figures-import`: a figures import of 3,000 rows (each a unit's figure for one ratio criterion of
 * 2026, Hải Phòng's communes and departments), checked (dryRun) and then stored, on the local server over Amazon's
 * DynamoDB Local (the closer twin of AWS; `--store dynalite` for the embedded one). A file this large is a job: the
 * request answers 202, the bench asks the status URL until the job has ended, and prints both times and the store
 * commands it took. Options: --rows 3000 --store dynamodb-local
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBenchServer } from './local-server.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '3000' }, store: { type: 'string', default: 'dynamodb-local' } },
});
const wanted = Number(values.rows);
const store = values.store === 'dynalite' ? 'dynalite' : 'dynamodb-local';
// As in AWS, where the catalogue function reads the catalogue fresh (no 5-second cache across requests).
process.env.CATALOGUE_CACHE_SECONDS = '0';
const { server, token, close } = await startBenchServer('figures', store);

/**
 * Sends a sheet as a client would: a large one is answered 202 and followed at its status URL (every 100 ms) until its
 * job has ended. Returns the answer (a small file's, or the job's), its status and the times.
 */
async function sendSheet(path: string, bearer: string, lines: string[]) {
  const started = performance.now();
  const headers = { authorization: `Bearer ${bearer}` };
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'text/csv' },
    body: lines.join('\r\n'),
  });
  const answeredMs = performance.now() - started;
  let body = (await r.json()) as { status?: string; statusUrl?: string; answer?: unknown; answerStatus?: number };
  if (r.status !== 202) return { status: r.status, accepted: r.status, answer: body, answeredMs, ms: answeredMs };
  while (body.status === 'queued' || body.status === 'running') {
    await new Promise((done) => setTimeout(done, 100));
    body = (await (await fetch(`${server.url}${body.statusUrl}`, { headers })).json()) as typeof body;
  }
  return { status: body.answerStatus, accepted: 202, answer: body.answer, answeredMs, ms: performance.now() - started };
}
try {
  const reviewer = await token({ role: 'reviewer' });
  const admin = await token({ role: 'admin' });
  // A province's few hundred units give too few slots: communes are added (through the units import, as a Ban
  // TĐKT would) until the commune-level ratio criteria give enough rows.
  // A year holds at most 3,000 cluster members: the demo's 138 and 2,860 more.
  const extra = Math.min(wanted, 2_860);
  const unitRows = Array.from(
    { length: extra },
    (_, i) => `bench-${String(i).padStart(5, '0')},,Xã Thử Số ${i + 1},xa,commune,01/07/2025,,`,
  );
  const imported = await sendSheet('/v1/imports/units', admin, [
    'unitId,code,name,kind,level,validFrom,validTo,predecessors',
    ...unitRows,
  ]);
  if (imported.status !== 200) throw new Error(`units import: ${imported.status} ${JSON.stringify(imported.answer)}`);
  // A year's participants are its clusters' members: the year's clusters again, with the new communes in clusters
  // of 50 (the cluster import takes the year's whole set).
  const year = (await (
    await fetch(`${server.url}/v1/campaigns/hp-175/years/2026/clusters`, {
      headers: { authorization: `Bearer ${admin}` },
    })
  ).json()) as {
    clusters: Array<{ clusterId: string; name: string; head: string | null; deputy: string | null; members: string[] }>;
  };
  const roleIn = (c: { head: string | null; deputy: string | null }, m: string) =>
    m === c.head ? 'head' : m === c.deputy ? 'deputy' : 'member';
  const clusterRows = [
    ...year.clusters.flatMap((c) => c.members.map((m) => `${c.clusterId},"${c.name}",${m},${roleIn(c, m)}`)),
    ...unitRows.map(
      (_, i) =>
        `cum-thu-tai-${Math.floor(i / 50)},Cụm thử tải ${Math.floor(i / 50) + 1},bench-${String(i).padStart(5, '0')},${i % 50 ? 'member' : 'head'}`,
    ),
  ];
  const clustered = await sendSheet('/v1/imports/clusters?campaignId=hp-175&year=2026', admin, [
    'clusterId,clusterName,unitId,role',
    ...clusterRows,
  ]);
  if (clustered.status !== 200) throw new Error(`clusters import: ${clustered.status}`);
  const get = async (path: string) =>
    (await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${reviewer}` } })).json() as Promise<{
      items: Array<Record<string, unknown>>;
    }>;
  const units = (await get('/v1/units?campaignId=hp-175&year=2026')).items as Array<{ unitId: string; level: string }>;
  const criteria = (await get('/v1/criteria?campaignId=hp-175&year=2026')).items as Array<{
    criterionId: string;
    kind: string;
    levels: string[];
  }>;
  const ratios = criteria.filter((c) => c.kind === 'ratio');
  const pairs = units.flatMap((u) => ratios.filter((c) => c.levels.includes(u.level)).map((c) => [u, c] as const));
  // One row per slot (a unit and a criterion): a file naming a slot twice is refused.
  const rows = pairs
    .slice(0, wanted)
    .map(([u, c], i) => `${u.unitId};${c.criterionId};2026;${400 + (i % 500)};1000;Bench`);
  const csv = ['unitCode;criterionId;year;numerator;denominator;sourceNote', ...rows].join('\r\n');
  console.log(
    `Figures import of ${rows.length} rows (${units.length} units × ${ratios.length} ratio criteria give ${pairs.length} slots; ` +
      `${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB CSV), local server on ${store}`,
  );
  for (const [label, query] of [
    ['check only (dryRun)', '&dryRun=true'],
    ['import', ''],
  ] as const) {
    const commands = server.storeCommands();
    const r = await sendSheet(`/v1/imports/figures?campaignId=hp-175${query}`, reviewer, [csv]);
    const answer = r.answer as { created?: number; error?: { message: string } };
    console.log(
      `${label.padEnd(22)} ${(r.ms / 1000).toFixed(2).padStart(7)} s   (answered ${r.accepted} in ${r.answeredMs.toFixed(0)} ms), ` +
        `status ${r.status}, created ${answer.created ?? '-'}, ${server.storeCommands() - commands} store commands` +
        `${answer.error ? `, ${answer.error.message.slice(0, 120)}` : ''}`,
    );
  }
} finally {
  await close();
}
