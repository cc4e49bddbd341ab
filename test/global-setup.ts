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
import { OPEN_2026 } from './fixed-days.js';

export default async function setup(project: {
  config: { env?: Record<string, string | undefined> };
  provide: (key: 'seededDataDir', value: string) => void;
}) {
  // The console the servers serve (and the e2e tests drive) is built from its TypeScript first.
  buildConsole();
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-'));
  const store = storeKindFromEnv(project.config.env?.LOCAL_STORE);
  // Seeded as on one fixed day (2026 open for reports), whatever today is: the tests' facts do not move.
  const server = await startLocalServer({
    dataDir: dir,
    port: 0,
    fixedNow: OPEN_2026,
    schedule: false,
    quiet: true,
    store,
  });
  await server.close();
  project.provide('seededDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}
