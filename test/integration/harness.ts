/** Starts the local server on a free port over a copy of the seeded store, and talks to it as a client would. */

import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../../adapters/dynamodb/client.js';
import { type LocalServer, startLocalServer, TABLE_NAME } from '../../local/server.js';
import type { Level } from '../../shared/domain/types.js';
import type { Clock } from '../../shared/ports/index.js';
import { unitsOfYear } from '../../shared/services/context.js';
import { copySeed } from '../seeded.js';

export class TestClock implements Clock {
  constructor(private at: Date) {}
  now() {
    return new Date(this.at);
  }
  set(iso: string) {
    this.at = new Date(iso);
  }
}

import { OPEN_2026 } from '../fixed-days.js';
import { answerContract } from './answer-contract.js';

export { OPEN_2026 };

export interface Harness {
  server: LocalServer;
  clock: TestClock;
  url: string;
  token(role: 'unit' | 'reviewer' | 'admin', unitId?: string, sub?: string): Promise<string>;
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> },
    // biome-ignore lint/suspicious/noExplicitAny: tests read the API's JSON answers field by field
  ): Promise<{ status: number; body: any; headers: Headers; bytes: Buffer }>;
  /** Every item in the table, sorted: compare before/after to prove nothing was stored. */
  snapshot(): Promise<string>;
  /** Announces, sends and completes a file as the unit's person would, and waits for its scan: the file's id. */
  storeFile(token: string, unitId: string, bytes: Buffer, fileName?: string, contentType?: string): Promise<string>;
  /**
   * Asks for a year's run as an admin would (202 and a status URL), then follows that URL until the run has ended:
   * its final record. `path` is the request (the run's, or a finalization's) and `body` what it sends.
   */
  runToEnd(
    token: string,
    path: string,
    body?: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: tests read the API's JSON answers field by field
  ): Promise<{ accepted: { status: number; body: any }; run: any }>;
  /**
   * Units of a level taking part in the year that have reported nothing yet (the seed leaves some units without
   * reports, as a real year has): slots a test can fill from version 1. In id order, so the same on every run.
   */
  quietUnits(level: Level, year?: number, campaignId?: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function startHarness(options: { now?: string; schedule?: boolean } = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'thi-dua-test-'));
  await copySeed(dataDir);
  const clock = new TestClock(new Date(options.now ?? OPEN_2026));
  const contract = answerContract();
  // The copy is seeded already (as on OPEN_2026): the seed does not run again under the test's own clock.
  const server = await startLocalServer({
    dataDir,
    port: 0,
    clock,
    seed: false,
    schedule: options.schedule ?? false,
    quiet: true,
    onAnswer: contract.check,
  });
  const db = documentClient(server.storeEndpoint);
  const tokens = new Map<string, string>();
  let lastScan: { writes: number; text: string } | null = null;
  const h: Harness = {
    server,
    clock,
    url: server.url,
    async token(role, unitId, sub) {
      const k = `${role}|${unitId ?? ''}|${sub ?? ''}`;
      if (!tokens.has(k)) {
        const r = await h.call('POST', '/local/token', { body: { role, unitId, ...(sub ? { sub } : {}) } });
        if (r.status !== 200) throw new Error(`token: ${r.status} ${JSON.stringify(r.body)}`);
        tokens.set(k, r.body.token);
      }
      return tokens.get(k)!;
    },
    async call(method, path, o = {}) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          ...(o.body !== undefined || o.rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...o.headers,
        },
        body: o.rawBody ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      const text = bytes.toString('utf8');
      let body: unknown = text;
      if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
      return { status: res.status, body, headers: res.headers, bytes };
    },
    async quietUnits(level, year = 2026, campaignId = 'hp-175') {
      const { deps } = server;
      const cy = (await deps.catalogue.getCampaignYear(campaignId, year))!;
      const { figures } = await deps.submissions.currentFigures(campaignId, year);
      const reported = new Set(figures.map((f) => f.unitId));
      return (await unitsOfYear(deps, campaignId, cy))
        .filter((u) => u.level === level && !reported.has(u.unitId))
        .map((u) => u.unitId)
        .sort();
    },
    async snapshot() {
      // No write applied since the last scan: the table is that scan, byte for byte (a refused conditional write
      // changes nothing). Otherwise scan it again.
      const writes = server.storeWrites();
      if (lastScan?.writes === writes) return lastScan.text;
      const items: unknown[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const out = await db.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey, ConsistentRead: true }));
        items.push(...(out.Items ?? []));
        ExclusiveStartKey = out.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      const text = items
        .map((i) => JSON.stringify(i))
        .sort()
        .join('\n');
      lastScan = { writes, text };
      return text;
    },
    async storeFile(token, unitId, bytes, fileName = 'Báo cáo 125-BC-UBND.pdf', contentType = 'application/pdf') {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const a = await h.call('POST', '/v1/evidence-files', {
        token,
        body: { unitId, fileName, contentType, size: bytes.length, sha256 },
      });
      if (a.status !== 201) throw new Error(`announce: ${a.status} ${JSON.stringify(a.body)}`);
      const sent = await fetch(a.body.upload.url, {
        method: a.body.upload.method,
        headers: a.body.upload.headers,
        body: new Uint8Array(bytes),
      });
      if (sent.status !== 200) throw new Error(`upload: ${sent.status}`);
      const done = await h.call('POST', `/v1/evidence-files/${a.body.file.fileId}/complete`, { token });
      if (done.status !== 200) throw new Error(`complete: ${done.status} ${JSON.stringify(done.body)}`);
      // Cited only once scanned clean: the local scanner's verdict follows the upload in the background.
      await h.server.scanner.idle();
      return a.body.file.fileId;
    },
    async runToEnd(token, path, body) {
      const accepted = await h.call('POST', path, { token, ...(body !== undefined ? { body } : {}) });
      const statusUrl: string | undefined = accepted.body?.statusUrl ?? accepted.body?.run?.statusUrl;
      if (accepted.status !== 202 || !statusUrl) return { accepted, run: null };
      // The job runs in the server's background: wait for it, then read the record the status URL gives.
      await h.server.jobs.idle();
      const run = (await h.call('GET', statusUrl, { token })).body;
      return { accepted, run };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      // Every answer of the file's tests matched its route's schema in /openapi.json, or the file fails here.
      const violations = [...new Set(contract.violations)];
      if (violations.length && !process.env.RECORD_ANSWERS)
        throw new Error(`answers outside the contract:\n${violations.join('\n')}`);
    },
  };
  return h;
}

export const evidence = [
  {
    title: 'Báo cáo kết quả chuyển đổi số năm 2026',
    documentNumber: '125/BC-UBND',
    issuedOn: '2026-11-10',
    url: 'https://vanban.haiphong.gov.vn/2026/bc-125.pdf',
  },
];

export const ratioBody = (
  unitId: string,
  numerator: number,
  denominator: number,
  criterionId = 'ho-so-truc-tuyen',
  year = 2026,
) => ({ unitId, year, criterionId, value: { numerator, denominator }, evidence });

/** A small but real PDF (one empty page), distinct per note: what a scanner's output starts like. */
export const samplePdf = (note: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\n% ${note}\ntrailer <</Root 1 0 R>>\n%%EOF\n`,
  );
