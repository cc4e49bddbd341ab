/**
 * Seeds one data directory per integration project (dynalite, or DynamoDB Local for the second pass); each
 * integration test file starts its server on a copy of it, on the same store. The seed runs once, on dynalite; the
 * DynamoDB Local directory gets the very same items copied over (BatchWriteItem), which takes seconds where a
 * second seed took half a minute. (The seed's own paths on the slower store are no AWS path: AWS is never seeded.)
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../adapters/dynamodb/client.js';
import { startLocalServer, TABLE_NAME } from '../local/server.js';
import { storeKindFromEnv } from '../local/store.js';
import { buildConsole } from '../scripts/build-console.js';
import { OPEN_2026 } from './fixed-days.js';

const server = (dataDir: string, store: 'dynalite' | 'dynamodb-local', seed: boolean) =>
  startLocalServer({ dataDir, port: 0, fixedNow: OPEN_2026, schedule: false, quiet: true, store, seed });

/** The dynalite seed, once per run (both projects' setups run in this process). */
let seeded: Promise<string> | null = null;
function dynaliteSeed(): Promise<string> {
  seeded ??= (async () => {
    // The console the servers serve (and the e2e tests drive) is built from its TypeScript first.
    buildConsole();
    const dir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-'));
    // Seeded as on one fixed day (2026 open for reports), whatever today is: the tests' facts do not move.
    await (await server(dir, 'dynalite', true)).close();
    return dir;
  })();
  return seeded;
}

/** The dynalite seed's directory (its keys, files, clients) with its items written into DynamoDB Local. */
async function dynamoDbLocalCopy(from: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-ddb-'));
  cpSync(from, dir, { recursive: true });
  const source = await server(from, 'dynalite', false);
  const target = await server(dir, 'dynamodb-local', false);
  const read = documentClient(source.storeEndpoint);
  const write = documentClient(target.storeEndpoint);
  try {
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await read.send(new ScanCommand({ TableName: TABLE_NAME, ExclusiveStartKey }));
      const items = page.Items ?? [];
      const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, i) => items.slice(i * 25, i * 25 + 25));
      await Promise.all(
        batches.map(async (batch) => {
          let pending: unknown = { [TABLE_NAME]: batch.map((Item) => ({ PutRequest: { Item } })) };
          while (pending && Object.keys(pending as object).length)
            pending = (await write.send(new BatchWriteCommand({ RequestItems: pending as never }))).UnprocessedItems;
        }),
      );
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
  } finally {
    read.destroy();
    write.destroy();
    await source.close();
    await target.close();
  }
  return dir;
}

export default async function setup(project: {
  config: { env?: Record<string, string | undefined> };
  provide: (key: 'seededDataDir', value: string) => void;
}) {
  const store = storeKindFromEnv(project.config.env?.LOCAL_STORE);
  const base = await dynaliteSeed();
  const dir = store === 'dynalite' ? base : await dynamoDbLocalCopy(base);
  project.provide('seededDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}
