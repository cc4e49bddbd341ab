/**
 * `npm run bench:units`: the structure of a whole country loaded at once and a unit's history read back, on the
 * local server (fresh data directory, dynalite): an import of 3,321 commune-level units (the national count since
 * 1/7/2025) checked, stored, then sent again; and the results of one merged unit over five years, derived from
 * its predecessors where it did not exist yet. Options: --units 3321 --runs 20
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { startBenchServer } from './local-server.js';

const { values } = parseArgs({
  options: { units: { type: 'string', default: '3321' }, runs: { type: 'string', default: '20' } },
});
const count = Number(values.units);
const { server, token, close } = await startBenchServer('units');
const admin = await token({ role: 'admin' });
const reviewer = await token({ role: 'reviewer' });

const rows = Array.from({ length: count }, (_, i) => {
  const kind = i % 5 === 0 ? 'phuong' : 'xa';
  return `bench-${String(i).padStart(5, '0')},${10_000 + i},${kind === 'phuong' ? 'Phường' : 'Xã'} Số ${i + 1},${kind},commune,01/07/2025,,`;
});
const csv = ['unitId,code,name,kind,level,validFrom,validTo,predecessors', ...rows].join('\r\n');

async function timed(label: string, path: string) {
  const started = performance.now();
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const body = (await r.json()) as { created?: number; unchanged?: number; error?: unknown };
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(28)} ${(ms / 1000).toFixed(2).padStart(7)} s   status ${r.status}, created ${body.created ?? '-'}, unchanged ${body.unchanged ?? '-'}`,
  );
}

try {
  console.log(
    `Import of ${count} units (${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB CSV), local server on dynalite`,
  );
  await timed('check only (dryRun)', '/v1/imports/units?dryRun=true');
  await timed('import', '/v1/imports/units');
  await timed('same file again', '/v1/imports/units');

  const runs = Number(values.runs);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = await fetch(`${server.url}/v1/units/p-hong-bang/results?from=2022&to=2026`, {
      headers: { authorization: `Bearer ${reviewer}` },
    });
    await r.json();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const stored = (await server.deps.catalogue.listUnits({})).length;
  console.log(
    `Results of p-hong-bang over 2022-2026 (derived from 6 predecessors where it did not exist), ${runs} requests, ${stored} units stored: median ${times[Math.floor(runs / 2)]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`,
  );
} finally {
  await close();
}
