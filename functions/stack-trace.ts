/**
 * An error's stack as the code was written: a bundled function's frames (`oZ (…/index.mjs:3:48211)`) are mapped
 * through the bundle's source map to the source file and line (`shared/services/submissions.ts:262:7`). Done when an error is logged, never at
 * start: Node's --enable-source-maps would read every map at every cold start (10–16 ms of each function's
 * start, bench:init), for the few starts that ever log an error. Unbundled code (the local server) has no maps
 * beside its files: its stacks are left as they are.
 */
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Each bundle's map, read at its first error (null: the file has none). */
const maps = new Map<string, SourceMap | null>();

function mapOf(path: string): SourceMap | null {
  let map = maps.get(path);
  if (map === undefined) {
    try {
      map = existsSync(`${path}.map`) ? new SourceMap(JSON.parse(readFileSync(`${path}.map`, 'utf8'))) : null;
    } catch {
      map = null; // an unreadable map leaves the stack as it is
    }
    maps.set(path, map);
  }
  return map;
}

/** `at name (file:///…/index.mjs:L:C)` or `at file:///…/index.mjs:L:C`. */
const FRAME = /^(\s*at (?:async )?)(?:.*? \()?(file:\/\/[^\s)]+?):(\d+):(\d+)\)?$/;

/** The source a map names, from the project's root on (`../../shared/x.ts` → `shared/x.ts`). */
const shortSource = (source: string) =>
  source.replace(/^(?:webpack:\/\/|file:\/\/)?(?:\.\.\/)+/, '').replace(/^.*?\/(?=node_modules\/)/, '');

/** The stack with every frame of a bundle that has a source map rewritten to its source. */
export function sourceMappedStack(stack: string): string {
  return stack
    .split('\n')
    .map((line) => {
      const m = FRAME.exec(line);
      if (!m) return line;
      const [, at, url, row, column] = m;
      let map: SourceMap | null;
      try {
        map = mapOf(fileURLToPath(url!));
      } catch {
        return line;
      }
      const origin = map?.findOrigin(Number(row), Number(column));
      if (!origin || !('fileName' in origin)) return line;
      // The place, not the bundle's name for the function (minified: `oZ`); the place says which function it is.
      return `${at}${shortSource(origin.fileName)}:${origin.lineNumber}:${origin.columnNumber}`;
    })
    .join('\n');
}
