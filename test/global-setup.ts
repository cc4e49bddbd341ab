/**
 * Seeds one data directory per integration project (dynalite, or DynamoDB Local for the second pass); each
 * integration test file starts its server on a copy of it, on the same store (test/seeded.ts). The seed runs once, on
 * dynalite; the DynamoDB Local directory gets the very same items copied over (BatchWriteItem), which takes seconds
 * where a second seed took half a minute, and is made while the first files run. (The seed's own paths on the slower
 * store are no AWS path: AWS is never seeded.)
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../adapters/dynamodb/base.js';
import { documentClient } from '../adapters/dynamodb/client.js';
import { startLocalServer, TABLE_NAME } from '../local/server.js';
import { ensureTable, startStore, storeKindFromEnv } from '../local/store.js';
import { buildConsole } from '../scripts/build-console.js';
import { OPEN_2026 } from './fixed-days.js';
import { failedMarker, readyMarker } from './seeded.js';

const server = (dataDir: string, store: 'dynalite' | 'dynamodb-local', seed: boolean) =>
  startLocalServer({ dataDir, port: 0, fixedNow: OPEN_2026, schedule: false, quiet: true, store, seed });

/**
 * What both projects' setups share: vitest loads this module once per project (in one process), so module variables
 * would seed twice. The dynalite seed, what the setups made (directories and markers), and the copies under way.
 */
interface Shared {
  seeded: Promise<string> | null;
  madePaths: string[];
  pending: Promise<void>[];
}
const SHARED = Symbol.for('thi-dua.global-setup');
const processWide = globalThis as { [SHARED]?: Shared };
processWide[SHARED] ??= { seeded: null, madePaths: [], pending: [] };
const shared = processWide[SHARED];

/** The dynalite seed, once per run. */
function dynaliteSeed(): Promise<string> {
  shared.seeded ??= (async () => {
    // The console the servers serve (and the e2e tests drive) is built from its TypeScript first.
    buildConsole();
    const dir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-'));
    // Seeded as on one fixed day (2026 open for reports), whatever today is: the tests' facts do not move.
    await (await server(dir, 'dynalite', true)).close();
    return dir;
  })();
  return shared.seeded;
}

/**
 * The DynamoDB Local pass's data directory: the dynalite seed's files (keys, blobs, clients) with its items written
 * into DynamoDB Local. Its JVM starts while dynalite seeds; the items are read from a private copy of the seed (a
 * store may write to the files it opens, and the first tests copy the seed meanwhile).
 */
async function dynamoDbLocalCopy(dir: string): Promise<void> {
  const target = await startStore('dynamodb-local', dir);
  const sourceDir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-source-'));
  try {
    await ensureTable(target.endpoint, TABLE_NAME);
    const base = await dynaliteSeed();
    cpSync(base, dir, { recursive: true });
    cpSync(base, sourceDir, { recursive: true });
    const source = await startStore('dynalite', sourceDir);
    const read = documentClient(source.endpoint);
    const write = documentClient(target.endpoint);
    try {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await read.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey }));
        await batchWriteAll(
          write,
          TABLE_NAME,
          (page.Items ?? []).map((Item) => ({ PutRequest: { Item } })),
          16,
        );
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    } finally {
      read.destroy();
      write.destroy();
      await source.close();
    }
  } finally {
    await target.close();
    rmSync(sourceDir, { recursive: true, force: true });
  }
}

/**
 * The dynalite pass's seed is ready when its setup returns; the DynamoDB Local pass's copy is made while the first
 * (dynalite) files run, its files waiting for it (test/seeded.ts) through a marker beside the directory.
 */
export default async function setup(project: {
  config: { env?: Record<string, string | undefined> };
  provide: (key: 'seededDataDir', value: string) => void;
}) {
  const store = storeKindFromEnv(project.config.env?.LOCAL_STORE);
  const onDynalite = store === 'dynalite';
  const dir = onDynalite ? await dynaliteSeed() : mkdtempSync(join(tmpdir(), 'thi-dua-seed-ddb-'));
  const marked = (onDynalite ? Promise.resolve() : dynamoDbLocalCopy(dir)).then(
    () => writeFileSync(readyMarker(dir), ''),
    (e: unknown) => writeFileSync(failedMarker(dir), e instanceof Error ? (e.stack ?? e.message) : String(e)),
  );
  if (onDynalite) await marked;
  shared.pending.push(marked);
  shared.madePaths.push(dir, readyMarker(dir), failedMarker(dir));
  project.provide('seededDataDir', dir);
  // Whichever project's teardown vitest calls removes what every project's setup made (they share this module).
  return async () => {
    await Promise.all(shared.pending);
    for (const path of shared.madePaths.splice(0)) rmSync(path, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}
