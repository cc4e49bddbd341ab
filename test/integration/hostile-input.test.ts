/**
 * Input a person would not type, or that aims at the parser rather than the API: each is refused with a 4xx
 * naming the field, and nothing is stored (the whole table is compared before and after).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence, type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let unit: string;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  unit = await h.token('unit', 'so-khcn-2025');
  admin = await h.token('admin');
});
afterAll(() => h.close());

async function refused(
  method: string,
  path: string,
  token: string,
  body: { json?: unknown; raw?: string },
  field: string,
  code = 'VALIDATION_FAILED',
) {
  const before = await h.snapshot();
  const r = await h.call(method, path, {
    token,
    ...(body.raw !== undefined ? { rawBody: body.raw } : { body: body.json }),
  });
  expect([r.status, r.body.error?.code]).toEqual([400, code]);
  expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  expect(await h.snapshot()).toBe(before);
}

describe('hostile input', () => {
  it('refuses prototype keys anywhere in a body, by their path', async () => {
    const base = JSON.stringify(ratioBody('so-khcn-2025', 1, 2));
    await refused('POST', '/v1/submissions', unit, { raw: `{"__proto__":{"x":1},${base.slice(1)}` }, '__proto__');
    const nested = base.replace('"value":{', '"value":{"constructor":{"prototype":1},');
    await refused('POST', '/v1/submissions', unit, { raw: nested }, 'value.constructor');
  });

  it('refuses JSON nested deeper than 32 levels before parsing it', async () => {
    const deep = `{"value":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    await refused('POST', '/v1/submissions', unit, { raw: deep }, '(body)', 'INVALID_JSON');
  });

  it('refuses control and bidirectional characters in titles, names, comments and reasons', async () => {
    const rlo = 'Báo cáo \u202Egnp.exe';
    await refused(
      'POST',
      '/v1/submissions',
      unit,
      { json: { ...ratioBody('so-khcn-2025', 1, 2), evidence: [{ title: rlo }] } },
      'evidence.0.title',
    );
    await refused(
      'PUT',
      '/v1/units/so-khcn-2025',
      admin,
      { json: { name: 'Quận\u0000 Lê Chân', level: 'district' } },
      'name',
    );
    await refused(
      'POST',
      '/v1/units/so-khcn-2025/years/2026/reopen',
      admin,
      { json: { until: '2026-12-31T00:00:00Z', reason: 'Lý do\u2066ẩn' } },
      'reason',
    );
  });

  it('refuses any generated untypable character in an evidence title', async () => {
    const bad = fc.constantFrom(
      '\u0001',
      '\u001b',
      '\u007f',
      '\u0085',
      '\u200f',
      '\u202d',
      '\u2067',
      '\ud800',
      '\udfff',
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 20 }), bad, async (text, c) => {
        const r = await h.call('POST', '/v1/submissions', {
          token: unit,
          body: { ...ratioBody('so-khcn-2025', 1, 2), evidence: [{ title: `Báo cáo ${text}${c}` }] },
        });
        expect(r.status).toBe(400);
        expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain('evidence.0.title');
      }),
      { numRuns: 40 },
    );
  });

  it('refuses dates far outside the campaign', async () => {
    const withDate = (issuedOn: string) => ({
      ...ratioBody('so-khcn-2025', 1, 2),
      evidence: [{ ...evidence[0], issuedOn }],
    });
    await refused('POST', '/v1/submissions', unit, { json: withDate('2026-12-01') }, 'evidence.0.issuedOn');
    await refused('POST', '/v1/submissions', unit, { json: withDate('1900-01-01') }, 'evidence.0.issuedOn');
    await refused(
      'POST',
      '/v1/units/so-khcn-2025/years/2026/reopen',
      admin,
      { json: { until: '2099-01-01T00:00:00Z', reason: 'Gia hạn' } },
      'until',
    );
  });
});
