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
