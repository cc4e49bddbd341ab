/** The OpenAPI contract: valid OpenAPI 3.1, every route of the table in it, every example accepted by its schema. */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../functions/openapi.js';
import { ROUTE_DOCS } from '../../functions/route-docs.js';
import { ROUTES, routeKey } from '../../functions/routes.js';
import { parseOrThrow } from '../../shared/domain/validation.js';
import { answerContract } from '../integration/answer-contract.js';

const doc = openApiDocument('https://thi-dua.auth.ap-southeast-1.amazoncognito.com/oauth2/token');

describe('OpenAPI document', () => {
  it('validates as OpenAPI 3.1 with an independent validator', async () => {
    const result = await new Validator().validate(structuredClone(doc) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('documents exactly the routes of the table, with their roles, scopes and error codes', () => {
    expect(Object.keys(ROUTE_DOCS).sort()).toEqual(ROUTES.map(routeKey).sort());
    for (const route of ROUTES) {
      // biome-ignore lint/suspicious/noExplicitAny: the generated document is read field by field
      const op = (doc.paths[route.path] as any)?.[route.method.toLowerCase()];
      expect(op, routeKey(route)).toBeDefined();
      if (route.roles === 'public') expect(op.security).toEqual([]);
      else {
        expect(op.responses['401'].content['application/json'].schema.properties.error.properties.code.enum).toEqual([
          'UNAUTHENTICATED',
        ]);
        expect(op.security.some((s: object) => 'unitSystem' in s)).toBe(Boolean(route.scope));
      }
      for (const name of route.path.match(/\{(\w+)\}/g) ?? [])
        expect(op.parameters.map((p: { name: string }) => p.name)).toContain(name.slice(1, -1));
    }
  });

  it('gives each request body its schema, and every example passes the schema the handler parses with', () => {
    let examples = 0;
    for (const [key, d] of Object.entries(ROUTE_DOCS)) {
      if (d.example === undefined) continue;
      examples++;
      expect(d.body, key).toBeDefined();
      expect(() => parseOrThrow(d.body!, d.example), key).not.toThrow();
    }
    expect(examples).toBeGreaterThanOrEqual(5);
    const submit = doc.paths['/v1/submissions']!.post as {
      requestBody: { content: { 'application/json': { schema: { required: string[] } } } };
    };
    const required = submit.requestBody.content['application/json'].schema.required;
    expect(required).toEqual(expect.arrayContaining(['unitId', 'criterionId', 'value', 'evidence']));
    // The year may be left out: the year open for reports.
    expect(required).not.toContain('year');
  });

  it('describes every JSON answer of success with a schema (shared/domain/answers), each status the route answers', () => {
    for (const route of ROUTES) {
      // biome-ignore lint/suspicious/noExplicitAny: the generated document is read field by field
      const op = (doc.paths[route.path] as any)[route.method.toLowerCase()];
      const successes = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
      expect(successes.length, routeKey(route)).toBeGreaterThan(0);
      for (const [status, response] of successes as Array<
        [string, { content?: Record<string, { schema?: object }> }]
      >) {
        if (status === '204') expect(response.content, routeKey(route)).toBeUndefined();
        for (const [type, media] of Object.entries(response.content ?? {})) {
          expect(media.schema, `${routeKey(route)} ${status} ${type}`).toBeDefined();
          if (type === 'application/json')
            expect(Object.keys(media.schema!), `${routeKey(route)} ${status}: an empty schema says nothing`).toContain(
              'type',
            );
        }
      }
    }
    // biome-ignore lint/suspicious/noExplicitAny: the generated document is read field by field
    const submission = (doc.paths['/v1/submissions'] as any).post.responses['201'].content['application/json'].schema;
    expect(submission.required).toEqual(expect.arrayContaining(['submissionId', 'status', 'version', 'evidence']));
    expect(submission.additionalProperties).toBe(false);
  });

  it('gives every JSON answer of success a real example, and each example passes its schema', () => {
    const contract = answerContract();
    const missing: string[] = [];
    for (const route of ROUTES) {
      // biome-ignore lint/suspicious/noExplicitAny: the generated document is read field by field
      const op = (doc.paths[route.path] as any)[route.method.toLowerCase()];
      for (const [status, response] of Object.entries(op.responses) as Array<[string, { content?: object }]>) {
        const media = (response.content as Record<string, { example?: unknown }> | undefined)?.['application/json'];
        if (!status.startsWith('2') || !media) continue;
        if (media.example === undefined) missing.push(`${routeKey(route)} ${status}`);
        else
          contract.check(route, {
            statusCode: Number(status),
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(media.example),
          });
      }
    }
    expect(contract.violations).toEqual([]);
    // The contract is its own example.
    expect(missing).toEqual(['GET /openapi.json 200']);
  });
});
