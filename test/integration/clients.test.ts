/** Units' IT systems over HTTP: an admin registers a client, the client gets tokens and reports, revocation ends it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin');
});
afterAll(() => h.close());

/** The client-credentials grant as a unit's system sends it: form-encoded, id and secret in HTTP Basic. */
async function clientToken(clientId: string, clientSecret: string, scope?: string) {
  const res = await fetch(`${h.url}/local/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

describe('machine clients of a unit', () => {
  it('register → token → report for its own unit; refused for another unit, outside its scopes, after revocation', async () => {
    const registered = await h.call('POST', '/v1/units/so-nn-mt/clients', {
      token: admin,
      body: { name: 'Hệ thống một cửa điện tử' },
    });
    expect(registered.status).toBe(201);
    expect(registered.headers.get('cache-control')).toBe('no-store');
    const { clientId, clientSecret, tokenUrl, scopes } = registered.body;
    expect(scopes).toEqual(['submissions.write', 'submissions.read', 'files.write']);
    expect(tokenUrl).toBe(`${h.url}/local/oauth2/token`);
    expect(clientSecret.length).toBeGreaterThanOrEqual(40);

    // Listed without its secret; the secret is nowhere in the store.
    const listed = await h.call('GET', '/v1/units/so-nn-mt/clients', { token: admin });
    expect(listed.body.items).toEqual([expect.objectContaining({ clientId, name: 'Hệ thống một cửa điện tử' })]);
    expect(JSON.stringify(listed.body)).not.toContain(clientSecret);
    expect(await h.snapshot()).not.toContain(clientSecret);

    expect((await clientToken(clientId, 'wrong-secret')).status).toBe(401);
    const granted = await clientToken(clientId, clientSecret);
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    const token = granted.body.access_token!;

    const own = await h.call('POST', '/v1/submissions', { token, body: ratioBody('so-nn-mt', 410, 500) });
    expect(own.status).toBe(201);
    expect(own.body.submittedBy).toBe(`client:${clientId}`);
    const read = await h.call('GET', `/v1/submissions/${own.body.submissionId}`, { token });
    expect(read.status).toBe(200);

    const other = await h.call('POST', '/v1/submissions', { token, body: ratioBody('so-tai-chinh-2025', 410, 500) });
    expect([other.status, other.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // A route no scope opens (people only), and one its role does not allow.
    expect((await h.call('GET', '/v1/units/so-nn-mt/history', { token })).status).toBe(403);
    expect((await h.call('GET', '/v1/reports/2026', { token })).status).toBe(403);

    // Unit history records who registered it (the audit trail), never the secret.
    const history = await h.call('GET', '/v1/units/so-nn-mt/history', { token: admin });
    expect(history.body.items.map((e: { action: string }) => e.action)).toContain('client.registered');

    const revoked = await h.call('DELETE', `/v1/units/so-nn-mt/clients/${clientId}`, { token: admin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    // The token it holds stops working at once locally (in AWS: within the authorizer's 5-minute cache).
    const after = await h.call('POST', '/v1/submissions', { token, body: ratioBody('so-nn-mt', 420, 500) });
    expect([after.status, after.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await clientToken(clientId, clientSecret)).body.error).toBe('invalid_client');
    // Revoking again changes nothing.
    const again = await h.call('DELETE', `/v1/units/so-nn-mt/clients/${clientId}`, { token: admin });
    expect([again.status, again.body.revokedAt]).toEqual([200, revoked.body.revokedAt]);
  });

  it('a client with a narrower scope may read but not report', async () => {
    const r = await h.call('POST', '/v1/units/so-tai-chinh-2025/clients', {
      token: admin,
      body: { name: 'Báo cáo tự động', scopes: ['submissions.read'] },
    });
    expect(r.status).toBe(201);
    const { access_token: token } = (await clientToken(r.body.clientId, r.body.clientSecret)).body;
    expect((await h.call('GET', '/v1/submissions?unitId=so-tai-chinh-2025&year=2026', { token })).status).toBe(200);
    const write = await h.call('POST', '/v1/submissions', { token, body: ratioBody('so-tai-chinh-2025', 1, 2) });
    expect([write.status, write.body.error.details[0].field]).toEqual([403, 'scope']);
    // Asking for a scope it was not given is refused by the token endpoint.
    expect((await clientToken(r.body.clientId, r.body.clientSecret, 'thi-dua-api/submissions.write')).body.error).toBe(
      'invalid_scope',
    );
  });

  it('only admins register clients; a bad body or an unknown unit stores nothing', async () => {
    const before = await h.snapshot();
    const reviewer = await h.token('reviewer');
    expect(
      (await h.call('POST', '/v1/units/so-tai-chinh-2025/clients', { token: reviewer, body: { name: 'x' } })).status,
    ).toBe(403);
    const bad = await h.call('POST', '/v1/units/so-tai-chinh-2025/clients', {
      token: admin,
      body: { name: '', scopes: ['all'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'scopes.0']);
    expect((await h.call('POST', '/v1/units/khong-co/clients', { token: admin, body: { name: 'x' } })).status).toBe(
      404,
    );
    expect((await h.call('DELETE', '/v1/units/so-tai-chinh-2025/clients/khong-co', { token: admin })).status).toBe(404);
    // A unit that has ceased (Sở Tài chính, merged on 1/3/2025) reports nothing: no system of its is registered.
    const ceased = await h.call('POST', '/v1/units/so-tai-chinh/clients', { token: admin, body: { name: 'x' } });
    expect([ceased.status, ceased.body.error.code]).toEqual([409, 'UNIT_NOT_ACTIVE']);
    expect(await h.snapshot()).toBe(before);
  });

  it('the token endpoint answers as OAuth 2.0 does to a wrong grant or body', async () => {
    const form = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${h.url}/local/oauth2/token`, { method: 'POST', headers: { 'content-type': type }, body }).then(
        async (r) => [r.status, ((await r.json()) as { error: string }).error],
      );
    expect(await form('grant_type=password&username=a&password=b')).toEqual([400, 'unsupported_grant_type']);
    expect(await form('{}', 'application/json')).toEqual([400, 'invalid_request']);
    expect(await form('grant_type=client_credentials&client_id=__proto__&client_secret=x')).toEqual([
      401,
      'invalid_client',
    ]);
  });
});
