/**
 * A new province from nothing but API calls: the campaign, its task catalogue, a year with a count criterion and
 * its calendar, units and the year's participants (its clusters), a report, its approval, and a year-end run
 * ranked by an index-style result. Campaign changes are recorded and checked like the rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin', undefined, 'quantri-tinh');
  reviewer = await h.token('reviewer', undefined, 'thamdinh-tinh');
});
afterAll(() => h.close());

const campaign = {
  name: 'Phong trào thi đua truyền thông chuyển đổi số',
  province: 'Tỉnh Thử Nghiệm',
  documentNumber: '99/QĐ-UBND',
  issuedOn: '2025-10-28',
  issuer: 'Ủy ban nhân dân tỉnh',
  timeZone: 'Asia/Ho_Chi_Minh',
  firstYear: 2025,
  lastYear: 2027,
  calendarTemplate: {
    submissionOpens: '01-01T00:00:00',
    submissionCloses: '11-30T23:59:59',
    reviewCloses: '12-20T23:59:59',
    yearEndRun: '12-28T08:00:00',
  },
  awards: { flagPerGroup: 1, meritShare: 0 },
  results: 'index',
  clusters: [{ clusterId: 'khoi-so', name: 'Khối các sở' }],
};
const criteria = [
  {
    criterionId: 'lop-bao-cao-vien',
    kind: 'count',
    title: 'Số lớp bồi dưỡng báo cáo viên trong năm',
    maxPoints: 20,
    weight: 1,
    levels: ['department'],
    targets: { department: 2 },
    unitLabel: 'lớp',
  },
  {
    criterionId: 'ho-so-truc-tuyen',
    kind: 'ratio',
    title: 'Tỷ lệ hồ sơ xử lý trực tuyến',
    maxPoints: 10,
    weight: 3,
    levels: ['department'],
    targets: { department: 0.9 },
  },
];

async function report(unitId: string, criterionId: string, value: Record<string, unknown>) {
  const token = await h.token('unit', unitId);
  const s = await h.call('POST', '/v1/submissions', {
    token,
    body: { campaignId: 'tinh-thu', unitId, year: 2026, criterionId, value, evidence: [{ title: 'Báo cáo năm 2026' }] },
  });
  expect(s.status, JSON.stringify(s.body)).toBe(201);
  const d = await h.call('POST', `/v1/submissions/${s.body.submissionId}/decision`, {
    token: reviewer,
    body: { decision: 'approved', expectedVersion: 1 },
  });
  expect(d.status).toBe(200);
}

describe('a campaign set up from the API alone', () => {
  it('runs from nothing to an index-style ranking', async () => {
    // Prepare: the campaign, a year with a count criterion and its calendar, two departments, the participants.
    const created = await h.call('PUT', '/v1/campaigns/tinh-thu', { token: admin, body: campaign });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const listed = await h.call('GET', '/v1/campaigns', { token: reviewer });
    expect(listed.body.items.map((c: { campaignId: string }) => c.campaignId).sort()).toEqual([
      'dn-2780',
      'hp-175',
      'kh-tt-cds',
      'tinh-thu',
    ]);
    const year = await h.call('PUT', '/v1/campaigns/tinh-thu/years/2026', { token: admin, body: { criteria } });
    expect(year.status, JSON.stringify(year.body)).toBe(200);
    expect(year.body.calendar.submissionClosesLocal).toBe('30/11/2026 23:59:59');
    for (const [unitId, name] of [
      ['tt-so-khcn', 'Sở Khoa học và Công nghệ tỉnh Thử Nghiệm'],
      ['tt-so-noi-vu', 'Sở Nội vụ tỉnh Thử Nghiệm'],
    ])
      expect(
        (await h.call('PUT', `/v1/units/${unitId}`, { token: admin, body: { name, level: 'department' } })).status,
      ).toBe(200);
    const participants = await fetch(`${h.url}/v1/imports/clusters?campaignId=tinh-thu&year=2026`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      body: 'clusterId,clusterName,unitId,role\nkhoi-so,Khối các sở,tt-so-khcn,head\nkhoi-so,,tt-so-noi-vu,deputy\n',
    });
    expect(participants.status).toBe(200);
    const criteriaOfYear = await h.call('GET', '/v1/criteria?campaignId=tinh-thu&year=2026&level=department', {
      token: reviewer,
    });
    expect(criteriaOfYear.body.items[0]).toMatchObject({ kind: 'count', kindLabel: 'Số lượng', targetText: '≥ 2 lớp' });

    // Act: units report, the reviewer approves, the year-end run ranks.
    await report('tt-so-khcn', 'lop-bao-cao-vien', { count: 2 });
    await report('tt-so-khcn', 'ho-so-truc-tuyen', { numerator: 45, denominator: 100 });
    await report('tt-so-noi-vu', 'ho-so-truc-tuyen', { numerator: 90, denominator: 100 });
    // A unit of another province's campaign does not take part in this one.
    const outsider = await h.call('POST', '/v1/submissions', {
      token: await h.token('unit', 'so-khcn-2025'),
      body: {
        campaignId: 'tinh-thu',
        unitId: 'so-khcn-2025',
        year: 2026,
        criterionId: 'lop-bao-cao-vien',
        value: { count: 3 },
        evidence: [{ title: 'Báo cáo' }],
      },
    });
    expect([outsider.status, outsider.body.error.code]).toEqual([409, 'UNIT_NOT_ACTIVE']);
    const { run } = await h.runToEnd(admin, '/v1/aggregations/2026?campaignId=tinh-thu');
    expect(run).toMatchObject({ status: 'succeeded', counts: { units: 2 } });

    // Assess: ranked by the index (Σ weight × attainment / Σ weight), not by points.
    const ranking = await h.call('GET', '/v1/rankings/2026?campaignId=tinh-thu', { token: reviewer });
    expect(
      ranking.body.items.map((r: { unitId: string; index: number; totalPoints: number }) => [
        r.unitId,
        r.index,
        r.totalPoints,
      ]),
    ).toEqual([
      ['tt-so-noi-vu', 0.75, 10], // (1 × 0 + 3 × 1) / 4
      ['tt-so-khcn', 0.625, 25], // (1 × 1 + 3 × 0.5) / 4
    ]);
    const history = await h.call('GET', '/v1/campaigns/tinh-thu/history', { token: reviewer });
    expect(history.body.items[0]).toMatchObject({ action: 'campaign-created', actor: 'quantri-tinh' });
  });

  it('serves the three seeded movements: Hải Phòng, Đà Nẵng by index, Khánh Hòa by points', async () => {
    const dn = await h.call('GET', '/v1/rankings/2025?campaignId=dn-2780', { token: reviewer });
    expect(dn.body.items.length).toBe(10); // 3 departments and 7 districts named by the scheme and the city
    for (const r of dn.body.items) expect(r.index).toBeGreaterThanOrEqual(0);
    const indices = dn.body.items
      .filter((r: { level: string }) => r.level === 'district')
      .map((r: { index: number }) => r.index);
    expect(indices).toEqual([...indices].sort((a, b) => b - a));
    const counted = await h.call('GET', '/v1/criteria?campaignId=dn-2780&year=2025&level=department', {
      token: reviewer,
    });
    expect(
      counted.body.items
        .filter((c: { kind: string }) => c.kind === 'count')
        .map((c: { targetText: string }) => c.targetText),
    ).toEqual(['≥ 2 lớp', '≥ 2 mô hình']);
    const kh = await h.call('GET', '/v1/rankings/2025?campaignId=kh-tt-cds&level=district', { token: reviewer });
    expect(kh.body.items).toHaveLength(9);
    expect(kh.body.items[0].index).toBeUndefined();
    const report = await h.call('GET', '/v1/reports/2025?campaignId=dn-2780', { token: reviewer });
    expect(report.body.heading[1]).toContain('2780/QĐ-UBND');
    expect(report.body.tables[1].headers).toContain('Chỉ số');
  });

  it('refuses a bad campaign, naming the field, and stores nothing', async () => {
    const before = await h.snapshot();
    for (const [change, field] of [
      [{ timeZone: 'Hà Nội' }, 'timeZone'],
      [{ lastYear: 2010 }, 'lastYear'],
      [{ results: 'stars' }, 'results'],
      [
        { calendarTemplate: { ...campaign.calendarTemplate, yearEndRun: '13-28T08:00:00' } },
        'calendarTemplate.yearEndRun',
      ],
    ] as const) {
      const r = await h.call('PUT', '/v1/campaigns/tinh-loi', { token: admin, body: { ...campaign, ...change } });
      expect([r.status, r.body.error.details[0].field]).toEqual([400, field]);
    }
    expect(await h.snapshot()).toBe(before);
  });

  it('keeps how results are expressed once a year has reports, and a task catalogue in use', async () => {
    const before = await h.snapshot();
    const points = await h.call('PUT', '/v1/campaigns/tinh-thu', {
      token: admin,
      body: { ...campaign, results: 'points' },
    });
    expect([points.status, points.body.error.code]).toEqual([409, 'YEAR_LOCKED']);
    const tasks = (await h.call('GET', '/v1/campaigns/hp-175/task-catalogues/qd-284', { token: reviewer })).body.tasks;
    const edited = await h.call('PUT', '/v1/campaigns/hp-175/task-catalogues/qd-284', {
      token: admin,
      body: { tasks: tasks.slice(1) },
    });
    expect([edited.status, edited.body.error.code]).toEqual([409, 'YEAR_LOCKED']);
    expect(await h.snapshot()).toBe(before);
  });
});
