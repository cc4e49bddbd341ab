/** What the HTTP benchmarks share: the local server on a fresh data directory, at a fixed date, and its tokens. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalServer } from '../local/server.js';

/** Before the 2026 deadline, whatever today's date is. */
export async function startBenchServer(name: string, store?: 'dynalite' | 'dynamodb-local') {
  const dir = mkdtempSync(join(tmpdir(), `thi-dua-bench-${name}-`));
  const server = await startLocalServer({
    dataDir: dir,
    port: 0,
    fixedNow: '2026-11-20T03:00:00Z',
    schedule: false,
    quiet: true,
    ...(store && { store }),
  });
  return {
    server,
    /** A token from the local issuer: `{ role, unitId? }`. */
    token: async (claims: { role: string; unitId?: string }) => {
      const r = await fetch(`${server.url}/local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(claims),
      });
      return ((await r.json()) as { token: string }).token;
    },
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
