/** The review workflow of the Ban Thi đua over HTTP: queue, decisions, concurrency, roles, audit trail, admin changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';
import { fileIdOf } from '../../shared/domain/evidence-files.js';
import { encodeObjectionId } from '../../shared/domain/round.js';
import { evidence, type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let unit: string;
let reviewer: string;
let reviewer2: string;
let admin: string;
beforeAll(async () => {
  h = await startHarness();
  unit = await h.token('unit', 'so-khcn-2025', 'canbo-so-khcn-2025');
  reviewer = await h.token('reviewer', undefined, 'thamdinh-1');
  reviewer2 = await h.token('reviewer', undefined, 'thamdinh-2');
  admin = await h.token('admin', undefined, 'quantri-1');
});
afterAll(() => h.close());

const submit = async (numerator: number, criterionId = 'ho-so-truc-tuyen', token = unit, unitId = 'so-khcn-2025') => {
  const r = await h.call('POST', '/v1/submissions', { token, body: ratioBody(unitId, numerator, 1000, criterionId) });
  expect(r.status).toBe(201);
  return r.body as { submissionId: string; version: number };
};
const decide = (id: string, body: Record<string, unknown>, token = reviewer) =>
  h.call('POST', `/v1/submissions/${id}/decision`, { token, body });

describe('the review flow', () => {
  it('queue → return with comment → resubmit → approve with a corrected figure → history of all four steps', async () => {
    const first = await submit(850);
    const queue = await h.call(
      'GET',
      '/v1/submissions?status=submitted&year=2026&level=department&cluster=khoi-kinh-te&criterionId=ho-so-truc-tuyen',
      { token: reviewer },
    );
    expect(queue.status).toBe(200);
    const item = queue.body.items.find((i: { submissionId: string }) => i.submissionId === first.submissionId);
    expect(item).toMatchObject({
      unitName: 'Sở Khoa học và Công nghệ',
      unitLevel: 'department',
      unitCluster: 'khoi-kinh-te',
    });

    h.clock.set('2026-11-21T02:00:00Z');
    // The seed may have left earlier versions in this slot: this report's are counted from its own.
    const v = first.version;
    const returned = await decide(first.submissionId, {
      decision: 'returned',
      comment: 'Bổ sung danh sách hồ sơ kèm theo',
      expectedVersion: v,
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('returned');

    h.clock.set('2026-11-22T02:00:00Z');
    const second = await submit(880);
    expect(second.version).toBe(v + 1);
    const queued = await h.call('GET', '/v1/submissions?status=submitted&year=2026&criterionId=ho-so-truc-tuyen', {
      token: reviewer,
    });
    expect(queued.body.items.map((i: { submissionId: string }) => i.submissionId)).toContain(second.submissionId);

    h.clock.set('2026-11-23T02:00:00Z');
    const approved = await decide(second.submissionId, {
      decision: 'approved',
      comment: 'Điều chỉnh theo số liệu hệ thống',
      correctedValue: { numerator: 870, denominator: 1000 },
      expectedVersion: second.version,
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      status: 'approved',
      value: { numerator: 880, denominator: 1000 },
      review: { decision: 'approved', correctedValue: { numerator: 870, denominator: 1000 }, decidedBy: 'thamdinh-1' },
    });

    const history = await h.call('GET', `/v1/submissions/${second.submissionId}/history`, { token: unit });
    expect(history.status).toBe(200);
    const steps = history.body.items
      .filter((e: { version: number }) => e.version >= v)
      .map((e: { action: string; actor: string; role: string; version: number }) => [
        e.action,
        e.actor,
        e.role,
        e.version,
      ]);
    expect(steps).toEqual([
      ['submitted', 'canbo-so-khcn-2025', 'unit', v],
      ['returned', 'thamdinh-1', 'reviewer', v],
      ['submitted', 'canbo-so-khcn-2025', 'unit', v + 1],
      ['superseded', 'canbo-so-khcn-2025', 'unit', v],
      ['approved', 'thamdinh-1', 'reviewer', v + 1],
    ]);
    const approval = history.body.items.at(-1);
    expect(approval.before).toMatchObject({ status: 'submitted', value: { numerator: 880 } });
    expect(approval.after).toMatchObject({ status: 'approved', value: { numerator: 870 }, corrected: true });
    expect(approval.atLocal).toBe('23/11/2026 09:00:00');
    h.clock.set('2026-11-20T03:00:00Z');
    const returnedStep = history.body.items.find(
      (e: { action: string; version: number }) => e.action === 'returned' && e.version === v,
    );
    expect(returnedStep.comment).toBe('Bổ sung danh sách hồ sơ kèm theo');

    const score = await h.call('GET', '/v1/units/so-khcn-2025/scores/2026', { token: unit });
    expect(
      score.body.criteria.find((c: { criterionId: string }) => c.criterionId === 'ho-so-truc-tuyen'),
    ).toMatchObject({ status: 'approved', ratio: 0.87, met: false, points: 29 });
  });

  it('refuses a second decision and a decision on a superseded submission with clear codes', async () => {
    const s = await submit(500, 'kiem-tra-moi-truong-so');
    expect(
      (
        await decide(s.submissionId, {
          decision: 'rejected',
          comment: 'Số liệu không khớp',
          expectedVersion: s.version,
        })
      ).status,
    ).toBe(200);
    const again = await decide(s.submissionId, { decision: 'approved', expectedVersion: s.version });
    expect([again.status, again.body.error.code]).toEqual([409, 'ALREADY_DECIDED']);
    const t1 = await submit(1, 'dvc-muc-do-4');
    await submit(2, 'dvc-muc-do-4');
    const stale = await decide(t1.submissionId, { decision: 'approved', expectedVersion: t1.version });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'SUPERSEDED']);
  });

  it('of two reviewers deciding at once exactly one wins; the other gets VERSION_CONFLICT', async () => {
    for (let round = 0; round < 5; round++) {
      const s = await submit(600 + round);
      const [a, b] = await Promise.all([
        decide(s.submissionId, { decision: 'approved', expectedVersion: s.version }, reviewer),
        decide(
          s.submissionId,
          { decision: 'returned', comment: 'Thiếu minh chứng', expectedVersion: s.version },
          reviewer2,
        ),
      ]);
      const statuses = [a.status, b.status].sort();
      expect(statuses).toEqual([200, 409]);
      const loser = a.status === 409 ? a : b;
      expect(['VERSION_CONFLICT', 'ALREADY_DECIDED']).toContain(loser.body.error.code);
      const history = await h.call('GET', `/v1/submissions/${s.submissionId}/history`, { token: reviewer });
      expect(
        history.body.items.filter(
          (e: { action: string; version: number }) =>
            e.version === s.version && e.action !== 'submitted' && e.action !== 'superseded',
        ),
      ).toHaveLength(1);
    }
  });

  it('answers VERSION_CONFLICT when expectedVersion is stale', async () => {
    const s = await submit(10, 'kiem-tra-moi-truong-so');
    const r = await decide(s.submissionId, { decision: 'approved', expectedVersion: s.version + 1 });
    expect([r.status, r.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
  });
});

describe('bad decision bodies', () => {
  let pending: { submissionId: string; version: number };
  beforeAll(async () => {
    pending = await submit(700, 'dvc-muc-do-4');
  });
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['unknown decision', { decision: 'maybe', expectedVersion: 1 }, 'decision'],
    ['return without comment', { decision: 'returned', expectedVersion: 1 }, 'comment'],
    ['reject with a blank comment', { decision: 'rejected', comment: '   ', expectedVersion: 1 }, 'comment'],
    ['points on a ratio criterion', { decision: 'approved', points: 5, expectedVersion: 1 }, 'points'],
    [
      'corrected value of the wrong kind',
      { decision: 'approved', correctedValue: { achieved: true }, expectedVersion: 1 },
      'correctedValue',
    ],
    [
      'corrected numerator over denominator',
      { decision: 'approved', correctedValue: { numerator: 5, denominator: 4 }, expectedVersion: 1 },
      'correctedValue.numerator',
    ],
    [
      'corrected value with a return',
      { decision: 'returned', comment: 'x', correctedValue: { numerator: 1, denominator: 4 }, expectedVersion: 1 },
      'correctedValue',
    ],
    ['missing expectedVersion', { decision: 'approved' }, 'expectedVersion'],
  ];
  it.each(cases)('%s → 400 and nothing changes', async (_name, body, field) => {
    const before = await h.snapshot();
    const r = await decide(pending.submissionId, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    expect(await h.snapshot()).toBe(before);
  });

  it('points out of range for an assessed criterion → 400', async () => {
    const enterprise = await h.token('unit', 'dn-viettel-hp');
    const s = await h.call('POST', '/v1/submissions', {
      token: enterprise,
      body: {
        unitId: 'dn-viettel-hp',
        year: 2026,
        criterionId: 'san-pham-so-moi',
        value: { summary: 'Ứng dụng Công dân số' },
        evidence,
      },
    });
    const before = await h.snapshot();
    for (const points of [61, -1, 10.555]) {
      const r = await decide(s.body.submissionId, { decision: 'approved', points, expectedVersion: s.body.version });
      expect(r.status, `points ${points}`).toBe(400);
    }
    expect((await decide(s.body.submissionId, { decision: 'approved', expectedVersion: s.body.version })).status).toBe(
      400,
    );
    expect(await h.snapshot()).toBe(before);
    const ok = await decide(s.body.submissionId, {
      decision: 'approved',
      points: 52.5,
      expectedVersion: s.body.version,
    });
    expect(ok.body.review.points).toBe(52.5);
  });
});

describe('the review window', () => {
  it('refuses decisions once it has closed, unless an admin reopens the unit-year', async () => {
    const s = await submit(900, 'kiem-tra-moi-truong-so');
    h.clock.set('2026-12-20T17:00:00Z'); // 21/12/2026 00:00 in Hải Phòng
    try {
      const closed = await decide(s.submissionId, { decision: 'approved', expectedVersion: s.version });
      expect([closed.status, closed.body.error.code]).toEqual([409, 'REVIEW_CLOSED']);
      const byUnit = await h.call('POST', '/v1/units/so-khcn-2025/years/2026/reopen', {
        token: unit,
        body: { until: '2026-12-24T17:00:00Z', reason: 'x' },
      });
      expect(byUnit.status).toBe(403);
      const reopen = await h.call('POST', '/v1/units/so-khcn-2025/years/2026/reopen', {
        token: admin,
        body: { until: '2026-12-24T17:00:00Z', reason: 'Đơn vị bổ sung minh chứng theo Công văn 45' },
      });
      expect(reopen.status).toBe(200);
      expect(reopen.body.untilLocal).toBe('25/12/2026 00:00:00');
      expect((await decide(s.submissionId, { decision: 'approved', expectedVersion: s.version })).status).toBe(200);
      const history = await h.call('GET', '/v1/units/so-khcn-2025/history', { token: admin });
      expect(history.body.items.at(-1)).toMatchObject({
        action: 'unit-year-reopened',
        actor: 'quantri-1',
        comment: 'Đơn vị bổ sung minh chứng theo Công văn 45',
      });
    } finally {
      h.clock.set('2026-11-20T03:00:00Z');
    }
  });
});

describe('admin changes', () => {
  it("PUT /v1/units records before/after in the unit's history", async () => {
    const r = await h.call('PUT', '/v1/units/an-bien-moi', {
      token: admin,
      body: { name: 'Phường An Biên mới', level: 'commune', parentId: 'so-khcn-2025', cluster: 'cum-phuong' },
    });
    expect(r.status).toBe(200);
    await h.call('PUT', '/v1/units/an-bien-moi', {
      token: admin,
      body: { name: 'Phường An Biên', level: 'commune', parentId: 'so-khcn-2025', cluster: 'cum-phuong' },
    });
    const history = await h.call('GET', '/v1/units/an-bien-moi/history', { token: admin });
    expect(history.body.items.map((e: { action: string }) => e.action)).toEqual(['unit-created', 'unit-updated']);
    expect(history.body.items[1]).toMatchObject({
      actor: 'quantri-1',
      role: 'admin',
      before: { name: 'Phường An Biên mới' },
      after: { name: 'Phường An Biên' },
    });
    const bad = await h.call('PUT', '/v1/units/an-bien-moi', { token: admin, body: { name: 'x', level: 'ward' } });
    expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'level']);
    const noParent = await h.call('PUT', '/v1/units/x-1', {
      token: admin,
      body: { name: 'x', level: 'commune', parentId: 'khong-co' },
    });
    expect([noParent.status, noParent.body.error.details[0].field]).toEqual([400, 'parentId']);
  });

  it('PUT a criteria set: refused once the year has submissions, unless it only adds criteria', async () => {
    const current = await h.call('GET', '/v1/campaigns/hp-175/years/2026', { token: admin });
    const criteria = current.body.criteria;
    const changed = criteria.map((c: { criterionId: string; maxPoints: number }) =>
      c.criterionId === 'ho-so-truc-tuyen' ? { ...c, maxPoints: 35 } : c,
    );
    const refused = await h.call('PUT', '/v1/campaigns/hp-175/years/2026', {
      token: admin,
      body: { criteria: changed },
    });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'YEAR_LOCKED']);
    const added = [
      ...criteria,
      {
        criterionId: 'dao-tao-ky-nang-so',
        kind: 'ratio',
        title: 'Tỷ lệ cán bộ được đào tạo kỹ năng số',
        maxPoints: 10,
        levels: ['department'],
        targets: { department: 1 },
      },
    ];
    const ok = await h.call('PUT', '/v1/campaigns/hp-175/years/2026', { token: admin, body: { criteria: added } });
    expect(ok.status).toBe(200);
    const history = await h.call('GET', '/v1/campaigns/hp-175/years/2026/history?limit=200', { token: unit });
    // In time order: the seed's entry bears the real date, this test's change the test clock's earlier one.
    expect(history.body.items).toContainEqual(
      expect.objectContaining({ action: 'criteria-set-updated', actor: 'quantri-1', after: expect.anything() }),
    );
    const badTarget = await h.call('PUT', '/v1/campaigns/hp-175/years/2027', {
      token: admin,
      body: {
        criteria: [{ criterionId: 'a', kind: 'ratio', title: 'A', maxPoints: 10, levels: ['district'], targets: {} }],
      },
    });
    expect([badTarget.status, badTarget.body.error.details[0].field]).toEqual([400, 'criteria.0.targets']);
    const fresh = await h.call('PUT', '/v1/campaigns/hp-175/years/2027', {
      token: admin,
      body: { criteria: [{ criterionId: 'a', kind: 'boolean', title: 'A', maxPoints: 10, levels: ['district'] }] },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.calendar.submissionClosesLocal).toBe('30/11/2027 23:59:59');
  });
});

describe('role matrix (role × route × own/other unit)', () => {
  type Who = 'none' | 'unit-own' | 'unit-other' | 'reviewer' | 'admin';
  const tokens = async (): Promise<Record<Who, string | undefined>> => ({
    none: undefined,
    'unit-own': unit,
    'unit-other': await h.token('unit', 'so-xay-dung'),
    reviewer,
    admin,
  });
  const FILE_SHA = 'b'.repeat(64);
  const FILE_ID = fileIdOf('so-khcn-2025', FILE_SHA);
  it('allows and refuses exactly as the route table says, and units never reach another unit', async () => {
    const t = await tokens();
    const own = await submit(100, 'kiem-tra-moi-truong-so');
    // The year has a run, so its scorecard exists.
    expect((await h.runToEnd(admin, '/v1/aggregations/2026')).run.status).toBe('succeeded');
    const runId = (await h.call('GET', '/v1/aggregations/2026', { token: admin })).body.publishedRunId;
    const requests: Array<{
      route: string;
      method: string;
      path: string;
      body?: unknown;
      /** Not a campaign's data: staff limited to another campaign are not refused for that. */
      anyCampaign?: boolean;
      expect: Record<Who, number[]>;
    }> = [
      {
        route: 'GET /v1/units',
        method: 'GET',
        path: '/v1/units',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/units/{unitId}',
        method: 'GET',
        path: '/v1/units/so-khcn-2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'PUT /v1/units/{unitId}',
        method: 'PUT',
        path: '/v1/units/so-khcn-2025',
        body: { name: 'Sở Khoa học và Công nghệ', level: 'department', cluster: 'khoi-kinh-te' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [200] },
      },
      {
        route: 'GET /v1/units/{unitId}/history',
        method: 'GET',
        path: '/v1/units/so-khcn-2025/history',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/units/{unitId}/tasks/{year}',
        method: 'GET',
        path: '/v1/units/so-khcn-2025/tasks/2026',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'POST /v1/units/{unitId}/years/{year}/reopen',
        method: 'POST',
        path: '/v1/units/so-khcn-2025/years/2026/reopen',
        body: { until: '2026-11-21T00:00:00Z', reason: 'kiểm tra' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [200] },
      },
      {
        route: 'GET /v1/units/{unitId}/results',
        method: 'GET',
        path: '/v1/units/so-khcn-2025/results?from=2024&to=2026',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'POST /v1/imports/units',
        method: 'POST',
        path: '/v1/imports/units?dryRun=true',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'POST /v1/imports/clusters',
        method: 'POST',
        path: '/v1/imports/clusters?dryRun=true&year=2026',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'GET /v1/campaigns/{campaignId}/years/{year}/clusters',
        method: 'GET',
        path: '/v1/campaigns/hp-175/years/2026/clusters',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/criteria',
        method: 'GET',
        path: '/v1/criteria?year=2026',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/campaigns',
        method: 'GET',
        path: '/v1/campaigns',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/campaigns/{campaignId}',
        method: 'GET',
        path: '/v1/campaigns/hp-175',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'PUT /v1/campaigns/{campaignId}',
        method: 'PUT',
        path: '/v1/campaigns/hp-175',
        body: { name: 'x' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'GET /v1/campaigns/{campaignId}/history',
        method: 'GET',
        path: '/v1/campaigns/hp-175/history',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/campaigns/{campaignId}/task-catalogues/{catalogue}',
        method: 'GET',
        path: '/v1/campaigns/hp-175/task-catalogues/qd-284',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'PUT /v1/campaigns/{campaignId}/task-catalogues/{catalogue}',
        method: 'PUT',
        path: '/v1/campaigns/hp-175/task-catalogues/qd-moi',
        body: { tasks: [] },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'GET /v1/campaigns/{campaignId}/years/{year}',
        method: 'GET',
        path: '/v1/campaigns/hp-175/years/2026',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/campaigns/{campaignId}/years/{year}/history',
        method: 'GET',
        path: '/v1/campaigns/hp-175/years/2026/history',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'PUT /v1/campaigns/{campaignId}/years/{year}',
        method: 'PUT',
        path: '/v1/campaigns/hp-175/years/2028',
        body: { criteria: [{ criterionId: 'a', kind: 'boolean', title: 'A', maxPoints: 1, levels: ['district'] }] },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [200] },
      },
      {
        route: 'POST /v1/submissions',
        method: 'POST',
        path: '/v1/submissions',
        body: ratioBody('so-khcn-2025', 1, 10, 'dvc-muc-do-4'),
        expect: { none: [401], 'unit-own': [201], 'unit-other': [403], reviewer: [403], admin: [403] },
      },
      {
        route: 'GET /v1/submissions',
        method: 'GET',
        path: '/v1/submissions?unitId=so-khcn-2025&year=2026',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/submissions/{submissionId}',
        method: 'GET',
        path: `/v1/submissions/${own.submissionId}`,
        expect: { none: [401], 'unit-own': [200], 'unit-other': [404], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/submissions/{submissionId}/history',
        method: 'GET',
        path: `/v1/submissions/${own.submissionId}/history`,
        expect: { none: [401], 'unit-own': [200], 'unit-other': [404], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/submissions/{submissionId}/previous-year',
        method: 'GET',
        path: `/v1/submissions/${own.submissionId}/previous-year`,
        expect: { none: [401], 'unit-own': [200], 'unit-other': [404], reviewer: [200], admin: [200] },
      },
      {
        route: 'POST /v1/campaigns/{campaignId}/years/{year}/open-next',
        method: 'POST',
        // 2026 is open already: an admin is told so (409), nothing is stored.
        path: '/v1/campaigns/hp-175/years/2025/open-next',
        body: {},
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [409] },
      },
      {
        route: 'POST /v1/submissions/{submissionId}/decision',
        method: 'POST',
        path: `/v1/submissions/${own.submissionId}/decision`,
        body: { decision: 'maybe', expectedVersion: 1 },
        // Units decide only as a cluster's head (the use case checks it): a broken body is refused first.
        expect: { none: [401], 'unit-own': [400], 'unit-other': [400], reviewer: [400], admin: [400] },
      },
      {
        route: 'POST /v1/submissions/{submissionId}/decision',
        method: 'POST',
        path: `/v1/submissions/${own.submissionId}/decision`,
        body: { decision: 'returned', comment: 'Kiểm tra quyền', expectedVersion: 99 },
        // Its own report is a conflict of interest; another unit that does not head its cluster does not see it.
        expect: { none: [401], 'unit-own': [403], 'unit-other': [404], reviewer: [409], admin: [409] },
      },
      {
        route: 'POST /v1/years/{year}/stages/{stage}/reopen',
        method: 'POST',
        path: '/v1/years/2026/stages/objections/reopen',
        body: { until: '2020-01-01T00:00:00Z', reason: 'Kiểm tra quyền' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'POST /v1/objections',
        method: 'POST',
        path: '/v1/objections',
        body: { year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Kiểm tra quyền' },
        // The demo's 2026 has no bình xét round: the stage is closed for every unit.
        expect: { none: [401], 'unit-own': [409], 'unit-other': [409], reviewer: [403], admin: [403] },
      },
      {
        route: 'GET /v1/objections',
        method: 'GET',
        path: '/v1/objections?year=2026&unitId=so-khcn-2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'POST /v1/objections/{objectionId}/answer',
        method: 'POST',
        path: `/v1/objections/${encodeObjectionId({ campaignId: 'hp-175', year: 2026, unitId: 'so-khcn-2025', criterionId: 'khong-co' })}/answer`,
        body: { decision: 'rejected', comment: 'Kiểm tra quyền' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [404], admin: [404] },
      },
      {
        route: 'POST /v1/clusters/{clusterId}/years/{year}/ballots',
        method: 'POST',
        path: '/v1/clusters/khoi-kinh-te/years/2026/ballots',
        body: { candidates: [] },
        expect: { none: [401], 'unit-own': [409], 'unit-other': [409], reviewer: [403], admin: [403] },
      },
      {
        route: 'GET /v1/clusters/{clusterId}/years/{year}/vote',
        method: 'GET',
        path: '/v1/clusters/khoi-kinh-te/years/2026/vote',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'PUT /v1/clusters/{clusterId}/years/{year}/minutes',
        method: 'PUT',
        path: '/v1/clusters/khoi-kinh-te/years/2026/minutes',
        body: { heldOn: '2026-12-15', place: 'Hội trường', chair: 'Chủ trì', attendees: ['Sở A'] },
        // Only the head (Sở Tài chính in the demo) records minutes.
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [403] },
      },
      {
        route: 'GET /v1/awards/{year}/{unitId}/dossier',
        method: 'GET',
        path: '/v1/awards/2026/so-khcn-2025/dossier',
        expect: { none: [401], 'unit-own': [200, 409], 'unit-other': [403], reviewer: [200, 409], admin: [200, 409] },
      },
      {
        route: 'GET /v1/units/{unitId}/scores/{year}',
        method: 'GET',
        path: '/v1/units/so-khcn-2025/scores/2026',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'POST /v1/aggregations/{year}',
        method: 'POST',
        path: '/v1/aggregations/2099',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'GET /v1/aggregations/{year}',
        method: 'GET',
        path: '/v1/aggregations/2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/aggregations/{year}/runs/{runId}',
        method: 'GET',
        path: `/v1/aggregations/2026/runs/${runId}`,
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        // The department's level has no tie at its quota in this ranking: the admin is told which units may be named.
        route: 'POST /v1/awards/{year}/tie-decisions',
        method: 'POST',
        path: '/v1/awards/2026/tie-decisions',
        body: { group: 'level:department', award: 'bang-khen', unitIds: ['so-khcn-2025'], reason: 'Kiểm tra quyền' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'GET /v1/rankings/{year}',
        method: 'GET',
        path: '/v1/rankings/2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/reports/{year}',
        method: 'GET',
        path: '/v1/reports/2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /health',
        method: 'GET',
        path: '/health',
        expect: { none: [200], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      ...['/openapi.json', '/docs'].map((path) => ({
        route: `GET ${path}`,
        method: 'GET',
        path,
        expect: { none: [200], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      })),
      {
        route: 'GET /v1/units/{unitId}/clients',
        method: 'GET',
        path: '/v1/units/so-khcn-2025/clients',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [200] },
      },
      {
        route: 'POST /v1/units/{unitId}/clients',
        method: 'POST',
        path: '/v1/units/so-khcn-2025/clients',
        body: { name: 'Hệ thống thử' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [201] },
      },
      {
        route: 'DELETE /v1/units/{unitId}/clients/{clientId}',
        method: 'DELETE',
        path: '/v1/units/so-khcn-2025/clients/khong-co',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [404] },
      },
      {
        // Without a file: every role that may import is told to send one.
        route: 'POST /v1/imports/figures',
        method: 'POST',
        path: '/v1/imports/figures?dryRun=true',
        expect: { none: [401], 'unit-own': [400], 'unit-other': [400], reviewer: [400], admin: [400] },
      },
      {
        route: 'GET /v1/trust-anchors',
        method: 'GET',
        path: '/v1/trust-anchors',
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        // Not a certificate: staff are told so (400) once their role passes; units never get that far.
        route: 'POST /v1/trust-anchors',
        method: 'POST',
        path: '/v1/trust-anchors',
        body: { certificate: `MII${'A'.repeat(200)}` },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'POST /v1/evidence-files/{fileId}/signature-check',
        method: 'POST',
        path: `/v1/evidence-files/f-${'0'.repeat(32)}/signature-check`,
        anyCampaign: true,
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [404], admin: [404] },
      },
      {
        // An import id nobody was given: every role is told there is none (no one learns whose imports exist).
        route: 'GET /v1/imports/{importId}',
        method: 'GET',
        path: '/v1/imports/00000000-0000-4000-8000-000000000000',
        expect: { none: [401], 'unit-own': [404], 'unit-other': [404], reviewer: [404], admin: [404] },
      },
      // Files belong to units, not to campaigns: staff of another campaign act on them as their role does.
      {
        route: 'POST /v1/evidence-files',
        method: 'POST',
        path: '/v1/evidence-files',
        body: { unitId: 'so-khcn-2025', fileName: 'a.pdf', contentType: 'application/pdf', size: 10, sha256: FILE_SHA },
        anyCampaign: true,
        expect: { none: [401], 'unit-own': [201], 'unit-other': [403], reviewer: [201], admin: [201] },
      },
      {
        // A slip of year: refused as bad input once the caller may finalize at all (the year stays open).
        route: 'POST /v1/years/{year}/finalize',
        method: 'POST',
        path: '/v1/years/2026/finalize',
        body: { confirmYear: 2025 },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [400] },
      },
      {
        route: 'POST /v1/awards/{year}/{unitId}/revoke',
        method: 'POST',
        path: '/v1/awards/2026/so-khcn-2025/revoke',
        body: { reason: 'Kiểm tra quyền' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [409] },
      },
      {
        route: 'POST /v1/years/{year}/reopen',
        method: 'POST',
        path: '/v1/years/2026/reopen',
        body: { reason: 'Kiểm tra quyền' },
        expect: { none: [401], 'unit-own': [403], 'unit-other': [403], reviewer: [403], admin: [409] },
      },
      {
        route: 'GET /v1/messages',
        method: 'GET',
        path: '/v1/messages?unitId=so-khcn-2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/evidence-files',
        method: 'GET',
        path: '/v1/evidence-files?unitId=so-khcn-2025',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [403], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/evidence-files/{fileId}',
        method: 'GET',
        path: `/v1/evidence-files/${FILE_ID}`,
        expect: { none: [401], 'unit-own': [200], 'unit-other': [404], reviewer: [200], admin: [200] },
      },
      {
        // Announced, never sent: there is nothing to complete.
        route: 'POST /v1/evidence-files/{fileId}/complete',
        method: 'POST',
        path: `/v1/evidence-files/${FILE_ID}/complete`,
        anyCampaign: true,
        expect: { none: [401], 'unit-own': [409], 'unit-other': [404], reviewer: [409], admin: [409] },
      },
      {
        route: 'DELETE /v1/evidence-files/{fileId}',
        method: 'DELETE',
        path: `/v1/evidence-files/${FILE_ID}`,
        anyCampaign: true,
        expect: { none: [401], 'unit-own': [204], 'unit-other': [404], reviewer: [403], admin: [204] },
      },
      {
        route: 'GET /v1/scorecards/{year}/bundle',
        method: 'GET',
        path: '/v1/scorecards/2026/bundle',
        expect: { none: [401], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        route: 'GET /v1/labels',
        method: 'GET',
        path: '/v1/labels',
        expect: { none: [200], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
      {
        // Public (công khai): anyone reads a unit's scorecard.
        route: 'GET /v1/scorecards/{year}/units/{unitId}',
        method: 'GET',
        path: '/v1/scorecards/2026/units/so-khcn-2025',
        expect: { none: [200], 'unit-own': [200], 'unit-other': [200], reviewer: [200], admin: [200] },
      },
    ];
    // Every route of the table is in the matrix.
    expect(new Set(requests.map((r) => r.route))).toEqual(new Set(ROUTES.map((r) => `${r.method} ${r.path}`)));
    // Staff limited to another campaign read as their role does and change nothing of hp-175's (403).
    const scoped = async (role: 'reviewer' | 'admin') =>
      (await h.call('POST', '/local/token', { body: { role, sub: `${role}-tinh-khac`, campaigns: ['tinh-khac'] } }))
        .body.token as string;
    const elsewhere = { reviewer: await scoped('reviewer'), admin: await scoped('admin') };
    const failures: string[] = [];
    for (const req of requests) {
      const checks: Array<[string, string | undefined, number[]]> = [
        ...(Object.keys(req.expect) as Who[]).map((who): [string, string | undefined, number[]] => [
          who,
          t[who],
          req.expect[who],
        ]),
        ...(['reviewer', 'admin'] as const).map((role): [string, string, number[]] => [
          `${role}-tinh-khac`,
          elsewhere[role],
          req.method === 'GET' || req.anyCampaign ? req.expect[role] : [403],
        ]),
      ];
      for (const [who, token, expected] of checks) {
        const r = await h.call(req.method, req.path, { token, body: req.body });
        if (!expected.includes(r.status))
          failures.push(`${who} ${req.method} ${req.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('a unit cannot list another unit through query filters or a forged nextToken', async () => {
    const other = await h.token('unit', 'so-xay-dung');
    expect(
      (await h.call('GET', '/v1/submissions?status=submitted&year=2026', { token: other })).body.items.every(
        (i: { unitId: string }) => i.unitId === 'so-xay-dung',
      ),
    ).toBe(true);
    const forged = Buffer.from(JSON.stringify({ PK: 'UY#hp-175#2026#so-khcn-2025', SK: 'S#' })).toString('base64url');
    const r = await h.call('GET', `/v1/submissions?year=2026&nextToken=${forged}`, { token: other });
    expect([r.status, r.body.error.details[0].field]).toEqual([400, 'nextToken']);
  });

  it('the audit trail cannot be edited or deleted through the API', async () => {
    const s = await submit(300, 'kiem-tra-moi-truong-so');
    for (const method of ['PUT', 'PATCH', 'DELETE']) {
      const r = await h.call(method, `/v1/submissions/${s.submissionId}/history`, {
        token: admin,
        body: { items: [] },
      });
      expect(r.status, method).toBe(405);
    }
  });
});
