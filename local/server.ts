/**
 * The local runtime: a node:http server that turns requests into API Gateway v2 events and calls the
 * very same handlers as Lambda, on the embedded store, with a local token issuer and scheduler.
 */

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { boardSigner } from '../adapters/board-signer.js';
import { fixedClock, makeDeps, systemClock } from '../adapters/deps.js';
import { countAppliedWrites, countCommands, documentClient } from '../adapters/dynamodb/client.js';
import { LOCAL_BLOB_PATH, LocalBlobStore } from '../adapters/local-blobs.js';
import { LocalOutbox } from '../adapters/local-outbox.js';
import { localSigningKey } from '../adapters/local-signing-key.js';
import { signatureReader } from '../adapters/signature-reader.js';
import { type ApiEvent, type ApiResult, errorResult, json } from '../functions/http.js';
import { logger } from '../functions/log.js';
import { publishMetrics } from '../functions/metrics.js';
import { type AnyHandler, handlerFactories } from '../functions/registry.js';
import { type FunctionName, matchRoute, type RouteDef } from '../functions/routes.js';
import { DomainError } from '../shared/domain/errors.js';
import type { Clock, Deps } from '../shared/ports/index.js';
import { apiRoute } from './api-route.js';
import { serveBlobLink } from './blob-routes.js';
import { localClients } from './clients.js';
import { serveConsoleFile } from './console-files.js';
import { lambdaContext, lowerCaseHeaders, send } from './http-io.js';
import { LocalJobRunner } from './jobs.js';
import { LocalScanner } from './scanner.js';
import { type LocalScheduler, startScheduler } from './scheduler.js';
import { seedDemo } from './seed/index.js';
import { type EmbeddedStore, ensureTable, type StoreKind, startStore, storeKindFromEnv } from './store.js';
import { tokenRoutes } from './token-routes.js';
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
  /** Each step of the demo data as it is done (Vietnamese, for the start-up log). */
  progress?: (line: string) => void;
  /** The local store (default: LOCAL_STORE, else dynalite). */
  store?: StoreKind;
  schedule?: boolean;
  quiet?: boolean;
  /** Sees every answer the API gives (tests check each against the contract's schema for its route). */
  onAnswer?: (route: RouteDef, result: ApiResult) => void;
}

export interface LocalServer {
  url: string;
  dataDir: string;
  storeEndpoint: string;
  /** Commands sent to the store so far (benchmarks). */
  storeCommands(): number;
  /** Write commands the store applied so far: while it stands still, the table is unchanged (tests skip a scan). */
  storeWrites(): number;
  /** The store, for benchmarks that report how busy it was. */
  store: EmbeddedStore;
  deps: Deps;
  scheduler: LocalScheduler | null;
  /** Where the local mailer writes (outbox/ in the data directory). */
  outbox: LocalOutbox;
  /** The jobs running in the background (year-end runs): tests wait for them. */
  jobs: LocalJobRunner;
  /** The malware scan stand-in: files under evidence/ are scanned in the background. */
  scanner: LocalScanner;
  seeded: string[];
  close(): Promise<void>;
}

export const TABLE_NAME = 'thi-dua-local';
/** How long a close waits for requests under way (API Gateway would have cut them at 30 s). */
const DRAIN_MS = 30_000;

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
  const storeWrites = countAppliedWrites(db);
  const clients = localClients(options.dataDir);
  let url = '';
  const blobs = new LocalBlobStore(
    join(options.dataDir, 'blobs'),
    () => url,
    clock,
    (key) => scanner.scan(key),
  );
  const outbox = new LocalOutbox(options.dataDir, clock);
  const deps: Deps = {
    // The data directory's lock makes this process the table's only writer.
    ...makeDeps({ db, table: TABLE_NAME, clock, transactions: storeKind !== 'dynalite', soleWriter: true }),
    clientIssuer: clients,
    blobs,
    mailer: outbox,
    signatures: signatureReader,
    boardSigner: boardSigner(localSigningKey(options.dataDir, () => clock.now())),
  };
  const scanner = new LocalScanner(blobs, deps, (line) => {
    if (!options.quiet) console.log(line);
  });
  const seeded: string[] = [];
  if (options.seed !== false)
    await seedDemo(deps, (line) => {
      seeded.push(line);
      options.progress?.(line);
    }).catch(async (e: unknown) => {
      db.destroy();
      await store.close();
      unlock();
      throw new StartupError(
        `tạo dữ liệu mẫu bị dừng (${e instanceof Error ? e.message : String(e)}). Phần đã tạo được giữ lại; chạy lại npm start để tiếp tục.`,
      );
    });
  const issuer = await tokenIssuer(options.dataDir);
  const handlers = new Map<FunctionName, AnyHandler>(
    Object.entries(handlerFactories).map(([fn, make]) => [fn as FunctionName, make(deps)]),
  );
  const log = (line: string) => {
    if (!options.quiet) console.log(line);
  };
  // The handlers' structured log lines (one per request); a quiet server (tests, benchmarks) keeps only errors.
  logger.setLogLevel(options.quiet ? 'ERROR' : 'INFO');
  publishMetrics(!options.quiet);
  // Long work (year-end runs) goes on in the background after the request is answered, as in Lambda.
  const jobs = new LocalJobRunner(() => handlers, log);
  deps.jobs = jobs;

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

  const tokens = tokenRoutes(deps, issuer, clients);
  const api = apiRoute(deps, issuer, handlers);
  /** Routes by kind: the local stand-ins for Cognito, signed blob links, the API, and the console's files. */
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    if (url.pathname === '/local/token') return send(res, await tokens.person(req, method));
    if (url.pathname === '/local/oauth2/token') return send(res, await tokens.clientCredentials(req, method));
    if (url.pathname.startsWith(LOCAL_BLOB_PATH)) return serveBlobLink(blobs, req, res, url, method);
    // The console asks how to sign in: locally, with the token route above.
    if (url.pathname === '/config.json') return send(res, json(200, { mode: 'local' }));
    const match = matchRoute(method, url.pathname);
    if (!match) {
      if (method === 'GET' && serveConsoleFile(url.pathname, res)) return;
      return send(res, errorResult(new DomainError('NOT_FOUND', `Không có đường dẫn ${url.pathname}`)));
    }
    if ('allowed' in match)
      return send(res, {
        ...errorResult(new DomainError('METHOD_NOT_ALLOWED', `Đường dẫn này chỉ hỗ trợ ${match.allowed.join(', ')}`)),
        headers: { allow: match.allowed.join(', '), 'content-type': 'application/json; charset=utf-8' },
      });
    const result = await api({ req, url, method, headers: lowerCaseHeaders(req), ...match });
    options.onAnswer?.(match.route, result);
    send(res, result);
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
    scheduler = await startScheduler(
      deps,
      clock,
      async (event) => {
        // The function each schedule targets in AWS: the aggregation for the year-end run, else the reminders.
        const fn: FunctionName = event.source === 'year-end-schedule' ? 'aggregation' : 'reminders';
        log(`[scheduler] ${fn} ${event.campaignId} ${event.year} starting`);
        const outcome = await handlers.get(fn)!(event as unknown as ApiEvent, lambdaContext(fn));
        log(`[scheduler] finished: ${JSON.stringify(outcome)}`);
      },
      log,
    );
    // An admin's change of a campaign or a year moves its timers, as the catalogue function moves its schedules.
    deps.scheduler = scheduler;
  }
  return {
    url,
    dataDir: options.dataDir,
    storeEndpoint: store.endpoint,
    storeCommands,
    storeWrites,
    store,
    deps,
    scheduler,
    outbox,
    jobs,
    scanner,
    seeded,
    close: async () => {
      const scheduledRuns = scheduler?.stop();
      clearInterval(sweeper);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Requests under way finish against the store before it closes; one that never ends (a client gone silent)
      // does not hold the close for ever: after DRAIN_MS its connection is cut like the idle ones.
      if (inFlight > 0)
        await Promise.race([
          new Promise<void>((resolve) => {
            drained = resolve;
          }),
          new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref()),
        ]);
      server.closeAllConnections();
      await closed;
      // Nothing may still be using the store when it closes: the runs the schedules fired, jobs, scans.
      await scheduledRuns;
      await jobs.idle();
      await scanner.idle();
      await store.close();
      unlock();
    },
  };
}
