/** The local store is kept on disk: a restart over the same data directory finds everything and seeds nothing again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startLocalServer } from '../../local/server.js';
import { copySeed } from '../seeded.js';
import { OPEN_2026, ratioBody } from './harness.js';

it('keeps submissions, the signing key and the seed across restarts', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thi-dua-restart-'));
  await copySeed(dataDir);
  const call = async (url: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: {
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  };
  try {
    const first = await startLocalServer({ dataDir, port: 0, fixedNow: OPEN_2026, schedule: false, quiet: true });
    const token = (await call(first.url, '/local/token', undefined, { role: 'unit', unitId: 'p-thuy-nguyen' })).body
      .token;
    const created = await call(first.url, '/v1/submissions', token, ratioBody('p-thuy-nguyen', 910, 1000));
    expect(created.status).toBe(201);
    await first.close();

    const second = await startLocalServer({ dataDir, port: 0, fixedNow: OPEN_2026, schedule: false, quiet: true });
    try {
      expect(second.seeded, second.seeded.join('\n')).toEqual([]);
      // The token signed before the restart still verifies: the key lives in the data directory.
      const back = await call(second.url, `/v1/submissions/${created.body.submissionId}`, token);
      expect(back).toEqual({ status: 200, body: created.body });
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
