// Outbound channels and the calendar's sources in Chromium against the real server: the
// security administrator opens the SMS and WeChat delivery records from the menu and filters
// them by status; district staff see on the working-day calendar that 2026 comes from the
// chinese-days package and 2027 from the fallback table, and what each day is and why.
import type { BrowserContext, Page } from '@playwright/test';
import { demoPassword, expect, menuLabels, openContext, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

test.describe.serial('The administrators read the delivery records; staff see where holidays come from', () => {
  let context: BrowserContext;
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('the security administrator finds the delivery records in the menu and filters them by status', async () => {
    await signInFromLogin(page, 'secadmin', demoPassword);
    expect(await menuLabels(page)).toContain('短信与微信发送记录');
    await page.goto('/console/deliveries');
    const table = page.getByTestId('deliveries-table');
    await expect(table).toBeVisible();
    await expect(page.getByText('手机号、openid 只显示脱敏后的形式')).toBeVisible();
    // Whatever was sent, no phone number shows in clear.
    await expect(table).not.toContainText(/1[3-9]\d{9}/);
    await page.locator('.ant-select', { hasText: '状态' }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '发送失败' }).click();
    await page.waitForURL(/status=failed/);
    // Only failed ones, or the empty state when none failed.
    await expect(table).toContainText(/发送失败|还没有发送记录/);
    await expect(table.locator('.ant-table-row').filter({ hasText: '已发送' })).toHaveCount(0);
    await snap(page, 'deliveries.png');
  });

  test('district staff see 2026 from the package and 2027 from the fallback table, and each day’s source', async ({ browser }) => {
    await context.close();
    context = await openContext(browser);
    page = await context.newPage();
    await signInFromLogin(page, 'district', demoPassword);
    await page.goto('/console/case-settings?tab=calendar');
    await page.getByTestId('calendar-years').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^2026/ }).click();
    await expect(page.getByTestId('calendar-origin')).toHaveText('chinese-days 数据包（国务院办公厅通知）');
    await expect(page.locator('[data-date="2026-10-01"]')).toHaveAttribute('title', /放假 · 国庆节（数据来源：chinese-days/);
    await expect(page.locator('[data-date="2026-10-17"]')).toHaveAttribute('title', /周末（数据来源：周末规则）/);
    await snap(page, 'calendar-2026-sources.png');
    await page.getByTestId('calendar-years').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: /^2027/ }).click();
    await expect(page.getByTestId('calendar-origin')).toHaveText('内置备用表');
  });
});
