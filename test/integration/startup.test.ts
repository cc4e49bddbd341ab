/** `npm start` says plainly, in Vietnamese and without a stack trace, why it cannot start. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copySeed } from '../seeded.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const seededCopy = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'thi-dua-start-'));
  await copySeed(dir);
  dirs.push(dir);
  return dir;
};

/** Runs the `npm start` entry; resolves with its exit code and what it wrote to stderr. */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/server-main.ts'], {
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('npm start', () => {
  it('explains a port that another program holds', async () => {
    const holder = createServer();
    const port = await new Promise<number>((resolve) =>
      holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)),
    );
    try {
      const { code, stderr } = await start({ PORT: String(port), DATA_DIR: await seededCopy() });
      expect(code).toBe(1);
      expect(stderr).toContain(`Cổng ${port} đang được một chương trình khác dùng`);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      holder.close();
    }
  });

  it('explains a data directory that another running server holds', async () => {
    const dir = await seededCopy();
    writeFileSync(join(dir, 'server.lock'), String(process.pid)); // this test process is alive
    const { code, stderr } = await start({ PORT: '0', DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain('đang được một máy chủ khác dùng');
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
