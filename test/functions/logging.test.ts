/** Every log line of a request names it: the requestId the answer's x-request-id and an error's requestId quote. */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { createHealthHandler } from '../../functions/health/handler.js';
import { type ApiEvent, apiHandler, json } from '../../functions/http.js';
import { JsonLogger, logger } from '../../functions/log.js';
import { capturedLogLines } from '../log-lines.js';

const deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
const event = (requestId: string, routeKey = 'GET /health') =>
  ({
    routeKey,
    rawPath: '/health',
    headers: {},
    requestContext: { requestId, http: { method: 'GET', path: '/health' } },
  }) as unknown as ApiEvent;
const context = { awsRequestId: 'lambda-1' } as Context;

afterEach(() => vi.restoreAllMocks());

/** The JSON lines the logger writes from now until the mocks are restored, at level INFO, in order. */
function captureLogs(): Array<Record<string, unknown>> {
  logger.setLogLevel('INFO');
  return capturedLogLines();
}

describe('structured logs', () => {
  it('writes one JSON line per request with its requestId, route and status', async () => {
    const logged = captureLogs();
    const handler = createHealthHandler(deps);
    const ok = await handler(event('req-a'), context);
    const missing = await handler(event('req-b', 'GET /nowhere'), context);
    vi.restoreAllMocks();
    expect(ok.headers['x-request-id']).toBe('req-a');
    expect(JSON.parse(missing.body as string).error.requestId).toBe('req-b');
    expect(logged).toEqual([
      expect.objectContaining({
        level: 'INFO',
        message: 'request',
        requestId: 'req-a',
        route: 'GET /health',
        status: 200,
      }),
      expect.objectContaining({ message: 'request', requestId: 'req-b', route: 'GET /nowhere', status: 404 }),
    ]);
  });

  it("gives each line its own request's keys when requests run side by side, failing ones too", async () => {
    const logged = captureLogs();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    // Each request waits a different number of turns, so their lines interleave; the odd ones fail unhandled.
    const handler = apiHandler(
      'health',
      {
        'GET /health': async () => {
          await tick();
          return json(200, {});
        },
        'GET /v1/labels': async () => {
          for (let turn = 0; turn < 3; turn++) await tick();
          throw new Error('the store went away');
        },
        'GET /openapi.json': async () => json(200, {}),
        'GET /docs': async () => json(200, {}),
      },
      deps,
    );
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    const answers = await Promise.all(
      ids.map((id, i) =>
        handler(event(id, i % 2 ? 'GET /v1/labels' : 'GET /health'), { awsRequestId: `l-${id}` } as Context),
      ),
    );
    vi.restoreAllMocks();
    expect(answers.map((a) => a.statusCode)).toEqual([200, 500, 200, 500, 200, 500]);
    expect(answers.map((a) => a.headers['x-request-id'])).toEqual(ids);
    // the successes finish first: the order of the lines is not the order of the requests
    expect(logged.map((l) => `${l.message} ${l.requestId}`)).toEqual([
      'request a',
      'request c',
      'request e',
      'unhandled b',
      'request b',
      'unhandled d',
      'request d',
      'unhandled f',
      'request f',
    ]);
    for (const line of logged) {
      expect(line.lambdaRequestId).toBe(`l-${line.requestId}`);
      expect(line.route).toBe(ids.indexOf(line.requestId as string) % 2 ? 'GET /v1/labels' : 'GET /health');
      expect(line.function).toBe('health');
    }
  });

  it('writes at the level it is set to, errors with their name and message, and a line it cannot serialise still says what happened', () => {
    const logged = captureLogs();
    const log = new JsonLogger('thi-dua-cds', 'warn');
    log.info('hidden');
    log.warn('shown', { big: 12345678901234567890n });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    log.error('failed', { error: new RangeError('quá giới hạn') });
    log.error('cyclic', { cyclic });
    new JsonLogger('thi-dua-cds', 'SILENT').error('silent');
    vi.restoreAllMocks();
    expect(logged.map((l) => [l.level, l.message])).toEqual([
      ['WARN', 'shown'],
      ['ERROR', 'failed'],
      ['ERROR', 'cyclic'],
    ]);
    expect(logged[0]!.big).toBe('12345678901234567890');
    expect(logged[1]!.error).toMatchObject({ name: 'RangeError', message: 'quá giới hạn' });
    expect(logged[2]).toMatchObject({ service: 'thi-dua-cds', unwritable: true });
  });
});
