/**
 * `npm run bench:figures-import`: a figures import of 3,000 rows (each a unit's figure for one ratio criterion of
 * 2026, Hải Phòng's communes and departments), checked (dryRun) and then stored, on the local server over Amazon's
 * DynamoDB Local (the closer twin of AWS; `--store dynalite` for the embedded one). Prints the time of each and
 * the store commands it took. Options: --rows 3000 --store dynamodb-local
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBenchServer } from './local-server.js';

const { values } = parseArgs({
  options: { rows: { type: 'string', default: '3000' }, store: { type: 'string', default: 'dynamodb-local' } },
});
const wanted = Number(values.rows);
const store = values.store === 'dynalite' ? 'dynalite' : 'dynamodb-local';
const { server, token, close } = await startBenchServer('figures', store);
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
  const imported = await fetch(`${server.url}/v1/imports/units`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: ['unitId,code,name,kind,level,validFrom,validTo,predecessors', ...unitRows].join('\r\n'),
  });
  if (!imported.ok) throw new Error(`units import: ${imported.status} ${await imported.text()}`);
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
  const clustered = await fetch(`${server.url}/v1/imports/clusters?campaignId=hp-175&year=2026`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: ['clusterId,clusterName,unitId,role', ...clusterRows].join('\r\n'),
  });
  if (!clustered.ok) throw new Error(`clusters import: ${clustered.status} ${await clustered.text()}`);
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
    ['check only (dryRun)', '?dryRun=true'],
    ['import', ''],
  ] as const) {
    const commands = server.storeCommands();
    const started = performance.now();
    const r = await fetch(`${server.url}/v1/imports/figures?campaignId=hp-175${query ? `&${query.slice(1)}` : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reviewer}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const body = (await r.json()) as { created?: number; error?: { message: string } };
    const ms = performance.now() - started;
    console.log(
      `${label.padEnd(22)} ${(ms / 1000).toFixed(2).padStart(7)} s   status ${r.status}, created ${body.created ?? '-'}, ` +
        `${server.storeCommands() - commands} store commands${body.error ? `, ${body.error.message.slice(0, 120)}` : ''}`,
    );
  }
} finally {
  await close();
}
