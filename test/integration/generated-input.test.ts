/**
 * No input reaches a 5xx: generated bodies, path parameters and query strings thrown at every write route
 * of the route table. Each is invalid by construction, so each must be refused with a 4xx in the documented
 * error format — and the store must be exactly as it was.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, routeKey } from '../../functions/routes.js';
import { type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
const tokens: Record<string, string> = {};
let submissionId: string;
let validCampaignYear: unknown;
let validCampaign: unknown;
let validTasks: unknown;
beforeAll(async () => {
  h = await startHarness();
  tokens.unit = await h.token('unit', 'so-khcn-2025');
  tokens.reviewer = await h.token('reviewer');
  tokens.admin = await h.token('admin');
  const s = await h.call('POST', '/v1/submissions', { token: tokens.unit, body: ratioBody('so-khcn-2025', 5, 10) });
  submissionId = s.body.submissionId;
  const cy = await h.call('GET', '/v1/campaigns/hp-175/years/2026', { token: tokens.admin });
  validCampaignYear = { criteria: cy.body.criteria };
  const { campaignId: _id, ...campaign } = (await h.call('GET', '/v1/campaigns/hp-175', { token: tokens.admin })).body;
  validCampaign = campaign;
  validTasks = (await h.call('GET', '/v1/campaigns/hp-175/task-catalogues/qd-284', { token: tokens.admin })).body.tasks;
});
afterAll(() => h.close());

interface WriteRoute {
  role: 'unit' | 'reviewer' | 'admin';
  /** Routes that take a sheet: generated CSV files, each with at least one row that is wrong. */
  sheet?: fc.Arbitrary<string>;
  /** A valid request: the generator breaks it. */
  path: () => Record<string, string>;
  body: () => Record<string, unknown> | null;
  /** The body's required keys: dropping one must be refused. */
  required: string[];
}
const WRITE_ROUTES: Record<string, WriteRoute> = {
  'PUT /v1/units/{unitId}': {
    role: 'admin',
    path: () => ({ unitId: 'so-khcn-2025' }),
    body: () => ({ name: 'Sở Khoa học và Công nghệ', level: 'department', parentId: null, cluster: 'khoi-kinh-te' }),
    required: ['name', 'level'],
  },
  'POST /v1/units/{unitId}/years/{year}/reopen': {
    role: 'admin',
    path: () => ({ unitId: 'so-khcn-2025', year: '2026' }),
    body: () => ({ until: '2026-12-31T00:00:00Z', reason: 'Gia hạn nộp bổ sung' }),
    required: ['until', 'reason'],
  },
  'PUT /v1/campaigns/{campaignId}/years/{year}': {
    role: 'admin',
    path: () => ({ campaignId: 'hp-175', year: '2026' }),
    body: () => structuredClone(validCampaignYear) as Record<string, unknown>,
    required: ['criteria'],
  },
  'PUT /v1/campaigns/{campaignId}': {
    role: 'admin',
    path: () => ({ campaignId: 'hp-175' }),
    body: () => structuredClone(validCampaign) as Record<string, unknown>,
    required: [
      'name',
      'province',
      'documentNumber',
      'issuedOn',
      'timeZone',
      'firstYear',
      'lastYear',
      'calendarTemplate',
      'awards',
    ],
  },
  'PUT /v1/campaigns/{campaignId}/task-catalogues/{catalogue}': {
    role: 'admin',
    path: () => ({ campaignId: 'hp-175', catalogue: 'qd-284' }),
    // The catalogue is in use by a reported year: even a valid body is refused, so a broken one must be too.
    body: () => ({ tasks: structuredClone(validTasks) }),
    required: ['tasks'],
  },
  'POST /v1/submissions': {
    role: 'unit',
    path: () => ({}),
    body: () => ratioBody('so-khcn-2025', 7, 10),
    // The year may be left out (the year open for reports): dropping it is no fault.
    required: ['unitId', 'criterionId', 'value', 'evidence'],
  },
  'POST /v1/submissions/{submissionId}/decision': {
    role: 'reviewer',
    path: () => ({ submissionId }),
    body: () => ({ decision: 'approved', expectedVersion: 1 }),
    required: ['decision', 'expectedVersion'],
  },
  'POST /v1/imports/units': {
    role: 'admin',
    path: () => ({}),
    body: () => null,
    required: [],
    sheet: brokenSheet(
      ['unitId', 'name', 'level', 'kind', 'validFrom', 'validTo', 'predecessors', 'code'],
      () => ({
        unitId: 'xa-moi',
        name: 'Xã Mới',
        level: 'commune',
        kind: 'xa',
        validFrom: '01/07/2025',
        validTo: '',
        predecessors: 'old-11311:merged:0',
        code: '',
      }),
      {
        unitId: fc.constantFrom('Xa Moi', '', '-x', 'xã-mới', 'a'.repeat(65)),
        name: fc.constantFrom('', 'Xã\u0000', '\u202EXã'),
        level: fc
          .string({ maxLength: 10 })
          .filter((l) => !['department', 'district', 'commune', 'enterprise'].includes(l)),
        kind: fc.constantFrom('tinh', 'quan huyen', 'XA'),
        validFrom: fc.constantFrom('31/02/2025', '2025-13-01', 'hôm nay', '1/7/25'),
        validTo: fc.constantFrom('2020-01-01', '32/12/2030'),
        predecessors: fc.constantFrom(
          'khong-co:merged:1',
          'old-11311:merged:1.5',
          'old-11311:sap-nhap:1',
          'old-11311:merged:x',
          'xa-moi:merged:1',
        ),
        code: fc.constantFrom('mã có dấu', 'x'.repeat(40), '-303'),
      },
    ),
  },
  'POST /v1/imports/clusters': {
    role: 'admin',
    path: () => ({}),
    body: () => null,
    required: [],
    sheet: brokenSheet(
      ['clusterId', 'clusterName', 'unitId', 'role'],
      () => ({ clusterId: 'cum-moi', clusterName: 'Cụm mới', unitId: 'p-hong-bang', role: 'head' }),
      {
        clusterId: fc.constantFrom('', 'Cụm Mới', '-c'),
        clusterName: fc.constant(''),
        unitId: fc.constantFrom('khong-co', 'kien-an', 'old-11311', ''),
        role: fc.constantFrom('chu-tich', 'member', 'HEAD?'),
      },
    ),
  },
  'POST /v1/units/{unitId}/clients': {
    role: 'admin',
    path: () => ({ unitId: 'so-khcn-2025' }),
    body: () => ({ name: 'Hệ thống một cửa điện tử' }),
    required: ['name'],
  },
  // No client of that id exists: whatever the generator makes of the path, nothing is revoked.
  'DELETE /v1/units/{unitId}/clients/{clientId}': {
    role: 'admin',
    path: () => ({ unitId: 'so-khcn-2025', clientId: 'khong-co' }),
    body: () => null,
    required: [],
  },
  'POST /v1/imports/figures': {
    role: 'reviewer',
    path: () => ({}),
    body: () => null,
    required: [],
    sheet: brokenSheet(
      ['unitCode', 'criterionId', 'year', 'numerator', 'denominator', 'sourceNote'],
      () => ({
        unitCode: 'so-khcn-2025',
        criterionId: 'ho-so-truc-tuyen',
        year: '2026',
        numerator: '8',
        denominator: '10',
        sourceNote: 'Hệ thống TTHC tỉnh',
      }),
      {
        unitCode: fc.constantFrom('khong-co', '', 'kien-an', 'SO-KHCN'),
        criterionId: fc.constantFrom('khong-co', '', 'Ho So'),
        year: fc.constantFrom('1990', 'năm nay', '', '2026.5', '99999'),
        numerator: fc.constantFrom('-1', 'mười', '', '11', '1e3'),
        denominator: fc.constantFrom('0', 'x', '', '-10'),
        sourceNote: fc.constantFrom('\u0000', 'x'.repeat(501), '\u202Egiả'),
      },
    ),
  },
  'POST /v1/evidence-files': {
    role: 'unit',
    path: () => ({}),
    body: () => ({
      unitId: 'so-khcn-2025',
      fileName: 'Báo cáo.pdf',
      contentType: 'application/pdf',
      size: 1000,
      sha256: 'a'.repeat(64),
    }),
    required: ['unitId', 'fileName', 'contentType', 'size', 'sha256'],
  },
  // No file of that id exists: whatever the generator makes of the path, nothing is completed or deleted.
  'POST /v1/evidence-files/{fileId}/complete': {
    role: 'unit',
    path: () => ({ fileId: `f-${'0'.repeat(32)}` }),
    body: () => null,
    required: [],
  },
  'POST /v1/evidence-files/{fileId}/signature-check': {
    role: 'reviewer',
    path: () => ({ fileId: `f-${'0'.repeat(32)}` }),
    body: () => null,
    required: [],
  },
  // Base64 that is no certificate: whatever the generator makes of it, no anchor is added.
  'POST /v1/trust-anchors': {
    role: 'admin',
    path: () => ({}),
    body: () => ({ certificate: `MII${'A'.repeat(200)}` }),
    required: ['certificate'],
  },
  'DELETE /v1/evidence-files/{fileId}': {
    role: 'unit',
    path: () => ({ fileId: `f-${'0'.repeat(32)}` }),
    body: () => null,
    required: [],
  },
  // Takes no body: only a year that is no year can make it fail.
  'POST /v1/aggregations/{year}': { role: 'admin', path: () => ({ year: '2026' }), body: () => null, required: [] },
  // Finalizing names another year than the path's, so even a well-formed body is refused: 2026 stays open.
  'POST /v1/years/{year}/finalize': {
    role: 'admin',
    path: () => ({ year: '2026' }),
    body: () => ({ confirmYear: 2025 }),
    required: ['confirmYear'],
  },
  // 2026 is not finalized: there is no award to revoke, whatever the body.
  'POST /v1/awards/{year}/{unitId}/revoke': {
    role: 'admin',
    path: () => ({ year: '2026', unitId: 'so-khcn-2025' }),
    body: () => ({ reason: 'Số liệu không trung thực' }),
    required: ['reason'],
  },
  // 2026 has no published results yet: no tie to decide, whatever the body.
  // 2026 is open already: opening it again from 2025 is refused, whatever else the request holds.
  'POST /v1/campaigns/{campaignId}/years/{year}/open-next': {
    role: 'admin',
    path: () => ({ campaignId: 'hp-175', year: '2025' }),
    body: () => ({ rotateHeads: true }),
    required: [],
  },
  'POST /v1/awards/{year}/tie-decisions': {
    role: 'admin',
    path: () => ({ year: '2026' }),
    body: () => ({
      group: 'level:department',
      award: 'bang-khen',
      unitIds: ['so-khcn-2025'],
      reason: 'Theo biên bản họp Hội đồng',
    }),
    required: ['group', 'award', 'unitIds', 'reason'],
  },
  // A reopening until an instant already past is refused, whatever else the body holds.
  'POST /v1/years/{year}/stages/{stage}/reopen': {
    role: 'admin',
    path: () => ({ year: '2026', stage: 'objections' }),
    body: () => ({ until: '2020-01-01T00:00:00Z', reason: 'Gia hạn nhận kiến nghị' }),
    required: ['until', 'reason'],
  },
  // The demo's 2026 has no bình xét round: objections and ballots are out of their stage, whatever the body.
  'POST /v1/objections': {
    role: 'unit',
    path: () => ({}),
    body: () => ({ year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Số liệu chưa đúng' }),
    required: ['year', 'criterionId', 'reason'],
  },
  'POST /v1/objections/{objectionId}/answer': {
    role: 'reviewer',
    path: () => ({ objectionId: 'khong-co-kien-nghi' }),
    body: () => ({ decision: 'accepted', comment: 'Đồng ý' }),
    required: ['decision', 'comment'],
  },
  'POST /v1/clusters/{clusterId}/years/{year}/ballots': {
    role: 'unit',
    path: () => ({ clusterId: 'khoi-kinh-te', year: '2026' }),
    body: () => ({ candidates: [] }),
    required: ['candidates'],
  },
  'PUT /v1/clusters/{clusterId}/years/{year}/minutes': {
    role: 'unit',
    path: () => ({ clusterId: 'khoi-kinh-te', year: '2026' }),
    body: () => ({ heldOn: '2026-12-15', place: 'Hội trường', chair: 'Chủ trì', attendees: ['Sở A'] }),
    required: ['heldOn', 'place', 'chair', 'attendees'],
  },
  // 2026 is not finalized: reopening it is refused whatever the body.
  'POST /v1/years/{year}/reopen': {
    role: 'admin',
    path: () => ({ year: '2026' }),
    body: () => ({ reason: 'Kiến nghị được chấp nhận' }),
    required: ['reason'],
  },
};

/** A CSV sheet with one to three rows, at least one of them with a field broken by a value it must refuse. */
function brokenSheet(
  columns: string[],
  validRow: () => Record<string, string>,
  wrong: Record<string, fc.Arbitrary<string>>,
): fc.Arbitrary<string> {
  const quote = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const broken = fc
    .constantFrom(...Object.keys(wrong))
    .chain((k) => wrong[k]!.map((v) => ({ ...validRow(), [k]: v })))
    // The member role is valid on its own: a cluster row breaks only with its head missing too.
    .filter((row) => JSON.stringify(row) !== JSON.stringify({ ...validRow(), role: 'member' }));
  return fc
    .tuple(fc.array(fc.constant(null), { maxLength: 2 }), broken, fc.constantFrom(',', ';'))
    .map(([extra, bad, sep]) =>
      [columns.join(sep), ...extra.map(() => validRow()), bad]
        .map((row) => (typeof row === 'string' ? row : columns.map((c) => quote(row[c] ?? '')).join(sep)))
        .join('\r\n'),
    );
}

const garbage = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constant({}),
  fc.constant([]),
  fc.double(),
  fc.constantFrom(2 ** 60, -1, 1e308, 0.5),
  fc.string({ maxLength: 30 }),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 3 }),
);
/** Breaks a valid body: a key dropped, an unknown key added, a field set to a value of another type. */
const sameType = (a: unknown, b: unknown) =>
  (a === null) === (b === null) && typeof a === typeof b && Array.isArray(a) === Array.isArray(b);
const brokenBody = (valid: Record<string, unknown>, required: string[]) => {
  const keys = Object.keys(valid);
  return fc.oneof(
    ...(required.length
      ? [
          fc.constantFrom(...required).map((k) => {
            const { [k]: _dropped, ...rest } = valid;
            return rest;
          }),
        ]
      : []),
    fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), garbage).map(([k, v]) => ({ ...valid, [`x-${k}`]: v })),
    // Only a value of another JSON type than the valid one is certain to be wrong — and not null, which a nullable
    // field takes (a unit's cluster): null and values of the valid one's type become a number or a string instead.
    fc.tuple(fc.constantFrom(...keys), garbage).map(([k, v]) => ({
      ...valid,
      [k]: v === null || sameType(v, valid[k]) ? (typeof valid[k] === 'string' ? 12345 : 'sai kiểu') : v,
    })),
    fc.jsonValue({ maxDepth: 3 }).filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)),
  );
};
/** A body that is not JSON of an object at all. */
const rawGarbage = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{', '{"a":', '[1,2', '{"__proto__":{}}', `${'['.repeat(100)}`, '\u0000', '{"a":1}}'),
);
/** Path parameters that name nothing real: random text, malformed or odd percent-encoding. */
const badParam = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.constantFrom('%', '%E0%A4%A', '%ZZ', '..%2F..%2Fetc', '%00', '%F0%9F%92%A9', 'A'.repeat(300), '-1', '99999'),
);
const wellFormedId = (encoded: string) => {
  try {
    return /^[a-z0-9][a-z0-9-]{0,63}$/.test(decodeURIComponent(encoded));
  } catch {
    return false;
  }
};
const query = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 12 })).map((q) => `?${new URLSearchParams(q)}`),
  fc.constantFrom('?%', '?a=%E0%A4%A', '?&&==', `?x=${'y'.repeat(3000)}`),
);

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? n);

describe('Property: no generated input to a write route reaches a 5xx or the store', () => {
  const writeRoutes = ROUTES.filter((r) => r.method !== 'GET');
  it('covers every write route of the table', () => {
    expect(writeRoutes.map(routeKey).sort()).toEqual(Object.keys(WRITE_ROUTES).sort());
  });

  it('answers 200 generated requests at each write route with a 4xx in the error format and stores nothing', async () => {
    const before = await h.snapshot();
    let sent = 0;
    for (const route of writeRoutes) {
      const spec = WRITE_ROUTES[routeKey(route)]!;
      const params = spec.path();
      const valid = spec.body();
      const names = Object.keys(params);
      const sheetRequests = spec.sheet
        ? [
            fc.tuple(spec.sheet, fc.constantFrom('', '?dryRun=true', '?dryRun=false')).map(([csv, q]) => ({
              params,
              body: undefined,
              raw: csv,
              q: routeKey(route).endsWith('clusters') ? `${q ? `${q}&` : '?'}year=2026` : q,
              type: 'text/csv',
            })),
            fc.tuple(rawGarbage, query).map(([raw, q]) => ({ params, body: undefined, raw, q, type: 'text/csv' })),
          ]
        : [];
      const request = fc.oneof(
        ...sheetRequests,
        // A valid path with a broken or non-JSON body (routes that take a body).
        ...(valid
          ? [
              fc
                .tuple(brokenBody(valid, spec.required), query)
                .map(([body, q]) => ({ params, body, raw: undefined, q })),
              fc.tuple(rawGarbage, query).map(([raw, q]) => ({ params, body: undefined, raw, q })),
            ]
          : []),
        // A broken path parameter with the valid body.
        ...(names.length
          ? [
              fc
                .tuple(fc.constantFrom(...names), badParam, query)
                // An id that is well formed could name a new unit or catalogue (PUT creates): only malformed ids here.
                .filter(([n, v]) => !/(Id|catalogue)$/.test(n) || !wellFormedId(v))
                .map(([n, v, q]) => ({ params: { ...params, [n]: v }, body: valid ?? undefined, raw: undefined, q })),
            ]
          : []),
      );
      await fc.assert(
        fc.asyncProperty(request, async (req) => {
          const { params: p, body, raw, q } = req;
          sent++;
          const path = `${fill(route.path, p)}${q}`;
          const r = await h.call(route.method, path, {
            token: tokens[spec.role],
            ...(raw !== undefined ? { rawBody: raw } : body !== undefined ? { body } : {}),
            ...('type' in req ? { headers: { 'content-type': String(req.type) } } : {}),
          });
          const context = `${route.method} ${path} ${raw ?? JSON.stringify(body)}`.slice(0, 300);
          expect(r.status, context).toBeGreaterThanOrEqual(400);
          expect(r.status, context).toBeLessThan(500);
          expect(r.body.error, context).toMatchObject({ code: expect.any(String), message: expect.any(String) });
          expect(Array.isArray(r.body.error.details), context).toBe(true);
        }),
        { numRuns: 200, seed: 2026 },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(200 * writeRoutes.length);
    expect(await h.snapshot()).toBe(before);
    // Thousands of requests one after another: 25 s on a quiet machine, 95 s beside a busy core. The bound is for a
    // server that stops answering, not for how fast it answers.
  }, 600_000);
});
