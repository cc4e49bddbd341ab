/**
 * Seeds one data directory per integration project (dynalite, or DynamoDB Local for the second pass); each
 * integration test file starts its server on a copy of it, on the same store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from '../local/server.js';
import { storeKindFromEnv } from '../local/store.js';
import { buildConsole } from '../scripts/build-console.js';

export default async function setup(project: {
  config: { env?: Record<string, string | undefined> };
  provide: (key: 'seededDataDir', value: string) => void;
}) {
  // The console the servers serve (and the e2e tests drive) is built from its TypeScript first.
  buildConsole();
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-'));
  const store = storeKindFromEnv(project.config.env?.LOCAL_STORE);
  const server = await startLocalServer({ dataDir: dir, port: 0, schedule: false, quiet: true, store });
  await server.close();
  project.provide('seededDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}
