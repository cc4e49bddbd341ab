/** `npm start` says plainly, in Vietnamese and without a stack trace, why it cannot start. */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Runs the `npm start` entry; resolves with its exit code and what it wrote. `onOutput` sees its standard output
 * as it comes, with the process (to signal it).
 */
function start(
  env: Record<string, string>,
  onOutput: (stdout: string, child: ChildProcess) => void = () => {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/server-main.ts'], {
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    onOutput(stdout, child);
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
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

  it('stops on a signal once what is under way has ended, and frees its data directory', async () => {
    const dir = await seededCopy();
    let signalled = false;
    const { code, stdout, stderr } = await start({ PORT: '0', DATA_DIR: dir }, (out, child) => {
      if (signalled || !out.includes('Bảng điều khiển')) return;
      signalled = true;
      child.kill('SIGTERM');
    });
    expect(stderr).toBe('');
    expect(stdout).toContain('Đang dừng: chờ các yêu cầu và việc đang chạy kết thúc');
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
  });
});
