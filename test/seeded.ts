/**
 * The run's seeded data directory (test/global-setup.ts), copied for one test's server. The DynamoDB Local pass's is
 * made while the first files run: a copy waits for its marker (the setup's own failure, if it failed, is said here).
 */
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { inject } from 'vitest';

export const readyMarker = (dir: string) => `${dir}.ready`;
export const failedMarker = (dir: string) => `${dir}.failed`;

/** Copies the seeded data directory to `to` once it is ready (waiting for readiness only: generously bounded). */
export async function copySeed(to: string): Promise<void> {
  const from = inject('seededDataDir');
  for (const since = Date.now(); !existsSync(readyMarker(from)); ) {
    if (existsSync(failedMarker(from)))
      throw new Error(`the seed's copy for this store failed:\n${readFileSync(failedMarker(from), 'utf8')}`);
    if (Date.now() - since > 600_000) throw new Error(`the seed's copy for this store is not ready after 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  cpSync(from, to, { recursive: true });
}
