// One application from the portal to delivery, in Chromium against the real server: a
// resident applies online for a residence certificate with a scan of their ID card (the
// housing proof replaced by a commitment), the community's counter asks for a clearer copy
// (补正), the resident sends it from their application's page, the counter accepts it, the
// street approves it, the counter delivers it, and the resident follows it by number and
// phone on the kiosk page without signing in.
import type { BrowserContext, Page } from '@playwright/test';
import { chooseByKeyboard, demoPassword, expect, openContext, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

const scan = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`) });

/** A valid 18-digit ID number (ISO 7064 MOD 11-2 check digit) for someone born in 1950. */
function idNumber(): string {
  const body = `11010819500101${String(100 + Math.floor(Math.random() * 800))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

const phone = `139${String(Date.now()).slice(-8)}`;

async function signedIn(browser: import('@playwright/test').Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

async function act(page: Page, number: string, action: string) {
  await page.goto(`/console/services/applications/${number}`);
  await page.getByTestId(`action-${action}`).click();
}

test.describe.serial('A resident applies online, supplies a correction, the application is approved and delivered, rated 不满意, and rectified', () => {
  let number = '';
  const contexts: BrowserContext[] = [];
  test.afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  test('the resident applies with a scanned material and a commitment', async ({ browser }) => {
    const { context, page } = await signedIn(browser, 'resident');
    contexts.push(context);
    await page.goto('/portal/services');
    const search = page.getByLabel('搜索要办的事', { exact: false });
    await search.fill('juzhu');
    await search.press('Enter');
    await expect(page.locator('[data-testid=service-item][data-code="GZ-ZM-001"]')).toBeVisible();
    await page.goto('/portal/services/apply/GZ-ZM-001');
    await page.getByLabel('身份证号').fill(idNumber());
    await page.getByLabel('手机号').fill(phone);
    await page.getByLabel('申请事由').fill('办理养老待遇需要居住证明');
    await page.locator('[data-testid=material][data-key=id_card] input[type=file]').setInputFiles(scan('身份证.pdf'));
    await expect(page.locator('[data-testid=material][data-key=id_card]')).toContainText('身份证.pdf');
    await page.locator('[data-testid=material][data-key=housing]').getByRole('checkbox').check();
    await page.getByRole('button', { name: '网上申请' }).click();
    number = (await page.getByTestId('applied-number').textContent())!.trim();
    expect(number).toMatch(/^FW\d{8}-\d{5}$/);
  });

  test('the community counter receives it and asks for a clearer ID copy, all at once', async ({ browser }) => {
    const { context, page } = await signedIn(browser, 'community');
    contexts.push(context);
    await act(page, number, 'receive');
    await expect(page.getByTestId('application-status').first()).toHaveAttribute('data-status', 'received');
    await page.getByTestId('action-request_correction').click();
    await chooseByKeyboard(page, page.getByRole('combobox', { name: '需补正的材料（一次性告知）' }), '居民身份证');
    await page.getByLabel('说明').fill('身份证复印件不清晰，请重新上传');
    await page.getByRole('dialog').getByRole('button', { name: '一次性告知补正' }).click();
    await expect(page.getByTestId('application-status').first()).toHaveAttribute('data-status', 'correction_requested');
  });

  test('the resident sees the notice and sends the material', async () => {
    const page = contexts[0]!.pages()[0]!;
    await page.goto(`/portal/services/applications/${number}`);
    await expect(page.getByTestId('correction')).toContainText('身份证复印件不清晰');
    await page.locator('[data-testid=material][data-key=id_card] input[type=file]').setInputFiles(scan('身份证-清晰.pdf'));
    await expect(page.locator('[data-testid=material][data-key=id_card]')).toContainText('身份证-清晰.pdf');
    await page.getByRole('button', { name: '提交补正材料' }).click();
    await expect(page.getByTestId('application-status').first()).toHaveAttribute('data-status', 'received');
  });

  test('the counter accepts, the street approves, the counter delivers', async ({ browser }) => {
    const community = contexts[1]!.pages()[0]!;
    await act(community, number, 'accept');
    await expect(community.getByTestId('application-status').first()).toHaveAttribute('data-status', 'accepted');
    const { context, page } = await signedIn(browser, 'street');
    contexts.push(context);
    await act(page, number, 'start_review');
    await expect(page.getByTestId('application-status').first()).toHaveAttribute('data-status', 'under_review');
    await page.getByTestId('action-approve').click();
    await expect(page.getByTestId('application-status').first()).toHaveAttribute('data-status', 'approved');
    await act(community, number, 'deliver');
    await expect(community.getByTestId('application-status').first()).toHaveAttribute('data-status', 'delivered');
    await expect(community.getByTestId('timeline-step')).toHaveCount(8);
  });

  test('anyone follows it by number and phone on the kiosk page', async ({ browser }) => {
    const context = await openContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/portal/services/track?kiosk=1');
    await page.getByLabel('办件编号').fill(number);
    await page.getByLabel('手机号').fill(phone);
    await page.getByRole('button', { name: '查进度' }).click();
    await expect(page.getByTestId('tracked-application').getByTestId('application-status')).toHaveAttribute('data-status', 'delivered');
  });

  test('the resident rates it 不满意 on /portal and is told the rectification deadline', async () => {
    const page = contexts[0]!.pages()[0]!;
    await page.goto(`/portal/services/rate?number=${number}`);
    await page.getByLabel('手机号').fill(phone);
    // antd's button-style radios hide the input itself: choose by the visible label.
    await page.locator('label.ant-radio-button-wrapper', { hasText: /^不满意$/ }).click();
    await page.getByLabel('意见').fill('补正来回两次，希望一次说清楚');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByTestId('rate-rectification')).toContainText('我们将回访并在此日期前完成整改');
  });

  test('the community finds the rectification record from the ratings page, with its deadline, calls back and records it rectified', async () => {
    const page = contexts[1]!.pages()[0]!;
    await page.goto('/console/services/ratings?bad=true');
    const rated = page.getByTestId('ratings-table').locator('tr', { hasText: number });
    // The first visit loads the page's code; give it the time a busy machine needs.
    await expect(rated).toContainText('不满意', { timeout: 30_000 });
    await rated.getByRole('link', { name: '查看整改' }).click();
    await expect(page).toHaveURL(/\/console\/services\/rectifications\?number=/);
    const row = page.getByTestId('rectifications-table').locator('tr', { hasText: number });
    await expect(row.getByTestId('rect-status')).toHaveText('待回访', { timeout: 30_000 });
    await expect(row.getByTestId('rect-deadline')).toContainText(/\d{4}/);
    await expect(row).toContainText('补正来回两次');
    await row.getByTestId('rect-callback').click();
    await page.getByTestId('rect-action-modal').getByLabel('说明').fill('电话回访：居民反映补正要求分两次告知');
    await page.getByRole('dialog').getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(row.getByTestId('rect-status')).toHaveText('整改中');
    await row.getByTestId('rect-rectify').click();
    await page.getByTestId('rect-action-modal').getByLabel('说明').fill('窗口补正清单改为一次性打印告知，已向居民说明');
    await page.getByRole('dialog').getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(row.getByTestId('rect-status')).toHaveText('已整改');
    await expect(row).toContainText('窗口补正清单改为一次性打印告知');
    await snap(page, 'services-rectified.png');
  });
});
