/**
 * Finalizing a year over HTTP: results are provisional (and say so) until an admin finalizes the year; then they are
 * final, every write for that year is refused with YEAR_FINALIZED and nothing is stored; finalizing again changes
 * nothing; reopening needs a reason and takes changes again. Each step is in the year's history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ratioBody, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let reviewer: string;
let unit: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin', undefined, 'quantri-chot');
  reviewer = await h.token('reviewer');
  unit = await h.token('unit', 'so-khcn-2025');
});
afterAll(() => h.close());

describe('finalizing a year', () => {
  it('labels results provisional, then final; locks every write of the year; reopens only with a reason', async () => {
    const pending = await h.call('POST', '/v1/submissions', {
      token: unit,
      body: ratioBody('so-khcn-2025', 900, 1000),
    });
    expect(pending.status).toBe(201);
    expect((await h.runToEnd(admin, '/v1/aggregations/2026')).run.status).toBe('succeeded');
    const before = await h.call('GET', '/v1/rankings/2026?level=department', { token: reviewer });
    expect([before.body.status, before.body.statusLabel]).toEqual(['provisional', 'Kết quả tạm tính']);
    const report = await h.call('GET', '/v1/reports/2026', { token: reviewer });
    expect(report.body.heading[0]).toMatch(/\(KẾT QUẢ TẠM TÍNH\)$/);

    // The confirmation names the year it locks: another year is refused, and nothing is stored.
    const snapshot = await h.snapshot();
    const slip = await h.call('POST', '/v1/years/2026/finalize', { token: admin, body: { confirmYear: 2025 } });
    expect([slip.status, slip.body.error.code, slip.body.error.details[0].field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'confirmYear',
    ]);
    expect(await h.snapshot()).toBe(snapshot);
    expect(
      (await h.call('POST', '/v1/years/2026/finalize', { token: reviewer, body: { confirmYear: 2026 } })).status,
    ).toBe(403);

    // After the clusters' meetings (18/12 17:00): the year's bình xét round allows finalizing only then.
    h.clock.set('2026-12-19T03:00:00Z');
    // Locked at once, answered at once: the final run goes on as a job, and the results are final when it is in.
    const { accepted, run: finalRun } = await h.runToEnd(admin, '/v1/years/2026/finalize', { confirmYear: 2026 });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
    expect(accepted.body).toMatchObject({ state: 'final', runId: null, unchanged: false, run: { status: 'queued' } });
    expect(finalRun).toMatchObject({ trigger: 'finalize', status: 'succeeded', finalizing: true });
    const done = await h.call('POST', '/v1/years/2026/finalize', { token: admin, body: { confirmYear: 2026 } });
    expect(done.body).toMatchObject({ state: 'final', status: 'final', statusLabel: 'Kết quả chính thức' });
    expect(done.body.runId).toBe(finalRun.runId);
    const after = await h.call('GET', '/v1/rankings/2026?level=department', { token: reviewer });
    expect(after.body.status).toBe('final');
    expect((await h.call('GET', '/v1/reports/2026', { token: reviewer })).body.heading[0]).not.toMatch(/TẠM TÍNH/);
    const runs = (await h.call('GET', '/v1/aggregations/2026', { token: admin })).body;
    expect(runs.publishedRunId).toBe(finalRun.runId);

    // Every write for the year is refused, and the store is as it was.
    const locked = await h.snapshot();
    const cy = (await h.call('GET', '/v1/campaigns/hp-175/years/2026', { token: admin })).body;
    const writes: Array<[string, string, string, unknown]> = [
      ['POST', '/v1/submissions', unit, ratioBody('so-khcn-2025', 950, 1000)],
      [
        'POST',
        `/v1/submissions/${pending.body.submissionId}/decision`,
        reviewer,
        { decision: 'approved', expectedVersion: pending.body.version },
      ],
      ['PUT', '/v1/campaigns/hp-175/years/2026', admin, { criteria: cy.criteria }],
      [
        'POST',
        '/v1/units/so-khcn-2025/years/2026/reopen',
        admin,
        { until: '2026-12-31T00:00:00Z', reason: 'Bổ sung minh chứng' },
      ],
      ['POST', '/v1/aggregations/2026', admin, undefined],
    ];
    for (const [method, path, token, body] of writes) {
      const r = await h.call(method, path, { token, ...(body === undefined ? {} : { body }) });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 409, 'YEAR_FINALIZED']);
      expect(r.body.error.message).toMatch(/^Năm 2026 đã chốt kết quả chính thức lúc \d{2}\/\d{2}\/2026/);
    }
    // Sheet imports into the final year are refused whole (the figures too, not row by row).
    const sheets: Array<[string, string]> = [
      [
        '/v1/imports/clusters?campaignId=hp-175&year=2026',
        'clusterId,clusterName,unitId,role\nkhoi-thu,Khối thử,so-khcn-2025,head\n',
      ],
      [
        '/v1/imports/figures?campaignId=hp-175',
        'unitCode;criterionId;year;numerator;denominator;sourceNote\nso-khcn-2025;ho-so-truc-tuyen;2026;1;2;x\n',
      ],
    ];
    for (const [path, csv] of sheets) {
      const r = await h.call('POST', path, { token: admin, rawBody: csv, headers: { 'content-type': 'text/csv' } });
      expect([path, r.status, r.body.error?.code]).toEqual([path, 409, 'YEAR_FINALIZED']);
    }
    expect(await h.snapshot()).toBe(locked);

    // Finalizing again changes nothing.
    const again = await h.call('POST', '/v1/years/2026/finalize', { token: admin, body: { confirmYear: 2026 } });
    expect([again.status, again.body.unchanged, again.body.runId]).toEqual([200, true, finalRun.runId]);
    expect(await h.snapshot()).toBe(locked);

    // Reopening needs a reason; then the year takes changes again and its results are provisional.
    const noReason = await h.call('POST', '/v1/years/2026/reopen', { token: admin, body: {} });
    expect([noReason.status, noReason.body.error.details[0].field]).toEqual([400, 'reason']);
    const reopened = await h.call('POST', '/v1/years/2026/reopen', {
      token: admin,
      body: { reason: 'Kiến nghị của Phường Hồng Bàng được chấp nhận: điều chỉnh số liệu' },
    });
    expect([reopened.status, reopened.body.state, reopened.body.status]).toEqual([200, 'reopened', 'provisional']);
    expect((await h.call('GET', '/v1/rankings/2026?level=department', { token: reviewer })).body.status).toBe(
      'provisional',
    );
    // Past the deadline the unit reports again once the board reopens its year for it.
    const late = await h.call('POST', '/v1/submissions', { token: unit, body: ratioBody('so-khcn-2025', 950, 1000) });
    expect([late.status, late.body.error.code]).toEqual([409, 'DEADLINE_PASSED']);
    const reopenUnit = await h.call('POST', '/v1/units/so-khcn-2025/years/2026/reopen', {
      token: admin,
      body: { until: '2026-12-31T00:00:00Z', reason: 'Điều chỉnh số liệu theo kiến nghị' },
    });
    expect(reopenUnit.status).toBe(200);
    expect(
      (await h.call('POST', '/v1/submissions', { token: unit, body: ratioBody('so-khcn-2025', 950, 1000) })).status,
    ).toBe(201);
    const history = (await h.call('GET', '/v1/campaigns/hp-175/years/2026/history', { token: admin })).body.items;
    expect(history.map((e: { action: string }) => e.action).filter((a: string) => a.startsWith('year-'))).toEqual([
      'year-finalized',
      'year-final-run',
      'year-reopened',
    ]);
    expect(history.find((e: { action: string }) => e.action === 'year-reopened')).toMatchObject({
      actor: 'quantri-chot',
      comment: expect.stringContaining('Kiến nghị'),
    });
  });

  it("revokes an award of a final year with its reason, shown in the ranking and recorded in the year's history", async () => {
    const awarded = (await h.call('GET', '/v1/rankings/2025?level=department', { token: reviewer })).body.items.find(
      (r: { award: string | null }) => r.award,
    );
    expect(awarded).toBeDefined();
    const revoke = (body: unknown, unitId = awarded.unitId) =>
      h.call('POST', `/v1/awards/2025/${unitId}/revoke`, { token: admin, body });
    // A year not final yet has no award to revoke.
    const open = await h.call('POST', `/v1/awards/2026/${awarded.unitId}/revoke`, {
      token: admin,
      body: { reason: 'Số liệu không trung thực' },
    });
    expect(open.body.error.code).toBe('CONFLICT');
    // The seeded 2025 is final (after its round and vote).
    expect((await h.call('GET', '/v1/rankings/2025?level=department', { token: reviewer })).body.status).toBe('final');
    expect((await revoke({})).body.error.details[0].field).toBe('reason');
    const notAwarded = (await h.call('GET', '/v1/rankings/2025?level=department', { token: reviewer })).body.items.find(
      (r: { award: string | null }) => !r.award,
    );
    expect((await revoke({ reason: 'Thử' }, notAwarded.unitId)).body.error.details[0].field).toBe('unitId');

    const reason = 'Kết luận thanh tra: số liệu hồ sơ trực tuyến không trung thực';
    const done = await revoke({ reason });
    expect([done.status, done.body.award, done.body.reason]).toEqual([200, awarded.award, reason]);
    expect((await revoke({ reason })).status).toBe(409);
    const row = (await h.call('GET', '/v1/rankings/2025?level=department', { token: reviewer })).body.items.find(
      (r: { unitId: string }) => r.unitId === awarded.unitId,
    );
    expect(row).toMatchObject({ award: awarded.award, awardRevoked: { reason } });
    const history = (await h.call('GET', '/v1/campaigns/hp-175/years/2025/history?limit=200', { token: admin })).body;
    expect(history.items.find((e: { action: string }) => e.action === 'award-revoked')).toMatchObject({
      actor: 'quantri-chot',
      comment: reason,
    });
  });
});
