// The catalogue kept from the console, in Chromium against the real server: the district
// edits an item (a promise longer than the statutory limit is refused on its field), adds a
// material and renames it, and anyone sees the new version in the public catalogue; a stale
// second change shows the conflict; the community counter picks a community by its pinyin
// initials.
import type { BrowserContext, Page } from '@playwright/test';
import { demoPassword, expect, openContext, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

const code = 'GZ-FZ-002';
const newName = `人民调解申请（线上预约）${String(Date.now()).slice(-4)}`;

test.describe.serial('The district edits a service item and the public catalogue shows it; the counter picks a community by pinyin', () => {
  const contexts: BrowserContext[] = [];
  test.afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  async function signedIn(browser: import('@playwright/test').Browser, username: string): Promise<Page> {
    const context = await openContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await signInFromLogin(page, username, demoPassword);
    return page;
  }

  test('the district edits the item: a bad promise is named on its field, then the change is saved as a new version', async ({ browser }) => {
    const page = await signedIn(browser, 'district');
    await page.goto(`/console/services/catalogue?q=${code}`);
    await page.getByTestId(`item-edit-${code}`).click();
    const form = page.getByTestId('item-form');
    await expect(form.getByLabel('事项名称')).toHaveValue('人民调解申请', { timeout: 30_000 });
    await form.getByLabel('承诺时限（工作日）').fill('30');
    await page.getByTestId('item-save').click();
    await expect(form).toContainText('承诺时限不能长于法定时限');
    await form.getByLabel('承诺时限（工作日）').fill('3');
    await form.getByLabel('事项名称').fill(newName);
    await page.getByTestId('edit-add-material').click();
    const added = form.getByTestId('edit-material').last();
    await added.getByLabel('材料标识').fill('mediation_record');
    await added.getByLabel('材料名称').fill('纠纷情况记录');
    await page.getByTestId('item-save').click();
    await expect(page.getByText('已保存为第 2 版')).toBeVisible();
    const row = page.locator('tr', { hasText: code });
    await expect(row).toContainText(newName);
    await expect(row).toContainText('10/3 个工作日');
    await snap(page, 'services-catalogue-edited.png');
  });

  test('anyone sees the new version in the public catalogue', async ({ browser }) => {
    const context = await openContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/portal/services');
    const search = page.getByLabel('搜索要办的事', { exact: false });
    await search.fill('renmintiaojie');
    await search.press('Enter');
    const item = page.locator(`[data-testid=service-item][data-code="${code}"]`);
    await expect(item).toContainText(newName, { timeout: 30_000 });
    await expect(item).toContainText('10/3 个工作日');
    const published = await page.request.get(`/api/public/services/${code}`);
    expect(((await published.json()) as { materials: { key: string }[] }).materials.map((m) => m.key)).toContain('mediation_record');
  });

  test('a change from a stale read shows the conflict and reloads the version in force', async () => {
    const page = contexts[0]!.pages()[0]!;
    await page.getByTestId(`item-edit-${code}`).click();
    // Someone else saves a change meanwhile (version 2 → 3).
    const item = (await (await page.request.get(`/api/services/items/${code}`)).json()) as Record<string, unknown> & { version: number };
    const { code: _c, version, active: _a, departmentName: _d, updatedAt: _u, ...content } = item;
    const other = await page.request.put(`/api/services/items/${code}`, { data: { ...content, version, guide: '另一人修改的办事指南' } });
    expect(other.status(), await other.text()).toBe(200);
    await page.getByTestId('item-form').getByLabel('收费').fill('不收费（含复印）');
    await page.getByTestId('item-save').click();
    await expect(page.getByTestId('item-conflict')).toContainText('当前第 3 版');
    await page.getByTestId('item-conflict').getByRole('button', { name: '重新载入' }).click();
    await expect(page.getByTestId('item-form').getByLabel('办事指南')).toHaveValue('另一人修改的办事指南');
    await page.getByTestId('item-save').click();
    await expect(page.getByText('已保存为第 4 版')).toBeVisible();
  });

  test('the community counter picks a community by its pinyin initials', async ({ browser }) => {
    const page = await signedIn(browser, 'community');
    const streets = (await (await page.request.get('/api/services/counter/communities')).json()) as { communities: { name: string; search: string }[] }[];
    const community = streets.flatMap((s) => s.communities)[0]!;
    const initials = community.search.split(' ').at(-1)!;
    await page.goto('/console/services/counter');
    const picker = page.getByRole('combobox', { name: '所在社区' });
    await expect(picker).toBeVisible({ timeout: 30_000 });
    await picker.click();
    await picker.fill(initials);
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: community.name }).first().click();
    await expect(page.getByTestId('counter-community')).toContainText(community.name);
    await snap(page, 'services-counter-picker.png');
  });
});
