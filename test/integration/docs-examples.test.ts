/**
 * The commands in docs/ that run against the local server, as marked there (`<!-- docs-test: name -->` before a sh
 * block): run verbatim but for the port, on a copy of the seeded store, with the files they name made from the
 * province's own data — so the guides cannot drift from the API.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

const EXAMPLES = readdirSync('docs')
  .filter((f) => f.endsWith('.md'))
  .flatMap((f) =>
    [...readFileSync(join('docs', f), 'utf8').matchAll(/<!-- docs-test: ([a-z-]+) -->\n```sh\n([\s\S]*?)```/g)].map(
      ([, name, script]) => ({ file: f, name: name!, script: script! }),
    ),
  );

/** The JSON answers a script printed one after another. */
function answers(out: string): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < out.length; i++) {
    const c = out[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && --depth === 0) found.push(JSON.parse(out.slice(start, i + 1)));
  }
  return found;
}

let h: Harness;
let cwd: string;
beforeAll(async () => {
  h = await startHarness();
  cwd = mkdtempSync(join(tmpdir(), 'thi-dua-docs-'));
});
afterAll(async () => {
  await h.close();
  rmSync(cwd, { recursive: true, force: true });
});

it('runs the sheet imports of docs/your-province.md: a check, the units, a year’s clusters', async () => {
  expect(EXAMPLES.map((e) => `${e.file}: ${e.name}`)).toEqual(['your-province.md: import-units']);
  const admin = await h.token('admin');
  // The units file a Ban TĐKT would upload (Hải Phòng's communes, as the seed imported them), and the year's clusters
  // as the platform has them, in the sheet's columns.
  copyFileSync('shared/data/units-2025/hai-phong-communes-2025.csv', join(cwd, 'don-vi-2025.csv'));
  const { clusters } = (await h.call('GET', '/v1/campaigns/hp-175/years/2026/clusters', { token: admin })).body;
  const cell = (text: string) => (/[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
  const roleOf = (c: { head: string | null; deputy: string | null }, unitId: string) =>
    unitId === c.head ? 'head' : unitId === c.deputy ? 'deputy' : 'member';
  writeFileSync(
    join(cwd, 'cum-2026.csv'),
    [
      'clusterId,clusterName,unitId,role',
      ...clusters.flatMap(
        (c: { clusterId: string; name: string; members: string[]; head: string | null; deputy: string | null }) =>
          c.members.map((m) => [c.clusterId, c.name, m, roleOf(c, m)].map(cell).join(',')),
      ),
    ].join('\n'),
  );
  const [example] = EXAMPLES;
  const { stdout } = await promisify(execFile)(
    'bash',
    ['-euo', 'pipefail', '-c', example!.script.replaceAll('localhost:3000', h.url.replace('http://', ''))],
    { cwd, env: { ...process.env, ADMIN: admin } },
  );
  const [check, units, clustered] = answers(stdout);
  // The check stores nothing and names every row; the import of the same units changes nothing, as the guide says.
  expect(check).toMatchObject({ dryRun: true, rows: 114, created: 0, updated: 0, unchanged: 114 });
  expect(units).toMatchObject({ dryRun: false, rows: 114, created: 0, updated: 0, unchanged: 114 });
  expect(clustered, JSON.stringify(clustered).slice(0, 500)).not.toHaveProperty('error');
  const after = (await h.call('GET', '/v1/campaigns/hp-175/years/2026/clusters', { token: admin })).body;
  expect(after.clusters).toEqual(clusters);
});
