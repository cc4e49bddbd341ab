/**
 * The console end to end in Debian's Chromium (playwright-core, no downloaded browser): a unit reports a ratio
 * below target, a reviewer returns it, the unit reports again, the reviewer approves, an admin runs the
 * year-end aggregation and the ranking shows the unit. Screenshots of each page go to test-artifacts/screenshots.
 */
import type { Context } from 'aws-lambda';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPem } from '../../adapters/pades/certificates.js';
import { createRemindersHandler } from '../../functions/reminders/handler.js';
import { plainPdf, signedBy, testPki } from '../fixtures/pki.js';
import { type Harness, OPEN_2026, ratioBody, startHarness } from '../integration/harness.js';
import { C, setUpRoundCampaign, UNITS, unitToken } from '../integration/round-fixture.js';
import { launchBrowser, shot, signIn as signInAs } from './browser.js';

let h: Harness;
let browser: Browser;
/** Anything the Content-Security-Policy blocked, on any page of any test. */
const blocked: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

const signIn = (role: 'unit' | 'reviewer' | 'admin', unitId?: string, viewport?: { width: number; height: number }) =>
  signInAs(browser, h.url, blocked, role, unitId, viewport);
const recordsCard = (page: Page) =>
  page.locator('section', { has: page.getByRole('heading', { name: /Tỷ lệ hồ sơ công việc/ }) });

async function report(page: Page, numerator: string, denominator: string) {
  const card = recordsCard(page);
  if (!(await card.locator('form.submit-form').isVisible())) await card.locator('summary').click();
  await card.getByLabel('Tử số').fill(numerator);
  await card.getByLabel('Mẫu số').fill(denominator);
  await card.getByLabel('Tên văn bản, tài liệu').first().fill('Báo cáo kết quả chuyển đổi số năm 2026');
  await card.getByLabel('Số văn bản').first().fill('215/BC-UBND');
  await card.getByRole('button', { name: 'Nộp báo cáo' }).click();
}

async function decideInQueue(
  page: Page,
  unitName: string,
  decision: 'Phê duyệt' | 'Yêu cầu bổ sung',
  comment?: string,
  resubmittedFrom?: string,
) {
  await page.goto(`${h.url}/#/tham-dinh?year=2026&criterionId=ho-so-truc-tuyen&level=commune`);
  // After a decision the console is back on this very queue (its filters kept): read it afresh.
  await page.reload();
  await page.locator('#q-criterionId option[value="ho-so-truc-tuyen"][selected]').waitFor({ state: 'attached' });
  const row = page.locator('tr', { hasText: unitName });
  await row.getByRole('link', { name: 'Thẩm định' }).click();
  await page.getByRole('heading', { name: 'Quyết định' }).waitFor();
  // No decision is preselected: the reviewer chooses one.
  expect(await page.locator('[name="decision"]:checked').count()).toBe(0);
  // What the reviewer weighs: the target met or not, the change since the last version, last year's figure.
  expect(await page.locator('main').textContent()).toContain('Năm 2025:');
  if (resubmittedFrom)
    expect(await page.locator('main').textContent()).toContain(`Đã thay đổi lần nộp trước: ${resubmittedFrom}`);
  await page.getByRole('radio', { name: decision }).check();
  if (comment) await page.getByLabel(/Ý kiến/).fill(comment);
  await shot(page, `reviewer-${decision === 'Phê duyệt' ? 'approve' : 'return'}`);
  await page.getByRole('button', { name: 'Ghi quyết định' }).click();
  await page.getByText('Đã ghi quyết định thẩm định.').waitFor();
}

describe('console', () => {
  it('walks a report from a unit through review to the ranking', async () => {
    // A commune-level unit that has not reported yet (the demo's year is under way: others have).
    const [wardId] = (await h.quietUnits('commune')) as [string];
    const ward = (
      await h.call('GET', '/v1/units?year=2026&level=commune', { token: await h.token('reviewer') })
    ).body.items.find((u: { unitId: string }) => u.unitId === wardId);
    const unit = await signIn('unit', wardId);
    expect(await unit.locator('#who').textContent()).toContain(ward.name);
    expect(await unit.getByText('còn 11 ngày').count()).toBe(1);

    // Field errors from the API appear next to the field, all of the form's at once (an empty title beside the
    // figure's error), and each goes when its field is corrected.
    await report(unit, '1200', '1000');
    const numerator = recordsCard(unit).getByLabel('Tử số');
    await expect.poll(() => numerator.getAttribute('aria-invalid')).toBe('true');
    expect(await recordsCard(unit).locator('.field-error').first().textContent()).toContain('mẫu số');
    const title = recordsCard(unit).getByLabel('Tên văn bản, tài liệu').first();
    await title.fill('');
    await recordsCard(unit).getByRole('button', { name: 'Nộp báo cáo' }).click();
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(await numerator.getAttribute('aria-invalid')).toBe('true');
    expect(await recordsCard(unit).locator('.field-error').count()).toBe(2);
    await shot(unit, 'unit-validation');
    await numerator.fill('900');
    expect(await numerator.getAttribute('aria-invalid')).toBeNull();
    expect(await recordsCard(unit).locator('.field-error').count()).toBe(1);

    // 60 % is below the 70 % commune target: submitted, not met. Two evidence entries.
    await recordsCard(unit).getByRole('button', { name: 'Thêm minh chứng' }).click();
    await recordsCard(unit).getByLabel('Tên văn bản, tài liệu').nth(1).fill('Trích xuất hệ thống quản lý văn bản');
    await report(unit, '600', '1000');
    await unit.getByText('Đã nộp báo cáo.').waitFor();
    await expect
      .poll(() => recordsCard(unit).locator('[data-status]').first().textContent())
      .toContain('chờ thẩm định');
    expect(await recordsCard(unit).locator('.badge.notmet').first().textContent()).toBe('Chưa đạt');
    await shot(unit, 'unit-submitted');

    const reviewer = await signIn('reviewer');
    await shot(reviewer, 'reviewer-queue');
    const queued = await h.call(
      'GET',
      '/v1/submissions?status=submitted&year=2026&criterionId=ho-so-truc-tuyen&level=commune',
      { token: await h.token('reviewer') },
    );
    expect(
      queued.body.items
        .find((i: { unitId: string }) => i.unitId === wardId)
        .evidence.map((e: { title: string }) => e.title),
    ).toEqual(['Báo cáo kết quả chuyển đổi số năm 2026', 'Trích xuất hệ thống quản lý văn bản']);
    await decideInQueue(reviewer, ward.name, 'Yêu cầu bổ sung', 'Đề nghị bổ sung số liệu từ hệ thống một cửa điện tử');

    await unit.reload();
    await expect
      .poll(() => recordsCard(unit).locator('[data-status]').first().textContent())
      .toContain('Yêu cầu bổ sung');
    expect(await recordsCard(unit).textContent()).toContain('Đề nghị bổ sung số liệu');
    await report(unit, '950', '1000');
    await unit.getByText('Đã nộp báo cáo.').waitFor();

    await decideInQueue(reviewer, ward.name, 'Phê duyệt', undefined, '600/1.000 (60%)');
    await unit.reload();
    await expect.poll(() => recordsCard(unit).locator('.badge.met').first().textContent()).toBe('Đạt chỉ tiêu');
    await shot(unit, 'unit-approved');

    const admin = await signIn('admin');
    await admin.goto(`${h.url}/#/ket-qua?year=2026&level=commune&cluster=${ward.cluster}`);
    await admin.getByRole('button', { name: 'Chạy tổng hợp năm 2026' }).click();
    await admin.locator(`#ranking tr[data-unit="${wardId}"]`).waitFor();
    const row = admin.locator(`#ranking tr[data-unit="${wardId}"]`);
    expect(await row.locator('td').first().textContent()).toMatch(/^\d+$/);
    expect(await row.textContent()).toContain('30 / 50');
    await shot(admin, 'results-admin');
  }, 180_000);

  it('finds work for each role on a live day of the demo', async () => {
    // A unit part way through its report: days left, and reports still to send.
    const unit = await signIn('unit', 'p-thuy-nguyen');
    expect(await unit.getByText('còn 11 ngày').count()).toBe(1);
    expect(await unit.getByRole('button', { name: 'Nộp báo cáo' }).count()).toBeGreaterThan(0);
    // The board: reports waiting in its queue.
    for (const role of ['reviewer', 'admin'] as const) {
      const staff = await signIn(role);
      await staff.locator('#queue tbody tr').first().waitFor();
      expect(await staff.locator('#queue tbody tr').count()).toBeGreaterThan(1);
    }
    // A cluster head: its members' reports to cross-check.
    const head = await signIn('unit', 'p-hong-bang');
    await head.getByRole('link', { name: 'Bình xét' }).click();
    await head.locator('#cross-check tbody tr').first().waitFor();
    expect(await head.locator('#cross-check tbody tr').count()).toBeGreaterThan(0);
    await shot(head, 'round-head-live');
  });

  it('explains a conflict when another reviewer decided first', async () => {
    const token = await h.token('unit', 'so-tai-chinh-2025');
    const s = await h.call('POST', '/v1/submissions', {
      token,
      body: {
        unitId: 'so-tai-chinh-2025',
        year: 2026,
        criterionId: 'dvc-muc-do-4',
        value: { numerator: 10, denominator: 20 },
        evidence: [{ title: 'Báo cáo' }],
      },
    });
    const page = await signIn('reviewer', undefined);
    await page.goto(`${h.url}/#/tham-dinh/${s.body.submissionId}`);
    await page.getByRole('heading', { name: 'Quyết định' }).waitFor();
    // Someone else decides meanwhile.
    await h.call('POST', `/v1/submissions/${s.body.submissionId}/decision`, {
      token: await h.token('reviewer', undefined, 'other-reviewer'),
      body: { decision: 'approved', expectedVersion: s.body.version },
    });
    await page.getByRole('radio', { name: 'Phê duyệt' }).check();
    await page.getByRole('button', { name: 'Ghi quyết định' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Không ghi được quyết định.*thẩm định viên khác/);
    await shot(page, 'reviewer-conflict');
  });

  it('works at phone width and downloads the reports', async () => {
    const page = await signIn('reviewer', undefined, { width: 390, height: 844 });
    await page.goto(`${h.url}/#/ket-qua?year=2025&level=commune`);
    await page.locator('#ranking').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    expect(await page.locator('.bar').count()).toBeGreaterThan(0);
    await shot(page, 'results-phone');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải Excel (XLSX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('bao-cao-thi-dua-2025.xlsx');
    // Every input has a label.
    const unlabeled = await page.evaluate(
      () =>
        [...document.querySelectorAll('input, select, textarea')].filter(
          (el) => !(el as HTMLInputElement).labels?.length && el.getAttribute('type') !== 'hidden',
        ).length,
    );
    expect(unlabeled).toBe(0);
    // …and so do the many forms of a unit's page, whose ids are unique.
    const unit = await signIn('unit', 'so-khcn-2025');
    const check = await unit.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const fields = [...document.querySelectorAll('input, select, textarea')].filter(
        (el) => el.getAttribute('type') !== 'hidden',
      );
      return {
        duplicates: ids.length - new Set(ids).size,
        unlabeled: fields.filter((el) => !(el as HTMLInputElement).labels?.length).length,
        fields: fields.length,
      };
    });
    expect(check).toMatchObject({ duplicates: 0, unlabeled: 0 });
    expect(check.fields).toBeGreaterThan(20);
    await shot(unit, 'unit-department');
  });

  it('shows the units of a chosen year, a merged unit formed from its predecessors, and their past results', async () => {
    const page = await signIn('reviewer');
    await page.goto(`${h.url}/#/danh-sach?year=2026`);
    await page.getByRole('heading', { name: 'Đơn vị, cụm thi đua năm 2026' }).waitFor();
    expect(await page.locator('tr[data-unit="kien-an"]').count()).toBe(0);
    const ward = page.locator('tr[data-unit="p-hong-bang"]');
    expect(await ward.textContent()).toContain('Trưởng cụm');
    await shot(page, 'units-2026');
    // The year switch: 2025 was scored on the structure before the reform.
    await page.getByLabel('Năm').selectOption('2025');
    await page.getByRole('button', { name: 'Xem' }).click();
    await page.getByRole('heading', { name: 'Đơn vị, cụm thi đua năm 2025' }).waitFor();
    expect(await page.locator('tr[data-unit="kien-an"]').count()).toBe(1);

    await page.goto(`${h.url}/#/don-vi/p-hong-bang`);
    await page.getByRole('heading', { name: 'Phường Hồng Bàng' }).waitFor();
    expect(await page.locator('.lineage').first().textContent()).toContain('Thành lập từ Phường Hùng Vương');
    expect(await page.locator('#results tr[data-year="2025"]').textContent()).toContain('Tính từ đơn vị tiền thân');
    expect(await page.getByRole('heading', { name: 'So sánh với các đơn vị tiền thân năm 2024' }).count()).toBe(1);
    await shot(page, 'unit-lineage');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
  });

  it('switches between movements: each page shows the chosen campaign', async () => {
    const page = await signIn('reviewer');
    await page.goto(`${h.url}/#/ket-qua?year=2025&level=district`);
    await page.locator('#legal-basis').waitFor();
    expect(await page.locator('#legal-basis').textContent()).toContain('175/KH-UBND');
    const pick = page.getByLabel('Phong trào');
    expect(await pick.locator('option').allTextContents()).toEqual([
      '2780/QĐ-UBND — Thành phố Đà Nẵng',
      '175/KH-UBND — Thành phố Hải Phòng',
      '52/5/KH-UBND — Tỉnh Khánh Hòa',
    ]);
    await pick.selectOption('dn-2780');
    await expect.poll(() => page.locator('#legal-basis').textContent()).toContain('2780/QĐ-UBND');
    // Đà Nẵng reads its results as an index, with 4 decimals.
    await page.locator('#ranking th', { hasText: 'Chỉ số' }).waitFor();
    expect(await page.locator('#ranking tbody tr').first().locator('td').nth(3).textContent()).toMatch(
      /^0,\d{4}$|^1,0000$/,
    );
    await shot(page, 'campaign-switch');
  });

  it('a unit attaches a PDF to its report, the reviewer opens it, and anyone reads the public scorecard', async () => {
    const criteria = await h.call('GET', '/v1/criteria?year=2026&level=department', {
      token: await h.token('unit', 'so-khcn-2025'),
    });
    const title = criteria.body.items.find((c: { criterionId: string }) => c.criterionId === 'ho-so-truc-tuyen').title;
    const unit = await signIn('unit', 'so-khcn-2025');
    const card = unit.locator('section', { has: unit.getByRole('heading', { name: title }) });
    if (!(await card.locator('form.submit-form').isVisible())) await card.locator('summary').click();
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
    );
    await card
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: 'Báo cáo 215-BC-UBND.pdf', mimeType: 'application/pdf', buffer: pdf });
    // Uploaded, then scanned: the status says so, with the file's hash, once the scan found it clean.
    await expect.poll(() => card.locator('.file-status').first().textContent()).toMatch(/^Đã tải lên: .*SHA-256/);
    // The file's name fills the title left empty.
    expect(await card.getByLabel('Tên văn bản, tài liệu').first().inputValue()).toBe('Báo cáo 215-BC-UBND');
    await card.getByLabel('Tử số').fill('930');
    await card.getByLabel('Mẫu số').fill('1000');
    await shot(unit, 'unit-evidence-file');
    await card.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await unit.getByText('Đã nộp báo cáo.').waitFor();

    const reviewerToken = await h.token('reviewer');
    const queued = await h.call('GET', '/v1/submissions?unitId=so-khcn-2025&year=2026&status=submitted', {
      token: reviewerToken,
    });
    const report = queued.body.items.find((i: { criterionId: string }) => i.criterionId === 'ho-so-truc-tuyen');
    expect(report.evidence[0].fileId).toMatch(/^f-/);
    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${h.url}/#/tham-dinh/${report.submissionId}`);
    await reviewer.getByRole('button', { name: 'Xem tệp' }).click();
    await reviewer.locator('.file-preview iframe.pdf').waitFor();
    expect(await reviewer.locator('.file-preview').textContent()).toContain('Đã quét, an toàn');
    await shot(reviewer, 'reviewer-evidence-file');

    const approved = await h.call('POST', `/v1/submissions/${report.submissionId}/decision`, {
      token: reviewerToken,
      body: { decision: 'approved', expectedVersion: report.version },
    });
    expect(approved.status).toBe(200);
    // Later than the earlier test's run, so this run is the latest (the harness clock stands still otherwise).
    h.clock.set('2026-11-20T05:00:00Z');
    expect((await h.runToEnd(await h.token('admin'), '/v1/aggregations/2026')).run.status).toBe('succeeded');
    const anyone = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await anyone.goto(`${h.url}/#/bang-diem/2026/so-khcn-2025`);
    await anyone.getByRole('heading', { name: /Bảng điểm công khai/ }).waitFor();
    expect(await anyone.locator('table').textContent()).toContain(title);
    expect(await anyone.locator('table').textContent()).toContain('Minh chứng SHA-256');
    // The cited PDF was not signed: the scorecard says so, as it would name a signer.
    expect(await anyone.locator('table').textContent()).toContain('Tệp không có chữ ký số');
    await shot(anyone, 'public-scorecard');
  }, 180_000);

  it("the reviewer reads who signed a report's PDFs: a good signature, and one broken after signing, each said", async () => {
    const admin = await h.token('admin');
    const pki = await testPki(h.clock.now());
    await h.call('POST', '/v1/trust-anchors', { token: admin, body: { certificate: toPem(pki.root.certificate) } });
    const [unitId] = await h.quietUnits('commune');
    const unitToken = await h.token('unit', unitId);
    const pdf = await plainPdf('Báo cáo 125/BC-UBND về kết quả chuyển đổi số năm 2026');
    const good = await signedBy(pdf, pki.signer, [pki.intermediate], h.clock.now());
    const broken = Buffer.from(good);
    const at = broken.indexOf('/Title') + 8;
    broken[at] = broken[at]! ^ 0x01;
    const fileIds = [
      await h.storeFile(unitToken, unitId!, good, 'Báo cáo 125-BC-UBND.pdf'),
      await h.storeFile(unitToken, unitId!, broken, 'Báo cáo 125-BC-UBND (bản khác).pdf'),
    ];
    const sent = await h.call('POST', '/v1/submissions', {
      token: unitToken,
      body: {
        ...ratioBody(unitId!, 90, 100),
        evidence: fileIds.map((fileId, i) => ({ title: `Báo cáo 125/BC-UBND${i ? ' (bản khác)' : ''}`, fileId })),
      },
    });
    expect(sent.status).toBe(201);
    const reviewer = await signIn('reviewer');
    await reviewer.goto(`${h.url}/#/tham-dinh/${sent.body.submissionId}`);
    const buttons = reviewer.getByRole('button', { name: 'Xem tệp' });
    for (const i of [0, 1]) await buttons.nth(i).click();
    await reviewer.locator('.file-preview .signature.bad').waitFor();
    const lines = await reviewer.locator('.file-preview .signature').allTextContents();
    expect(lines).toEqual([
      expect.stringMatching(
        /^Ký số bởi UBND phường Hồng Bàng \(UBND thành phố Hải Phòng\), \d\d\/\d\d\/2026 .* — nguyên vẹn, chứng thư hợp lệ$/,
      ),
      expect.stringMatching(/— chữ ký không khớp nội dung: tệp đã bị sửa sau khi ký$/),
    ]);
    await shot(reviewer, 'reviewer-signatures');
  });

  it('approves several reports after one confirmation that lists them; the queue is cards on a phone', async () => {
    /** Two departments report the same ratio criterion; the ids of their reports. */
    const reportBoth = async (criterionId: string, numerator: number, denominator: number) => {
      const ids: string[] = [];
      for (const unitId of ['so-xay-dung', 'so-nn-mt']) {
        const r = await h.call('POST', '/v1/submissions', {
          token: await h.token('unit', unitId),
          body: {
            unitId,
            year: 2026,
            criterionId,
            value: { numerator, denominator },
            evidence: [{ title: `Báo cáo ${criterionId}` }],
          },
        });
        expect(r.status).toBe(201);
        ids.push(r.body.submissionId);
      }
      return ids;
    };
    const ids = await reportBoth('dvc-muc-do-4', 19, 20);
    const page = await signIn('reviewer');
    await page.goto(`${h.url}/#/tham-dinh?year=2026&criterionId=dvc-muc-do-4`);
    // The filtered queue, not the one signing in first showed.
    await page.locator('#q-criterionId option[value="dvc-muc-do-4"][selected]').waitFor({ state: 'attached' });
    for (const id of ids) await page.locator(`tr[data-id="${id}"] input.pick`).check();
    await page.getByRole('button', { name: 'Phê duyệt các báo cáo đã chọn' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.locator('li').count()).toBe(2);
    expect(await dialog.textContent()).toContain('Sở Xây dựng');
    await shot(page, 'reviewer-bulk-confirm');
    await dialog.getByRole('button', { name: 'Xác nhận phê duyệt 2 báo cáo' }).click();
    await page.getByText('Đã phê duyệt 2 báo cáo.').waitFor();
    for (const id of ids)
      expect((await h.call('GET', `/v1/submissions/${id}`, { token: await h.token('reviewer') })).body.status).toBe(
        'approved',
      );
    // The filter is still the one the reviewer chose.
    expect(await page.locator('#q-criterionId').inputValue()).toBe('dvc-muc-do-4');

    // Two more reports waiting, so the phone shows cards.
    await reportBoth('ho-so-truc-tuyen', 930, 1000);
    const phone = await signIn('reviewer', undefined, { width: 390, height: 844 });
    await phone.goto(`${h.url}/#/tham-dinh?year=2026`);
    await phone.locator('#queue tbody tr').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await shot(phone, 'reviewer-queue-phone');
  });

  it("an admin's screens: a unit's mailbox address, a year's calendar, targets and quotas, reminders, clusters, a reopening", async () => {
    const admin = await signIn('admin');
    const adminToken = await h.token('admin');
    // A year with no report yet (its rules may still change): 2027, opened from 2026 with one button.
    await admin.goto(`${h.url}/#/quan-tri/nam?year=2026`);
    await admin.getByRole('button', { name: 'Mở năm 2027' }).click();
    await admin.getByText(/^Đã mở năm 2027: \d+ tiêu chí, \d+ cụm, khối\./).waitFor();
    const opened = (await h.call('GET', '/v1/campaigns/hp-175/years/2027', { token: adminToken })).body;
    expect(opened.calendar.submissionClosesAt).toBe('2027-11-30T16:59:59.000Z');
    expect(
      (await h.call('GET', '/v1/campaigns/hp-175/years/2027/clusters', { token: adminToken })).body.clusters,
    ).not.toHaveLength(0);

    // A year with reports, saved untouched: nothing changes, so nothing is refused (the cut-off shown is no change).
    await admin.goto(`${h.url}/#/quan-tri/nam?year=2026`);
    await admin.getByRole('button', { name: 'Lưu bộ tiêu chí, lịch và khen thưởng năm 2026' }).click();
    await admin.getByText(/^Đã lưu năm 2026/).waitFor();

    // Units: a wrong address is refused next to the field, in the form's own words; a right one is stored.
    await admin.goto(`${h.url}/#/quan-tri/don-vi?year=2026&unitId=p-hong-bang`);
    await admin.getByLabel('Thư điện tử nhận nhắc hạn').fill('van thu');
    await admin.getByRole('button', { name: 'Lưu đơn vị' }).click();
    const mailError = admin.locator('#u-mail + .field-error');
    await mailError.waitFor();
    expect(await mailError.textContent()).toMatch(/^Thư điện tử nhận nhắc hạn: phải là địa chỉ thư điện tử/);
    await shot(admin, 'admin-unit-error');
    await admin.getByLabel('Thư điện tử nhận nhắc hạn').fill('vanthu@hongbang.haiphong.invalid');
    await admin.getByRole('button', { name: 'Lưu đơn vị' }).click();
    await admin.getByText('Đã lưu đơn vị Phường Hồng Bàng.').waitFor();
    expect((await h.call('GET', '/v1/units/p-hong-bang', { token: adminToken })).body.contactEmail).toBe(
      'vanthu@hongbang.haiphong.invalid',
    );

    // The year: a target over 100 % is refused at its cell; the calendar and a quota change are stored.
    await admin.goto(`${h.url}/#/quan-tri/nam?year=2027`);
    // The two-tier structure: no district column, the commune level by its name since 1/7/2025.
    const head = (await admin.locator('#criteria thead').textContent()) ?? '';
    expect(head).toContain('Xã, phường, đặc khu');
    expect(head).not.toMatch(/Quận, huyện|thị trấn/);
    const target = admin.getByLabel(/^Chỉ tiêu Xã, phường, đặc khu: Tỷ lệ hồ sơ công việc/);
    await target.fill('150');
    await admin.getByRole('button', { name: /^Lưu bộ tiêu chí/ }).click();
    await admin.locator('td .field-error').first().waitFor();
    expect(await target.getAttribute('aria-invalid')).toBe('true');
    // Typed in percent, said in percent (stored as a fraction, whose bound is 1).
    expect(await admin.locator('td .field-error').first().textContent()).toContain('phải nhỏ hơn hoặc bằng 100 %');
    await shot(admin, 'admin-year-error');
    await target.fill('85');
    await admin.getByLabel('Tổng hợp, xếp hạng cuối năm').fill('29/12/2027 09:00');
    await admin.getByLabel('Số Cờ thi đua mỗi cụm, khối').fill('2');
    await admin.getByRole('button', { name: /^Lưu bộ tiêu chí/ }).click();
    await admin.getByText(/^Đã lưu năm 2027/).waitFor();
    await shot(admin, 'admin-year');
    const year = (await h.call('GET', '/v1/campaigns/hp-175/years/2027', { token: adminToken })).body;
    expect(year.calendar.yearEndRunAt).toBe('2027-12-29T02:00:00.000Z');
    expect(year.awards.flagPerGroup).toBe(2);
    const records = year.criteria.find((c: { criterionId: string }) => c.criterionId === 'ho-so-truc-tuyen');
    expect(records.targets.commune).toBe(0.85);

    // The campaign's reminders.
    await admin.goto(`${h.url}/#/quan-tri/phong-trao?year=2026`);
    await admin.getByLabel(/^Nhắc trước hạn nộp báo cáo/).fill('10, 3');
    await admin.getByLabel(/^Thư tổng hợp hằng ngày gửi tới/).fill('ban-tdkt@haiphong.invalid');
    await admin.getByRole('button', { name: 'Lưu', exact: true }).click();
    await admin.getByText(/^Đã lưu; lịch nhắc hạn/).waitFor();
    expect((await h.call('GET', '/v1/campaigns/hp-175', { token: adminToken })).body.reminders).toEqual({
      daysBeforeReportingDeadline: [10, 3],
      sendAt: '07:30',
      reviewerEmails: ['ban-tdkt@haiphong.invalid'],
    });

    // Clusters of a year from a file, checked before anything is stored.
    await admin.goto(`${h.url}/#/quan-tri/cum?year=2026`);
    await admin.locator('#clusters tbody tr').first().waitFor();
    await admin.getByLabel('Tệp', { exact: true }).setInputFiles({
      name: 'cum-2026.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('clusterId,clusterName,unitId,role\ncum-thu,Cụm thử,p-hong-bang,head\n'),
    });
    // The picker speaks Vietnamese (not the browser's "Choose File / No file chosen") and names the chosen file.
    expect(await admin.locator('.file-picker button').first().textContent()).toBe('Chọn tệp…');
    expect(await admin.locator('.file-chosen').first().textContent()).toBe('cum-2026.csv');
    await admin.getByRole('button', { name: 'Gửi tệp' }).click();
    await admin.getByText(/^Tệp hợp lệ, chưa lưu: 1 dòng/).waitFor();
    // Said in words, not as the API's JSON.
    expect(await admin.evaluate(() => document.body.innerText)).not.toMatch(/\{"|fileSha256/);
    await shot(admin, 'admin-clusters');

    // A file past a request's share is checked as a job: the page follows it and says the same sentence.
    await admin.goto(`${h.url}/#/quan-tri/don-vi?year=2026`);
    await admin.locator('#import-units').waitFor();
    const many = Array.from({ length: 240 }, (_, i) => `xa-thu-${i + 1},Xã thử ${i + 1},commune,xa,2025-07-01`);
    await admin.getByLabel('Tệp', { exact: true }).setInputFiles({
      name: 'don-vi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`unitId,name,level,kind,validFrom\n${many.join('\n')}\n`),
    });
    await admin.getByRole('button', { name: 'Gửi tệp' }).click();
    await admin.getByText(/^Tệp hợp lệ, chưa lưu: 240 dòng \(240 sẽ thêm mới/).waitFor();

    // A reopening needs a reason and a time to come; both are said next to their fields.
    await admin.goto(`${h.url}/#/quan-tri/mo-lai?year=2026`);
    await admin.getByRole('button', { name: 'Mở lại', exact: true }).click();
    await admin.locator('#ro-reason + .field-error').waitFor();
    expect(await admin.locator('#ro-reason + .field-error').textContent()).toMatch(/^Lý do: /);
    // So does a stage's reopening (bình xét).
    await admin.getByRole('button', { name: 'Mở lại giai đoạn' }).click();
    await admin.locator('#rs-reason + .field-error').waitFor();
    expect(await admin.locator('#rs-reason + .field-error').textContent()).toMatch(/^Lý do: /);
    await shot(admin, 'admin-reopen');
    expect(await admin.evaluate(() => document.body.innerText)).not.toMatch(/\b(undefined|null|NaN)\b/);

    // Results say they are provisional until the admin finalizes the year, after a confirmation naming what it locks;
    // the board may finalize once the clusters' meetings have closed (18/12 17:00).
    h.clock.set('2026-12-19T03:00:00Z');
    await admin.goto(`${h.url}/#/ket-qua?year=2026`);
    await admin.locator('#result-status').waitFor();
    expect(await admin.locator('#result-status').textContent()).toBe('Kết quả tạm tính');
    await admin.getByRole('button', { name: 'Chốt kết quả chính thức năm 2026' }).click();
    const confirm = admin.getByRole('dialog');
    expect(await confirm.textContent()).toContain('khóa mọi thay đổi của năm 2026');
    await shot(admin, 'admin-finalize-confirm');
    await confirm.getByRole('button', { name: 'Chốt và khóa năm 2026' }).click();
    await admin.getByText(/^Đã chốt kết quả chính thức năm 2026/).waitFor();
    expect(await admin.locator('#result-status').textContent()).toBe('Kết quả chính thức');
    await shot(admin, 'admin-finalized');
    // Reopened with a reason, so the tests after this one find 2026 open.
    await admin.getByRole('button', { name: 'Mở lại năm 2026' }).click();
    await admin.getByLabel(/^Lý do/).fill('Thử nghiệm mở lại năm trong kiểm thử giao diện');
    await admin.getByRole('button', { name: 'Mở lại', exact: true }).click();
    await admin.getByText(/^Đã mở lại năm 2026/).waitFor();
    expect(await admin.locator('#result-status').textContent()).toBe('Kết quả tạm tính');
    h.clock.set(OPEN_2026);

    // A revoked award stays in the ranking of a final year (the seeded 2025), marked as revoked with its reason.
    const awarded = (await h.call('GET', '/v1/rankings/2025?level=department', { token: adminToken })).body.items.find(
      (r: { award: string | null }) => r.award,
    );
    expect(
      (
        await h.call('POST', `/v1/awards/2025/${awarded.unitId}/revoke`, {
          token: adminToken,
          body: { reason: 'Kết luận thanh tra: số liệu không trung thực' },
        })
      ).status,
    ).toBe(200);
    await admin.goto(`${h.url}/#/ket-qua?year=2025&level=department`);
    const revoked = admin.locator(`tr[data-unit="${awarded.unitId}"] .badge.notmet`);
    await revoked.waitFor();
    expect(await revoked.textContent()).toContain('Đã thu hồi');
    await shot(admin, 'results-award-revoked');
  });

  it('a unit reads in its Hộp thư the reminder it was sent', async () => {
    const sent = await createRemindersHandler(h.server.deps)(
      {
        source: 'reminder-schedule',
        kind: 'deadline-reminder',
        campaignId: 'hp-175',
        year: 2026,
        daysBefore: 10,
      } as never,
      {} as Context,
    );
    expect(sent).toMatchObject({ failed: 0 });
    const unit = await signIn('unit', 'p-hong-bang');
    await unit.getByRole('link', { name: 'Hộp thư', exact: true }).click();
    const message = unit.locator('article.message').first();
    await message.waitFor();
    expect(await message.textContent()).toContain('Kính gửi: Phường Hồng Bàng');
    expect(await message.textContent()).toContain('Gửi tới: vanthu@hongbang.haiphong.invalid');
    await shot(unit, 'unit-mailbox');
  });

  it('a bình xét round: the head cross-checks, a unit objects, members vote by secret ballot, the head records the minutes, the admin finalizes', async () => {
    const admin = await h.token('admin', undefined, 'quantri-binh-xet');
    h.clock.set('2026-11-25T03:00:00Z');
    const { submitted } = await setUpRoundCampaign(h, admin);
    const inRound = async (page: Page, hash = '#/binh-xet') => {
      await page.getByLabel('Phong trào').selectOption(C);
      await page.goto(`${h.url}/${hash}`);
      await page.locator('#stages').waitFor();
    };

    // Cross-check: the head sees its members' reports, not its own, and decides one as the head.
    h.clock.set('2026-12-02T03:00:00Z');
    const head = await signIn('unit', 'bx-a');
    await inRound(head);
    expect(await head.locator('#membership').textContent()).toContain('Trưởng cụm');
    expect(await head.locator('tr[data-stage="cross-check"]').textContent()).toContain('Đang mở');
    expect((await head.locator('#cross-check tbody tr').allTextContents()).map((t) => t.slice(0, 18)).sort()).toEqual([
      'Sở B tỉnh Bình Xét',
      'Sở C tỉnh Bình Xét',
      'Sở D tỉnh Bình Xét',
    ]);
    await shot(head, 'round-cross-check');
    await head.locator('#cross-check tr[data-unit="bx-d"]').getByRole('link', { name: 'Kiểm tra' }).click();
    await head.getByRole('radio', { name: 'Phê duyệt' }).check();
    await head.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await head.getByText('Đã gửi đề xuất; Ban Thi đua - Khen thưởng sẽ xác nhận.').waitFor();
    await head.locator('#cross-check').waitFor();
    expect(await head.locator('#cross-check tr[data-unit="bx-d"]').textContent()).toContain('Đề xuất phê duyệt');
    const recommended = await h.call('GET', `/v1/submissions/${submitted['bx-d']!.submissionId}`, { token: admin });
    expect(recommended.body).toMatchObject({
      status: 'submitted',
      recommendation: { decision: 'approved', capacity: 'cluster-head', unitId: 'bx-a' },
    });
    // The reviewer sees the head's recommendation beside the form, and confirms it: only that counts.
    const confirming = await signIn('reviewer');
    await confirming.getByLabel('Phong trào').selectOption(C);
    await confirming.goto(`${h.url}/#/tham-dinh/${submitted['bx-d']!.submissionId}`);
    await confirming.locator('#recommendation').waitFor();
    expect(await confirming.locator('#recommendation').textContent()).toContain('Đề xuất của trưởng cụm, khối');
    await shot(confirming, 'review-recommendation');
    await confirming.getByRole('button', { name: 'Xác nhận đề xuất' }).click();
    await confirming.getByText('Đã xác nhận đề xuất của trưởng cụm.').waitFor();
    const confirmed = await h.call('GET', `/v1/submissions/${submitted['bx-d']!.submissionId}`, { token: admin });
    expect(confirmed.body).toMatchObject({
      status: 'approved',
      review: { capacity: 'reviewer', recommendation: 'confirmed' },
    });
    // The rest through the API: the head recommends its members', the deputy the head's own; a reviewer confirms.
    const decide = async (unitId: string, by: string) => {
      const s = submitted[unitId]!;
      for (const token of [await unitToken(h, by), await h.token('reviewer')])
        expect(
          (
            await h.call('POST', `/v1/submissions/${s.submissionId}/decision`, {
              token,
              body: { decision: 'approved', expectedVersion: s.version },
            })
          ).status,
        ).toBe(200);
    };
    await decide('bx-b', 'bx-a');
    await decide('bx-c', 'bx-a');
    await decide('bx-a', 'bx-b');

    // Provisional results; a unit below target objects in the objection window and a reviewer answers.
    h.clock.set('2026-12-09T07:30:00Z');
    expect((await h.runToEnd(admin, `/v1/aggregations/2026?campaignId=${C}`)).run.status).toBe('succeeded');
    h.clock.set('2026-12-10T03:00:00Z');
    const objecting = await signIn('unit', 'bx-c');
    await inRound(objecting);
    expect(await objecting.locator('#round-status').textContent()).toBe('Kết quả tạm tính');
    await objecting.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    await objecting.locator('#o-reason + .field-error').waitFor();
    expect(await objecting.locator('#o-reason + .field-error').textContent()).toContain('Nội dung kiến nghị');
    await objecting
      .getByLabel(/Nội dung kiến nghị/)
      .fill('Số hồ sơ trực tuyến đúng là 905/1000 theo Hệ thống thông tin giải quyết TTHC');
    await objecting.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    await objecting.getByText('Đã gửi kiến nghị').waitFor();
    expect(await objecting.locator('#objections').textContent()).toContain('Chờ trả lời');
    await shot(objecting, 'round-objection');
    const reviewer = await signIn('reviewer');
    await inRound(reviewer);
    const answer = reviewer.locator('form.answer').first();
    await answer.getByRole('radio', { name: 'Không chấp nhận' }).check();
    await answer.getByLabel('Ý kiến trả lời').fill('Hệ thống ghi nhận 850/1000 hồ sơ trực tuyến; giữ nguyên số liệu');
    await answer.getByRole('button', { name: 'Gửi trả lời' }).click();
    await reviewer.getByText('Đã trả lời kiến nghị.').waitFor();
    expect(await reviewer.locator('#objections').textContent()).toContain('Không được chấp nhận');

    // The meetings: a member votes by secret ballot in the console; a second ballot is refused.
    h.clock.set('2026-12-15T03:00:00Z');
    const voter = await signIn('unit', 'bx-b');
    await inRound(voter);
    const choices = voter.locator('#ballot input[name="candidate"]');
    expect(await choices.count()).toBe(3);
    await voter.getByLabel(/Sở D tỉnh Bình Xét/).check();
    await shot(voter, 'round-ballot');
    await voter.getByRole('button', { name: 'Bỏ phiếu' }).click();
    await voter.locator('#voted').waitFor();
    expect(await voter.locator('#turnout').textContent()).toContain('Đã bỏ phiếu: 1/4');
    expect(await voter.locator('#tally').count()).toBe(0);
    const again = await h.call('POST', '/v1/clusters/khoi-so/years/2026/ballots', {
      token: await unitToken(h, 'bx-b'),
      body: { campaignId: C, candidates: ['bx-a'] },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ALREADY_VOTED');

    // The head votes and records the minutes; the others vote through the API.
    const chair = await signIn('unit', 'bx-a');
    await inRound(chair);
    await chair.getByLabel(/Sở D tỉnh Bình Xét/).check();
    await chair.getByRole('button', { name: 'Bỏ phiếu' }).click();
    await chair.locator('#voted').waitFor();
    await chair.getByLabel('Ngày họp').fill('16/12/2026');
    await chair.getByLabel('Địa điểm').fill('Hội trường Sở A, tỉnh Bình Xét');
    await chair.getByLabel('Chủ trì').fill('Giám đốc Sở A tỉnh Bình Xét, Trưởng khối');
    await chair.getByLabel('Thư ký').fill('Chuyên viên Văn phòng Sở A');
    await chair.getByLabel(/Thành phần tham dự/).fill(UNITS.map(([, name]) => name).join('\n'));
    await chair.getByRole('button', { name: 'Lưu biên bản' }).click();
    await chair.getByText('Đã lưu biên bản họp bình xét.').waitFor();
    expect(await chair.locator('#minutes').textContent()).toContain('16/12/2026');
    expect(await chair.locator('#minutes').textContent()).toContain('Chuyên viên Văn phòng Sở A');
    await shot(chair, 'round-head-minutes');
    for (const [unitId, candidates] of [
      ['bx-c', ['bx-d']],
      ['bx-d', ['bx-a']],
    ] as const)
      expect(
        (
          await h.call('POST', '/v1/clusters/khoi-so/years/2026/ballots', {
            token: await unitToken(h, unitId),
            body: { campaignId: C, candidates },
          })
        ).status,
      ).toBe(201);

    // After the meetings: the tally and the result; the admin finalizes and downloads the winner's dossier.
    h.clock.set('2026-12-19T03:00:00Z');
    const board = await signIn('admin');
    await inRound(board);
    expect(await board.locator('#turnout').textContent()).toContain('Đã bỏ phiếu: 4/4');
    expect(await board.locator('#vote-result').textContent()).toBe('Đề nghị Cờ thi đua: Sở D tỉnh Bình Xét');
    expect(await board.locator('#tally tbody tr').first().textContent()).toContain('3');
    await shot(board, 'round-tally');
    await board.goto(`${h.url}/#/ket-qua?year=2026&level=department&cluster=khoi-so`);
    await board.locator('#ranking').waitFor();
    expect(await board.locator('#result-status').textContent()).toBe('Kết quả tạm tính');
    await board.getByRole('button', { name: 'Chốt kết quả chính thức năm 2026' }).click();
    await board.getByRole('button', { name: 'Chốt và khóa năm 2026' }).click();
    await board.getByText('Đã chốt kết quả chính thức năm 2026').waitFor();
    expect(await board.locator('#result-status').textContent()).toBe('Kết quả chính thức');
    const winner = board.locator('#ranking tr[data-unit="bx-d"]');
    expect(await winner.textContent()).toContain('Cờ thi đua');
    const [dossier] = await Promise.all([
      board.waitForEvent('download'),
      winner.getByRole('button', { name: 'Word' }).click(),
    ]);
    expect(dossier.suggestedFilename()).toBe('ho-so-khen-thuong-2026-bx-d.docx');
    await shot(board, 'round-finalized');
    // The year is locked: a late ballot or objection is refused.
    const late = await h.call('POST', '/v1/objections', {
      token: await unitToken(h, 'bx-d'),
      body: { campaignId: C, year: 2026, criterionId: 'ho-so-truc-tuyen', reason: 'Muộn' },
    });
    expect(late.body.error.code).toBe('YEAR_FINALIZED');
    h.clock.set(OPEN_2026);
  });

  it('breaks no rule of the Content-Security-Policy on any page it showed', () => {
    expect(blocked).toEqual([]);
  });
});
