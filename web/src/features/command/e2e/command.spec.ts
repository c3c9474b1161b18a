// The leader's command centre in Chromium against the real demo server: the street leader
// signs in and lands on it with figures, charts and the live map; a grid worker reports a case
// in another browser and it appears on the leader's map without a reload; the surge the demo
// planted shows as a warning, which the leader acknowledges; the rankings export to .xlsx.
import type { BrowserContext, Page } from '@playwright/test';
import { demoPassword, downloadXlsx, expect, openContext, signInFromLogin, snapFull, test } from '../../../../../e2e/kit.ts';

// Inside the demo grid worker's grid (as the gridwork journey uses): in the leader's street.
const point = { lng: 116.0778, lat: 40.1128 };
const stamp = Date.now().toString(36).slice(-4).toUpperCase();

test.describe.serial('The leader lands on the command centre, sees new cases arrive live and handles a warning', () => {
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('the leader lands on the command centre with numbers, charts and the map', async () => {
    await signInFromLogin(page, 'leader', demoPassword, /\/console\/command/);
    await page.getByTestId('command-board').waitFor({ timeout: 30_000 });
    const reported = Number((await page.getByTestId('command-period-reported').locator('.ant-statistic-content-value').innerText()).replace(/\D/g, ''));
    expect(reported, 'the period has reports').toBeGreaterThan(0);
    await expect(page.getByTestId('command-trend-chart').locator('canvas')).toHaveCount(1);
    await expect(page.getByTestId('command-categories-chart').locator('canvas')).toHaveCount(1);
    await page.getByTestId('command-map-canvas').locator('canvas').waitFor();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=command-map-count]')?.getAttribute('data-count') ?? 0) > 0);
    await expect(page.getByTestId('command-rankings').locator('tr.ant-table-row').first()).toBeVisible();
    await expect(page.getByTestId('command-live')).toHaveAttribute('data-live', '1', { timeout: 15_000 });
    await snapFull(page, 'command-centre.png');
  });

  test('without tiles the map names the places: communities up close, the street when zoomed out', async () => {
    const map = page.getByTestId('command-map-canvas');
    await expect(map.locator('.gz-map-label-community:visible').first()).toBeVisible();
    await map.locator('.maplibregl-ctrl-zoom-out').click();
    await map.locator('.maplibregl-ctrl-zoom-out').click();
    await expect(map.locator('.gz-map-label-street:visible')).toHaveCount(1);
    await expect(map.locator('.gz-map-label-community:visible')).toHaveCount(0);
  });

  test('a case reported elsewhere appears on the map without a reload', async ({ browser }) => {
    const before = Number(await page.getByTestId('command-map-count').getAttribute('data-count'));
    const worker = await openContext(browser);
    const workerPage = await worker.newPage();
    await signInFromLogin(workerPage, 'grid', demoPassword, /\/m$/);
    const response = await workerPage.request.post('/api/cases', {
      data: { title: `井盖缺失 ${stamp}`, description: '路口井盖缺失，有安全隐患', categoryCode: '0501', ...point },
    });
    expect(response.status(), await response.text()).toBe(201);
    await worker.close();
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=command-map-count]')?.getAttribute('data-count') ?? 0) > n, before, { timeout: 20_000 });
    await expect(page.getByText(`井盖缺失 ${stamp}`).first()).toBeVisible();
  });

  test('the surge planted in the demo is a warning the leader acknowledges with a note', async () => {
    const warnings = page.getByTestId('command-warnings');
    const surge = warnings.locator('tr.ant-table-row', { hasText: '类别激增' }).first();
    await expect(surge).toBeVisible();
    await surge.getByTestId('warning-acknowledge').click();
    await page.getByTestId('warning-note').fill('已安排街道城管队现场核查');
    await page.locator('.ant-modal').filter({ has: page.getByTestId('warning-note-modal') }).locator('.ant-modal-footer .ant-btn-primary').click();
    await expect(warnings.locator('tr.ant-table-row', { hasText: '已安排街道城管队现场核查' }).first()).toBeVisible();
  });

  test('the rankings export to .xlsx', async () => {
    await downloadXlsx(page, 'command-export-rankings');
  });
});

test.describe.serial('District staff tune the early-warning rules of their district', () => {
  let context: BrowserContext;
  let page: Page;

  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('the district gives itself a surge rule and drops it again; a bad value is refused by the form', async () => {
    await signInFromLogin(page, 'district', demoPassword, /\/console/);
    await page.goto('/console/command/rules');
    const surge = page.getByTestId('rule-category_surge');
    await expect(surge).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('rule-repeated_place').getByText('同地范围（米）')).toBeVisible();
    const minCount = page.getByTestId('rule-category_surge-minCount');
    await minCount.fill('');
    await page.getByTestId('rule-category_surge-save').click();
    await expect(surge.getByText('请填写')).toBeVisible();
    await minCount.fill('12');
    await page.getByTestId('rule-category_surge-save').click();
    await expect(surge.getByText('本区域规则', { exact: true })).toBeVisible();
    await expect(minCount).toHaveValue('12');
    await page.getByTestId('rule-category_surge-reset').click();
    await expect(surge.getByText('沿用系统默认规则')).toBeVisible();
    await expect(minCount).toHaveValue('5');
  });
});
