/**
 * `npm run bench:files`: evidence uploads through the local server, as a unit's client makes them: announce,
 * send the bytes to the signed link, complete (size, SHA-256 and type checked, then stored). Prints the time per
 * file and the throughput for 1 MB and 20 MB PDFs. First, ZIP bombs: a DOCX and an XLSX whose main part inflates to
 * 1 GiB (declared, or lied about), through the evidence check and the sheet import: the time to refuse each and the
 * memory it took (goal: under 100 ms and 50 MB each).
 */
import { createHash, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { xlsxCells } from '../functions/catalogue/xlsx-read.js';
import { sniffEvidenceType } from '../shared/domain/evidence-files.js';
import { officeBomb } from '../test/fixtures/hostile-files.js';
import { startBenchServer } from './local-server.js';

for (const kind of ['docx', 'xlsx'] as const)
  for (const lying of [false, true]) {
    const bomb = officeBomb(kind, lying);
    const check =
      kind === 'docx'
        ? async () => sniffEvidenceType(bomb)
        : async () =>
            xlsxCells(bomb).then(
              () => 'accepted',
              (e: Error) => e.message,
            );
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    const start = performance.now();
    const outcome = await check();
    const ms = performance.now() - start;
    const after = process.memoryUsage();
    const grew = (k: 'rss' | 'heapUsed' | 'arrayBuffers') => ((after[k] - before[k]) / 1024 / 1024).toFixed(1);
    console.log(
      `${kind.toUpperCase()} bomb (${(bomb.length / 1024).toFixed(0)} KB → 1 GiB, size ${lying ? 'lied about' : 'declared'}): ` +
        `refused in ${ms.toFixed(1)} ms (goal < 100), memory +${grew('rss')} MB RSS, +${grew('heapUsed')} MB heap, ` +
        `+${grew('arrayBuffers')} MB buffers (goal < 50)${outcome === null || /từ chối/.test(String(outcome)) ? '' : ` — NOT REFUSED: ${outcome}`}`,
    );
  }

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
    const bytes = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 16), Buffer.from('\n%%EOF\n')]);
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
