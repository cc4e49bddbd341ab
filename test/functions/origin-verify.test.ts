/**
 * In AWS the functions answer only requests that came through CloudFront (which adds x-origin-verify with the
 * deployment's value): the execute-api address beside it serves nobody who goes around the web ACL.
 */
import type { Context } from 'aws-lambda';
import { afterEach, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { createHealthHandler } from '../../functions/health/handler.js';
import type { ApiEvent } from '../../functions/http.js';

const deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
const health = (headers: Record<string, string>) =>
  ({
    routeKey: 'GET /health',
    rawPath: '/health',
    headers,
    requestContext: { requestId: 'r1', http: { method: 'GET', path: '/health' } },
  }) as unknown as ApiEvent;
const context = { awsRequestId: 'lambda-1' } as Context;

afterEach(() => {
  delete process.env.ORIGIN_VERIFY;
});

it('refuses a request without the deployment’s header (403, the header named), answers one with it', async () => {
  process.env.ORIGIN_VERIFY = '5f0c9a2e-7d7b-11ef-b864-0a1b2c3d4e5f';
  const handler = createHealthHandler(deps);
  const wrong: Array<Record<string, string>> = [
    {},
    { 'x-origin-verify': 'đoán-thử' },
    { 'x-origin-verify': '5f0c9a2e-7d7b-11ef-b864-0a1b2c3d4e5' },
  ];
  for (const headers of wrong) {
    const refused = await handler(health(headers), context);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body as string).error.details[0].field).toBe('x-origin-verify');
  }
  const through = await handler(health({ 'x-origin-verify': process.env.ORIGIN_VERIFY }), context);
  expect(through.statusCode).toBe(200);
});

it('checks nothing where there is no CloudFront (the local server, tests)', async () => {
  expect((await createHealthHandler(deps)(health({}), context)).statusCode).toBe(200);
});
