/** Every log line of a request names it: the requestId the answer's x-request-id and an error's requestId quote. */
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/store.js';
import { createHealthHandler } from '../../functions/health/handler.js';
import type { ApiEvent } from '../../functions/http.js';
import { logger, withRequestKeys } from '../../functions/log.js';

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

/** The JSON lines the logger writes from now until the mocks are restored, at level INFO. */
function captureLogs(): Array<Record<string, unknown>> {
  logger.setLogLevel('INFO');
  const logged: Array<Record<string, unknown>> = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    for (const line of String(chunk).split('\n').filter(Boolean)) logged.push(JSON.parse(line));
    return true;
  });
  return logged;
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

  it("gives each line its own request's keys when requests run side by side", async () => {
    const logged = captureLogs();
    const tick = () => new Promise((resolve) => setImmediate(resolve));
    const request = (requestId: string) =>
      withRequestKeys({ requestId }, async () => {
        for (let step = 0; step < 3; step++) {
          await tick();
          logger.info('step', { step, mine: requestId });
        }
      });
    await Promise.all([request('a'), request('b'), request('c')]);
    logger.info('outside');
    vi.restoreAllMocks();
    expect(logged).toHaveLength(10);
    // interleaved, and yet every line carries the keys of the request that wrote it
    expect(logged.slice(0, 3).map((l) => l.requestId)).toEqual(['a', 'b', 'c']);
    for (const line of logged.slice(0, 9)) expect(line.requestId).toBe(line.mine);
    expect(logged[9]).not.toHaveProperty('requestId');
  });
});
