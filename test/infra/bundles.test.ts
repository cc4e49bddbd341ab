/**
 * The weight of every function's cold start, as bytes (never as a timing): each main bundle stays within the budget
 * and holds none of the modules that are loaded on demand. A failure names the heaviest modules, so the change that
 * pulled one in is found at once. bench:init measures what the bytes cost in milliseconds.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/** The domain's modules (shared/), each imported for its side effects only: what of them a bundle must keep. */
function keptByImportAlone() {
  const modules = ['shared/domain', 'shared/domain/kinds', 'shared/services'].flatMap((dir) =>
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => join(root, dir, f)),
  );
  const entry = join(out, 'import-alone.ts');
  writeFileSync(entry, modules.map((m) => `import '${m}';`).join('\n'));
  return bundleFunction(root, entry, join(out, 'import-alone', 'index.mjs'), []);
}

describe('the domain at import', () => {
  it('keeps no code alive: a schema, a registry or a label map nobody uses leaves every bundle', async () => {
    // A module-level call or spread (Object.fromEntries, new Map(list.map(…)), { ...a, ...b }) cannot be proved free
    // of side effects, so the bundler keeps it, and all it names, in every function that imports the module
    // (10-37 KB per function, 12/2026). Such values are built in functions, or marked /* @__PURE__ */.
    const metafile = await keptByImportAlone();
    const inputs = Object.entries(Object.values(metafile.outputs).find((o) => o.entryPoint)!.inputs).filter(
      ([file, input]) => file.startsWith('shared/') && input.bytesInOutput > 0,
    );
    const kept = inputs.map(([file, input]) => `${file} ${input.bytesInOutput} B`);
    const bytes = inputs.reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
    // Constants (limits, a label or two) stay: a few hundred bytes in all.
    expect(bytes, `kept by import alone: ${kept.join(', ')}`).toBeLessThan(1024);
  });
});
