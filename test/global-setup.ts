/** Seeds one data directory for the whole run; each integration test file starts its server on a copy of it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from '../local/server.js';

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-seed-'));
  const server = await startLocalServer({ dataDir: dir, port: 0, schedule: false, quiet: true });
  await server.close();
  provide('seededDataDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    seededDataDir: string;
  }
}
