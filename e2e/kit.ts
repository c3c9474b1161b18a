// What every journey uses: `test` (which fails a test when a page raised an uncaught error
// during it, or when a page left open by it breaks an accessibility rule: axe.ts), `expect`,
// browser contexts that report those errors, a page shared by a serial describe, sign-in,
// downloads and screenshots.
import fs from 'node:fs';
import path from 'node:path';
import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Download, type Locator, type Page } from '@playwright/test';
import { checkA11y } from './axe.ts';
import type { PreparedData } from './prepare.ts';
import { repoRoot } from './server.ts';

export { expect };
export { checkA11y };
export { adminPassword, demoPassword } from './server.ts';

/** Where the screenshots a person can look at go (the runner's own artifacts go below, in results/). */
export const artifacts = path.join(repoRoot, 'e2e', 'artifacts');

// Uncaught errors of every page opened through openContext, since the last test ended.
const pageErrors: string[] = [];
// The open pages of those contexts: each is checked with axe as a test leaves it.
const openPages = new Set<Page>();

export const test = base.extend<{ noPageErrors: void; accessiblePages: void }>({
  noPageErrors: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use) => {
      await use();
      expect(pageErrors.splice(0), 'the pages raised uncaught errors').toEqual([]);
    },
    { auto: true },
  ],
  accessiblePages: [
    // eslint-disable-next-line no-empty-pattern -- as above
    async ({}, use, testInfo) => {
      await use();
      // A failed step has said what went wrong; a check of its half-done page would only add noise.
      if (testInfo.status !== testInfo.expectedStatus) return;
      for (const page of openPages) await checkA11y(page);
    },
    { auto: true },
  ],
});

/** A browser context (base URL and locale from the config) whose pages' uncaught errors and accessibility faults fail the test. */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...options });
  context.on('weberror', (error) => pageErrors.push(error.error().message));
  context.on('page', (page) => {
    openPages.add(page);
    page.on('close', () => openPages.delete(page));
  });
  return context;
}

/** A phone's window, for /m and /portal. */
export const phone = { viewport: { width: 414, height: 860 }, isMobile: true } satisfies BrowserContextOptions;

/**
 * The page that the tests of a serial describe share, in its own context: opened before the
 * first test and closed after the last. Call it in the describe; `use` receives the page.
 */
export function sharePage(use: (page: Page) => void, options: BrowserContextOptions = {}): void {
  let context: BrowserContext | undefined;
  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser, options);
    use(await context.newPage());
  });
  test.afterAll(async () => {
    await context?.close();
  });
}

/** The data global-setup.ts prepared before the server started. */
export function prepared(): PreparedData {
  const data = process.env.GONGZHI_E2E_PREPARED;
  if (!data) throw new Error('GONGZHI_E2E_PREPARED is not set: run the journeys with `npx playwright test`');
  return JSON.parse(data) as PreparedData;
}

/** Signs in on the login page the browser shows (checked with axe first). */
export async function signIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').waitFor();
  await checkA11y(page);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Opens the login page, signs in, and waits until the app lands where `landing` says (anywhere but /login unless told). */
export async function signInFromLogin(
  page: Page,
  username: string,
  password: string,
  landing: RegExp | ((url: URL) => boolean) = (url) => !url.pathname.startsWith('/login'),
) {
  await page.goto('/login');
  await signIn(page, username, password);
  await page.waitForURL(landing);
  await checkA11y(page);
}

/** Clicks what downloads a file and checks it is an .xlsx workbook (a zip) named so. */
export async function downloadXlsx(page: Page, testId: string): Promise<Download> {
  const download = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  const file = await download;
  expect(file.suggestedFilename().endsWith('.xlsx'), `${testId} gave ${file.suggestedFilename()}`).toBeTruthy();
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(0, 2).toString('latin1') === 'PK', `${testId} did not give an .xlsx (zip) file`).toBeTruthy();
  return file;
}

export async function menuLabels(page: Page): Promise<string[]> {
  await page.getByTestId('console-menu').waitFor();
  return page.locator('[data-testid=console-menu] .ant-menu-item').allInnerTexts();
}

/** A screenshot after antd's transitions (≤ 0.3 s) have finished. */
export async function snap(page: Page, name: string) {
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(artifacts, name) });
}

/** A whole-page screenshot (phone pages and the case page are taller than the window). */
export async function snapFull(page: Page, name: string) {
  // From the top: a sticky header scrolled along would be drawn mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(artifacts, name), fullPage: true });
}

/**
 * Chooses an option of an antd Select by keyboard (the first, or the first holding `text`) and
 * waits until the field shows it: a mouse click can land on a list still fading in or out.
 */
export async function chooseByKeyboard(page: Page, box: Locator, text?: string) {
  // The list this field controls (the one a choice just closed may still be fading out).
  const list = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${await box.getAttribute('id')}_list"]`) });
  await box.focus();
  await box.press('ArrowDown');
  const active = list.locator('.ant-select-item-option-active');
  await active.waitFor();
  for (let i = 0; text !== undefined && i < 30 && !(await active.innerText()).includes(text); i++) await box.press('ArrowDown');
  const chosen = ((await active.innerText()).trim().split('\n')[0] ?? '').slice(0, 6);
  await box.press('Enter');
  await expect.poll(() => box.evaluate((el) => el.closest('.ant-select')?.textContent ?? ''), { message: 'the choice took' }).toContain(chosen);
}
