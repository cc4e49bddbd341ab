/**
 * Units over time over HTTP: a province loads its structure from a sheet (checked whole, stored all or nothing,
 * the same file twice changing nothing), a year's clusters with their heads, and a unit's results over the years
 * derived from its predecessors' under both lineage rules, to the hundredth.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let admin: string;
let reader: string;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.token('admin', undefined, 'quantri-1');
  reader = await h.token('reviewer');
});
afterAll(() => h.close());

const HEADER = 'unitId,code,name,kind,level,validFrom,validTo,predecessors';
/** A commune formed on 1/7/2025 from three units with no successor yet (old districts), one whole and two in part. */
const ROWS = [
  'xa-kien-thuy-moi,,Xã Kiến Thụy mới,xa,commune,01/07/2025,,kien-an:merged:1; do-son:split:0.5; duong-kinh:split:0.25',
  'xa-thu-hai,,Xã Thử Hai,xa,commune,2025-07-01,,do-son:split:0.5',
];
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
const upload = (path: string, body: string | Blob, type = 'text/csv') =>
  fetch(`${h.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': type },
    body,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('POST /v1/imports/units', () => {
  it('refuses a file with one bad row, naming the row and the field, and stores nothing', async () => {
    const before = await h.snapshot();
    const r = await upload(
      '/v1/imports/units',
      csv(ROWS[0]!, 'xa-loi,,Xã Lỗi,xa,commune,2025-07-01,,khong-co-don-vi:merged:1'),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details).toEqual([
      { row: 3, field: 'predecessors', message: 'đơn vị tiền thân khong-co-don-vi không tồn tại' },
    ]);
    expect(r.body.error.message).toContain('dòng 3');
    expect(await h.snapshot()).toBe(before);
  });

  it('names every kind of bad row: level, date, cycle, a share over the whole, a code held twice', async () => {
    const before = await h.snapshot();
    const r = await upload(
      '/v1/imports/units',
      csv(
        'a-1,,Xã A,xa,tinh,2025-07-01,,',
        'a-2,,Xã B,xa,commune,31/02/2025,,',
        'a-3,,Xã C,xa,commune,2025-07-01,2026-01-01,a-4:merged:1',
        'a-4,,Xã D,xa,commune,2025-07-01,2026-01-01,a-3:merged:1',
        'a-5,,Xã E,xa,commune,2025-07-01,,old-11311:split:0.5',
        'a-6,303,Xã F,xa,commune,2025-01-01,,',
      ),
    );
    expect(r.status).toBe(400);
    const got = r.body.error.details.map((d: { row: number; field: string }) => `${d.row}:${d.field}`);
    expect(got, JSON.stringify(r.body.error.details)).toEqual(
      expect.arrayContaining(['2:level', '3:validFrom', '4:validFrom', '6:predecessors', '7:code']),
    );
    expect(r.body.error.details.some((d: { message: string }) => /vòng lặp/.test(d.message))).toBe(true);
    expect(await h.snapshot()).toBe(before);
  });

  it('checks with dryRun, stores the file once, and a second import of it changes nothing', async () => {
    const before = await h.snapshot();
    const dry = await upload('/v1/imports/units?dryRun=true', csv(...ROWS));
    expect(dry.body).toMatchObject({ dryRun: true, rows: 2, created: 2, updated: 0, unchanged: 0 });
    expect(await h.snapshot()).toBe(before);

    const first = await upload('/v1/imports/units', csv(...ROWS));
    expect(first.body).toMatchObject({ dryRun: false, rows: 2, created: 2 });
    const stored = await h.snapshot();
    const again = await upload('/v1/imports/units', csv(...ROWS));
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await h.snapshot()).toBe(stored);

    const unit = await h.call('GET', '/v1/units/xa-kien-thuy-moi', { token: reader });
    expect(unit.body.predecessors.map((p: { unitId: string; share: number }) => [p.unitId, p.share])).toEqual([
      ['kien-an', 1],
      ['do-son', 0.5],
      ['duong-kinh', 0.25],
    ]);
    const history = await h.call('GET', '/v1/units/xa-kien-thuy-moi/history', { token: admin });
    expect(history.body.items[0]).toMatchObject({
      action: 'unit-imported',
      comment: expect.stringContaining('dòng 2'),
    });
  });

  it('reads the same sheet from an XLSX file', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Đơn vị');
    for (const line of [HEADER, 'xa-tu-excel,,Xã Từ Excel,xa,commune,2025-07-01,,']) sheet.addRow(line.split(','));
    const bytes = new Blob([await wb.xlsx.writeBuffer()]);
    const r = await upload(
      '/v1/imports/units',
      bytes,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect([r.status, r.body.created]).toEqual([200, 1]);
    expect((await h.call('GET', '/v1/units/xa-tu-excel', { token: reader })).body.name).toBe('Xã Từ Excel');
  });
});

describe('GET /v1/units/{unitId}/results', () => {
  /** A unit's 2024 total in hundredths, from the 2024 ranking. */
  async function total2024(unitId: string): Promise<number> {
    const r = await h.call('GET', '/v1/rankings/2024', { token: reader });
    return Math.round(r.body.items.find((i: { unitId: string }) => i.unitId === unitId).totalPoints * 100);
  }
  const halfUp = (n: bigint, d: bigint) => Number((2n * n + d) / (2n * d)) / 100;

  it("derives a merged unit's results before it existed from its predecessors, by the mean and by shares", async () => {
    const [a, b, c] = await Promise.all(['kien-an', 'do-son', 'duong-kinh'].map(total2024));
    const mean = await h.call('GET', '/v1/units/xa-kien-thuy-moi/results?from=2024&to=2026', { token: reader });
    expect(mean.status).toBe(200);
    expect(mean.body.lineageRule).toBe('mean');
    const [y2024, , y2026] = mean.body.items;
    expect(y2024).toMatchObject({ year: 2024, derived: true, levelRank: null });
    expect(y2024.predecessors.map((p: { unitId: string }) => p.unitId)).toEqual(['kien-an', 'do-son', 'duong-kinh']);
    expect(y2024.totalPoints).toBe(halfUp(BigInt(a! + b! + c!), 3n));
    expect(y2026).toMatchObject({ year: 2026, derived: false, totalPoints: null });

    // The campaign's rule is data: by shares, (a × 1 + b × 0.5 + c × 0.25) / 1.75.
    const campaign = (await h.call('GET', '/v1/campaigns/hp-175', { token: reader })).body;
    const { campaignId: _id, ...body } = campaign;
    const put = (lineage: object) =>
      h.call('PUT', '/v1/campaigns/hp-175', { token: admin, body: { ...body, lineage } });
    expect((await put({ rule: 'weighted', inheritAwards: false })).status).toBe(200);
    try {
      const weighted = await h.call('GET', '/v1/units/xa-kien-thuy-moi/results?from=2024&to=2024', { token: reader });
      const sum = BigInt(a!) * 1_000_000n + BigInt(b!) * 500_000n + BigInt(c!) * 250_000n;
      expect(weighted.body.items[0]).toMatchObject({ derived: true, totalPoints: halfUp(sum, 1_750_000n) });
    } finally {
      await put(campaign.lineage);
    }
  });

  it('gives the seeded ward of the merged city its predecessors for 2024 and 2025', async () => {
    const r = await h.call('GET', '/v1/units/p-hong-bang/results?from=2024&to=2025', { token: reader });
    expect(r.body.items.map((i: { derived: boolean }) => i.derived)).toEqual([true, true]);
    expect(r.body.items[0].predecessors).toHaveLength(7);
  });
});

describe('POST /v1/imports/clusters', () => {
  const clusters = (...rows: string[]) => ['clusterId,clusterName,unitId,role', ...rows].join('\n');
  it('replaces the clusters of a year with heads and deputies, refusing a unit that is not of that year', async () => {
    const before = await h.snapshot();
    const bad = await upload(
      '/v1/imports/clusters?year=2026',
      clusters('cum-a,Cụm A,p-hong-bang,trưởng cụm', 'cum-a,,kien-an,thành viên'),
    );
    expect([bad.status, bad.body.error.details[0]]).toEqual([
      400,
      { row: 3, field: 'unitId', message: 'đơn vị kien-an không hoạt động vào ngày chốt 2026-12-31' },
    ]);
    expect(await h.snapshot()).toBe(before);

    const body = clusters(
      'cum-a,Cụm A,p-hong-bang,trưởng cụm',
      'cum-a,,p-thuy-nguyen,phó cụm',
      'cum-a,,dk-cat-hai,',
      'cum-b,Cụm B,dk-bach-long-vi,head',
    );
    expect((await upload('/v1/imports/clusters?year=2026', body)).body.unchanged).toBe(false);
    const stored = await h.snapshot();
    expect((await upload('/v1/imports/clusters?year=2026', body)).body.unchanged).toBe(true);
    expect(await h.snapshot()).toBe(stored);
    const listed = await h.call('GET', '/v1/campaigns/hp-175/years/2026/clusters', { token: reader });
    expect(listed.body.clusters[0]).toEqual({
      clusterId: 'cum-a',
      name: 'Cụm A',
      head: 'p-hong-bang',
      deputy: 'p-thuy-nguyen',
      members: ['dk-cat-hai', 'p-hong-bang', 'p-thuy-nguyen'],
    });
    const units = await h.call('GET', '/v1/units?year=2026&cluster=cum-b', { token: reader });
    expect(units.body.items.map((u: { unitId: string; clusterRole: string }) => [u.unitId, u.clusterRole])).toEqual([
      ['dk-bach-long-vi', 'head'],
    ]);
  });
});
