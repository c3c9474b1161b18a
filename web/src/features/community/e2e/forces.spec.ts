// The community forces' registers in Chromium against the real server, with the demo's accounts:
// the street edits an organisation (a bad credit code refused in the form), records an
// inspection and manages its staff accounts; opens a social worker's caseload, filters and
// exports it; the demo resident (a volunteer) finds today's activity on /m's home with its
// 签到 button, and gives points to a family member on /portal, refused when the balance is
// short and when the settings forbid it.
import type { BrowserContext, Page } from '@playwright/test';
import { checkA11y, chooseByKeyboard, downloadXlsx, phone, snap, snapFull, test } from '../../../../../e2e/kit.ts';
import { as, dialogSave, expect } from './journey.ts';

const title = `旅程测试今日活动 ${Date.now()}`;

test.describe.serial('Organisations, caseloads, /m check-in and family points', () => {
  test.describe.configure({ timeout: 600_000 });
  let street: { context: BrowserContext; page: Page };

  test.beforeAll(async ({ browser }) => {
    street = await as(browser, 'street');
  });
  test.afterAll(async () => {
    await street?.context.close();
  });

  test('the street edits an organisation: a wrong check character is refused in the form, then saved', async () => {
    const page = street.page;
    await page.goto('/console/community/organisations');
    await page.getByRole('link', { name: /社会工作服务中心/ }).click();
    await page.waitForURL(/\/console\/community\/organisations\/[0-9a-f-]{36}$/);
    const code = (await page.getByTestId('organisation-code').textContent()) ?? '';
    expect(code).toHaveLength(18);
    await page.getByTestId('organisation-edit-open').click();
    const form = page.getByTestId('organisation-edit');
    const box = form.getByLabel('统一社会信用代码');
    const wrong = `${code.slice(0, 17)}${code[17] === '0' ? '1' : '0'}`;
    await box.fill(wrong);
    await expect(form.getByText(`第 18 位应为 ${code[17]}`)).toBeVisible();
    await box.fill(code);
    await form.getByLabel('联系电话').fill('010-68001234');
    await dialogSave(page);
    await expect(page.getByText('010-68001234')).toBeVisible();
  });

  test('the street records an inspection and manages the staff accounts', async () => {
    const page = street.page;
    await page.getByTestId('inspection-add').click();
    const form = page.getByTestId('inspection-form');
    await form.getByLabel('年度').fill('2025');
    await form.getByLabel('说明').fill('年检合格，财务规范');
    await dialogSave(page);
    await expect(page.getByTestId('inspections')).toContainText('年检合格，财务规范');
    const staff = page.getByTestId('staff-accounts');
    await expect(staff).toContainText('orgstaff');
    await staff.getByRole('button', { name: '移除 orgstaff' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: /确\s*定|OK/ }).click();
    await expect(staff).not.toContainText('orgstaff');
    await page.getByLabel('用户名').fill('orgstaff');
    await page.getByTestId('staff-add').click();
    await expect(staff).toContainText('orgstaff');
    await snapFull(page, 'community-organisation.png');
  });

  test("the street opens a social worker's caseload, filters closed cases and exports it", async () => {
    const page = street.page;
    await page.goto('/console/community/workers');
    await page.getByRole('link', { name: '周晓燕' }).click();
    await page.waitForURL(/\/console\/community\/workers\/[0-9a-f-]{36}/);
    const table = page.getByTestId('caseload');
    await expect(table.locator('tr.ant-table-row').first()).toBeVisible();
    await page.getByText('已结案', { exact: true }).first().click();
    await expect(page).toHaveURL(/state=closed/);
    await expect(table.locator('tr.ant-table-row').first()).toContainText('目标达成');
    await downloadXlsx(page, 'caseload-export');
    await snap(page, 'community-caseload.png');
  });

  test("the volunteer finds today's activity on /m's home with its 签到 button", async ({ browser }) => {
    const community = await as(browser, 'community');
    const startsAt = new Date(Date.now() - 5 * 60_000);
    const res = await community.page.request.post('/api/community/activities', {
      data: { orgCode: '110108001001', title, place: '社区党群服务中心', startsAt, endsAt: new Date(startsAt.getTime() + 60 * 60_000), places: 10 },
    });
    expect(res.status(), await res.text()).toBe(201);
    const activityId = (await res.json()).id as string;
    await community.context.close();

    const volunteer = await as(browser, 'resident', phone);
    const page = volunteer.page;
    expect((await page.request.post(`/api/community/activities/${activityId}/sign-up`)).status()).toBe(200);
    await page.goto('/m');
    const today = page.getByTestId('m-volunteer-today');
    await expect(today).toContainText(title);
    await checkA11y(page);
    await snapFull(page, 'community-m-today.png');
    await today.getByRole('button', { name: `签到 ${title}` }).click();
    await page.waitForURL(new RegExp(`/m/community/check/${activityId}$`));
    await expect(page.getByTestId('mobile-check')).toContainText(title);
    await checkA11y(page);
    await volunteer.context.close();
  });

  test('the volunteer gives points to a family member; refused when short, and when the settings forbid it', async ({ browser }) => {
    const volunteer = await as(browser, 'resident', phone);
    const page = volunteer.page;
    await page.goto('/portal/volunteer');
    await page.getByTestId('transfer-link').click();
    await page.waitForURL('**/portal/volunteer/transfer');
    const card = page.getByTestId('transfer-card');
    const balance = Number(((await page.getByTestId('transfer-balance').locator('.ant-statistic-content-value').textContent()) ?? '0').replace(/\D/g, ''));
    expect(balance).toBeGreaterThan(10);
    await chooseByKeyboard(page, card.getByRole('combobox', { name: '转赠给' }));
    await card.getByLabel('转赠积分').fill(String(balance + 1));
    await card.getByRole('button', { name: /确认转赠/ }).click();
    await expect(page.getByTestId('transfer-refused')).toContainText('积分不足');
    await card.getByLabel('转赠积分').fill('10');
    await card.getByRole('button', { name: /确认转赠/ }).click();
    await expect(page.getByTestId('transfer-done')).toContainText('10');
    await expect(page.getByTestId('transfer-balance')).toContainText((balance - 10).toLocaleString('en-US'));
    await checkA11y(page);
    await snapFull(page, 'community-transfer.png');

    const district = await as(browser, 'district');
    const settings = await (await district.page.request.get('/api/community/settings')).json();
    expect((await district.page.request.put('/api/community/settings', { data: { ...settings, familyTransfers: false } })).status()).toBe(200);
    try {
      await page.reload();
      await expect(page.getByTestId('transfer-refused')).toContainText('不允许');
      await checkA11y(page);
    } finally {
      await district.page.request.put('/api/community/settings', { data: settings });
      await district.context.close();
      await volunteer.context.close();
    }
  });
});
