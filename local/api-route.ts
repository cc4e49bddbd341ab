/**
 * The API's routes, as API Gateway serves them: matched against the one route table, the authorizer's check (no
 * valid token, no call; the handlers get the claims it trusts), and the request turned into an API Gateway v2 event
 * for the very handler Lambda runs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type ApiEvent, type ApiResult, errorResult } from '../functions/http.js';
import type { AnyHandler } from '../functions/registry.js';
import { type FunctionName, type RouteDef, routeKey } from '../functions/routes.js';
import { DomainError, payloadTooLarge } from '../shared/domain/errors.js';
import type { Deps } from '../shared/ports/index.js';
import { trustedClaims } from '../shared/services/clients.js';
import { lambdaContext, readBody } from './http-io.js';
import type { TokenIssuer } from './tokens.js';

export interface MatchedRequest {
  req: IncomingMessage;
  url: URL;
  method: string;
  headers: Record<string, string>;
  route: RouteDef;
  pathParameters: Record<string, string>;
}

export function apiRoute(deps: Deps, issuer: TokenIssuer, handlers: Map<FunctionName, AnyHandler>) {
  /** The claims the authorizer would hand over, or the refusal it would answer with. */
  async function authorize(route: RouteDef, headers: Record<string, string>): Promise<Record<string, string>> {
    if (route.roles === 'public') return {};
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (!bearer) throw new DomainError('UNAUTHENTICATED', 'Thiếu mã truy cập (Authorization: Bearer <JWT>)');
    let verified: Record<string, unknown>;
    try {
      verified = await issuer.verify(bearer);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Mã truy cập không hợp lệ hoặc đã hết hạn');
    }
    return trustedClaims(deps, verified);
  }

  return async ({ req, url, method, headers, route, pathParameters }: MatchedRequest): Promise<ApiResult> => {
    let claims: Record<string, string>;
    try {
      claims = await authorize(route, headers);
    } catch (e) {
      return errorResult(e);
    }
    const raw = await readBody(req);
    if (raw === null) return errorResult(payloadTooLarge());
    const query: Record<string, string> = {};
    // API Gateway joins repeated query parameters with commas.
    for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
    const now = Date.now();
    const textual = /^(application\/json|text\/)/i.test(headers['content-type'] ?? 'application/json');
    const event: ApiEvent = {
      version: '2.0',
      routeKey: routeKey(route),
      rawPath: url.pathname,
      rawQueryString: url.search.slice(1),
      headers,
      queryStringParameters: Object.keys(query).length ? query : undefined,
      pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
      // As API Gateway does: text as it came, anything else (an XLSX upload) base64-encoded.
      body: raw.length ? raw.toString(textual ? 'utf8' : 'base64') : undefined,
      isBase64Encoded: !textual,
      requestContext: {
        accountId: 'local',
        apiId: 'local',
        domainName: headers.host ?? 'localhost',
        domainPrefix: 'local',
        requestId: randomUUID(),
        routeKey: routeKey(route),
        stage: '$default',
        time: new Date(now).toISOString(),
        timeEpoch: now,
        http: {
          method,
          path: url.pathname,
          protocol: 'HTTP/1.1',
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          userAgent: headers['user-agent'] ?? '',
        },
        authorizer: { lambda: claims },
      },
    };
    return (await handlers.get(route.fn)!(event, lambdaContext(route.fn))) as ApiResult;
  };
}
