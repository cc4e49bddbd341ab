/**
 * `npm run bench:start`: the seconds from `npm start` on a fresh data directory to the console's first page (the
 * three provinces seeded up to today), and from a restart over the same directory (the machine's baseline: the same
 * process with nothing left to seed). Options: --now 2026-12-06T03:00:00Z (FIXED_NOW; default: today).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { now: { type: 'string' } } });

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** Starts the server as `npm start` does and waits for its first page; the seconds it took. */
async function firstPage(dataDir: string): Promise<{ seconds: number; server: ChildProcess }> {
  const port = await freePort();
  const started = performance.now();
  const server = spawn('tsx', ['local/server-main.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), ...(values.now ? { FIXED_NOW: values.now } : {}) },
    stdio: 'ignore',
  });
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { seconds: (performance.now() - started) / 1000, server };
    if (server.exitCode !== null) throw new Error(`the server stopped (exit code ${server.exitCode})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const stop = (server: ChildProcess) =>
  new Promise<void>((resolve) => {
    server.once('exit', () => resolve());
    server.kill('SIGTERM');
  });

const dataDir = mkdtempSync(join(tmpdir(), 'thi-dua-bench-start-'));
try {
  const first = await firstPage(dataDir);
  await stop(first.server);
  const again = await firstPage(dataDir);
  await stop(again.server);
  console.log(`Ngày của máy chủ: ${values.now ?? 'hôm nay'}`);
  console.log(
    `Lần chạy đầu (tạo dữ liệu mẫu ba tỉnh): trang đầu tiên sau ${first.seconds.toFixed(1)} s (mục tiêu < 30 s)`,
  );
  console.log(`Chạy lại trên cùng dữ liệu (mốc so sánh của máy): ${again.seconds.toFixed(1)} s`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
