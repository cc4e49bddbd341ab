/**
 * An attacker's schedules and shapes against the live server (issue 26): refused requests change nothing — the
 * table and the blob directory are compared byte for byte — and none answers 5xx. Concurrency schedules are
 * generated (each request's start delayed by fast-check), as are parameters and file encodings.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { type Harness, ratioBody, samplePdf, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let DEPT: string;
let unit: string;
let quiet: string[];
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin');
  quiet = await h.quietUnits('department');
  DEPT = quiet[0]!;
  unit = await h.token('unit', DEPT);
});
afterAll(() => h.close());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** Every file under the blob directory with its size and hash: compared before and after a refused request. */
function blobTree(): string {
  const root = join(h.server.dataDir, 'blobs');
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'tmp' ? [] : walk(path);
      return [`${path.slice(root.length)} ${sha256(readFileSync(path))}`];
    });
  return existsSync(root) ? walk(root).sort().join('\n') : '';
}
const state = async () => `${await h.snapshot()}\n${blobTree()}`;

describe('decide before acting, under generated schedules', () => {
  it('six reports citing a file and six deletes of it at once: its bytes stay exactly while a report cites it', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(15), { minLength: 12, maxLength: 12 }), async (delays) => {
        const bytes = samplePdf(`race ${n++} ${delays.join(',')}`);
        const fileId = await h.storeFile(unit, DEPT, bytes);
        const stored = join(h.server.dataDir, 'blobs', 'evidence', DEPT, sha256(bytes));
        const answers = await Promise.all(
          delays.map((d, i) =>
            sleep(d).then(() =>
              i < 6
                ? h.call('POST', '/v1/submissions', {
                    token: unit,
                    body: { ...ratioBody(DEPT, 400 + i, 1000), evidence: [{ title: 'Báo cáo', fileId }] },
                  })
                : h.call('DELETE', `/v1/evidence-files/${fileId}`, { token: unit }),
            ),
          ),
        );
        for (const a of answers) expect(a.status).toBeLessThan(500);
        const reports = answers.slice(0, 6).filter((a) => a.status === 201);
        const deleted = answers.slice(6).filter((a) => a.status === 204);
        const file = (await h.call('GET', `/v1/evidence-files/${fileId}`, { token: unit })).body;
        if (reports.length) {
          expect(deleted).toEqual([]);
          expect(file.status).toBe('stored');
          expect(file.citedBy).not.toBeNull();
          expect(readFileSync(stored).equals(bytes)).toBe(true);
          for (const a of answers.slice(6)) expect(a.body.error.code).toBe('FILE_IN_USE');
        } else {
          expect(file.status).toBe('deleted');
          expect(existsSync(stored)).toBe(false);
        }
      }),
      { numRuns: 4 },
    );
  });

  it('a unit with nine systems and eight registrations at once ends with ten; the refused ones leave nothing', async () => {
    const unitId = quiet[1]!;
    for (let i = 0; i < 9; i++)
      expect(
        (await h.call('POST', `/v1/units/${unitId}/clients`, { token: admin, body: { name: `Hệ thống ${i}` } })).status,
      ).toBe(201);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(10), { minLength: 8, maxLength: 8 }), async (delays) => {
        const answers = await Promise.all(
          delays.map((d, i) =>
            sleep(d).then(() =>
              h.call('POST', `/v1/units/${unitId}/clients`, { token: admin, body: { name: `Đồng thời ${i}` } }),
            ),
          ),
        );
        const created = answers.filter((a) => a.status === 201);
        expect(created).toHaveLength(1);
        for (const a of answers.filter((x) => x.status !== 201))
          expect([a.status, a.body.error.code]).toEqual([409, 'CONFLICT']);
        const listed = await h.call('GET', `/v1/units/${unitId}/clients`, { token: admin });
        expect(listed.body.items.filter((c: { revokedAt: string | null }) => !c.revokedAt)).toHaveLength(10);
        // Its place given back, the next registration (and only one) has room again.
        const revoked = await h.call('DELETE', `/v1/units/${unitId}/clients/${created[0]!.body.clientId}`, {
          token: admin,
        });
        expect(revoked.status).toBeLessThan(300);
      }),
      { numRuns: 3 },
    );
  });

  it('200 wrong secrets, 20 at a time: 401 then 429 slow_down, never 5xx, and /health keeps answering', async () => {
    const commune = (await h.quietUnits('commune'))[0]!;
    const reg = await h.call('POST', `/v1/units/${commune}/clients`, {
      token: admin,
      body: { name: 'Bị dò mật khẩu' },
    });
    expect([reg.status, reg.body.error]).toEqual([201, undefined]);
    const { clientId, clientSecret } = reg.body;
    const token = (secret: string) =>
      fetch(`${h.url}/local/oauth2/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
        },
        body: 'grant_type=client_credentials',
      }).then(async (r) => ({ status: r.status, error: ((await r.json()) as { error?: string }).error }));
    const healthTimes: number[] = [];
    let attacking = true;
    const probe = (async () => {
      while (attacking) {
        const start = performance.now();
        expect((await fetch(`${h.url}/health`)).status).toBe(200);
        healthTimes.push(performance.now() - start);
        await sleep(5);
      }
    })();
    const answers: Array<{ status: number; error?: string }> = [];
    for (let round = 0; round < 10; round++)
      answers.push(...(await Promise.all(Array.from({ length: 20 }, (_, i) => token(`sai-${round}-${i}`)))));
    attacking = false;
    await probe;
    expect(
      answers.every(
        (a) => (a.status === 401 && a.error === 'invalid_client') || (a.status === 429 && a.error === 'slow_down'),
      ),
    ).toBe(true);
    expect(answers.filter((a) => a.status === 401).length).toBeLessThanOrEqual(20);
    // Locked out: even the right secret waits out the minute.
    expect(await token(clientSecret)).toEqual({ status: 429, error: 'slow_down' });
    healthTimes.sort((a, b) => a - b);
    console.info(
      `/health during 200 wrong secrets: ${healthTimes.length} probes, median ${healthTimes[healthTimes.length >> 1]!.toFixed(1)} ms, slowest ${healthTimes.at(-1)!.toFixed(1)} ms`,
    );
  });
});

describe('every input bounded before it costs anything', () => {
  it('any over-long path parameter of any route of the table answers 4xx and stores nothing', async () => {
    const before = await state();
    const long = fc.string({ minLength: 513, maxLength: 3_000 });
    for (const route of ROUTES.filter((r) => r.path.includes('{'))) {
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const param of params) {
        const [value] = fc.sample(long, { numRuns: 1, seed: params.length * 31 + route.path.length });
        const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) =>
          p === param ? encodeURIComponent(value!) : p === 'year' ? '2026' : 'x',
        );
        const r = await h.call(route.method, path, { token: admin, ...(route.method === 'GET' ? {} : { body: {} }) });
        expect([route.method, route.path, param, r.status < 500 && r.status >= 400]).toEqual([
          route.method,
          route.path,
          param,
          true,
        ]);
      }
    }
    const query = await h.call('GET', `/v1/units?campaignId=${'x'.repeat(3_000)}`, { token: admin });
    expect([query.status, query.body.error.details[0].field]).toEqual([400, 'campaignId']);
    expect(await state()).toBe(before);
  });

  it('a blob link with a broken escape is 404, not a crash', async () => {
    for (const method of ['GET', 'PUT'])
      expect((await fetch(`${h.url}/local/blobs/%ZZ/x`, { method })).status).toBe(404);
  });

  it('a units sheet that is not UTF-8 (Windows-1258, Latin-1 bytes) is refused naming the encoding; nothing stored', async () => {
    const before = await state();
    const header = Buffer.from('unitId,name,level,validFrom\n');
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 12 }).map((b) => b.map((x) => 0x80 | x)),
        async (high) => {
          const bytes = Buffer.concat([
            header,
            Buffer.from('so-thu,S'),
            Buffer.from(high),
            Buffer.from(' Y t,department,2026-01-01\n'),
          ]);
          fc.pre(!isUtf8(bytes));
          const r = await fetch(`${h.url}/v1/imports/units?dryRun=true`, {
            method: 'POST',
            headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
            body: bytes,
          });
          const body = (await r.json()) as { error: { details: Array<{ field: string; message: string }> } };
          expect([r.status, body.error.details[0]!.field]).toEqual([400, '(file)']);
          expect(body.error.details[0]!.message).toContain('UTF-8');
        },
      ),
      { numRuns: 15 },
    );
    expect(await state()).toBe(before);
  });

  it('refuses U+FFFE and U+FFFF (not allowed in XML, so in no DOCX or XLSX) in a name, naming the field', async () => {
    const before = await state();
    const current = (await h.call('GET', `/v1/units/${DEPT}`, { token: admin })).body;
    for (const bad of ['\uFFFE', '\uFFFF', '\uFDD0'])
      for (const name of [`${bad}${current.name}`, `${current.name}${bad}`]) {
        const r = await h.call('PUT', `/v1/units/${DEPT}`, { token: admin, body: { name, level: current.level } });
        expect([r.status, r.body.error.details[0].field]).toEqual([400, 'name']);
      }
    expect(await state()).toBe(before);
  });
});

const isUtf8 = (b: Buffer) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};
