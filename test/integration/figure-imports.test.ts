/**
 * Figures imported from a file over HTTP: the export of a provincial TTHC system, checked row by row as reports
 * are, stored all or nothing with their source, and a file imported twice stored once.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness.js';

let h: Harness;
let reviewer: string;
beforeAll(async () => {
  h = await startHarness();
  reviewer = await h.token('reviewer');
  const admin = await h.token('admin');
  // A code as the national list of administrative units gives it; the file names the unit by it.
  const unit = (await h.call('GET', '/v1/units/so-nn-mt', { token: admin })).body;
  const put = await h.call('PUT', '/v1/units/so-nn-mt', {
    token: admin,
    body: { name: unit.name, level: unit.level, code: 'SNNMT-31' },
  });
  expect(put.status).toBe(200);
});
afterAll(() => h.close());

const HEADER = 'unitCode;criterionId;year;numerator;denominator;sourceNote';
const GOOD = [
  'SNNMT-31;ho-so-truc-tuyen;2026;412;500;Hệ thống TTHC tỉnh, kết xuất 30/11/2026',
  'so-tai-chinh-2025;ho-so-truc-tuyen;2026;388;400;Hệ thống TTHC tỉnh, kết xuất 30/11/2026',
];
// Excel in Vietnamese regional settings writes `;` and a BOM.
const csv = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
const upload = (body: string | Blob, token = reviewer, query = '', type = 'text/csv') =>
  fetch(`${h.url}/v1/imports/figures${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

describe('POST /v1/imports/figures', () => {
  it('refuses a file with one bad row, naming the row and the column, and stores nothing', async () => {
    const before = await h.snapshot();
    const r = await upload(
      csv(...GOOD, 'so-tai-chinh-2025;ho-so-truc-tuyen;2026;450;400;', 'khong-co;ho-so-truc-tuyen;2026;1;2;'),
    );
    expect([r.status, r.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(r.body.error.details).toEqual([
      expect.objectContaining({ row: 4, field: 'numerator' }),
      expect.objectContaining({ row: 5, field: 'unitCode' }),
    ]);
    const wrongCriterion = await upload(
      csv('so-tai-chinh-2025;khong-co;2026;1;2;', 'so-tai-chinh-2025;ho-so-truc-tuyen;1990;1;2;'),
    );
    expect(wrongCriterion.body.error.details).toEqual([
      expect.objectContaining({ row: 2, field: 'criterionId' }),
      expect.objectContaining({ row: 3, field: 'year' }),
    ]);
    expect(r.body.error.message).toContain('không có dòng nào được lưu');
    expect(await h.snapshot()).toBe(before);
  });

  it('a dry run checks and stores nothing; the import stores each figure with its file and row; twice stores once', async () => {
    const before = await h.snapshot();
    const dry = await upload(csv(...GOOD), reviewer, '?dryRun=true');
    expect([dry.status, dry.body.created, dry.body.dryRun]).toEqual([200, 2, true]);
    expect(await h.snapshot()).toBe(before);

    const first = await upload(csv(...GOOD));
    expect([first.status, first.body.created, first.body.unchanged]).toEqual([200, 2, 0]);
    const stored = await h.call('GET', `/v1/submissions/${first.body.items[0].submissionId}`, { token: reviewer });
    expect(stored.body).toMatchObject({
      unitId: 'so-nn-mt',
      value: { numerator: 412, denominator: 500 },
      source: { kind: 'import', fileSha256: first.body.fileSha256, row: 2 },
      evidence: [{ title: 'Hệ thống TTHC tỉnh, kết xuất 30/11/2026' }],
    });

    const afterFirst = await h.snapshot();
    const again = await upload(csv(...GOOD));
    expect([again.status, again.body.created, again.body.unchanged]).toEqual([200, 0, 2]);
    expect(again.body.items.map((i: { submissionId: string }) => i.submissionId)).toEqual(
      first.body.items.map((i: { submissionId: string }) => i.submissionId),
    );
    expect(await h.snapshot()).toBe(afterFirst);
  });

  it('reads the same columns from an XLSX file', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Số liệu');
    sheet.addRow(HEADER.split(';'));
    sheet.addRow(['so-tai-chinh-2025', 'ho-so-truc-tuyen', '2026', '390', '400', 'Kết xuất ngày 01/12/2026']);
    const bytes = await wb.xlsx.writeBuffer();
    const r = await upload(
      new Blob([bytes]),
      reviewer,
      '',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect([r.status, r.body.created]).toEqual([200, 1]);
  });

  it("a unit's system imports its own figures only", async () => {
    const admin = await h.token('admin');
    const client = await h.call('POST', '/v1/units/so-nn-mt/clients', { token: admin, body: { name: 'Một cửa' } });
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.body.clientId,
      client_secret: client.body.clientSecret,
    });
    const token = (
      (await (
        await fetch(`${h.url}/local/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form,
        })
      ).json()) as { access_token: string }
    ).access_token;
    const before = await h.snapshot();
    const foreign = await upload(csv(...GOOD), token);
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details).toEqual([
      expect.objectContaining({ row: 3, field: 'unitCode', message: 'không phải đơn vị của tài khoản' }),
    ]);
    expect(await h.snapshot()).toBe(before);
    const own = await upload(csv('SNNMT-31;ho-so-truc-tuyen;2026;420;500;Kết xuất từ hệ thống một cửa'), token);
    expect([own.status, own.body.created]).toEqual([200, 1]);
  });
});
