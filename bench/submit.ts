/**
 * `npm run bench:submit`: sustained POST /v1/submissions against the local server (fresh data directory),
 * from many unit tokens at once, with autocannon; prints requests per second and latency percentiles.
 * Options: --seconds 15 --connections 16
 */

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { demoUnits } from '../local/seed.js';
import { startBenchServer } from './local-server.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '15' }, connections: { type: 'string', default: '16' } },
});
const { server, token, close } = await startBenchServer('submit');
// The units that report in 2026 and take the records-online criterion: departments and communes of the merged city.
const units = demoUnits.filter((u) => u.validTo === null && (u.level === 'department' || u.level === 'commune'));
const tokens = await Promise.all(units.map((u) => token({ role: 'unit', unitId: u.unitId })));

let n = 0;
const commandsBefore = server.storeCommands();
const mainBefore = performance.eventLoopUtilization();
const storeBefore = server.store.busy?.();
const result = await autocannon({
  url: `${server.url}/v1/submissions`,
  method: 'POST',
  connections: Number(values.connections),
  duration: Number(values.seconds),
  requests: [
    {
      method: 'POST',
      setupRequest: (req) => {
        const i = n++ % units.length;
        const denominator = 1000 + (n % 500);
        return {
          ...req,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify({
            unitId: units[i]!.unitId,
            year: 2026,
            criterionId: 'ho-so-truc-tuyen',
            value: { numerator: Math.floor(denominator * 0.8), denominator },
            evidence: [{ title: 'Báo cáo kết quả chuyển đổi số', documentNumber: '12/BC', issuedOn: '2026-11-10' }],
          }),
        };
      },
    },
  ],
});
console.log(`POST /v1/submissions, ${values.connections} connections, ${values.seconds} s, ${units.length} units`);
console.log(
  `requests: ${result.requests.total} (${result['2xx']} × 2xx, ${result.non2xx} × non-2xx, ${result.errors} errors)`,
);
console.log(`throughput: ${result.requests.average.toFixed(0)} submissions/s (mean), ${result.requests.min} min`);
const storeBusy = server.store.busy?.(storeBefore).utilization;
console.log(
  `store calls: ${((server.storeCommands() - commandsBefore) / result.requests.total).toFixed(2)} per submission`,
);
console.log(
  `event loops busy: server ${(100 * performance.eventLoopUtilization(mainBefore).utilization).toFixed(0)} %` +
    (storeBusy === undefined ? '' : `, store thread ${(100 * storeBusy).toFixed(0)} %`),
);
console.log(
  `latency: p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
);
await close();
