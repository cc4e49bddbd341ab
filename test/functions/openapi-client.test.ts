/**
 * What a unit's IT staff get from the contract: a typed client generated from /openapi.json (openapi-typescript, as
 * an integrator would run it) type-checks the request bodies of the guide's curl examples, and types every JSON
 * answer of success — none is `unknown`, and the fields the guide says to read are there.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/openapi.js';
import { matchRoute, ROUTES } from '../../functions/routes.js';

const root = resolve(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'openapi-client-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The guide's requests with a literal JSON body: `curl -X POST $API/<path> … -d '<json>'` (not those the shell fills in). */
function guideRequests() {
  const guide = readFileSync(join(root, 'docs', 'connect-your-system.md'), 'utf8');
  return [...guide.matchAll(/curl -X (POST|PUT) \$API(\/[^\s"?]+)[^`]*?-d '(\{[^']*\})'/g)].map((m) => {
    const match = matchRoute(m[1]!, m[2]!);
    if (!match || !('route' in match)) throw new Error(`the guide calls a route the table lacks: ${m[1]} ${m[2]}`);
    return { method: m[1]!.toLowerCase(), path: match.route.path, body: JSON.parse(m[3]!) as unknown };
  });
}

/** Fields the guide tells an integrator to read from an answer. */
const READ_IN_GUIDE: Record<string, string[]> = {
  'post /v1/units/{unitId}/clients 201': ['a.clientId', 'a.clientSecret', 'a.tokenUrl'],
  'post /v1/submissions 201': ['a.submissionId', 'a.status', 'a.source?.row'],
  'post /v1/evidence-files 201': ['a.file.fileId', 'a.upload?.url', "a.upload?.headers['x-amz-checksum-sha256']"],
  'post /v1/imports/figures 200': ['a.rows', 'a.items?.[0]?.row'],
};

describe('a client generated from /openapi.json', () => {
  it("type-checks the guide's requests and types every answer", async () => {
    const document = openApiDocument('https://example.invalid/oauth2/token');
    writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(document as never)));
    const requests = guideRequests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(['post /v1/units/{unitId}/clients', 'post /v1/submissions']),
    );
    const lines = [
      "import type { paths } from './api.js';",
      'type Json<O> = O extends { content: { "application/json": infer J } } ? J : never;',
      'type Known<T> = unknown extends T ? false : true;',
      ...requests.map(
        (r, i) =>
          `export const request${i}: Json<NonNullable<paths[${JSON.stringify(r.path)}][${JSON.stringify(r.method)}]['requestBody']>> = ${JSON.stringify(r.body)};`,
      ),
    ];
    let answers = 0;
    for (const route of ROUTES) {
      const method = route.method.toLowerCase();
      // biome-ignore lint/suspicious/noExplicitAny: the generated document is read field by field
      const op = (document.paths[route.path] as any)[method];
      for (const [status, response] of Object.entries(op.responses) as Array<[string, { content?: object }]>) {
        if (!status.startsWith('2') || !response.content || !('application/json' in response.content)) continue;
        const type = `Json<paths[${JSON.stringify(route.path)}][${JSON.stringify(method)}]['responses'][${status}]>`;
        const n = answers++;
        lines.push(`export const known${n}: Known<${type}> = true;`);
        const reads = READ_IN_GUIDE[`${method} ${route.path} ${status}`];
        if (reads) lines.push(`export const read${n} = (a: ${type}) => [${reads.join(', ')}];`);
      }
    }
    expect(answers).toBeGreaterThanOrEqual(ROUTES.length - 3);
    const file = join(dir, 'client.ts');
    writeFileSync(file, lines.join('\n'));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? ts.getLineAndCharacterOfPosition(d.file, d.start ?? 0).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(errors, lines.join('\n').slice(0, 4000)).toEqual([]);
  }, 60_000);
});
