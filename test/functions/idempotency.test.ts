/**
 * Idempotency-Key over an answer too large for one item (400 KB): the key keeps the answer's SHA-256 only; a retry
 * of a sheet import runs again (the same file changes nothing the second time), any other route answers the digest.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { type Action, type ApiEvent, apiHandler, json } from '../../functions/http.js';
import { ROUTES, routeKey } from '../../functions/routes.js';

const deps = { ...memoryStores(), clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
const big = {
  items: Array.from({ length: 3_000 }, (_, row) => ({
    row,
    unitId: `xa-thu-nghiem-${row}`,
    criterionId: 'ty-le-ho-so-truc-tuyen',
    action: 'created',
  })),
};
const calls = { sheet: 0, json: 0 };
const actions: Record<string, Action> = Object.fromEntries(
  ROUTES.filter((r) => r.fn === 'catalogue').map((r) => [routeKey(r), async () => json(200, {})]),
);
actions['POST /v1/imports/units'] = async () => {
  calls.sheet++;
  return json(200, { ...big, run: calls.sheet });
};
actions['POST /v1/units/{unitId}/clients'] = async () => {
  calls.json++;
  return json(201, { ...big, run: calls.json });
};
const handler = apiHandler('catalogue', actions, deps);
const admin = { sub: 'quantri-1', 'cognito:groups': 'admin' };
const event = (routeKey: string, path: string, body: string, type: string, key: string) =>
  ({
    routeKey,
    rawPath: path,
    headers: { 'idempotency-key': key, 'content-type': type },
    body,
    isBase64Encoded: false,
    pathParameters: routeKey.includes('{unitId}') ? { unitId: 'so-a' } : undefined,
    requestContext: { requestId: 'r', http: { method: 'POST', path }, authorizer: { lambda: admin } },
  }) as unknown as ApiEvent;
const context = { awsRequestId: 'l' } as Context;
const call = async (e: ApiEvent) =>
  (await handler(e, context)) as { statusCode: number; body: string; headers: Record<string, string> };

describe('Idempotency-Key with an answer past what an item holds', () => {
  it('re-runs a sheet import on a retry, and answers other routes with the digest of the first answer', async () => {
    const sheet = event(
      'POST /v1/imports/units',
      '/v1/imports/units',
      'unitId,name\nxa-1,Xã 1\n',
      'text/csv',
      'nhap-1',
    );
    const first = await call(sheet);
    expect(first.statusCode).toBe(200);
    expect(Buffer.byteLength(first.body)).toBeGreaterThan(256 * 1024);
    const again = await call(sheet);
    expect([again.statusCode, JSON.parse(again.body).run, calls.sheet]).toEqual([200, 2, 2]);

    const register = event(
      'POST /v1/units/{unitId}/clients',
      '/v1/units/so-a/clients',
      '{"name":"x"}',
      'application/json',
      'dang-ky-1',
    );
    const created = await call(register);
    expect(created.statusCode, created.body.slice(0, 300)).toBe(201);
    const replay = await call(register);
    expect(calls.json).toBe(1);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(JSON.parse(replay.body)).toEqual({
      replayed: true,
      answerSha256: createHash('sha256').update(created.body).digest('hex'),
    });
  });
});
