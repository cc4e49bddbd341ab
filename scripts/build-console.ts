/**
 * Bundles the console (console/src, TypeScript) into console/app.js with esbuild: the labels and rules it shares
 * with the domain come in, the API's types are checked by tsc and erased. Written whole then renamed, so a server
 * reading it meanwhile never serves half a file. Run by `npm start`, the test setup and the CDK app.
 */
import { renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const CONSOLE = resolve(import.meta.dirname, '..', 'console');

/** Built once per process: the CDK app is built many times in one test run, the console need not be. */
let built: string | null = null;

export function buildConsole(): string {
  if (built) return built;
  const out = join(CONSOLE, 'app.js');
  const temp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  buildSync({
    entryPoints: [join(CONSOLE, 'src', 'main.ts')],
    outfile: temp,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  renameSync(temp, out);
  built = out;
  return out;
}

if (process.argv[1] && import.meta.filename === process.argv[1])
  console.log(`Đã đóng gói bảng điều khiển: ${buildConsole()}`);
