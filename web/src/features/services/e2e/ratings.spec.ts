// 好差评 and booking on /portal, in Chromium against the real server: the counter takes in a
// residence certificate and the street approves it (through the API: the application's own
// journey drives the screens), the resident rates the delivered application 不满意 on
// /portal without an account and is told the rectification deadline, and the rectification
// record appears in the console with its deadline; then a resident books a slot on /portal.
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { chooseByKeyboard, demoPassword, expect, openContext, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

const phone = `137${String(Date.now()).slice(-8)}`;

/** A valid 18-digit ID number (ISO 7064 MOD 11-2 check digit) for someone born in 1952. */
function idNumber(): string {
  const body = `11010819520303${String(100 + Math.floor(Math.random() * 800))}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

async function signedIn(browser: import('@playwright/test').Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

async function act(request: APIRequestContext, number: string, action: string, extra: Record<string, unknown> = {}) {
  const res = await request.post(`/api/services/applications/${number}/actions`, { data: { action, ...extra } });
  expect(res.status(), await res.text()).toBe(200);
}

test.describe.serial('A resident rates a delivered application 不满意 and the rectification record appears; a booking on /portal', () => {
  let number = '';
  const contexts: BrowserContext[] = [];
  test.afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  test('the counter takes in an application, the street approves it, the counter delivers it', async ({ browser }) => {
    const community = await signedIn(browser, 'community');
    const street = await signedIn(browser, 'street');
    contexts.push(community.context, street.context);
    const me = await (await community.page.request.get('/api/auth/me')).json() as { grants: { orgPath: string }[] };
    const communityCode = me.grants[0]!.orgPath.split('.').at(-1)!;
    const upload = await community.page.request.post('/api/services/materials', {
      multipart: { file: { name: '身份证.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') } },
    });
    expect(upload.status(), await upload.text()).toBe(201);
    const fileId = ((await upload.json()) as { id: string }).id;
    const intake = await community.page.request.post('/api/services/applications/counter', {
      data: {
        itemCode: 'GZ-ZM-001', communityCode, applicant: { name: '钱桂芳', idNumber: idNumber(), phone }, form: { reason: '办理养老待遇需要居住证明' },
        materials: [{ key: 'id_card', fileIds: [fileId] }, { key: 'housing', committed: true }],
      },
    });
    expect(intake.status(), await intake.text()).toBe(201);
    number = ((await intake.json()) as { number: string; status: string }).number;
    const status = async () => ((await (await community.page.request.get(`/api/services/applications/${number}`)).json()) as { status: string }).status;
    if ((await status()) === 'submitted') await act(community.page.request, number, 'receive');
    await act(community.page.request, number, 'accept');
    await act(street.page.request, number, 'start_review');
    await act(street.page.request, number, 'approve');
    await act(community.page.request, number, 'deliver', { deliveredBy: 'counter' });
    expect(await status()).toBe('delivered');
  });

  test('the resident rates it 不满意 on /portal and is told when it will be rectified', async ({ browser }) => {
    const context = await openContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`/portal/services/rate?number=${number}`);
    await page.getByLabel('手机号').fill(phone);
    // antd's button-style radios hide the input itself: choose by the visible label.
    await page.locator('label.ant-radio-button-wrapper', { hasText: /^不满意$/ }).click();
    await expect(page.getByRole('radio', { name: '不满意', exact: true })).toBeChecked();
    await page.getByLabel('意见').fill('等候时间太长，窗口只开了一个');
    await page.getByRole('button', { name: '提交评价' }).click();
    await expect(page.getByTestId('rate-rectification')).toContainText('我们将回访并在此日期前完成整改');
    await snap(page, 'services-rating-bad.png');
  });

  test('the community sees the rectification record with its deadline', async () => {
    const page = contexts[0]!.pages()[0]!;
    await page.goto('/console/services/rectifications?status=awaiting_callback');
    const row = page.getByTestId('rectifications-table').locator('tr', { hasText: number });
    await expect(row).toBeVisible();
    await expect(row.getByTestId('rect-status')).toHaveText('待回访');
    await expect(row.getByTestId('rect-deadline')).toContainText(/\d{4}/);
    await expect(row).toContainText('等候时间太长');
    await snap(page, 'services-rectification.png');
  });

  test('a resident books a slot on /portal and gets a booking number', async ({ browser }) => {
    const context = await openContext(browser);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/portal/services/book');
    await chooseByKeyboard(page, page.getByRole('combobox', { name: '服务中心' }));
    await page.getByTestId('book-slot').and(page.locator(':enabled')).first().click();
    await page.getByTestId('book-name').fill('孙丽');
    await page.getByTestId('book-phone').fill(phone);
    await page.getByTestId('book-submit').click();
    await expect(page.getByTestId('booking-number')).toContainText(/YY\d{12}/);
    await snap(page, 'services-booking.png');
  });
});
