// Volunteering in Chromium against the real server, with the demo's accounts: the community
// publishes an activity (through the API its form uses), the demo resident (a registered volunteer)
// signs up on /portal, the organiser shows the check-in QR code, the volunteer checks in and out on
// /m with it, the hours appear with the star level, and a certificate of hours verifies on
// /portal/certificates.
import type { BrowserContext, Page } from '@playwright/test';
import { demoPassword, expect as baseExpect, openContext, phone, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

const expect = baseExpect.configure({ timeout: 60_000 });
const title = `旅程测试志愿活动 ${Date.now()}`;

async function as(browser: Parameters<typeof openContext>[0], username: string, options = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, options);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

test.describe.serial('A volunteer signs up, checks in and out on /m, and gets a certificate that verifies', () => {
  test.describe.configure({ timeout: 600_000 });
  let organiser: { context: BrowserContext; page: Page };
  let volunteer: { context: BrowserContext; page: Page };
  let activityId = '';
  let checkUrl = '';

  test.beforeAll(async ({ browser }) => {
    organiser = await as(browser, 'community');
    volunteer = await as(browser, 'resident', phone);
    const startsAt = new Date(Date.now() - 10 * 60_000);
    const res = await organiser.page.request.post('/api/community/activities', {
      data: { orgCode: '110108001001', title, place: '社区养老驿站', startsAt, endsAt: new Date(startsAt.getTime() + 40 * 60_000), places: 10 },
    });
    expect(res.status()).toBe(201);
    activityId = (await res.json()).id;
  });

  test.afterAll(async () => {
    await organiser?.context.close();
    await volunteer?.context.close();
  });

  test('the volunteer signs up on /portal', async () => {
    const page = volunteer.page;
    await page.goto('/portal/volunteer');
    const item = page.getByTestId('open-activities').getByRole('listitem').filter({ hasText: title });
    await item.getByRole('button', { name: /报\s*名/ }).click();
    await expect(item.getByText('已报名', { exact: true })).toBeVisible();
  });

  test('the organiser shows the check-in QR code', async () => {
    const page = organiser.page;
    await page.goto(`/console/community/activities/${activityId}`);
    await page.getByRole('button', { name: /出示签到码/ }).click();
    await expect(page.getByTestId('check-qr')).toBeVisible();
    checkUrl = (await page.getByTestId('check-url').textContent()) ?? '';
    expect(checkUrl).toContain(`/m/community/check/${activityId}?code=`);
    await snap(page, 'community-check-qr.png');
  });

  test('the volunteer checks in and out on /m with it', async () => {
    const page = volunteer.page;
    await page.goto(checkUrl);
    await page.getByRole('button', { name: /签\s*到/ }).click();
    await expect(page.getByTestId('checked-in')).toBeVisible();
    await page.getByRole('button', { name: /签\s*退/ }).click();
    await expect(page.getByTestId('checked-out')).toContainText('0.7 小时');
    await snap(page, 'community-checked-out.png');
  });

  test('the hours appear with the star level, and a certificate verifies by its code', async () => {
    const page = volunteer.page;
    await page.goto('/portal/volunteer');
    const mine = page.getByTestId('my-hours');
    await expect(mine.getByText(title)).toBeVisible();
    await expect(mine.getByText(/\d 星/)).toBeVisible();
    await mine.getByRole('button', { name: /开具志愿服务证明/ }).click();
    await expect(page.getByTestId('certificate-issued')).toBeVisible();
    await page.getByRole('link', { name: '核验此证明' }).click();
    await expect(page.getByTestId('certificate-result')).toContainText('证明有效');
    await expect(page.getByTestId('certificate-result')).toContainText('志愿服务证明');
    await snap(page, 'community-certificate-verified.png');
    await page.goto('/portal/certificates/7K3M-Q9TX-2H4P-8WRN');
    await expect(page.getByTestId('certificate-not-found')).toBeVisible();
  });
});
