/** The submission API over HTTP on the local server: the contract, bad input, deadlines, auth, idempotency. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence, type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let unit: string;
/** A department that has reported nothing in 2026 yet: its slots start at version 1. */
let DEPT: string;
beforeAll(async () => {
  h = await startHarness();
  DEPT = (await h.quietUnits('department'))[0]!;
  unit = await h.token('unit', DEPT);
});
afterAll(() => h.close());

describe('catalogue', () => {
  it('GET /health answers 200 without a token', async () => {
    expect((await h.call('GET', '/health')).status).toBe(200);
  });

  it('lists the units of a year, filtered by level and cluster', async () => {
    const r = await h.call('GET', '/v1/units?year=2025&level=district&cluster=cum-quan', { token: unit });
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(7);
    expect(r.body.items[0]).toMatchObject({
      unitId: 'do-son',
      name: 'Quận Đồ Sơn',
      level: 'district',
      kind: 'quan',
      kindLabel: 'Quận',
      validTo: '2025-06-30',
      cluster: 'cum-quan',
    });
  });

  it('serves 2026 as the merged city: no district level, commune-level units formed from their predecessors', async () => {
    const r = await h.call('GET', '/v1/units', { token: unit });
    expect([r.status, r.body.year]).toEqual([200, 2026]);
    expect(r.body.items.filter((u: { level: string }) => u.level === 'district')).toEqual([]);
    const hongBang = r.body.items.find((u: { unitId: string }) => u.unitId === 'p-hong-bang');
    // Its official code (NQ 1669/NQ-UBTVQH15 via 1027/CTK-CSCL), in an illustrative cluster (cụm minh họa).
    expect(hongBang).toMatchObject({ kind: 'phuong', code: '11311', clusterRole: 'head' });
    expect(hongBang.cluster).toMatch(/^cum-minh-hoa-/);
    expect(hongBang.predecessors.map((p: { unitId: string }) => p.unitId)).toContain('old-11311');
    const lineage = await h.call('GET', '/v1/units/old-11311', { token: unit });
    expect(lineage.body).toMatchObject({
      name: 'Phường Minh Khai',
      validTo: '2025-06-30',
      successors: [{ unitId: 'p-hong-bang', share: 1 }],
    });
    const formed = await h.call('GET', '/v1/units/p-hong-bang', { token: unit });
    expect(formed.body.predecessors[0]).toMatchObject({ name: 'Phường Hùng Vương', relationLabel: 'sáp nhập' });
  });

  it("lists Hải Phòng's 114 commune-level units of 2026 with their official codes and predecessors", async () => {
    const r = await h.call('GET', '/v1/units?year=2026&level=commune&campaignId=hp-175', { token: unit });
    const communes: Array<{ code: string; kind: string; predecessors: Array<{ unitId: string }> }> = r.body.items;
    expect(communes).toHaveLength(114);
    const kinds: Record<string, number> = {};
    for (const u of communes) kinds[u.kind] = (kinds[u.kind] ?? 0) + 1;
    expect(kinds).toEqual({ xa: 67, phuong: 45, 'dac-khu': 2 });
    for (const u of communes) {
      expect(u.code).toMatch(/^\d{5}$/);
      expect(u.predecessors.length).toBeGreaterThan(0);
    }
    // Every predecessor resolves to a unit of the registry with its old code.
    const old = await h.call('GET', `/v1/units/${communes[0]!.predecessors[0]!.unitId}`, { token: unit });
    expect(old.body).toMatchObject({ validTo: expect.stringMatching(/^2025-/), code: expect.any(String) });
  });

  it('refuses a report of a unit that ceased with 409 UNIT_NOT_ACTIVE and stores nothing', async () => {
    const district = await h.token('unit', 'kien-an');
    const before = await h.snapshot();
    const r = await h.call('POST', '/v1/submissions', { token: district, body: ratioBody('kien-an', 800, 1000) });
    expect([r.status, r.body.error.code, r.body.error.details[0].field]).toEqual([409, 'UNIT_NOT_ACTIVE', 'unitId']);
    expect(r.body.error.message).toContain('Quận Kiến An');
    expect(await h.snapshot()).toBe(before);
    const score = await h.call('GET', '/v1/units/kien-an/scores/2026', { token: district });
    expect([score.status, score.body.error.code]).toEqual([409, 'UNIT_NOT_ACTIVE']);
  });

  it('gives targets per level: 90% of records online for departments, 70% for communes', async () => {
    const department = await h.call('GET', '/v1/criteria?year=2026&level=department', { token: unit });
    const commune = await h.call('GET', '/v1/criteria?year=2026&level=commune', { token: unit });
    const target = (r: typeof department, id: string) =>
      r.body.items.find((c: { criterionId: string }) => c.criterionId === id)?.target;
    expect(target(department, 'ho-so-truc-tuyen')).toBe(0.9);
    expect(target(commune, 'ho-so-truc-tuyen')).toBe(0.7);
    expect(target(department, 'dvc-muc-do-4')).toBe(1);
    expect(target(commune, 'dvc-muc-do-4')).toBeUndefined();
    expect(department.body.calendar.submissionClosesLocal).toBe('30/11/2026 23:59:59');
    expect(department.body.calendar.submissionClosesAt).toBe('2026-11-30T16:59:59.000Z');
    expect(department.body.items[0]).toMatchObject({ criterionId: 'ho-so-truc-tuyen', kind: 'ratio', maxPoints: 30 });
  });

  it('names its request on every answer, and an error quotes it', async () => {
    const ok = await h.call('GET', '/v1/criteria?year=2026', { token: unit });
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await h.call('GET', '/v1/criteria?year=2026&level=province', { token: unit });
    expect(bad.body.error.requestId).toBe(bad.headers.get('x-request-id'));
    expect(bad.headers.get('x-request-id')).not.toBe(ok.headers.get('x-request-id'));
    expect((await h.call('GET', '/khong-co')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses unknown query values with the field named', async () => {
    const r = await h.call('GET', '/v1/criteria?year=2026&level=province', { token: unit });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details[0].field).toBe('level');
  });
});

describe('POST /v1/submissions', () => {
  it('takes the campaign explicitly too', async () => {
    const r = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: { ...ratioBody(DEPT, 500, 1000, 'dvc-muc-do-4'), campaignId: 'hp-175' },
    });
    expect([r.status, r.body.campaignId]).toEqual([201, 'hp-175']);
  });

  it('stores a ratio for 2026 and reads it back', async () => {
    const r = await h.call('POST', '/v1/submissions', { token: unit, body: ratioBody(DEPT, 870, 1000) });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      unitId: DEPT,
      year: 2026,
      criterionId: 'ho-so-truc-tuyen',
      value: { numerator: 870, denominator: 1000 },
      evidence,
      status: 'submitted',
      version: 1,
    });
    expect(r.body.submittedAt).toBe('2026-11-20T03:00:00.000Z');
    expect(r.body.submittedAtLocal).toBe('20/11/2026 10:00:00');
    const back = await h.call('GET', `/v1/submissions/${r.body.submissionId}`, { token: unit });
    expect(back.status).toBe(200);
    expect(back.body).toEqual(r.body);
  });

  it('supersedes an earlier report for the same slot and keeps it', async () => {
    const first = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody(DEPT, 10, 20, 'kiem-tra-moi-truong-so'),
    });
    const second = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody(DEPT, 15, 20, 'kiem-tra-moi-truong-so'),
    });
    expect(second.body.version).toBe(2);
    const old = await h.call('GET', `/v1/submissions/${first.body.submissionId}`, { token: unit });
    expect(old.body.status).toBe('superseded');
    expect(old.body.value).toEqual({ kind: 'ratio', numerator: 10, denominator: 20 });
  });

  it('takes boolean, task and assessed values by kind', async () => {
    const bool = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: { unitId: DEPT, year: 2026, criterionId: 'ke-hoach-cds', value: { achieved: true }, evidence },
    });
    expect(bool.status).toBe(201);
    const tasks = await h.call('GET', `/v1/units/${DEPT}/tasks/2026`, { token: unit });
    expect(tasks.body.items.length).toBeGreaterThan(0);
    const task = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: {
        unitId: DEPT,
        year: 2026,
        criterionId: 'nhiem-vu-284',
        value: { taskId: tasks.body.items[0].taskId, status: 'done', completedOn: '2026-06-30' },
        evidence,
      },
    });
    expect(task.status).toBe(201);
    const enterprise = await h.token('unit', 'dn-vnpt-hp');
    const assessed = await h.call('POST', '/v1/submissions', {
      token: enterprise,
      body: {
        unitId: 'dn-vnpt-hp',
        year: 2026,
        criterionId: 'san-pham-so-moi',
        value: { summary: 'Nền tảng hóa đơn điện tử' },
        evidence,
      },
    });
    expect(assessed.status).toBe(201);
  });

  it("lists a unit's submissions with filters and pagination", async () => {
    const all: string[] = [];
    let token: string | null = null;
    do {
      const r = await h.call(
        'GET',
        `/v1/submissions?unitId=${DEPT}&year=2026&limit=1${token ? `&nextToken=${token}` : ''}`,
        { token: unit },
      );
      expect(r.status).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(1);
      all.push(...r.body.items.map((i: { submissionId: string }) => i.submissionId));
      token = r.body.nextToken;
    } while (token);
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const superseded = await h.call('GET', `/v1/submissions?unitId=${DEPT}&year=2026&status=superseded`, {
      token: unit,
    });
    expect(superseded.body.items.map((i: { status: string }) => i.status)).toEqual(['superseded']);
  });

  // Built for the unit chosen once the store is up (the cases' names are known before).
  const bad = (DEPT: string): Array<[string, unknown, number, string, string]> => [
    ['numerator > denominator', ratioBody(DEPT, 11, 10), 400, 'VALIDATION_FAILED', 'value.numerator'],
    ['negative count', ratioBody(DEPT, -1, 10), 400, 'VALIDATION_FAILED', 'value.numerator'],
    ['fractional count', ratioBody(DEPT, 1.5, 10), 400, 'VALIDATION_FAILED', 'value.numerator'],
    ['zero denominator', ratioBody(DEPT, 0, 0), 400, 'VALIDATION_FAILED', 'value.denominator'],
    [
      'count as a string',
      { ...ratioBody(DEPT, 1, 10), value: { numerator: '1', denominator: 10 } },
      400,
      'VALIDATION_FAILED',
      'value.numerator',
    ],
    [
      'value of the wrong kind',
      { ...ratioBody(DEPT, 1, 10), value: { achieved: true } },
      400,
      'VALIDATION_FAILED',
      'value',
    ],
    ['unknown criterion', ratioBody(DEPT, 1, 10, 'khong-co'), 400, 'VALIDATION_FAILED', 'criterionId'],
    [
      'criterion of another level',
      { unitId: DEPT, year: 2026, criterionId: 'san-pham-so-moi', value: { summary: 'Sản phẩm số' }, evidence },
      400,
      'VALIDATION_FAILED',
      'criterionId',
    ],
    ['year outside the campaign', ratioBody(DEPT, 1, 10, 'ho-so-truc-tuyen', 2019), 400, 'VALIDATION_FAILED', 'year'],
    ['year without criteria set', ratioBody(DEPT, 1, 10, 'ho-so-truc-tuyen', 2027), 400, 'VALIDATION_FAILED', 'year'],
    ['year already final', ratioBody(DEPT, 1, 10, 'ho-so-truc-tuyen', 2025), 409, 'YEAR_FINALIZED', 'year'],
    ['missing evidence', { ...ratioBody(DEPT, 1, 10), evidence: [] }, 400, 'VALIDATION_FAILED', 'evidence'],
    [
      'evidence url not http',
      { ...ratioBody(DEPT, 1, 10), evidence: [{ title: 'x', url: 'javascript:alert(1)' }] },
      400,
      'VALIDATION_FAILED',
      'evidence.0.url',
    ],
    [
      'evidence date not a date',
      { ...ratioBody(DEPT, 1, 10), evidence: [{ title: 'x', issuedOn: '2026-02-30' }] },
      400,
      'VALIDATION_FAILED',
      'evidence.0.issuedOn',
    ],
    ['unknown field', { ...ratioBody(DEPT, 1, 10), extra: 1 }, 400, 'VALIDATION_FAILED', '(body)'],
    [
      'task not assigned to the unit',
      {
        unitId: DEPT,
        year: 2026,
        criterionId: 'nhiem-vu-284',
        value: { taskId: 'VIII.1.b', status: 'done', completedOn: '2026-01-10' },
        evidence,
      },
      400,
      'VALIDATION_FAILED',
      'value.taskId',
    ],
    [
      'task done without date',
      {
        unitId: DEPT,
        year: 2026,
        criterionId: 'nhiem-vu-284',
        value: { taskId: 'I.1', status: 'done' },
        evidence,
      },
      400,
      'VALIDATION_FAILED',
      'value.completedOn',
    ],
    [
      'task done in the future',
      {
        unitId: DEPT,
        year: 2026,
        criterionId: 'nhiem-vu-284',
        value: { taskId: 'I.1', status: 'done', completedOn: '2026-12-01' },
        evidence,
      },
      400,
      'VALIDATION_FAILED',
      'value.completedOn',
    ],
    ["another unit's id", ratioBody('so-khcn-2025', 1, 10), 403, 'FORBIDDEN', 'unitId'],
    ['unknown campaign', { ...ratioBody(DEPT, 1, 10), campaignId: 'kh-999' }, 400, 'VALIDATION_FAILED', 'campaignId'],
  ];
  it.each(bad('').map(([name], i) => [name, i] as const))('refuses %s and stores nothing', async (_name, i) => {
    const [, body, status, code, field] = bad(DEPT)[i]!;
    const before = await h.snapshot();
    const r = await h.call('POST', '/v1/submissions', { token: unit, body });
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(r.body.error.message).toMatch(/[ạảãáàâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵóòỏõọéèẻẽẹ]/i);
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await h.snapshot()).toBe(before);
  });

  it("names every error of the form at once: an empty evidence title beside the figure's own", async () => {
    const before = await h.snapshot();
    const r = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: { ...ratioBody(DEPT, 11, 10), evidence: [{ title: '  ' }, { title: 'Báo cáo', url: 'ftp://x' }] },
    });
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(r.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'evidence.0.title',
      'evidence.1.url',
      'value.numerator',
    ]);
    expect(r.body.error.message).toContain('value.numerator');
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses bad JSON, a non-JSON body and an oversized body, storing nothing', async () => {
    const before = await h.snapshot();
    const badJson = await h.call('POST', '/v1/submissions', { token: unit, rawBody: `{"unitId": "${DEPT}",` });
    expect([badJson.status, badJson.body.error.code]).toEqual([400, 'INVALID_JSON']);
    const text = await h.call('POST', '/v1/submissions', {
      token: unit,
      rawBody: 'a=b',
      headers: { 'content-type': 'text/plain' },
    });
    expect([text.status, text.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const big = { ...ratioBody(DEPT, 1, 10), evidence: [{ title: 'x'.repeat(300 * 1024) }] };
    const large = await h.call('POST', '/v1/submissions', { token: unit, body: big });
    expect([large.status, large.body.error.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    const huge = await h.call('POST', '/v1/submissions', {
      token: unit,
      rawBody: JSON.stringify({ pad: 'y'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses submissions before the year opens', async () => {
    h.clock.set('2025-12-31T16:59:00Z'); // 31/12/2025 23:59 in Hải Phòng: 2026 opens a minute later
    try {
      const r = await h.call('POST', '/v1/submissions', { token: unit, body: ratioBody(DEPT, 1, 10) });
      expect([r.status, r.body.error.code]).toEqual([409, 'SUBMISSION_NOT_OPEN']);
    } finally {
      h.clock.set('2026-11-20T03:00:00Z');
    }
  });

  it('closes at 30/11 23:59:59 Hải Phòng time, not UTC', async () => {
    h.clock.set('2026-11-30T16:59:59Z');
    expect(
      (await h.call('POST', '/v1/submissions', { token: unit, body: ratioBody(DEPT, 1, 10, 'dvc-muc-do-4') })).status,
    ).toBe(201);
    h.clock.set('2026-11-30T17:00:00Z');
    const late = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody(DEPT, 1, 10, 'dvc-muc-do-4'),
    });
    h.clock.set('2026-11-20T03:00:00Z');
    expect([late.status, late.body.error.code]).toEqual([409, 'DEADLINE_PASSED']);
  });
});

describe('auth', () => {
  it('401 without a token or with a forged one', async () => {
    const none = await h.call('GET', '/v1/units');
    expect([none.status, none.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    const forged = unit.slice(0, -4) + (unit.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await h.call('GET', '/v1/units', { token: forged })).status).toBe(401);
  });

  it("a unit never reads another unit's data", async () => {
    const other = await h.token('unit', 'so-khcn-2025');
    const mine = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody(DEPT, 5, 10, 'dvc-muc-do-4'),
    });
    expect((await h.call('GET', `/v1/submissions/${mine.body.submissionId}`, { token: other })).status).toBe(404);
    expect((await h.call('GET', `/v1/submissions?unitId=${DEPT}&year=2026`, { token: other })).status).toBe(403);
    expect((await h.call('GET', `/v1/units/${DEPT}/scores/2026`, { token: other })).status).toBe(403);
    const own = await h.call('GET', '/v1/submissions?year=2026', { token: other });
    expect(own.body.items.every((i: { unitId: string }) => i.unitId === 'so-khcn-2025')).toBe(true);
  });

  it('a reviewer cannot submit', async () => {
    const reviewer = await h.token('reviewer');
    const r = await h.call('POST', '/v1/submissions', { token: reviewer, body: ratioBody(DEPT, 1, 10) });
    expect([r.status, r.body.error.code]).toEqual([403, 'FORBIDDEN']);
  });
});

describe('Idempotency-Key', () => {
  it('replays the same response for the same key and body and stores nothing new', async () => {
    const body = ratioBody(DEPT, 700, 1000, 'kiem-tra-moi-truong-so');
    const first = await h.call('POST', '/v1/submissions', {
      token: unit,
      body,
      headers: { 'idempotency-key': 'retry-1' },
    });
    expect(first.status).toBe(201);
    const before = await h.snapshot();
    const again = await h.call('POST', '/v1/submissions', {
      token: unit,
      body,
      headers: { 'idempotency-key': 'retry-1' },
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await h.snapshot()).toBe(before);
  });

  it('answers 409 for the same key with another body', async () => {
    await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody(DEPT, 1, 2, 'kiem-tra-moi-truong-so'),
      headers: { 'idempotency-key': 'retry-2' },
    });
    const other = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody(DEPT, 2, 2, 'kiem-tra-moi-truong-so'),
      headers: { 'idempotency-key': 'retry-2' },
    });
    expect([other.status, other.body.error.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
  });

  it('stores one submission when the same keyed request arrives many times at once', async () => {
    const body = ratioBody(DEPT, 3, 4, 'dvc-muc-do-4');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.call('POST', '/v1/submissions', { token: unit, body, headers: { 'idempotency-key': 'burst-1' } }),
      ),
    );
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.submissionId)).size).toBe(1);
    expect(results.every((r) => r.status === 201 || r.body.error.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
  });

  it('concurrent unkeyed reports of one slot get distinct versions, none lost', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h.call('POST', '/v1/submissions', { token: unit, body: ratioBody(DEPT, i, 10, 'ho-so-truc-tuyen') }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    const versions = results.map((r) => r.body.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(6);
    const history = await h.call('GET', `/v1/submissions/${results[0]!.body.submissionId}/history`, { token: unit });
    const submittedVersions = history.body.items
      .filter((e: { action: string }) => e.action === 'submitted')
      .map((e: { version: number }) => e.version);
    expect(submittedVersions).toEqual(expect.arrayContaining(versions));
    const current = await h.call(
      'GET',
      `/v1/submissions?unitId=${DEPT}&year=2026&status=submitted&criterionId=ho-so-truc-tuyen`,
      { token: unit },
    );
    expect(current.body.items).toHaveLength(1);
    expect(current.body.items[0].version).toBe(Math.max(...versions));
  });
});
