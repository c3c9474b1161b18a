// Residents take part, in Chromium against the real server with the demo's accounts: the demo
// resident (linked to the registry by the demo) submits a proposal on /portal; the community's
// staff sort it, open the review with themselves on the panel, score it and answer it; a
// micro-wish is claimed by a unit and fulfilled with a photo; the public board, without
// signing in, shows the proposal's status and never a resident's name.
import type { BrowserContext, Page } from '@playwright/test';
import { chooseByKeyboard, demoPassword, expect as baseExpect, openContext, phone, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

const expect = baseExpect.configure({ timeout: 60_000 });
const stamp = Date.now();
const title = `旅程提案：增设休闲座椅 ${stamp}`;
const wishText = `旅程心愿：想要一副老花镜 ${stamp}`;
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);

async function as(browser: Parameters<typeof openContext>[0], username: string, options = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, options);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

test.describe.serial('A resident proposes, staff sort, review and answer; a micro-wish is claimed and fulfilled; the board shows it', () => {
  test.describe.configure({ timeout: 600_000 });
  let resident: { context: BrowserContext; page: Page };
  let staff: { context: BrowserContext; page: Page };

  test.beforeAll(async ({ browser }) => {
    resident = await as(browser, 'resident', phone);
    staff = await as(browser, 'community');
  });

  test.afterAll(async () => {
    await resident?.context.close();
    await staff?.context.close();
  });

  test('the resident submits a proposal on /portal', async () => {
    const page = resident.page;
    await page.goto('/portal/participation');
    await expect(page.getByTestId('verified')).toBeVisible();
    const form = page.getByTestId('portal-proposal-form');
    await form.getByLabel('提案标题').fill(title);
    await form.getByLabel('提案内容').fill('中心绿地缺少座椅，老人散步后无处休息，建议沿步道增设六组座椅。');
    await form.locator('button[type=submit]').click();
    await expect(page.getByTestId('portal-proposals').getByText(title)).toBeVisible();
    await snap(page, 'participation-portal.png');
  });

  test('staff sort it, open the review, score it and answer it', async () => {
    const page = staff.page;
    await page.goto(`/console/participation/proposals?q=${encodeURIComponent(String(stamp))}`);
    await page.getByTestId('proposals-table').getByRole('link', { name: title }).click();
    await expect(page.getByTestId('proposal-status')).toHaveText('已提交');
    await chooseByKeyboard(page, page.getByTestId('sort-form').getByRole('combobox'), '社区小事');
    await page.getByTestId('sort-form').locator('button[type=submit]').click();
    await expect(page.getByTestId('proposal-status')).toHaveText('已分拣');
    const panel = page.getByTestId('review-form').getByRole('combobox');
    await chooseByKeyboard(page, panel, '（community）');
    // A multiple select stays open after a choice.
    await panel.press('Escape');
    await page.getByTestId('review-form').getByRole('button', { name: /提交审议/ }).click();
    await expect(page.getByTestId('proposal-status')).toHaveText('审议中');
    const score = page.getByTestId('score-form');
    await score.getByLabel('可行性').fill('8');
    await score.getByLabel('受益面').fill('9');
    await score.getByLabel('成本').fill('7');
    await score.locator('button[type=submit]').click();
    await expect(page.getByTestId('review-mean')).toHaveText('8');
    await chooseByKeyboard(page, page.getByTestId('answer-form').getByRole('combobox'), '采纳');
    await page.getByTestId('answer-form').locator('button[type=submit]').click();
    await expect(page.getByTestId('proposal-status')).toHaveText('已采纳');
    await expect(page.getByTestId('answer')).toContainText('采纳');
    await snap(page, 'participation-proposal-answered.png');
  });

  test('a micro-wish is claimed by a unit and fulfilled with a photo', async () => {
    const page = staff.page;
    const res = await page.request.post('/api/participation/wishes', { data: { orgCode: '110108001001', wish: wishText } });
    expect(res.status()).toBe(201);
    await page.goto('/console/participation/wishes?status=open');
    const row = page.getByTestId('wishes-table').getByRole('row').filter({ hasText: wishText });
    await row.getByTestId('wish-claim').click();
    const form = page.getByTestId('wish-form');
    await form.getByLabel('单位名称').fill('万寿路眼镜店');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.goto('/console/participation/wishes?status=claimed');
    const claimed = page.getByTestId('wishes-table').getByRole('row').filter({ hasText: wishText });
    await expect(claimed.getByTestId('wish-status')).toHaveText('已认领');
    await claimed.getByTestId('wish-fulfil').click();
    await page.getByTestId('wish-photo').setInputFiles({ name: 'glasses.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByTestId('wish-form').getByLabel('说明').fill('已送到老人家中');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await page.goto('/console/participation/wishes?status=fulfilled');
    await expect(page.getByTestId('wishes-table').getByRole('row').filter({ hasText: wishText }).getByTestId('wish-status')).toHaveText('已实现');
  });

  test('the public board shows the proposal answered and the wish fulfilled, without names', async ({ browser }) => {
    const context = await openContext(browser, phone);
    const page = await context.newPage();
    await page.goto('/portal/board/110108001001');
    const item = page.getByTestId('board-item').filter({ hasText: title });
    await expect(item.getByTestId('board-status')).toHaveText('已采纳');
    await expect(page.getByTestId('board-item').filter({ hasText: wishText }).getByTestId('board-status')).toHaveText('已实现');
    await expect(page.getByTestId('board')).not.toContainText('居民演示账号');
    await snap(page, 'participation-board.png');
    await context.close();
  });
});
