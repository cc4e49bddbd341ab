/**
 * A bundled function's error is logged with its stack in the sources' terms: the bundle's map is read when the error
 * is logged (Lambda starts without --enable-source-maps: reading every map at every start cost 10–16 ms).
 */

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../../functions/log.js';
import { sourceMappedStack } from '../../functions/stack-trace.js';
import { LAMBDA_BUNDLING } from '../../infra/bundling.js';
import { capturedLogLines } from '../log-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'stack-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A module whose function throws on its 4th line, bundled and minified as a function is. */
async function bundled(name: string, maps: boolean) {
  mkdirSync(join(dir, name, 'src'), { recursive: true });
  writeFileSync(
    join(dir, name, 'src', 'report-check.ts'),
    [
      'export function checkReport(value: number) {',
      '  const limit = 100;',
      '  if (value > limit)',
      "    throw new Error('quá giới hạn');",
      '  return value;',
      '}',
      '',
    ].join('\n'),
  );
  const outfile = join(dir, name, 'index.mjs');
  await build({
    entryPoints: [join(dir, name, 'src', 'report-check.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: maps && LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    logLevel: 'error',
  });
  // In a process of its own, started as Lambda starts one (no source maps): vitest's workers map stacks themselves.
  const thrown = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { checkReport } = await import(${JSON.stringify(pathToFileURL(outfile).href)});
try { checkReport(101); } catch (e) { process.stdout.write(e.stack); }`,
    ],
    { encoding: 'utf8' },
  );
  return thrown.stdout;
}

describe('stacks of bundled code', () => {
  it('maps each frame of a bundle to its source file and line', async () => {
    const stack = await bundled('with-map', true);
    expect(stack.split('\n')[1]).toMatch(/^ {4}at \w+ \(file:\/\/.*\/with-map\/index\.mjs:1:\d+\)$/);
    const mapped = sourceMappedStack(stack);
    expect(mapped.split('\n')[0]).toBe('Error: quá giới hạn');
    expect(mapped.split('\n')[1]).toMatch(/^ {4}at src\/report-check\.ts:4:\d+$/);
    // frames outside bundles (this test's own, Node's) are left as they were
    expect(mapped.split('\n').slice(2)).toEqual(stack.split('\n').slice(2));
  });

  it('writes the mapped stack in the error log line', async () => {
    const error = Object.assign(new Error('quá giới hạn'), { stack: await bundled('logged', true) });
    const lines = capturedLogLines();
    logger.error('unhandled', { error });
    vi.restoreAllMocks();
    const line = lines[0] as { error: { stack: string } };
    expect(line).toMatchObject({
      level: 'ERROR',
      message: 'unhandled',
      error: { name: 'Error', message: 'quá giới hạn' },
    });
    expect(line.error.stack).toContain('src/report-check.ts:4:');
  });

  it('leaves the stack of a bundle without a map as it is', async () => {
    const stack = await bundled('without-map', false);
    expect(stack).toContain('without-map/index.mjs:1:');
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});
