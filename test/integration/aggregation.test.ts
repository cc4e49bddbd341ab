/** Year-end aggregation over HTTP: admin trigger, idempotency, rankings from approved figures, reports, the local schedule. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evidence, type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin', undefined, 'quantri');
  reviewer = await h.token('reviewer', undefined, 'thamdinh');
});
afterAll(() => h.close());

async function reportAndApprove(
  unitId: string,
  criterionId: string,
  value: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  const token = await h.token('unit', unitId);
  const s = await h.call('POST', '/v1/submissions', {
    token,
    body: { unitId, year: 2026, criterionId, value, evidence },
  });
  expect(s.status).toBe(201);
  const d = await h.call('POST', `/v1/submissions/${s.body.submissionId}/decision`, {
    token: reviewer,
    body: { decision: 'approved', expectedVersion: s.body.version, ...extra },
  });
  expect(d.status).toBe(200);
}

describe('2025, seeded', () => {
  it('has rankings, a finished run and reports on first start', async () => {
    const run = await h.call('GET', '/v1/aggregations/2025', { token: admin });
    // Final: the board's last run after the cross-check, the objections and the clusters' vote.
    expect(run.body.latest).toMatchObject({ status: 'succeeded', trigger: 'finalize', counts: { units: 69 } });
    const rankings = await h.call('GET', '/v1/rankings/2025?level=district', { token: admin });
    expect(rankings.body.status).toBe('final');
    const items: Array<{ rank: number; totalPoints: number }> = rankings.body.items;
    expect(items).toHaveLength(15);
    // Competition ranks: one more than the districts strictly ahead (equal points share a rank).
    for (const i of items) expect(i.rank).toBe(1 + items.filter((o) => o.totalPoints > i.totalPoints).length);
    const all = (await h.call('GET', '/v1/rankings/2025', { token: admin })).body.items;
    for (const a of all.filter((i: { award: string | null }) => i.award)) {
      expect(a.metAllTargets).not.toBe(false);
      expect(a.approvedFigures).toBeGreaterThan(0);
      expect(a.basis).toMatchObject({ decidedBy: expect.any(String), points: a.totalPoints });
    }
    // Each cluster's flag went by its recorded vote (bình xét), never by the order of a listing.
    const flags = all.filter((i: { award: string | null }) => i.award === 'co-thi-dua');
    expect(flags.length).toBeGreaterThan(0);
    for (const f of flags) expect(f.basis.decidedBy).toBe('vote');
  });
});

describe('2026 aggregation', () => {
  it('ranks commune-level units by their approved figures, identically on every run', async () => {
    // Four commune-level units that have reported nothing yet; three report records online (target 70 %).
    const [best, second, corrected, unreviewed] = (await h.quietUnits('commune')) as [string, string, string, string];
    await reportAndApprove(best, 'ho-so-truc-tuyen', { numerator: 950, denominator: 1000 });
    await reportAndApprove(second, 'ho-so-truc-tuyen', { numerator: 600, denominator: 1000 });
    // A correction by the reviewer counts, not the unit's figure.
    const token = await h.token('unit', corrected);
    const s = await h.call('POST', '/v1/submissions', { token, body: ratioBody(corrected, 1000, 1000) });
    await h.call('POST', `/v1/submissions/${s.body.submissionId}/decision`, {
      token: reviewer,
      body: { decision: 'approved', expectedVersion: 1, correctedValue: { numerator: 210, denominator: 1000 } },
    });
    // A submitted but unreviewed figure does not count.
    await h.call('POST', '/v1/submissions', {
      token: await h.token('unit', unreviewed),
      body: ratioBody(unreviewed, 1000, 1000),
    });

    const started = await h.call('POST', '/v1/aggregations/2026', { token: admin });
    // Answered at once: the run is a job; its status URL says where it stands.
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', trigger: 'admin', startedBy: 'quantri' });
    expect(started.headers.get('location')).toBe(started.body.statusUrl);
    await h.server.jobs.idle();
    const first = await h.call('GET', started.body.statusUrl, { token: admin });
    expect(first.body).toMatchObject({ status: 'succeeded', runId: started.body.runId });
    const four = [best, second, corrected, unreviewed];
    const ranked = async () =>
      (await h.call('GET', '/v1/rankings/2026?level=commune', { token: admin })).body.items.filter(
        (i: { unitId: string }) => four.includes(i.unitId),
      );
    const ranking = await ranked();
    expect(ranking.map((i: { unitId: string }) => i.unitId)).toEqual(four);
    expect(ranking[0]).toMatchObject({
      totalPoints: 30,
      level: 'commune',
      cluster: expect.stringMatching(/^cum-minh-hoa-/),
      metAllTargets: false,
      award: null,
    });
    // 30 × 0.6 / 0.7 = 25.714… → 25.71; the correction 0.21 / 0.7 = 0.3 → 9.
    expect(ranking.map((i: { totalPoints: number }) => i.totalPoints)).toEqual([30, 25.71, 9, 0]);

    const { run: again } = await h.runToEnd(admin, '/v1/aggregations/2026');
    expect(again.counts.rankingDigest).toBe(first.body.counts.rankingDigest);
    expect(await ranked()).toEqual(ranking);
    const runs = await h.call('GET', '/v1/aggregations/2026', { token: reviewer });
    expect(runs.body.runs).toHaveLength(2);
    const { counts } = runs.body.latest;
    expect(counts.itemsRead).toBeLessThanOrEqual(counts.units + counts.figures * 1.2);
  });

  it('reads current figures only: resubmissions do not grow the items read', async () => {
    const before = (await h.runToEnd(admin, '/v1/aggregations/2026')).run.counts.itemsRead;
    // A department with no report yet: its first report adds one figure, the four after it none.
    const [unitId] = (await h.quietUnits('department')) as [string];
    const token = await h.token('unit', unitId);
    for (let i = 0; i < 5; i++)
      await h.call('POST', '/v1/submissions', {
        token,
        body: ratioBody(unitId, 900 + i, 1000, 'kiem-tra-moi-truong-so'),
      });
    const after = (await h.runToEnd(admin, '/v1/aggregations/2026')).run.counts.itemsRead;
    expect(after).toBe(before + 1);
  });

  it('a run after an interrupted one: readers see only the new results, and the dead run reads as failed', async () => {
    const { deps } = h.server;
    // An interrupted run: a 'running' record and results of its own (three chunks longer than the real ones).
    await deps.results.putRun({
      campaignId: 'hp-175',
      year: 2026,
      runId: 'crashed',
      trigger: 'schedule',
      status: 'running',
      startedAt: '2026-11-20T02:59:00.000Z',
      finishedAt: null,
      leaseUntil: '2026-11-20T03:14:00.000Z',
      startedBy: 'scheduler',
      counts: null,
      error: null,
    });
    const ghost = Array.from({ length: 1000 }, (_, i) => ({
      unitId: `ghost-${i}`,
      name: 'x',
      level: 'district' as const,
      cluster: null,
      totalPoints: 0,
      maxPoints: 0,
      metAllTargets: false,
      approvedFigures: 0,
      levelRank: i + 1,
      clusterRank: null,
      award: null,
      basis: null,
      tiedAtQuota: false,
      tiedFor: null,
      eligibleFor: [],
      notProposed: [],
    }));
    await deps.results.writeResults('hp-175', 2026, 'crashed', {
      rankings: ghost,
      summary: [],
      digest: 'ghost',
      pages: [],
    });
    // While its lease holds, pressing "run" follows it; once the lease has passed it reads as failed, and a new run
    // starts.
    const following = await h.call('POST', '/v1/aggregations/2026', { token: admin });
    expect([following.status, following.body.runId, following.body.status]).toEqual([202, 'crashed', 'running']);
    h.clock.set('2026-11-20T03:15:00Z');
    const { run } = await h.runToEnd(admin, '/v1/aggregations/2026');
    expect(run.status).toBe('succeeded');
    const results = await deps.results.readResults('hp-175', 2026);
    expect(results!.rankings).toHaveLength(138); // the units of 2026: 20 departments, 114 commune-level units, 4 enterprises
    expect(results!.rankings.some((r) => r.unitId.startsWith('ghost-'))).toBe(false);
    expect(results!.digest).toBe(run.counts.rankingDigest);
    // The crashed run is not left "running" for ever: past its lease it reads as failed.
    const crashed = (await h.call('GET', '/v1/aggregations/2026', { token: admin })).body.runs.find(
      (r: { runId: string }) => r.runId === 'crashed',
    );
    expect(crashed).toMatchObject({ status: 'failed', error: expect.stringContaining('gián đoạn') });
  });

  it('answers the run at once, and pressing again while it is under way follows the same run', async () => {
    const one = await h.call('POST', '/v1/aggregations/2026', { token: admin });
    const two = await h.call('POST', '/v1/aggregations/2026', { token: admin });
    expect([one.status, two.status]).toEqual([202, 202]);
    expect(two.body.runId).toBe(one.body.runId);
    await h.server.jobs.idle();
    const done = await h.call('GET', one.body.statusUrl, { token: reviewer });
    expect(done.body).toMatchObject({ status: 'succeeded', progress: null, progressLabel: null });
    const missing = await h.call('GET', '/v1/aggregations/2026/runs/khong-co', { token: admin });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });

  it('refuses a year without criteria and unknown formats', async () => {
    const r = await h.call('POST', '/v1/aggregations/2031', { token: admin });
    expect([r.status, r.body.error.details[0].field]).toEqual([400, 'year']);
    const f = await h.call('GET', '/v1/reports/2025?format=pdf', { token: admin });
    expect([f.status, f.body.error.details[0].field]).toEqual([400, 'format']);
    const none = await h.call('GET', '/v1/rankings/2023', { token: admin });
    expect([none.status, none.body.error.code]).toEqual([404, 'AGGREGATION_NOT_FOUND']);
  });
});

describe('reports', () => {
  it('JSON: city summary per level and ranking tables with Vietnamese headers', async () => {
    const r = await h.call('GET', '/v1/reports/2025', { token: admin });
    expect(r.status).toBe(200);
    const district = r.body.summary.find((s: { level: string }) => s.level === 'district');
    expect(district).toMatchObject({ levelName: 'Quận, huyện', units: 15 });
    const records = district.criteria.find((c: { criterionId: string }) => c.criterionId === 'ho-so-truc-tuyen');
    expect(records).toMatchObject({ target: 0.9, applicable: 15 });
    expect(records.shareMet).toBeGreaterThan(0);
    expect(records.averageRatio).toBeGreaterThan(0.8);
    expect(r.body.tables[1].headers).toContain('Đề nghị khen thưởng');
    expect(r.body.heading[1]).toContain('175/KH-UBND ngày 15/07/2022');
  });

  it('CSV: UTF-8 with BOM, dd/mm/yyyy dates, one row per ranked unit', async () => {
    const r = await h.call('GET', '/v1/reports/2025?format=csv', { token: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toContain('.csv');
    const text = r.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Ngày lập: 20/11/2026');
    expect(text).toContain('Cấp,Cụm/Khối thi đua,Hạng trong cụm/khối');
    expect(text).toContain('Cụm thi đua các quận');
    expect(text.split('\r\n').filter((l) => l.startsWith('"Quận, huyện",Cụm thi đua')).length).toBe(15);
  });

  it('XLSX: a workbook a spreadsheet program opens, with both sheets', async () => {
    const r = await h.call('GET', '/v1/reports/2025?format=xlsx', { token: admin });
    expect(r.status).toBe(200);
    expect(r.bytes.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'Xếp hạng']);
    const sheet = wb.getWorksheet('Xếp hạng')!;
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toContain('Tên đơn vị');
    expect(values).toContain('Sở Khoa học và Công nghệ');
  });
});

describe('2026 in the two-tier structure', () => {
  it('no district column and no thị trấn in the year report, CSV or XLSX', async () => {
    await h.runToEnd(admin, '/v1/aggregations/2026');
    const json = await h.call('GET', '/v1/reports/2026', { token: admin });
    expect(json.body.summary.map((l: { levelName: string }) => l.levelName)).toEqual(
      expect.arrayContaining(['Xã, phường, đặc khu']),
    );
    const csv = (await h.call('GET', '/v1/reports/2026?format=csv', { token: admin })).bytes.toString('utf8');
    const r = await h.call('GET', '/v1/reports/2026?format=xlsx', { token: admin });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.bytes as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((w) => w.getSheetValues().flat().map(String)).join('\n');
    for (const text of [JSON.stringify(json.body), csv, cells]) {
      expect(text).not.toMatch(/thị trấn|Quận, huyện/i);
      expect(text).toContain('Xã, phường, đặc khu');
    }
  });
});

describe('the local schedule', () => {
  it('fires each year-end run from its calendar, and follows an admin moving a calendar', async () => {
    // One second before 09/12/2026 07:00 in Hải Phòng.
    const scheduled = await startHarness({ now: '2026-12-08T23:59:59Z', schedule: true });
    try {
      const token = await scheduled.token('admin');
      let latest: { trigger?: string; status?: string } | undefined;
      for (let i = 0; i < 50 && latest?.status !== 'succeeded'; i++) {
        await new Promise((r) => setTimeout(r, 200));
        const r = await scheduled.call('GET', '/v1/aggregations/2026', { token });
        latest = r.status === 200 ? r.body.latest : undefined;
      }
      expect(latest).toMatchObject({ trigger: 'local-schedule', status: 'succeeded' });
      // A one-time run: once it fired, nothing is left until an admin sets up the next year.
      const yearEnds = () =>
        scheduled.server
          .scheduler!.nextJobs()
          .filter((j) => j.kind === 'year-end' && j.campaignId === 'hp-175')
          .map(({ year, at }) => ({ year, at }));
      expect(yearEnds()).toEqual([]);

      const criteria = (await scheduled.call('GET', '/v1/campaigns/hp-175/years/2026', { token })).body.criteria;
      const calendar = (yearEndRunAt: string) => ({
        submissionOpensAt: '2026-12-31T17:00:00Z',
        submissionClosesAt: '2027-11-30T16:59:59Z',
        reviewClosesAt: '2027-12-20T16:59:59Z',
        yearEndRunAt,
      });
      const put = (yearEndRunAt: string) =>
        scheduled.call('PUT', '/v1/campaigns/hp-175/years/2027', {
          token,
          body: { criteria, calendar: calendar(yearEndRunAt) },
        });
      expect((await put('2027-12-28T01:00:00Z')).status).toBe(200);
      expect(yearEnds()).toEqual([{ year: 2027, at: new Date('2027-12-28T01:00:00Z') }]);
      // The board moves the run two days later: the schedule moves with it, and there is still one.
      expect((await put('2027-12-30T01:00:00Z')).status).toBe(200);
      expect(yearEnds()).toEqual([{ year: 2027, at: new Date('2027-12-30T01:00:00Z') }]);
      // The year's reminders and digest follow the same calendar: 7 and 1 days before 30/11/2027, at 07:30 local.
      expect(
        scheduled.server
          .scheduler!.nextJobs()
          .filter((j) => j.year === 2027 && j.kind !== 'year-end')
          .map((j) => [j.name, j.at.toISOString()]),
      ).toEqual([
        ['hp-175-2027-digest', '2027-01-01T00:30:00.000Z'],
        ['hp-175-2027-remind-7d', '2027-11-23T00:30:00.000Z'],
        ['hp-175-2027-remind-1d', '2027-11-29T00:30:00.000Z'],
      ]);
    } finally {
      await scheduled.close();
    }
  });
});
