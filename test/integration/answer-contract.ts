/**
 * Every answer the local server gives, held against the schema `/openapi.json` states for its route and status —
 * the document an integrator's generated client trusts. A success answer without a schema, or one that does not
 * match it, is a violation; the harness fails the test file that met it.
 */
import { appendFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ApiResult } from '../../functions/http.js';
import { openApiDocument } from '../../functions/openapi.js';
import { type RouteDef, routeKey } from '../../functions/routes.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: object }> }>;
}

const document = openApiDocument('/local/oauth2/token');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction | null>();

function validatorFor(route: RouteDef, status: number) {
  const key = `${routeKey(route)} ${status}`;
  if (!validators.has(key)) {
    const op = (document.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;
    const schema = op.responses[status]?.content?.['application/json']?.schema;
    validators.set(key, schema ? ajv.compile({ ...schema, components: document.components }) : null);
  }
  return validators.get(key)!;
}

/** A checker for one server: `check` sees each answer, `violations` lists what did not match the contract. */
export function answerContract() {
  const violations: string[] = [];
  const record = process.env.RECORD_ANSWERS;
  return {
    violations,
    check(route: RouteDef, result: ApiResult) {
      const type = String(result.headers?.['content-type'] ?? '');
      if (result.statusCode >= 300 || !type.startsWith('application/json') || result.isBase64Encoded) return;
      const body = JSON.parse(String(result.body));
      if (record)
        appendFileSync(record, `${JSON.stringify({ key: routeKey(route), status: result.statusCode, body })}\n`);
      const validate = validatorFor(route, result.statusCode);
      if (!validate) violations.push(`${routeKey(route)} ${result.statusCode}: no schema in /openapi.json`);
      else if (!validate(body))
        violations.push(
          `${routeKey(route)} ${result.statusCode}: ${ajv.errorsText(validate.errors, { separator: '; ' }).slice(0, 600)}`,
        );
    },
  };
}
