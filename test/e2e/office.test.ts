/**
 * The console as a Vietnamese office reads it, checked on every page in each role and on a phone: no English word
 * from a kept list and no raw id where a person reads, and an axe-core audit with no serious or critical violation.
 * And the flows that were broken: the objection form after an admin reopens the stage, registering a unit's system
 * (the list refreshed, times as dd/mm/yyyy HH:mm, the token URL to hand over), an import's dry run as a table.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, ratioBody, startHarness } from '../integration/harness.js';
import { launchBrowser, SHOTS, shot, signIn } from './browser.js';

let h: Harness;
let browser: Browser;
const blocked: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Words that are the code's, not the office's: none may reach a page a person reads. */
const ENGLISH = [
  'denominator',
  'numerator',
  'department',
  'district',
  'commune',
  'enterprise',
  'local-',
  'Choose File',
  'No file chosen',
  'undefined',
  'NaN',
  '[object Object]',
  'Asia/Ho_Chi_Minh',
  'submitted',
  'approved',
  'rejected',
  'pending',
];
/** An id as the platform makes them (lowercase words joined by hyphens, at least three): a name belongs there. */
const RAW_ID = /(?<![\w/.-])[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}(?![\w/.-])/;

/**
 * axe-core's WCAG 2.1 A and AA rules on the page, run in it (legacy mode: the console has no cross-origin frame). The
 * default mode opens a blank page for every audit to merge the frames' results, which took 2–9 s an audit where this
 * takes 0.6–4 s (12/2026).
 */
const axeAudit = (page: Page) =>
  new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode().analyze();

/** What is wrong on the page as shown now: English words, raw ids, serious or critical accessibility violations. */
async function audit(page: Page, where: string): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  const found = ENGLISH.filter((w) => text.includes(w)).map((w) => `${where}: "${w}"`);
  const id = RAW_ID.exec(text);
  if (id) found.push(`${where}: mã thô "${id[0]}" trong "${text.slice(Math.max(0, id.index - 40), id.index + 40)}"`);
  const axe = await axeAudit(page);
  // The audit ran on the page (rules passed), not on an empty document.
  expect(axe.passes.length, where).toBeGreaterThan(5);
  for (const v of axe.violations)
    if (v.impact === 'serious' || v.impact === 'critical')
      found.push(
        `${where}: axe ${v.id} (${v.impact}) — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
      );
  return found;
}

/** Opens a page afresh (a hash change alone would audit the page before it was drawn again), drawn whole. */
async function visit(page: Page, hash: string) {
  await page.goto('about:blank');
  await page.goto(`${h.url}/${hash}`);
  await page.waitForFunction(
    () =>
      !document.querySelector('.spinner') &&
      document.querySelector('main h1') &&
      !/Đang tải/.test(document.body.innerText),
  );
}

describe('every page in each role', () => {
  it('has no English word, no raw id and no serious accessibility violation', async () => {
    const [commune] = await h.quietUnits('commune');
    const problems: string[] = [];
    const pages: Array<[role: 'unit' | 'reviewer' | 'admin', unitId: string | undefined, hashes: string[]]> = [
      ['unit', commune, ['#/don-vi', '#/binh-xet', '#/ket-qua', '#/danh-sach', '#/hop-thu', `#/don-vi/${commune}`]],
      ['reviewer', undefined, ['#/tham-dinh', '#/binh-xet', '#/ket-qua', '#/danh-sach', '#/hop-thu']],
      [
        'admin',
        undefined,
        ['don-vi', 'cum', 'nam', 'phong-trao', 'mo-lai', 'nhap', 'ket-noi'].map((t) => `#/quan-tri/${t}?year=2026`),
      ],
    ];
    // Each role on a desktop and on a phone at once: the two browsers wait on the server at different moments.
    for (const [role, unitId, hashes] of pages)
      await Promise.all(
        [undefined, { width: 390, height: 844 }].map(async (viewport) => {
          const page = await signIn(browser, h.url, blocked, role, unitId, viewport);
          for (const hash of hashes) {
            await visit(page, hash);
            problems.push(...(await audit(page, `${role}${viewport ? ' (điện thoại)' : ''} ${hash}`)));
          }
          if (viewport) {
            // On a phone the header keeps the campaign select whole and leaves most of the screen to the page.
            const header = (await page.locator('header.top').boundingBox())!;
            const select = await page.locator('header.top select').boundingBox();
            if (header.height > viewport.height / 4)
              problems.push(`${role} (điện thoại): đầu trang cao ${header.height}px`);
            if (select && select.x + select.width > viewport.width)
              problems.push(`${role} (điện thoại): ô chọn phong trào bị cắt`);
            await page.evaluate(() => window.scrollTo(0, 0));
            await page.screenshot({ path: `${SHOTS}/header-phone-${role}.png` });
          }
          await page.context().close();
        }),
      );
    expect(problems.join('\n')).toBe('');
  }, 300_000);
});

describe('the API reading page (/docs)', () => {
  it('draws the contract in Vietnamese — groups, parameters, answers with examples — with no serious accessibility violation', async () => {
    const problems: string[] = [];
    for (const viewport of [
      { width: 1280, height: 900 },
      { width: 390, height: 844 },
    ]) {
      const context = await browser.newContext({ viewport, locale: 'vi-VN' });
      const page = await context.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') blocked.push(`/docs: ${m.text()}`);
      });
      await page.goto(`${h.url}/docs`);
      await page.waitForSelector('nav h2');
      const text = await page.evaluate(() => document.body.innerText);
      for (const heading of ['Mục lục', 'Báo cáo số liệu', 'Thẩm định', 'Tham số', 'Trả lời 201', 'Ví dụ câu trả lời'])
        expect(text, heading).toContain(heading);
      // Swagger UI's chrome, in English, is gone.
      for (const word of ['Swagger', 'Try it out', 'Parameters', 'Responses', 'Schemas', 'Execute'])
        expect(text, word).not.toContain(word);
      // Every operation of the contract is drawn.
      expect(await page.locator('section.op').count()).toBeGreaterThan(55);
      const axe = await axeAudit(page);
      for (const v of axe.violations)
        if (v.impact === 'serious' || v.impact === 'critical') problems.push(`/docs ${viewport.width}: axe ${v.id}`);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, 'the page fits its width').toBeLessThanOrEqual(viewport.width);
      // The page is long (every operation): its top, and one operation opened, as a person first sees them.
      await page.screenshot({ path: `${SHOTS}/api-docs-${viewport.width}.png` });
      const submit = page.locator('#postV1Submissions');
      await submit.locator('details summary').first().click();
      await submit.scrollIntoViewIfNeeded();
      await submit.screenshot({ path: `${SHOTS}/api-docs-submit-${viewport.width}.png` });
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});

describe('the flows a new user found broken', () => {
  it('an admin reopens the objection stage (dd/mm/yyyy HH:mm); the unit then sees the stage and files an objection', async () => {
    const admin = await signIn(browser, h.url, blocked, 'admin');
    await visit(admin, '#/quan-tri/mo-lai?year=2026');
    const stageForm = admin.locator('#reopen-stage');
    await stageForm.getByLabel('Giai đoạn').selectOption('objections');
    await stageForm.getByLabel(/^Mở đến/).fill('30/11/2026 17:00');
    await stageForm.getByLabel(/^Lý do/).fill('Bổ sung giai đoạn kiến nghị theo chỉ đạo của Ban');
    await stageForm.getByRole('button').last().click();
    await admin
      .getByText(/Đã mở lại/)
      .first()
      .waitFor();
    await admin.context().close();

    const [commune] = await h.quietUnits('commune');
    const unit = await signIn(browser, h.url, blocked, 'unit', commune);
    await visit(unit, '#/binh-xet');
    await unit.locator('#stages tr[data-stage="objections"]').waitFor();
    expect(await unit.locator('#stages tr[data-stage="objections"]').textContent()).toContain('Đang mở');
    const form = unit.locator('form#objection');
    await form
      .getByLabel('Nội dung kiến nghị (số liệu đúng và căn cứ)')
      .fill('Số liệu hồ sơ trực tuyến là 412/500 theo Báo cáo 125/BC-UBND');
    await form.getByRole('button', { name: 'Gửi kiến nghị' }).click();
    await unit.locator('#objections li').first().waitFor();
    expect(await audit(unit, 'đơn vị, sau khi gửi kiến nghị')).toEqual([]);
    await shot(unit, 'unit-objection-after-reopening');
    await unit.context().close();
  });

  it("registering a unit's system: the list shows it at once, its time as dd/mm/yyyy HH:mm, and what to hand over", async () => {
    const admin = await signIn(browser, h.url, blocked, 'admin');
    await visit(admin, '#/quan-tri/ket-noi?year=2026&unitId=so-khcn-2025');
    await admin.getByLabel('Tên ứng dụng').fill('Hệ thống một cửa điện tử của Sở');
    await admin.getByRole('button', { name: 'Đăng ký' }).click();
    await admin.locator('.handover').waitFor();
    const row = admin.locator('tr', { hasText: 'Hệ thống một cửa điện tử của Sở' });
    expect(await row.locator('td[data-label="Tạo lúc"]').textContent()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const handover = await admin.locator('.handover').textContent();
    expect(handover).toContain('/local/oauth2/token');
    expect(handover).toMatch(/client_secret/);
    await shot(admin, 'admin-client-registered');
    await admin.context().close();
  });

  it('an import checked without storing is a table of its rows; a wrong file a table of its problems', async () => {
    const admin = await signIn(browser, h.url, blocked, 'admin');
    await visit(admin, '#/quan-tri/nhap?year=2026');
    const form = admin.locator('#import-figures');
    const send = async (name: string, lines: string[]) => {
      await form.getByLabel('Tệp', { exact: true }).setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(`\uFEFFMã đơn vị;Mã tiêu chí;Năm;Tử số;Mẫu số;Nguồn số liệu\r\n${lines.join('\r\n')}\r\n`),
      });
      await form.getByRole('button', { name: 'Gửi tệp' }).click();
    };
    await send('so-lieu.csv', [
      'so-khcn-2025;ho-so-truc-tuyen;2026;412;500;Hệ thống TTHC',
      'so-tai-chinh-2025;ho-so-truc-tuyen;2026;388;400;Hệ thống TTHC',
    ]);
    await admin.locator('#import-figures table.import-rows tbody tr').nth(1).waitFor();
    const rows = await admin.locator('#import-figures table.import-rows tbody tr').allTextContents();
    expect(rows[0]).toMatch(/^2Sở Khoa học và Công nghệ.*sẽ thêm mới$/);
    await shot(admin, 'admin-import-dry-run');
    await send('so-lieu-sai.csv', [
      'so-khcn-2025;ho-so-truc-tuyen;2026;600;500;',
      'khong-co;ho-so-truc-tuyen;2026;1;2;',
    ]);
    await admin.locator('#import-figures table.import-problems tbody tr').nth(1).waitFor();
    const problems = await admin.locator('#import-figures table.import-problems tbody tr').allTextContents();
    expect(problems).toEqual([
      expect.stringMatching(/^2Tử sốkhông được lớn hơn mẫu số$/),
      expect.stringMatching(/^3Mã đơn vịkhông có đơn vị mã khong-co$/),
    ]);
    expect(await audit(admin, 'nhập số liệu, tệp sai')).toEqual([]);
    await shot(admin, 'admin-import-problems');
    await admin.context().close();
  });

  it('broke no rule of the Content-Security-Policy on any page it showed', () => {
    expect(blocked).toEqual([]);
  });
});

describe('the keyboard alone', () => {
  it("works the reviewer's queue and the review form: focus in page order and visible, Space, Enter and Escape", async () => {
    const [unitId] = await h.quietUnits('department');
    const sent = await h.call('POST', '/v1/submissions', {
      token: await h.token('unit', unitId),
      body: ratioBody(unitId!, 45, 50),
    });
    expect(sent.status).toBe(201);
    const page = await signIn(browser, h.url, blocked, 'reviewer');
    await visit(page, '#/tham-dinh');
    // Nothing jumps the page's order.
    expect(await page.locator('[tabindex]:not([tabindex="0"]):not([tabindex="-1"])').count()).toBe(0);
    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        return e ? { tag: e.tagName, cls: e.className, text: e.textContent?.trim() ?? '', id: e.id } : null;
      });
    const tabTo = async (
      matches: (e: { tag: string; cls: string; text: string; id: string }) => boolean,
      key: 'Tab' | 'Shift+Tab' = 'Tab',
    ) => {
      const seen: string[] = [];
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press(key);
        const e = await focused();
        if (e && matches(e)) return;
        seen.push(`${e?.tag}.${e?.cls}#${e?.id} ${e?.text.slice(0, 20)}`);
      }
      throw new Error(`không tới được bằng phím Tab; đã qua: ${seen.join(' | ')}`);
    };
    const outline = () => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    await tabTo((e) => e.tag === 'INPUT' && e.cls.includes('pick'));
    expect(await outline()).not.toBe('none');
    await page.keyboard.press('Space');
    // The button that acts on the picked rows is above them: back to it.
    await tabTo((e) => e.id === 'bulk', 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('#bulk-confirm[open]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#bulk-confirm:not([open])').waitFor({ state: 'attached' });
    expect((await focused())?.id).toBe('bulk');
    // The report itself: Enter on its link, a decision by Space and Enter.
    await tabTo((e) => e.tag === 'A' && e.text === 'Thẩm định');
    expect(await outline()).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Quyết định' }).waitFor();
    await tabTo((e) => e.tag === 'INPUT' && e.text === '');
    await page.keyboard.press('Space');
    await tabTo((e) => e.tag === 'BUTTON' && e.text === 'Ghi quyết định');
    await page.keyboard.press('Enter');
    await page
      .getByText(/Đã ghi quyết định|đã phê duyệt/i)
      .first()
      .waitFor();
    await page.context().close();
  });
});
