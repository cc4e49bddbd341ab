/**
 * The local runtime: a node:http server that turns requests into API Gateway v2 events and calls the
 * very same handlers as Lambda, on the embedded store, with a local token issuer and scheduler.
 */

import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { fixedClock, makeDeps, systemClock } from '../adapters/deps.js';
import { countCommands, documentClient } from '../adapters/dynamodb/client.js';
import { LOCAL_BLOB_PATH, LocalBlobStore } from '../adapters/local-blobs.js';
import { LocalOutbox } from '../adapters/local-outbox.js';
import { consoleContentSecurityPolicy, SWAGGER_UI_DIR } from '../functions/console-policy.js';
import { type ApiEvent, type ApiResult, errorResult, json, MAX_SHEET_BYTES, parseJsonText } from '../functions/http.js';
import { logger } from '../functions/log.js';
import { type AnyHandler, handlerFactories } from '../functions/registry.js';
import { type FunctionName, matchRoute, routeKey } from '../functions/routes.js';
import { DomainError, payloadTooLarge } from '../shared/domain/errors.js';
import { roleSchema } from '../shared/domain/schemas.js';
import { parseOrThrow } from '../shared/domain/validation.js';
import type { Clock, Deps } from '../shared/ports.js';
import { CLIENT_TOKEN_MINUTES, trustedClaims } from '../shared/services/clients.js';
import { localClients } from './clients.js';
import { type LocalScheduler, startScheduler } from './scheduler.js';
import { seedDemo } from './seed.js';
import { type EmbeddedStore, ensureTable, type StoreKind, startStore, storeKindFromEnv } from './store.js';
import { tokenIssuer } from './tokens.js';

export interface LocalServerOptions {
  port?: number;
  /** Loopback by default: the token route hands any role to anyone who asks. */
  host?: string;
  dataDir: string;
  /** Freeze the clock (ISO instant): demos of a given date, and tests that must not depend on today. */
  fixedNow?: string;
  /** Or hand in a clock (tests move it past deadlines). */
  clock?: Clock;
  seed?: boolean;
  /** The local store (default: LOCAL_STORE, else dynalite). */
  store?: StoreKind;
  schedule?: boolean;
  quiet?: boolean;
}

export interface LocalServer {
  url: string;
  dataDir: string;
  storeEndpoint: string;
  /** Commands sent to the store so far (benchmarks). */
  storeCommands(): number;
  /** The store, for benchmarks that report how busy it was. */
  store: EmbeddedStore;
  deps: Deps;
  scheduler: LocalScheduler | null;
  /** Where the local mailer writes (outbox/ in the data directory). */
  outbox: LocalOutbox;
  seeded: string[];
  close(): Promise<void>;
}

export const TABLE_NAME = 'thi-dua-local';
const CONSOLE_DIR = resolve(import.meta.dirname, '..', 'console');
const SWAGGER_FILES = new Set(['/docs/swagger-ui-bundle.js', '/docs/swagger-ui.css']);
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
const CONSOLE_HEADERS = {
  'content-security-policy': consoleContentSecurityPolicy(),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const isLoopbackHost = (host: string | undefined): boolean =>
  /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i.test(host ?? '');

/** The local server reads at most this (API Gateway's part); the handlers enforce their own, smaller limits. */
const READ_LIMIT = MAX_SHEET_BYTES + 1024 * 1024;

const tokenRequest = z.strictObject({
  role: roleSchema,
  unitId: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  sub: z.optional(z.string().check(z.maxLength(128))),
  /** The person's name (Cognito's standard attribute `name`), shown instead of the subject. */
  name: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  /** Staff limited to these campaigns (the claim custom:campaigns). */
  campaigns: z.optional(z.array(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/))).check(z.maxLength(20))),
});

/** The body, or null when it is over the limit (read to the end all the same, so the connection stays usable). */
async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= READ_LIMIT) chunks.push(chunk as Buffer);
  }
  return size > READ_LIMIT ? null : Buffer.concat(chunks);
}

function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return headers;
}

/** Every answer of the local server names a request, as API Gateway's do (the handlers' already carry theirs). */
function send(res: ServerResponse, result: ApiResult) {
  const body =
    result.body === undefined ? '' : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
  res.writeHead(result.statusCode, {
    'x-request-id': randomUUID(),
    ...result.headers,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function lambdaContext(fn: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn,
    functionVersion: '$LATEST',
    invokedFunctionArn: `local:${fn}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/local/${fn}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 29_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A start-up failure a person can act on: its message says what to do, and no stack trace is needed. */
export class StartupError extends Error {}

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** One server per data directory: a second one would find the store's files locked and fail obscurely. */
function lockDataDir(dataDir: string): () => void {
  const file = join(dataDir, 'server.lock');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && holder !== process.pid && processAlive(holder))
      throw new StartupError(
        `Thư mục dữ liệu ${resolve(dataDir)} đang được một máy chủ khác dùng (tiến trình ${holder}). ` +
          'Hãy dừng máy chủ đó, hoặc đặt DATA_DIR sang thư mục khác.',
      );
    // Left by a server that was killed: take it over.
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

export async function startLocalServer(options: LocalServerOptions): Promise<LocalServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const unlock = lockDataDir(options.dataDir);
  const storeKind = options.store ?? storeKindFromEnv();
  const store = await startStore(storeKind, options.dataDir);
  await ensureTable(store.endpoint, TABLE_NAME);
  const clock = options.clock ?? (options.fixedNow ? fixedClock(options.fixedNow) : systemClock);
  const db = documentClient(store.endpoint);
  const storeCommands = countCommands(db);
  const clients = localClients(options.dataDir);
  let url = '';
  const blobs = new LocalBlobStore(join(options.dataDir, 'blobs'), () => url, clock);
  const outbox = new LocalOutbox(options.dataDir, clock);
  const deps: Deps = {
    ...makeDeps({ db, table: TABLE_NAME, clock, transactions: storeKind !== 'dynalite' }),
    clientIssuer: clients,
    blobs,
    mailer: outbox,
  };
  const seeded = options.seed === false ? [] : await seedDemo(deps);
  const issuer = await tokenIssuer(options.dataDir);
  const handlers = new Map<FunctionName, AnyHandler>(
    Object.entries(handlerFactories).map(([fn, make]) => [fn as FunctionName, make(deps)]),
  );
  const log = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  // The handlers' structured log lines (one per request); a quiet server (tests, benchmarks) keeps only errors.
  logger.setLogLevel(options.quiet ? 'ERROR' : 'INFO');

  let inFlight = 0;
  let drained: (() => void) | null = null;
  const server = createServer((req, res) => {
    inFlight++;
    handle(req, res)
      .catch((e: unknown) => send(res, errorResult(e)))
      .finally(() => {
        if (--inFlight === 0) drained?.();
      });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const headers = lowerCaseHeaders(req);
    const method = req.method ?? 'GET';
    if (url.pathname === '/local/token') {
      if (method !== 'POST') return send(res, errorResult(new DomainError('METHOD_NOT_ALLOWED', 'Chỉ hỗ trợ POST')));
      // A page on another site whose name resolves to this machine (DNS rebinding) sends its own Host.
      if (!isLoopbackHost(req.headers.host))
        return send(
          res,
          errorResult(
            new DomainError('FORBIDDEN', 'Chỉ cấp mã truy cập thử nghiệm cho yêu cầu gửi tới localhost', [
              { field: 'Host', message: 'phải là localhost, 127.0.0.1 hoặc [::1]' },
            ]),
          ),
        );
      const raw = await readBody(req);
      if (raw === null) throw payloadTooLarge();
      const body = parseOrThrow(tokenRequest, parseJsonText(raw.toString('utf8') || '{}'));
      const unitId = body.unitId ?? null;
      if (body.role === 'unit' && !unitId)
        throw new DomainError('VALIDATION_FAILED', 'Tài khoản đơn vị cần mã đơn vị', [
          { field: 'unitId', message: 'là bắt buộc với vai trò unit' },
        ]);
      if (unitId && !(await deps.catalogue.getUnit(unitId)))
        throw new DomainError('VALIDATION_FAILED', `Đơn vị ${unitId} không tồn tại`, [
          { field: 'unitId', message: 'không tồn tại' },
        ]);
      return send(
        res,
        json(200, {
          token: await issuer.issue({
            role: body.role,
            unitId: body.role === 'unit' ? unitId : null,
            sub: body.sub,
            ...(body.name ? { name: body.name } : {}),
            campaigns: body.role === 'unit' ? undefined : body.campaigns,
          }),
        }),
      );
    }
    if (url.pathname === '/local/oauth2/token') return send(res, await clientCredentials(req, method));
    if (url.pathname.startsWith(LOCAL_BLOB_PATH)) return blobLink(req, res, url, method);
    // The console asks how to sign in: locally, with the token route above.
    if (url.pathname === '/config.json') return send(res, json(200, { mode: 'local' }));
    const match = matchRoute(method, url.pathname);
    if (!match) {
      if (method === 'GET' && serveConsole(url.pathname, res)) return;
      return send(res, errorResult(new DomainError('NOT_FOUND', `Không có đường dẫn ${url.pathname}`)));
    }
    if ('allowed' in match)
      return send(res, {
        ...errorResult(new DomainError('METHOD_NOT_ALLOWED', `Đường dẫn này chỉ hỗ trợ ${match.allowed.join(', ')}`)),
        headers: { allow: match.allowed.join(', '), 'content-type': 'application/json; charset=utf-8' },
      });
    const { route, pathParameters } = match;

    // What the API's authorizer does in AWS: no valid token, no call; the handlers get the claims it trusts.
    let claims: Record<string, string> | undefined;
    if (route.roles !== 'public') {
      const bearer = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
      if (!bearer)
        return send(
          res,
          errorResult(new DomainError('UNAUTHENTICATED', 'Thiếu mã truy cập (Authorization: Bearer <JWT>)')),
        );
      let verified: Record<string, unknown>;
      try {
        verified = await issuer.verify(bearer);
      } catch {
        return send(res, errorResult(new DomainError('UNAUTHENTICATED', 'Mã truy cập không hợp lệ hoặc đã hết hạn')));
      }
      try {
        claims = await trustedClaims(deps, verified);
      } catch (e) {
        return send(res, errorResult(e));
      }
    }
    const raw = await readBody(req);
    if (raw === null) return send(res, errorResult(payloadTooLarge()));
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
        authorizer: { lambda: claims ?? {} },
      },
    };
    const result = (await handlers.get(route.fn)!(event, lambdaContext(route.fn))) as ApiResult;
    send(res, result);
  }

  /** The blob store's signed links, as S3 answers presigned ones: PUT takes an upload, GET sends a file. */
  async function blobLink(req: IncomingMessage, res: ServerResponse, url: URL, method: string) {
    const key = decodeURIComponent(url.pathname.slice(LOCAL_BLOB_PATH.length));
    if (method === 'PUT') {
      try {
        await blobs.receive(key, url.searchParams, lowerCaseHeaders(req), req);
      } catch (e) {
        // Refused before the bytes were read (a bad link): read them all the same, so the client hears why.
        req.resume();
        throw e;
      }
      return send(res, { statusCode: 200, headers: {}, body: '' });
    }
    if (method !== 'GET') throw new DomainError('METHOD_NOT_ALLOWED', 'Chỉ hỗ trợ GET và PUT');
    const { path, headers } = blobs.opening(key, url.searchParams);
    if (!existsSync(path)) throw new DomainError('NOT_FOUND', 'Không tìm thấy tệp');
    res.writeHead(200, { 'x-request-id': randomUUID(), ...headers });
    createReadStream(path).pipe(res);
  }

  /** The OAuth 2.0 token endpoint of machine clients, as Cognito's: form-encoded, id and secret in the body or Basic. */
  async function clientCredentials(req: IncomingMessage, method: string): Promise<ApiResult> {
    const oauthError = (statusCode: number, error: string, description: string) =>
      json(statusCode, { error, error_description: description }, { 'cache-control': 'no-store' });
    if (method !== 'POST') return oauthError(405, 'invalid_request', 'Chỉ hỗ trợ POST');
    const raw = await readBody(req);
    if (raw === null) return oauthError(413, 'invalid_request', 'Nội dung quá lớn');
    if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? ''))
      return oauthError(400, 'invalid_request', 'Content-Type phải là application/x-www-form-urlencoded');
    const form = new URLSearchParams(raw.toString('utf8'));
    if (form.get('grant_type') !== 'client_credentials')
      return oauthError(400, 'unsupported_grant_type', 'grant_type phải là client_credentials');
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) [clientId, clientSecret] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
    }
    const outcome = clients.authenticate(clientId, clientSecret, form.get('scope') ?? undefined);
    if ('error' in outcome)
      return outcome.error === 'invalid_client'
        ? oauthError(401, 'invalid_client', 'Mã ứng dụng hoặc khóa bí mật không đúng, hoặc ứng dụng đã bị thu hồi')
        : oauthError(400, 'invalid_scope', 'Có quyền (scope) không được cấp cho ứng dụng');
    return json(
      200,
      {
        access_token: await issuer.issueAccess(clientId, outcome.scopes),
        token_type: 'Bearer',
        expires_in: CLIENT_TOKEN_MINUTES * 60,
      },
      { 'cache-control': 'no-store' },
    );
  }

  function serveConsole(pathname: string, res: ServerResponse): boolean {
    const file = SWAGGER_FILES.has(pathname)
      ? join(SWAGGER_UI_DIR, pathname.slice('/docs/'.length))
      : normalize(join(CONSOLE_DIR, pathname === '/' ? 'index.html' : pathname));
    if (!SWAGGER_FILES.has(pathname) && !file.startsWith(CONSOLE_DIR)) return false;
    if (!existsSync(file) || !TYPES[extname(file)]) return false;
    res.writeHead(200, { 'content-type': TYPES[extname(file)]!, 'cache-control': 'no-cache', ...CONSOLE_HEADERS });
    res.end(readFileSync(file));
    return true;
  }

  const port = options.port ?? 3000;
  try {
    await new Promise<void>((resolve, reject) =>
      server.once('error', reject).listen(port, options.host ?? '127.0.0.1', () => resolve()),
    );
  } catch (e) {
    await store.close();
    unlock();
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new StartupError(
        `Cổng ${port} đang được một chương trình khác dùng. Hãy dừng chương trình đó, hoặc đặt PORT sang cổng khác (ví dụ PORT=3001 npm start).`,
      );
    throw e;
  }
  const address = server.address() as AddressInfo;
  url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  deps.tokenUrl = `${url}/local/oauth2/token`;
  // S3's lifecycle rule, locally: uploads never completed are removed a day after they came.
  const sweep = () => void blobs.sweepUploads(new Date(Date.now() - 86_400_000)).catch(() => undefined);
  sweep();
  const sweeper = setInterval(sweep, 3_600_000).unref();
  let scheduler: LocalScheduler | null = null;
  if (options.schedule !== false) {
    scheduler = await startScheduler(deps, clock, async (event) => {
      // The function each schedule targets in AWS: the aggregation for the year-end run, else the reminders.
      const fn: FunctionName = event.source === 'year-end-schedule' ? 'aggregation' : 'reminders';
      log(`[scheduler] ${fn} ${event.campaignId} ${event.year} starting`);
      const outcome = await handlers.get(fn)!(event as unknown as ApiEvent, lambdaContext(fn));
      log(`[scheduler] finished: ${JSON.stringify(outcome)}`);
    });
    // An admin's change of a campaign or a year moves its timers, as the catalogue function moves its schedules.
    deps.scheduler = scheduler;
  }
  return {
    url,
    dataDir: options.dataDir,
    storeEndpoint: store.endpoint,
    storeCommands,
    store,
    deps,
    scheduler,
    outbox,
    seeded,
    close: async () => {
      scheduler?.stop();
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests under way finish against the store before it closes.
      if (inFlight > 0)
        await new Promise<void>((resolve) => {
          drained = resolve;
        });
      server.closeAllConnections();
      await closed;
      await store.close();
      unlock();
    },
  };
}
