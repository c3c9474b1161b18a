// Projects and funds in Chromium against the real server, with the demo's accounts: street
// staff open a call, an organisation applies, two experts score, the street awards it, the
// organisation reports its first milestone with a PDF of its deliverables, the street sees the file,
// accepts the milestone and pays the tranche; a
// donation recorded by the community shows in the fund's public report on /portal.
import type { BrowserContext, Page } from '@playwright/test';
import { openContext, snap, snapFull, test } from '../../../../../e2e/kit.ts';
import { as, dialogSave, expect } from './journey.ts';

const callTitle = `旅程测试公益创投 ${Date.now()}`;
const applicationTitle = '楼道睦邻计划';

test.describe.serial('A project from call to paid tranche, and a donation in the public report', () => {
  // Five accounts sign in and a dozen pages open per step: on a loaded machine a step takes minutes.
  test.describe.configure({ timeout: 600_000 });
  let street: { context: BrowserContext; page: Page };
  let org: { context: BrowserContext; page: Page };
  let applicationUrl = '';

  test.beforeAll(async ({ browser }) => {
    street = await as(browser, 'street');
    org = await as(browser, 'orgstaff');
    // The call itself is set up through the API the call form uses (its form is covered by the API tests).
    const res = await street.page.request.post('/api/community/projects/calls', {
      data: {
        orgCode: '110108001', kind: 'venture', title: callTitle, need: '楼道邻里互助', needSource: 'staff', budgetFen: 10_000_000, closesOn: '2030-12-31',
        criteria: [{ key: 'need', name: '需求契合度', maxScore: 40 }, { key: 'plan', name: '方案可行性', maxScore: 60 }], panel: ['expert1', 'expert2'],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
  });
  test.afterAll(async () => {
    await street.context.close();
    await org.context.close();
  });

  test('the organisation applies to the call with its plan, budget, milestone and indicator', async () => {
    const page = org.page;
    await page.goto('/console/community/my-projects');
    const row = page.getByTestId('open-calls-table').locator('tr.ant-table-row', { hasText: callTitle });
    await row.getByTestId('apply-open').click();
    const form = page.getByTestId('apply-form');
    await form.getByLabel('申报名称').fill(applicationTitle);
    await form.getByLabel('项目方案').fill('每栋楼招募楼道长，每月一次睦邻活动，结对探访独居老人。');
    await form.getByPlaceholder('预算科目').fill('活动物资');
    await form.getByPlaceholder('金额（元）').fill('50000');
    await form.getByPlaceholder('里程碑').fill('招募楼道长并建档');
    await form.getByLabel('计划完成').fill('2030-03-31');
    await form.getByPlaceholder('指标', { exact: true }).fill('探访人次');
    await form.getByPlaceholder('目标值').fill('300');
    await form.getByPlaceholder('单位').fill('人次');
    await snap(page, 'project-apply.png');
    await dialogSave(page);
    await expect(page.getByTestId('my-applications-table')).toContainText(applicationTitle);
  });

  test('the street closes the call; two experts score it on their review page', async ({ browser }) => {
    await street.page.goto('/console/community/projects');
    await street.page.getByTestId('calls-table').locator('tr.ant-table-row', { hasText: callTitle }).getByTestId('call-close').click();
    await expect(street.page.getByTestId('calls-table').locator('tr.ant-table-row', { hasText: callTitle })).toContainText('评审中');
    for (const [username, need, plan] of [['expert1', '35', '50'], ['expert2', '30', '54']] as const) {
      const expert = await as(browser, username);
      await expert.page.goto('/console/community/reviews');
      await expert.page.getByTestId('review-table').locator('tr.ant-table-row', { hasText: callTitle }).getByRole('link').click();
      await expert.page.getByTestId('score-need').fill(need);
      await expert.page.getByTestId('score-plan').fill(plan);
      await expert.page.getByTestId('review-submit').click();
      await expect(expert.page.getByTestId('review-form')).toContainText('您已评分');
      await snap(expert.page, `project-review-${username}.png`);
      await expert.context.close();
    }
  });

  test('the street sees the score, awards the contract with one tranche', async () => {
    const page = street.page;
    await page.goto('/console/community/projects');
    await page.getByTestId('applications-table').locator('tr.ant-table-row', { hasText: callTitle }).getByRole('link').click();
    await page.waitForURL(/\/console\/community\/projects\/applications\//);
    applicationUrl = page.url();
    // (35 + 30) / 2 + (50 + 54) / 2 = 84.5
    await expect(page.getByTestId('application-score')).toHaveText('84.5');
    await page.getByTestId('award-open').click();
    const form = page.getByTestId('award-form');
    await form.getByLabel('合同编号').fill('LC-2030-001');
    await form.getByTestId('tranche-amount-0').fill('50000');
    await dialogSave(page);
    await expect(page.getByTestId('application-status')).toHaveText('执行中');
    await expect(page.getByTestId('tranches')).toContainText('¥50,000.00');
  });

  test('the organisation reports the milestone; the street accepts it and pays the tranche', async () => {
    const id = applicationUrl.split('/').pop() ?? '';
    await org.page.goto(`/console/community/my-projects/${id}`);
    await org.page.getByTestId('milestone-report').click();
    await org.page.getByTestId('milestone-report-form').getByLabel(/成果说明/).fill('招募楼道长 12 名，建档 86 户，附照片。');
    await dialogSave(org.page);
    await expect(org.page.getByTestId('milestones')).toContainText('待验收');
    // A PDF of the deliverables, through the platform's storage; the street sees it when accepting.
    await org.page.getByTestId('milestones').locator('input[type=file]').setInputFiles({ name: '建档清单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect(org.page.getByTestId('milestone-files')).toContainText('建档清单.pdf');

    const page = street.page;
    await page.goto(applicationUrl);
    await expect(page.getByTestId('tranche-pay')).toHaveCount(0);
    await expect(page.getByTestId('milestone-files').getByRole('link', { name: '建档清单.pdf' })).toBeVisible();
    await page.getByTestId('milestone-accept').click();
    await expect(page.getByTestId('milestones')).toContainText('已验收');
    await page.getByTestId('tranche-pay').click();
    await page.getByTestId('pay-form').getByLabel('凭证号').fill('PZ-2030-001');
    await dialogSave(page);
    await expect(page.getByTestId('tranche-paid')).toContainText('PZ-2030-001');
    await snapFull(page, 'project-paid.png');
  });

  test('a donation the community records shows in the fund’s public report, the donor masked', async ({ browser }) => {
    const community = await as(browser, 'community');
    const page = community.page;
    await page.goto('/console/community/funds');
    await page.getByTestId('funds-table').getByRole('link', { name: '社区发展基金' }).click();
    await page.getByTestId('donation-open').click();
    const form = page.getByTestId('donation-form');
    await form.getByLabel('捐赠人', { exact: true }).fill('欧阳明');
    await form.getByLabel('金额（元）').fill('1234.5');
    await form.getByLabel('用途').fill('楼道睦邻');
    await form.getByLabel('收据号').fill(`JZ-E2E-${Date.now()}`);
    await dialogSave(page);
    await community.context.close();

    const visitor = await openContext(browser);
    const pub = await visitor.newPage();
    await pub.goto('/portal');
    await pub.getByTestId('portal-funds-link').click();
    await pub.waitForURL('**/portal/funds');
    await pub.getByTestId('public-report-link').first().click();
    const year = new Date().getFullYear();
    await pub.waitForURL(new RegExp(`/portal/funds/.+/${year}$`));
    const donations = pub.getByTestId('public-donations');
    await expect(donations).toContainText('欧*');
    await expect(donations).toContainText('¥1,234.50');
    await expect(pub.getByTestId('public-report')).not.toContainText('欧阳明');
    await snapFull(pub, 'fund-public-report.png');
    await visitor.close();
  });
});
