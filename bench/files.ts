/**
 * `npm run bench:files`: evidence uploads through the local server, as a unit's client makes them: announce,
 * send the bytes to the signed link, complete (size, SHA-256 and type checked, then stored). Prints the time per
 * file and the throughput for 1 MB and 20 MB PDFs.
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startBenchServer } from './local-server.js';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '8' } } });
const rounds = Number(values.rounds);
const bench = await startBenchServer('files');
const token = await bench.token({ role: 'unit', unitId: 'so-khcn-2025' });
const call = async (path: string, body?: unknown) => {
  const r = await fetch(`${bench.server.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<{ file: { fileId: string }; upload: { url: string; headers: Record<string, string> } }>;
};

for (const mb of [1, 20]) {
  const size = mb * 1024 * 1024 - (mb === 20 ? 1 : 0);
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // A different file each round (the same bytes twice would be one file, and skip the upload).
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);
    const start = performance.now();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const announced = await call('/v1/evidence-files', {
      unitId: 'so-khcn-2025',
      fileName: `bao-cao-${i}.pdf`,
      contentType: 'application/pdf',
      size: bytes.length,
      sha256,
    });
    const { 'content-length': _l, ...headers } = announced.upload.headers;
    const sent = await fetch(announced.upload.url, { method: 'PUT', headers, body: new Uint8Array(bytes) });
    if (!sent.ok) throw new Error(`upload: ${sent.status}`);
    await call(`/v1/evidence-files/${announced.file.fileId}/complete`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${mb} MB PDF × ${rounds}: median ${median.toFixed(0)} ms per file (announce + upload + check + store), ` +
      `${(size / 1024 / 1024 / (median / 1000)).toFixed(1)} MB/s; fastest ${times[0]!.toFixed(0)} ms, slowest ${times.at(-1)!.toFixed(0)} ms`,
  );
}
await bench.close();
