/**
 * `npm run bench:submit`: sustained POST /v1/submissions against the local server (fresh data directory), from many
 * unit tokens at once, with autocannon, beside the store's own ceiling measured in the same sitting: raw PutItem of an
 * item of a report's size at the same concurrency. The two are interleaved (ceiling, submissions, ceiling,
 * submissions) so the machine's noise shows in both, after 2 s of submissions that are not counted (warm-up). The
 * requests come from a worker thread, as from another machine. Goals: submissions ≥ 0.167 × the ceiling, p99 < 60 ms.
 * Options: --seconds 10 --connections 16 --rounds 2
 */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import autocannon from 'autocannon';
import { documentClient } from '../adapters/dynamodb/client.js';
import { submissionItem } from '../adapters/dynamodb/submissions.js';
import { TABLE_NAME } from '../local/server.js';
import { ensureTable, startEmbeddedStore } from '../local/store.js';
import { encodeSubmissionId } from '../shared/domain/submission-id.js';
import type { Submission } from '../shared/domain/types.js';
import { unitsOfYear } from '../shared/services/context.js';
import { startBenchServer } from './local-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const { server, token, close } = await startBenchServer('submit');
// The units that report in 2026 and take the records-online criterion: departments and communes of the merged city.
const year2026 = (await server.deps.catalogue.getCampaignYear('hp-175', 2026))!;
const units = (await unitsOfYear(server.deps, 'hp-175', year2026)).filter(
  (u) => u.level === 'department' || u.level === 'commune',
);
const tokens = await Promise.all(units.map((u) => token({ role: 'unit', unitId: u.unitId })));

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

/**
 * The store's ceiling: `connections` loops of PutItem, each an item shaped as a stored report, for `seconds`. Against
 * a second store of the same kind (its own thread and files): the puts would otherwise leave tens of thousands of
 * items, and LevelDB's compactions of them, in the table the submissions are measured on.
 */
const ceilingDir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-ceiling-'));
const ceilingStore = await startEmbeddedStore(ceilingDir);
await ensureTable(ceilingStore.endpoint, TABLE_NAME);
async function ceiling(round: number) {
  const db = documentClient(ceilingStore.endpoint);
  const latencies: number[] = [];
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const i = n++;
        const slot = { campaignId: 'ceiling', year: 2026, unitId: `u-${round}-${i}`, slotId: 'ho-so-truc-tuyen' };
        const s: Submission = {
          ...slot,
          submissionId: encodeSubmissionId({ ...slot, version: 1 }),
          criterionId: slot.slotId,
          value: { kind: 'ratio', numerator: 800, denominator: 1000 },
          evidence: [{ title: 'Báo cáo kết quả chuyển đổi số', documentNumber: '12/BC', issuedOn: '2026-11-10' }],
          status: 'submitted',
          version: 1,
          submittedAt: new Date().toISOString(),
          submittedBy: 'bench',
          review: null,
          audit: [{ at: new Date().toISOString(), actor: 'bench', role: 'unit', action: 'submitted' }],
          unitName: 'Đơn vị',
          unitLevel: 'commune',
          unitCluster: null,
        };
        const started = performance.now();
        await db.send(new PutCommand({ TableName: TABLE_NAME, Item: submissionItem(s) }));
        latencies.push(performance.now() - started);
      }
    }),
  );
  db.destroy();
  latencies.sort((a, b) => a - b);
  return { perSecond: latencies.length / seconds, p99: percentile(latencies, 0.99) };
}

/**
 * The load comes from a worker thread, as it would from another machine: run on the server's own event loop, the
 * client's parsing and bookkeeping would sit in the server's latency. A worker takes its request shaper as a file.
 */
const shaperDir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-submit-shaper-'));
const shaper = join(shaperDir, 'setup-request.cjs');
writeFileSync(
  shaper,
  `const units = ${JSON.stringify(units.map((u) => u.unitId))};
const tokens = ${JSON.stringify(tokens)};
let n = 0;
module.exports = (req) => {
  const i = n++ % units.length;
  const denominator = 1000 + (n % 500);
  return {
    ...req,
    headers: { 'content-type': 'application/json', authorization: 'Bearer ' + tokens[i] },
    body: JSON.stringify({
      unitId: units[i],
      year: 2026,
      criterionId: 'ho-so-truc-tuyen',
      value: { numerator: Math.floor(denominator * 0.8), denominator },
      evidence: [{ title: 'Báo cáo kết quả chuyển đổi số', documentNumber: '12/BC', issuedOn: '2026-11-10' }],
    }),
  };
};
`,
);

async function submissions(duration = seconds) {
  const commandsBefore = server.storeCommands();
  const [serverBefore, storeBefore] = [performance.eventLoopUtilization(), server.store.busy?.()];
  const result = await autocannon({
    url: `${server.url}/v1/submissions`,
    method: 'POST',
    connections,
    duration,
    workers: 1,
    requests: [{ method: 'POST', setupRequest: shaper }],
  } as autocannon.Options);
  return {
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors,
    storeCalls: (server.storeCommands() - commandsBefore) / Math.max(1, result.requests.total),
    /** How busy the server's thread (handlers) and the store's thread were: which of the two set the pace. */
    serverBusy: performance.eventLoopUtilization(serverBefore).utilization,
    storeBusy: server.store.busy?.(storeBefore).utilization ?? Number.NaN,
  };
}

console.log(
  `POST /v1/submissions and the store's raw PutItem ceiling, ${connections} in flight, ${seconds} s each, ${units.length} units, Node ${process.version}`,
);
// Steady state, as a warm Lambda container would serve it: the first seconds compile the handlers' code (cold starts
// are bench:init's figure).
await submissions(2);
const ratios: number[] = [];
for (let round = 1; round <= Number(values.rounds); round++) {
  const c = await ceiling(round);
  console.log(`round ${round} ceiling:     ${c.perSecond.toFixed(0)} puts/s, p99 ${c.p99.toFixed(1)} ms`);
  const s = await submissions();
  ratios.push(s.perSecond / c.perSecond);
  console.log(
    `round ${round} submissions: ${s.perSecond.toFixed(0)} /s (${(s.perSecond / c.perSecond).toFixed(3)} × ceiling; goal ≥ 0.167), ` +
      `p50 ${s.p50} ms, p99 ${s.p99} ms (goal < 60), ${s.failed} failed, ${s.storeCalls.toFixed(2)} store calls each; ` +
      `threads busy: server ${(s.serverBusy * 100).toFixed(0)} %, store ${(s.storeBusy * 100).toFixed(0)} %`,
  );
}
console.log(`worst ratio: ${Math.min(...ratios).toFixed(3)} × the ceiling`);
await ceilingStore.close();
for (const dir of [ceilingDir, shaperDir]) rmSync(dir, { recursive: true, force: true });
await close();
