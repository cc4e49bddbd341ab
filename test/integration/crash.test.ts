/**
 * A crash never leaves two truths: the local server, on DynamoDB Local (which has transactions, as AWS has),
 * is killed with SIGKILL at seeded random moments while units report, and restarted over the same data.
 * Afterwards every acknowledged report is there with its value, and no slot has two current versions.
 * Runs in the DynamoDB Local pass only: dynalite has no transactions (there, readers take the newest).
 */
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../adapters/dynamodb/client.js';
import { startLocalServer, TABLE_NAME } from '../../local/server.js';
import { copySeed } from '../seeded.js';
import { ratioBody } from './harness.js';

const onDynamoDbLocal = process.env.LOCAL_STORE === 'dynamodb-local';
const dataDir = mkdtempSync(join(tmpdir(), 'thi-dua-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts `npm start`'s entry in its own process; resolves with its URL once it listens. */
function startServerProcess(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/server-main.ts'], {
    env: {
      ...process.env,
      PORT: '0',
      DATA_DIR: dataDir,
      FIXED_NOW: '2026-11-20T03:00:00Z',
      LOCAL_STORE: 'dynamodb-local',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /đang chạy: (http:\/\/[\d.:]+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${out}`)));
  });
}

/**
 * The server dies at once (SIGKILL, no handler runs); the store it started survives it, as DynamoDB survives a Lambda
 * that crashes: the orphaned JVM is then stopped as a database is (SIGTERM, SIGKILL only if it will not go). Killing
 * the store itself mid-write would test DynamoDB Local's own durability, which is not ours to prove. Resolves once
 * both are gone: until the child is reaped it is a zombie whose pid still answers, and its data-directory lock with it.
 */
async function killHard(child: ChildProcess) {
  const exited = child.exitCode === null && child.signalCode === null ? once(child, 'exit') : Promise.resolve();
  child.kill('SIGKILL');
  await exited;
  const jvm = `-dbPath ${join(dataDir, 'dynamodb-local')}`;
  for (let tries = 0; tries < 200; tries++) {
    try {
      execSync(`pkill ${tries < 100 ? '-TERM' : '-9'} -f -- "${jvm}"`);
    } catch {
      return; // pkill found no JVM left
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(onDynamoDbLocal)('crash', () => {
  // A readiness wait (the seed's copy for DynamoDB Local may still be under way): a hook's bound, not the test's.
  beforeAll(() => copySeed(dataDir));
  it('keeps every acknowledged report and never two current versions of a slot, over 3 kills', async () => {
    const acknowledged = new Map<string, number>();
    const units = ['so-khcn-2025', 'so-nn-mt', 'so-xay-dung', 'so-tai-chinh-2025'];
    const killAfter = fc.sample(fc.integer({ min: 300, max: 1200 }), { numRuns: 3, seed: 2026 });
    for (const [cycle, delay] of killAfter.entries()) {
      const { child, url } = await startServerProcess();
      const tokens = await Promise.all(
        units.map(async (unitId) => {
          const r = await fetch(`${url}/local/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ role: 'unit', unitId }),
          });
          return ((await r.json()) as { token: string }).token;
        }),
      );
      let stop = false;
      let firstAck = () => {};
      const acked = new Promise<void>((resolve) => {
        firstAck = resolve;
      });
      // Eight reporters, each resubmitting the same slot of its unit as fast as it can.
      const reporters = Array.from({ length: 8 }, async (_, r) => {
        for (let n = 0; !stop; n++) {
          const unitId = units[r % units.length]!;
          const numerator = cycle * 10_000 + r * 1_000 + n;
          try {
            const res = await fetch(`${url}/v1/submissions`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[r % units.length]}` },
              body: JSON.stringify(ratioBody(unitId, numerator % 1000, 1000)),
            });
            if (res.status === 201) {
              acknowledged.set(((await res.json()) as { submissionId: string }).submissionId, numerator % 1000);
              firstAck();
            }
          } catch {
            return; // the server is gone
          }
        }
      });
      // The kill lands at a random moment once reports flow (a slow start under load must not empty a cycle).
      await Promise.race([acked, new Promise((r) => setTimeout(r, 30_000))]);
      await new Promise((r) => setTimeout(r, delay));
      await killHard(child);
      stop = true;
      await Promise.all(reporters);
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    // Restarted over the same data: what was acknowledged is there, and each slot has one current version.
    const server = await startLocalServer({
      dataDir,
      port: 0,
      schedule: false,
      quiet: true,
      store: 'dynamodb-local',
      fixedNow: '2026-11-20T03:00:00Z',
    });
    try {
      const token = (await (
        await fetch(`${server.url}/local/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'reviewer' }),
        })
      ).json()) as { token: string };
      for (const [id, numerator] of acknowledged) {
        const r = await fetch(`${server.url}/v1/submissions/${id}`, {
          headers: { authorization: `Bearer ${token.token}` },
        });
        expect(r.status, id).toBe(200);
        expect(((await r.json()) as { value: { numerator: number } }).value.numerator).toBe(numerator);
      }
      const db = documentClient(server.storeEndpoint);
      const current = new Map<string, number>();
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey, ConsistentRead: true }));
        for (const item of page.Items ?? [])
          if (item.GSI1PK) {
            // One current version per campaign year and slot (GSI1PK names the campaign year, GSI1SK the slot).
            const slot = `${item.GSI1PK}|${item.GSI1SK}`;
            current.set(slot, (current.get(slot) ?? 0) + 1);
          }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      expect([...current].filter(([, n]) => n > 1)).toEqual([]);
    } finally {
      await server.close();
    }
    // Four server processes and their JVMs started one after another: 30 s on a quiet machine, 88 s beside a busy core.
    // The bound is for a start that never comes, not for how fast they come.
  }, 600_000);
});
