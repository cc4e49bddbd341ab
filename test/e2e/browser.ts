/**
 * Debian's Chromium driven by playwright-core (no downloaded browser), shared by the end-to-end suites: the launch,
 * a person signing in through the console's own sign-in page, and full-page screenshots for a person to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = 'test-artifacts/screenshots';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `${CHROMIUM} is missing: run npm test as root (its pretest installs Debian's chromium) or apt-get install chromium`,
    );
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--lang=vi-VN',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Signs in through the sign-in page as a role (and unit); what the Content-Security-Policy blocks on its pages is
 * pushed to `blocked`.
 */
export async function signIn(
  browser: Browser,
  url: string,
  blocked: string[],
  role: 'unit' | 'reviewer' | 'admin',
  unitId?: string,
  viewport = { width: 1280, height: 900 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  // Short action timeouts: a stuck step fails with its own message, well inside the test's timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) blocked.push(m.text());
  });
  await page.goto(`${url}/`);
  await page.getByLabel('Vai trò').selectOption(role);
  if (unitId) await page.getByLabel('Đơn vị', { exact: true }).selectOption(unitId);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForSelector('h1:not(:has-text("Đăng nhập"))');
  expect(errors).toEqual([]);
  return page;
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
