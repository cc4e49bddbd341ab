/**
 * The HTTP plumbing every API function shares, as middy middlewares: errors in the platform's format,
 * the caller from the JWT claims checked against the route table, JSON bodies, and Idempotency-Key.
 */

import { createHash, timingSafeEqual } from 'node:crypto';
import middy from '@middy/core';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { actorFromClaims, requireRole, requireScope } from '../shared/domain/auth.js';
import { DomainError, type ErrorCode, invalid, invalidJson, payloadTooLarge } from '../shared/domain/errors.js';
import type { Actor } from '../shared/domain/types.js';
import type { Deps } from '../shared/ports/index.js';
import { type RequestKeys, requestLog } from './log.js';
import { type FunctionName, ORIGIN_VERIFY_HEADER, ROUTES, type RouteDef, routeKey } from './routes.js';

/** The authorizer (functions/authorizer in AWS, the local server locally) hands over the claims it trusts. */
export type ApiEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<Record<string, string>>;
export type ApiResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export interface ActionInput {
  actor: Actor | null;
  body: unknown;
  path: Record<string, string>;
  query: Record<string, string>;
}
export type Action = (input: ActionInput) => Promise<ApiResult>;

/** The HTTP status of each domain error code: the domain knows codes, only this layer knows HTTP. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  DEADLINE_PASSED: 409,
  SUBMISSION_NOT_OPEN: 409,
  VERSION_CONFLICT: 409,
  SUPERSEDED: 409,
  ALREADY_DECIDED: 409,
  REVIEW_CLOSED: 409,
  YEAR_LOCKED: 409,
  YEAR_FINALIZED: 409,
  STAGE_CLOSED: 409,
  CONFLICT_OF_INTEREST: 403,
  ALREADY_VOTED: 409,
  UNIT_NOT_ACTIVE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  AGGREGATION_NOT_FOUND: 404,
  FILE_NOT_UPLOADED: 409,
  FILE_REFUSED: 422,
  FILE_IN_USE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  THROTTLED: 503,
  INTERNAL: 500,
};

export const MAX_BODY_BYTES = 256 * 1024;
/** No body the API takes nests deeper than a few levels; deeper ones are refused before they are parsed. */
const MAX_JSON_DEPTH = 32;

/** Whether the JSON text opens at most `max` objects or arrays inside each other (strings skipped). */
function nestingWithin(raw: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: the next character is escaped
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return false;
    } else if (c === 125 || c === 93) depth--;
  }
  return true;
}

/** Keys that name a prototype in JavaScript: refused by name wherever they appear, never silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
function forbiddenKeyPath(value: unknown, path = ''): string | null {
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return here;
    const deeper = forbiddenKeyPath(child, here);
    if (deeper) return deeper;
  }
  return null;
}

/**
 * A JSON body as every route takes it, the local server's own routes too: nesting bounded before parsing,
 * malformed JSON a 400, prototype keys refused by path.
 */
export function parseJsonText(raw: string): unknown {
  if (!nestingWithin(raw, MAX_JSON_DEPTH))
    throw new DomainError('INVALID_JSON', `Nội dung lồng nhau quá ${MAX_JSON_DEPTH} cấp`, [
      { field: '(body)', message: `tối đa ${MAX_JSON_DEPTH} cấp đối tượng, danh sách lồng nhau` },
    ]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidJson();
  }
  const forbidden = forbiddenKeyPath(parsed);
  if (forbidden) throw invalid(forbidden, 'là tên trường không được phép');
  return parsed;
}

const JSON_TYPE = 'application/json; charset=utf-8';

export const json = (statusCode: number, body: unknown, headers: Record<string, string> = {}): ApiResult => ({
  statusCode,
  headers: { 'content-type': JSON_TYPE, ...headers },
  body: JSON.stringify(body),
});

/**
 * An error in the platform's format. With the request's id (API Gateway's, or the local server's), the error
 * quotes it and the log line carries it, so a caller's report leads to the log of that very request.
 */
export function errorResult(e: unknown, keys: RequestKeys = {}): ApiResult {
  const quoted = keys.requestId ? { requestId: keys.requestId } : {};
  if (e instanceof DomainError)
    return json(ERROR_STATUS[e.code], { error: { code: e.code, message: e.message, details: e.details, ...quoted } });
  const name = e instanceof Error ? e.name : '';
  if (/Throttl|ProvisionedThroughputExceeded|RequestLimitExceeded/.test(name)) {
    return json(
      503,
      {
        error: {
          code: 'THROTTLED',
          message: 'Hệ thống đang quá tải, vui lòng thử lại sau ít phút',
          details: [],
          ...quoted,
        },
      },
      { 'retry-after': '2' },
    );
  }
  requestLog(keys).error('unhandled', { error: e instanceof Error ? e : String(e) });
  return json(500, {
    error: { code: 'INTERNAL', message: 'Lỗi hệ thống, vui lòng thử lại sau', details: [], ...quoted },
  });
}

interface State {
  actor: Actor | null;
  body: unknown;
  idempotency?: { scope: string; key: string };
}
/** Per-request state the middlewares hand to the action, keyed by the event object middy passes along. */
const states = new WeakMap<ApiEvent, State>();
function state(request: { event: ApiEvent }): State {
  let s = states.get(request.event);
  if (!s) {
    s = { actor: null, body: undefined };
    states.set(request.event, s);
  }
  return s;
}

/** What every log line of a request names: the request, its route, the function, and Lambda's invocation. */
const keysOf = (fn: FunctionName, event: ApiEvent, context: Context): RequestKeys => ({
  requestId: event.requestContext?.requestId,
  route: event.routeKey,
  function: fn,
  lambdaRequestId: context.awsRequestId,
});

const errors = (fn: FunctionName): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  onError: async (request) => {
    request.response = errorResult(request.error, keysOf(fn, request.event, request.context));
  },
});

/**
 * In AWS (ORIGIN_VERIFY set by the stack) a request must come through CloudFront, which adds the header; locally
 * there is no CloudFront and no check. Compared in constant time: the value is what keeps the side door shut.
 */
const throughTheFrontDoor = (): middy.MiddlewareObj<ApiEvent, ApiResult> => {
  const expected = process.env.ORIGIN_VERIFY;
  return {
    before: async (request) => {
      if (!expected) return;
      const given = Buffer.from(request.event.headers?.[ORIGIN_VERIFY_HEADER] ?? '');
      const wanted = Buffer.from(expected);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
        throw new DomainError('FORBIDDEN', 'Hãy gọi API qua địa chỉ của nền tảng, không qua địa chỉ execute-api', [
          { field: ORIGIN_VERIFY_HEADER, message: 'thiếu hoặc sai: yêu cầu không đi qua CloudFront' },
        ]);
    },
  };
};

const authenticate = (route: RouteDef): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    if (route.roles === 'public') return;
    const actor = actorFromClaims(request.event.requestContext?.authorizer?.lambda);
    requireRole(actor, route.roles);
    requireScope(actor, route.scope);
    state(request).actor = actor;
  },
});

/** Longest path parameter (an id) and query value taken: every key built from them stays far under DynamoDB's
 * 2,048-byte partition key, and nothing is looked up for a longer one. */
export const MAX_PATH_PARAM = 512;
export const MAX_QUERY_VALUE = 2048;
const MAX_QUERY_PARAMS = 30;

/** Path and query parameters bounded before anything is read for them (a 4xx naming the parameter). */
const boundedParams = (): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    const tooLong = (values: Record<string, string | undefined> | undefined, max: number) =>
      Object.entries(values ?? {}).find(([, v]) => (v ?? '').length > max || Buffer.byteLength(v ?? '') > 2 * max);
    const path = tooLong(request.event.pathParameters, MAX_PATH_PARAM);
    if (path) throw invalid(path[0], `quá dài (tối đa ${MAX_PATH_PARAM} ký tự)`);
    const query = request.event.queryStringParameters ?? {};
    if (Object.keys(query).length > MAX_QUERY_PARAMS)
      throw invalid('(query)', `tối đa ${MAX_QUERY_PARAMS} tham số trên đường dẫn`);
    const long = tooLong(query, MAX_QUERY_VALUE);
    if (long) throw invalid(long[0], `quá dài (tối đa ${MAX_QUERY_VALUE} ký tự)`);
  },
});

/** A sheet an import reads: its bytes and their SHA-256 (an import of the same file is recognised by it). */
export interface SheetBody {
  format: 'csv' | 'xlsx';
  bytes: Buffer;
  sha256: string;
}
const SHEET_TYPES: Record<string, SheetBody['format']> = {
  'text/csv': 'csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
/**
 * A sheet of the national 3,321 communes is about 0.5 MB. Lambda takes requests up to 6 MB, and API Gateway hands
 * it a binary body base64-encoded (4 bytes for 3): 4 MB of file is 5.3 MB on the way, with room for the headers.
 */
export const MAX_SHEET_BYTES = 4 * 1024 * 1024;

const body = (route: RouteDef): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    const { body, isBase64Encoded, headers } = request.event;
    if (body === undefined || body === null || body === '') return;
    const type = (headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (route.body === 'sheet') {
      const bytes = isBase64Encoded ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8');
      if (bytes.length > MAX_SHEET_BYTES)
        throw new DomainError('PAYLOAD_TOO_LARGE', 'Tệp vượt quá 4 MB', [{ field: '(body)', message: 'tối đa 4 MB' }]);
      const format = SHEET_TYPES[type];
      if (!format)
        throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Tệp phải là CSV (text/csv) hoặc Excel (.xlsx)', [
          {
            field: 'content-type',
            message: 'phải là text/csv hoặc application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
        ]);
      state(request).body = {
        format,
        bytes,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      } satisfies SheetBody;
      return;
    }
    const raw = isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
    if (Buffer.byteLength(raw, 'utf8') > MAX_BODY_BYTES) throw payloadTooLarge();
    if (type && type !== 'application/json')
      throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Nội dung phải là JSON (Content-Type: application/json)', [
        { field: 'content-type', message: 'phải là application/json' },
      ]);
    state(request).body = parseJsonText(raw);
  },
});

/** What identifies a body for Idempotency-Key: a sheet by its hash, JSON by its text. */
const bodyFingerprint = (b: unknown) =>
  b && typeof b === 'object' && 'sha256' in b && Buffer.isBuffer((b as SheetBody).bytes)
    ? (b as SheetBody).sha256
    : JSON.stringify(b ?? null);

/** How long a key answers with its first response: a day of retries, then it may be used afresh. */
const IDEMPOTENCY_KEEP_MS = 24 * 3_600_000;

/**
 * The largest answer kept whole for a replay: an item holds 400 KB. A larger one (a big import's row list) keeps
 * only its SHA-256; a retry of a sheet import runs again (an import is idempotent by its file: the same file again
 * changes nothing), anything else answers the digest.
 */
const KEPT_ANSWER_BYTES = 256 * 1024;
/** Same key and body: the stored response, nothing new stored; same key, other body: 409. */
const idempotency = (deps: Deps, route: RouteDef): middy.MiddlewareObj<ApiEvent, ApiResult> => ({
  before: async (request) => {
    const key = request.event.headers?.['idempotency-key'];
    if (key === undefined || request.event.requestContext.http.method !== 'POST') return;
    if (!/^[A-Za-z0-9_.:-]{1,128}$/.test(key))
      throw invalid('Idempotency-Key', 'phải gồm 1-128 ký tự chữ, số, _ . : -');
    const s = state(request);
    const scope = s.actor?.sub ?? 'anonymous';
    const hash = createHash('sha256')
      .update(`${request.event.routeKey}\n${request.event.rawPath}\n${bodyFingerprint(s.body)}`)
      .digest('hex');
    const existing = await deps.idempotency.claim(scope, key, hash, deps.clock.now(), 60_000, IDEMPOTENCY_KEEP_MS);
    if (!existing) {
      s.idempotency = { scope, key };
      return;
    }
    if (existing.requestHash !== hash)
      throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key này đã được dùng cho một yêu cầu khác', [
        { field: 'Idempotency-Key', message: 'đã dùng với nội dung khác' },
      ]);
    if (existing.state === 'pending' || !existing.response)
      throw new DomainError(
        'IDEMPOTENCY_IN_PROGRESS',
        'Yêu cầu với Idempotency-Key này đang được xử lý, vui lòng thử lại sau',
      );
    const { statusCode, body, sha256 } = existing.response;
    if (sha256 && route.body === 'sheet') return;
    return {
      statusCode,
      headers: { 'content-type': JSON_TYPE, 'idempotent-replayed': 'true' },
      body: sha256 ? JSON.stringify({ replayed: true, answerSha256: sha256 }) : body,
    };
  },
  after: async (request) => {
    const claim = state(request).idempotency;
    if (!claim || !request.response) return;
    // Only successes are remembered: a refused request leaves nothing behind and may be retried.
    if (request.response.statusCode < 300) {
      const body = String(request.response.body ?? '');
      await deps.idempotency.complete(
        claim.scope,
        claim.key,
        Buffer.byteLength(body) <= KEPT_ANSWER_BYTES
          ? { statusCode: request.response.statusCode, body }
          : {
              statusCode: request.response.statusCode,
              body: '',
              sha256: createHash('sha256').update(body).digest('hex'),
            },
      );
    } else await deps.idempotency.release(claim.scope, claim.key);
  },
  onError: async (request) => {
    const claim = state(request).idempotency;
    if (claim) await deps.idempotency.release(claim.scope, claim.key).catch(() => undefined);
  },
});

/**
 * A Lambda handler for one function: dispatches on the route key (API Gateway's `routeKey`,
 * which the local server fills in the same way) to that function's actions.
 */
export function apiHandler(fn: FunctionName, actions: Record<string, Action>, deps: Deps) {
  const routes = ROUTES.filter((r) => r.fn === fn);
  for (const r of routes) if (!actions[routeKey(r)]) throw new Error(`${fn}: no action for ${routeKey(r)}`);
  const handlers = new Map(
    routes.map((route) => [
      routeKey(route),
      middy<ApiEvent, ApiResult>()
        .use(errors(fn))
        .use(throughTheFrontDoor())
        .use(authenticate(route))
        .use(boundedParams())
        .use(body(route))
        .use(idempotency(deps, route))
        .handler(async (event) => {
          const { actor, body } = state({ event });
          return actions[routeKey(route)]!({
            actor,
            body,
            path: (event.pathParameters ?? {}) as Record<string, string>,
            query: (event.queryStringParameters ?? {}) as Record<string, string>,
          });
        }),
    ]),
  );
  return async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    const keys = keysOf(fn, event, context);
    const started = performance.now();
    const handler = handlers.get(event.routeKey);
    const result = handler
      ? await handler(event, context)
      : errorResult(new DomainError('NOT_FOUND', `Không có đường dẫn ${event.routeKey}`), keys);
    requestLog(keys).info('request', {
      status: result.statusCode,
      durationMs: Math.round(performance.now() - started),
      sub: event.requestContext?.authorizer?.lambda?.sub,
    });
    // Every answer names its request: integrators quote it, operators find its log lines by it.
    return keys.requestId ? { ...result, headers: { ...result.headers, 'x-request-id': keys.requestId } } : result;
  };
}

/** A function started by both API Gateway and a schedule tells the two apart by the API's request context. */
export const isApiEvent = (event: unknown): event is ApiEvent =>
  typeof event === 'object' && event !== null && 'requestContext' in event;
