/** The API's authorizer in AWS: what it lets through and the claims it hands the handlers. */
import type { APIGatewayRequestAuthorizerEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../adapters/deps.js';
import { memoryStores } from '../../adapters/memory/stores.js';
import { createAuthorizer } from '../../functions/authorizer/handler.js';
import type { ApiClient } from '../../shared/domain/types.js';

const stores = memoryStores();
const deps = { ...stores, clock: fixedClock('2026-11-20T03:00:00Z'), defaultCampaignId: 'hp-175' };
const client = (over: Partial<ApiClient> = {}): ApiClient => ({
  clientId: 'c1',
  unitId: 'so-tttt',
  name: 'Một cửa',
  scopes: ['submissions.write'],
  createdAt: '2026-11-01T00:00:00Z',
  createdBy: 'admin',
  revokedAt: null,
  revokedBy: null,
  ...over,
});
const entry = { at: '2026-11-01T00:00:00Z', actor: 'admin', role: 'admin' as const, action: 'client.registered' };
const event = (authorization?: string) =>
  ({ headers: authorization ? { authorization } : {} }) as unknown as APIGatewayRequestAuthorizerEventV2;
/** A stand-in for aws-jwt-verify: tokens are JSON claims, "bad" fails verification. */
const authorize = createAuthorizer(deps, async (token) => {
  if (token === 'bad') throw new Error('JwtInvalidSignatureError');
  return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
});
const bearer = (claims: object) => `Bearer ${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;

describe('authorizer', () => {
  it('refuses no token, a malformed header and a token that fails verification', async () => {
    expect((await authorize(event())).isAuthorized).toBe(false);
    expect((await authorize(event('Basic abc'))).isAuthorized).toBe(false);
    expect((await authorize(event('Bearer bad'))).isAuthorized).toBe(false);
  });

  it("hands on a person's claims as flat strings", async () => {
    const r = await authorize(
      event(bearer({ sub: 'p1', token_use: 'id', 'cognito:groups': ['reviewer', 'admin'], email: 'a@b.vn' })),
    );
    expect(r).toEqual({
      isAuthorized: true,
      context: { sub: 'p1', 'cognito:groups': 'reviewer admin', email: 'a@b.vn' },
    });
  });

  it('resolves a machine to its unit with the scopes both the token and the registration allow', async () => {
    await stores.clients.saveClient(client(), entry, 0);
    const r = await authorize(
      event(
        bearer({
          token_use: 'access',
          client_id: 'c1',
          scope: 'thi-dua-api/submissions.write thi-dua-api/files.write',
        }),
      ),
    );
    expect(r).toEqual({
      isAuthorized: true,
      context: {
        sub: 'client:c1',
        client_id: 'c1',
        'cognito:groups': 'unit',
        'custom:unitId': 'so-tttt',
        scope: 'submissions.write',
      },
    });
  });

  it('refuses an access token of an unknown or revoked client (the people client’s own access tokens too)', async () => {
    expect((await authorize(event(bearer({ token_use: 'access', client_id: 'people-console' })))).isAuthorized).toBe(
      false,
    );
    await stores.clients.saveClient(client({ clientId: 'c2', revokedAt: '2026-11-02T00:00:00Z' }), entry, 0);
    expect((await authorize(event(bearer({ token_use: 'access', client_id: 'c2' })))).isAuthorized).toBe(false);
  });
});
