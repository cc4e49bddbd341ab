/**
 * The weight of every function's cold start, as bytes (never as a timing): each main bundle stays within the budget
 * and holds none of the modules that are loaded on demand. A failure names the heaviest modules, so the change that
 * pulled one in is found at once. bench:init measures what the bytes cost in milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleFunction, MAIN_BUNDLE_BUDGET, ON_DEMAND, ON_DEMAND_ONLY, weightByModule } from '../../infra/bundling.js';
import { STACK_FUNCTIONS } from '../../infra/stack.js';

const root = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'thi-dua-bundles-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('every function bundle', () => {
  it.each(STACK_FUNCTIONS)('%s stays within the budget and loads no on-demand module at its start', async (fn) => {
    const metafile = await bundleFunction(
      root,
      join(root, 'functions', fn, 'index.ts'),
      join(out, fn, 'index.mjs'),
      (ON_DEMAND[fn] ?? []).map((m) => m.specifier),
    );
    const main = Object.entries(metafile.outputs).find(([f]) => f.endsWith('index.mjs'))![1];
    const weights = weightByModule(metafile);
    const heaviest = weights
      .slice(0, 8)
      .map((w) => `${w.module} ${(w.bytes / 1024).toFixed(0)} KB`)
      .join(', ');
    expect(
      weights.filter((w) => ON_DEMAND_ONLY.includes(w.module)).map((w) => w.module),
      `${fn} loads on-demand modules at its start; heaviest: ${heaviest}`,
    ).toEqual([]);
    expect(
      main.bytes,
      `${fn}: ${(main.bytes / 1024).toFixed(0)} KB, over the budget of ${MAIN_BUNDLE_BUDGET / 1024} KB; heaviest: ${heaviest}`,
    ).toBeLessThanOrEqual(MAIN_BUNDLE_BUDGET);
  });
});
