// The practice library in Chromium against the real server: anyone opens it from /portal, sees
// how many practices it holds, narrows it to one year, opens a practice and its feature links;
// on a phone the same pages fit the screen; district staff link a practice to a feature.
import type { BrowserContext, Page } from '@playwright/test';
import { demoPassword, expect, openContext, signIn, snap, snapFull, test } from '../../../../../e2e/kit.ts';

// Every practice the seed documents record (see src/modules/practices/records): 11 of 2013, 20 of
// 2014, 40 zones of 2015, 31 of 2019 and 4 case studies.
const SHIPPED = 106;

async function totalShown(page: Page): Promise<number> {
  const total = page.getByTestId('practices-total');
  await expect(total).not.toHaveAttribute('data-total', '');
  return Number(await total.getAttribute('data-total'));
}

test.describe.serial('Anyone browses the practice library on /portal', () => {
  let context: BrowserContext;
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('the portal home leads to the library, which lists every practice of the seeds', async () => {
    await page.goto('/portal');
    await page.getByTestId('portal-practices-link').click();
    await page.waitForURL('**/portal/practices');
    expect(await totalShown(page)).toBe(SHIPPED);
    await expect(page.getByTestId('practice-item')).toHaveCount(20);
    // The map draws the practices' places on the plain background (no tiles configured).
    await expect(page.getByTestId('practice-map')).not.toHaveAttribute('data-drawn', '');
    expect(Number(await page.getByTestId('practice-map').getAttribute('data-drawn'))).toBeGreaterThan(0);
    await snapFull(page, 'practices-library.png');
  });

  test('filtering by year changes the count: the 2015 experimental zones are forty', async () => {
    await page.getByTestId('practice-year').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2015 年' }).click();
    await page.waitForURL('**/portal/practices?year=2015');
    await expect(page.getByTestId('practices-total')).toHaveAttribute('data-total', '40');
    await expect(page.getByTestId('practice-item').first()).toContainText('2015');
    await snap(page, 'practices-2015.png');
  });

  test('a practice opens with its place, summary and the Gongzhi features that implement it', async () => {
    await page.getByTestId('practice-item').first().getByRole('link').first().click();
    await page.waitForURL(/\/portal\/practices\/zone-2015-/);
    const detail = page.getByTestId('practice-detail');
    await expect(page.getByTestId('practice-title')).not.toBeEmpty();
    await expect(detail).toContainText('行政区划代码');
    await expect(page.getByTestId('practice-features').locator('.ant-tag').first()).toBeVisible();
    await snap(page, 'practice-detail.png');
  });

  test('on a phone the library fits the screen width', async ({ browser }) => {
    const phone = await openContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await small.goto('/portal/practices?year=2019');
    expect(await totalShown(small)).toBe(31);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'the page scrolls sideways').toBeLessThanOrEqual(1);
    await snapFull(small, 'practices-phone.png');
    await phone.close();
  });
});

test.describe.serial('District staff link a practice to a Gongzhi feature', () => {
  test('the district account edits the Haidian case study from the console', async ({ browser }) => {
    const context = await openContext(browser);
    const page = await context.newPage();
    await page.goto('/console/practices?division=110108');
    await signIn(page, 'district', demoPassword);
    await page.waitForURL('**/console/practices?division=110108');
    const row = page.getByTestId('practice-table').locator('tr.ant-table-row', { hasText: '深化社会体制改革推动社会治理创新' });
    await expect(row).not.toContainText('服务设施');
    await row.getByTestId('practice-edit').click();
    const dialog = page.locator('.ant-modal:visible');
    await dialog.locator('.ant-select').first().click();
    // The option list is virtual: narrow it to the one wanted.
    await page.keyboard.type('服务设施');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: '服务设施' }).waitFor();
    await page.keyboard.press('Enter');
    // The choice must have taken before saving (a click on the virtual list could miss).
    await expect(dialog.locator('.ant-select-selection-item', { hasText: '服务设施' })).toBeVisible();
    // Close the option list by clicking the dialog's title: Escape would close the dialog itself
    // if the list had already closed.
    await dialog.locator('.ant-modal-title').click();
    await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('服务设施');
    await snap(page, 'practices-console.png');
    await context.close();
  });
});
