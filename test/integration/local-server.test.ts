/** The local server cannot be abused from a browser: tokens only for loopback hosts, the console under a strict CSP. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A raw request, so the Host header is exactly what a rebinding page would send. */
function post(path: string, host: string, body: unknown): Promise<{ status: number; body: string }> {
  const { port } = new URL(h.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { host, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('the local token route', () => {
  it('refuses a request whose Host is not loopback (DNS rebinding) and issues nothing', async () => {
    for (const host of ['evil.example', 'evil.example:3000', '127.0.0.1.evil.example', 'localhost.evil.example:80']) {
      const r = await post('/local/token', host, { role: 'admin' });
      expect([host, r.status, JSON.parse(r.body).error.code]).toEqual([host, 403, 'FORBIDDEN']);
      expect(r.body).not.toContain('token"');
    }
  });

  it('reads its body as the API routes do: prototype keys and deep nesting refused', async () => {
    const send = (raw: string) =>
      fetch(`${h.url}/local/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw });
    const proto = await send('{"role":"admin","__proto__":{"role":"unit"}}');
    expect([proto.status, (await proto.json()).error.details[0].field]).toEqual([400, '__proto__']);
    const deep = await send(`{"role":${'['.repeat(1000)}${']'.repeat(1000)}}`);
    expect([deep.status, (await deep.json()).error.code]).toEqual([400, 'INVALID_JSON']);
  });

  it('issues tokens to loopback hosts', async () => {
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:3000']) {
      const r = await post('/local/token', host, { role: 'reviewer' });
      expect([host, r.status]).toEqual([host, 200]);
    }
  });
});

describe('the console', () => {
  it('is served with a Content-Security-Policy that allows only its own origin', async () => {
    for (const path of ['/', '/app.js', '/styles.css']) {
      const r = await fetch(`${h.url}${path}`);
      expect(r.status).toBe(200);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('the API contract', () => {
  it('serves /openapi.json and the /docs page without a token, Swagger UI from the package (no CDN)', async () => {
    const doc = await fetch(`${h.url}/openapi.json`);
    expect(doc.status).toBe(200);
    const body = (await doc.json()) as {
      openapi: string;
      components: { securitySchemes: { unitSystem: { flows: { clientCredentials: { tokenUrl: string } } } } };
    };
    expect(body.openapi).toBe('3.1.0');
    expect(body.components.securitySchemes.unitSystem.flows.clientCredentials.tokenUrl).toBe(
      `${h.url}/local/oauth2/token`,
    );
    const page = await fetch(`${h.url}/docs`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of html.match(/(?:src|href)="([^"]+)"/g)!.map((m) => m.split('"')[1]!)) {
      const r = await fetch(`${h.url}${asset}`);
      expect([asset, r.status]).toEqual([asset, 200]);
    }
  });
});
