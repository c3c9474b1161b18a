// Browser journeys of the cases module (事件/工单) in Chromium against the real server.
//
// The closed loop, each party in their own browser: a grid worker reports on /m with a camera
// photo and GPS on behalf of a resident; community staff see it arrive live on their to-do,
// accept, register and dispatch it to the department the responsibility matrix proposes;
// the department acknowledges (while the community's page is stale, so its next action meets
// a clear version conflict) and feeds back with a photo; the grid worker verifies on site;
// the resident follows the case on /portal by number and phone and rates it; the case page
// then shows the whole timeline. A hotline operator finds the caller's earlier case and the
// category by pinyin; street staff find the case e2e/prepare.ts made overdue, filter, save a
// view, export and open the supervision board.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jpeg from 'jpeg-js';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '@playwright/test';
import { demoPassword, downloadXlsx, expect, openContext, phone, prepared, sharePage, signInFromLogin, snap, snapFull, test } from './kit.ts';

// A point inside the grid of the demo grid worker `grid` (翠微路社区第1社区网格, 11010800100101).
const inGrid = { longitude: 116.0778, latitude: 40.1128 };
const resident = { name: '张桂兰', phone: '13800138000' };
const stamp = Date.now().toString(36).slice(-4).toUpperCase();
const title = `北门早市摊贩占道经营 ${stamp}`;

/** A small JPEG that looks like a street: sky, road, and (before) an orange stall on it. */
function photo(name: string, withStall: boolean): string {
  const width = 480;
  const height = 320;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      let rgb: [number, number, number];
      if (y < 120) rgb = [150 + y / 2, 190 + y / 4, 235];
      else if (y < 150) rgb = [120, 130, 120];
      else rgb = [95 + ((x + y) % 16), 98, 104];
      if (withStall && x > 170 && x < 330 && y > 130 && y < 250) rgb = y < 150 ? [40, 110, 200] : [230, 120, 40];
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = 255;
    }
  }
  const file = path.join(os.tmpdir(), `gongzhi-e2e-${process.pid}-${name}.jpg`);
  fs.writeFileSync(file, jpeg.encode({ data, width, height }, 85).data);
  return file;
}

async function signedIn(browser: Browser, username: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, options);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

async function state(page: Page): Promise<string | null> {
  return page.getByTestId('case-detail').getByTestId('case-state').first().getAttribute('data-state');
}

async function waitForState(page: Page, wanted: string) {
  await page.waitForFunction(
    (s) => document.querySelector('[data-testid=case-detail] [data-testid=case-state]')?.getAttribute('data-state') === s,
    wanted,
    { timeout: 15_000 },
  );
}

/** Opens an action's form, lets `fill` complete it, and confirms. */
async function act(page: Page, action: string, fill?: () => Promise<void>) {
  await page.getByTestId(`action-${action}`).click();
  const modal = page.locator('.ant-modal').filter({ has: page.getByTestId(`action-form-${action}`) });
  await modal.waitFor();
  if (fill) await fill();
  await modal.locator('.ant-modal-footer .ant-btn-primary').click();
}

async function uploaded(page: Page, count: number) {
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid=photo-thumb][data-uploaded=true]').length >= n, count, { timeout: 15_000 });
}

/** An action whose form takes a text and one photo (a screenshot of the filled form if named). */
async function actWithPhoto(page: Page, action: string, text: string, photoFile: string, screenshot?: string) {
  await act(page, action, async () => {
    await page.getByTestId('action-text').fill(text);
    await page.getByTestId('action-photos').setInputFiles(photoFile);
    await uploaded(page, 1);
    if (screenshot) await snap(page, screenshot);
  });
}

// The closed loop's case, which the hotline operator then finds by the caller's number.
let number = '';

test.describe.serial('The closed loop: reported on /m, dispatched, handled, verified, rated on /portal', () => {
  const contexts: BrowserContext[] = [];
  let before = '';
  let after = '';
  let caseId = '';
  let community: Page;
  let grid: Page;
  let dept: Page;
  test.beforeAll(() => {
    before = photo('before', true);
    after = photo('after', false);
  });
  test.afterAll(async () => {
    for (const context of contexts) await context.close();
    fs.rmSync(before, { force: true });
    fs.rmSync(after, { force: true });
  });

  test('community staff land on their to-do (工作台) with the cases menu', async ({ browser }) => {
    const signed = await signedIn(browser, 'community');
    contexts.push(signed.context);
    community = signed.page;
    await community.waitForURL(/\/console\/todo/);
    const labels = await community.locator('[data-testid=console-menu] .ant-menu-item').allInnerTexts();
    for (const wanted of ['工作台', '案件列表', '热线受理']) expect(labels.some((l) => l.includes(wanted)), `menu lacks ${wanted}: ${labels.join(',')}`).toBeTruthy();
    await community.getByTestId('todo-table').waitFor();
    await community.waitForFunction(() => document.querySelector('[data-testid=case-bell]')?.getAttribute('data-connected') === 'true', null, { timeout: 15_000 });
  });

  test('the grid worker opens the report form on /m and the phone’s GPS places the point in their grid', async ({ browser }) => {
    const signed = await signedIn(browser, 'grid', {
      ...phone,
      hasTouch: true,
      geolocation: inGrid,
      permissions: ['geolocation'],
    });
    contexts.push(signed.context);
    grid = signed.page;
    await grid.waitForURL(/\/m$/);
    await grid.getByTestId('m-report').click();
    await grid.waitForURL(/\/m\/report/);
    const summary = grid.getByTestId('location-summary');
    await summary.waitFor({ timeout: 15_000 });
    const text = await summary.innerText();
    expect(text.includes('已定位') && text.includes('116.0778') && text.includes('40.1128'), `location: ${text}`).toBeTruthy();
    const capture = await grid.getByTestId('report-photos').getAttribute('capture');
    expect(capture === 'environment', `the photo input opens the camera with capture=${capture}`).toBeTruthy();
  });

  test('the grid worker takes a photo, picks the category, describes it for a resident and reports', async () => {
    const page = grid;
    await page.getByTestId('report-photos').setInputFiles(before);
    await uploaded(page, 1);
    await page.getByTestId('report-category').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '市容秩序' }).click();
    await page.locator('.ant-cascader-menu-item', { hasText: '占道经营' }).click();
    const autoTitle = await page.getByTestId('report-title').inputValue();
    expect(autoTitle === '占道经营', `title not filled from the category: "${autoTitle}"`).toBeTruthy();
    await page.getByTestId('report-title').fill(title);
    await page.getByTestId('report-description').fill('小区北门外早市摊贩占用人行道经营，行人只能走机动车道，存在安全隐患。');
    await page.getByTestId('report-address').fill('翠微路社区北门外人行道');
    await page.getByTestId('report-on-behalf').locator('.ant-collapse-header').click();
    await page.getByTestId('report-reporter-name').fill(resident.name);
    await page.getByTestId('report-reporter-phone').fill(resident.phone);
    await page.getByTestId('case-map').and(page.locator('[data-drawn=true]')).waitFor({ timeout: 30_000 });
    await snapFull(page, 'case-m-report.png');
    await page.getByTestId('report-submit').click();
    const done = page.getByTestId('report-done');
    await done.waitFor({ timeout: 20_000 });
    number = (await done.getAttribute('data-number')) ?? '';
    caseId = (await done.getAttribute('data-id')) ?? '';
    expect(/^HD\d{8}-\d{6}$/.test(number), `case number ${number}`).toBeTruthy();
    await snap(page, 'case-m-reported.png');
  });

  test('the case appears live on the community’s to-do, with the bell counting it', async () => {
    const page = community;
    await page.getByTestId('todo-table').locator(`tr[data-case="${number}"]`).waitFor({ timeout: 20_000 });
    const unread = Number(await page.getByTestId('case-bell').getAttribute('data-unread'));
    expect(unread >= 1, `bell shows ${unread} unread`).toBeTruthy();
    const row = await page.getByTestId('todo-table').locator(`tr[data-case="${number}"]`).innerText();
    expect(row.includes(title) && row.includes('已上报') && row.includes('正常'), `to-do row: ${row}`).toBeTruthy();
    await snap(page, 'case-todo-live.png');
  });

  test('community staff accept and register the case', async () => {
    const page = community;
    await page.getByTestId('todo-table').locator(`tr[data-case="${number}"]`).getByTestId('case-link').click();
    await page.waitForURL(new RegExp(`/console/cases/${caseId}`));
    const text = await page.getByTestId('case-detail').innerText();
    const masked = `${resident.phone.slice(0, 3)}******${resident.phone.slice(9)}`;
    expect(text.includes(`${resident.name.slice(0, 1)}*`) && text.includes(masked), 'intake staff do not see the reporter masked').toBeTruthy();
    expect(!text.includes(resident.phone) && !text.includes(resident.name), 'intake staff see the reporter in clear without a reason').toBeTruthy();
    // 查看: the contact in clear after a reason, which the server audits.
    const reporter = page.getByTestId('case-reporter');
    await reporter.getByTestId('reveal-open').click();
    await page.getByTestId('reveal-reason').fill('回访核实诉求');
    await page.getByTestId('reveal-confirm').click();
    await reporter.getByText(resident.phone).waitFor({ timeout: 10_000 });
    expect((await reporter.innerText()).includes(resident.name), 'the revealed reporter lacks the name').toBeTruthy();
    await snap(page, 'case-reporter-revealed.png');
    await reporter.getByTestId('reveal-hide').click();
    await reporter.getByText(masked).waitFor();
    await act(page, 'accept');
    await waitForState(page, 'accepted');
    await act(page, 'register');
    await waitForState(page, 'registered');
  });

  test('dispatch proposes the department from the responsibility matrix and sends the case there', async () => {
    const page = community;
    await page.getByTestId('action-dispatch').click();
    const proposal = page.getByTestId('dispatch-proposal');
    await proposal.waitFor({ timeout: 10_000 });
    const text = await proposal.innerText();
    expect(text.includes('海淀区城市管理委员会') && text.includes('责任矩阵'), `proposal: ${text}`).toBeTruthy();
    await page.getByTestId('dispatch-target').getByText('海淀区城市管理委员会').waitFor();
    await snap(page, 'case-dispatch.png');
    await page.locator('.ant-modal').filter({ has: page.getByTestId('action-form-dispatch') }).locator('.ant-modal-footer .ant-btn-primary').click();
    await waitForState(page, 'dispatched');
    const handling = await page.getByTestId('case-detail').innerText();
    expect(handling.includes('海淀区城市管理委员会'), 'the handling unit is not shown').toBeTruthy();
  });

  test('the department is notified (bell), opens the case from the notification and acknowledges it', async ({ browser }) => {
    const signed = await signedIn(browser, 'dept');
    contexts.push(signed.context);
    dept = signed.page;
    await dept.waitForURL(/\/console\/todo/);
    await dept.waitForFunction(() => Number(document.querySelector('[data-testid=case-bell]')?.getAttribute('data-unread')) > 0, null, { timeout: 10_000 });
    await dept.getByTestId('case-bell').click();
    await dept.getByTestId('case-bell-panel').getByText(`${number} 派遣`).click();
    await dept.waitForURL(new RegExp(`/console/cases/${caseId}`));
    const text = await dept.getByTestId('case-detail').innerText();
    expect(!text.includes(resident.phone), 'the department sees the reporter’s phone without it being shared').toBeTruthy();
    await expect(dept.getByTestId('case-map'), 'the department sees the polygon of the case’s grid').toHaveAttribute('data-grid', 'true', { timeout: 15_000 });
    await act(dept, 'acknowledge');
    await waitForState(dept, 'handling');
  });

  test('the community’s stale page meets a clear version conflict, and reloads', async () => {
    const page = community;
    expect((await state(page)) === 'dispatched', 'the community page was refreshed before the conflict could be shown').toBeTruthy();
    await act(page, 'suspend', async () => {
      await page.getByTestId('action-reason').fill('等待产权单位确认');
    });
    const conflict = page.getByTestId('action-conflict');
    await conflict.waitFor({ timeout: 10_000 });
    const text = await conflict.innerText();
    expect(text.includes('刚被他人办理') && text.includes('请刷新后重试'), `conflict: ${text}`).toBeTruthy();
    await snap(page, 'case-version-conflict.png');
    await conflict.getByRole('button', { name: /刷新案件/ }).click();
    await waitForState(page, 'handling');
  });

  test('the department feeds back with a result photo', async () => {
    const page = dept;
    await actWithPhoto(page, 'feedback', '已联合街道城管队清理摊位，恢复人行道通行，并设置提示牌。', after, 'case-dept-feedback.png');
    await waitForState(page, 'handled');
  });

  test('the grid worker sees the task to verify on /m and passes it on site', async () => {
    const page = grid;
    await page.goto('/m');
    const task = page.locator(`[data-testid=m-task][data-case="${number}"]`);
    await task.waitFor({ timeout: 15_000 });
    await task.click();
    await page.waitForURL(new RegExp(`/m/cases/${caseId}`));
    await page.getByTestId('action-verify_pass').waitFor();
    await actWithPhoto(page, 'verify_pass', '现场核查：摊位已清理，人行道畅通。', after);
    await waitForState(page, 'closed');
    await snapFull(page, 'case-m-verified.png');
  });

  test('the resident follows the case on /portal by number and phone and rates it', async ({ browser }) => {
    const context = await openContext(browser, phone);
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/portal');
    await page.getByTestId('portal-track-link').click();
    await page.waitForURL(/\/portal\/track/);
    await page.getByTestId('track-number').fill(number);
    await page.getByTestId('track-phone').fill('13800000000');
    await page.getByTestId('track-submit').click();
    await page.getByTestId('track-error').waitFor();
    await page.getByTestId('track-phone').fill(resident.phone);
    await page.getByTestId('track-submit').click();
    const tracked = page.getByTestId('tracked-case');
    await tracked.waitFor();
    expect((await tracked.getAttribute('data-state')) === 'closed', `tracked state ${await tracked.getAttribute('data-state')}`).toBeTruthy();
    const steps = await page.locator('[data-testid=tracked-step]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')));
    for (const wanted of ['report', 'accept', 'dispatch', 'feedback', 'verify_pass']) expect(steps.includes(wanted), `public steps lack ${wanted}: ${steps.join(',')}`).toBeTruthy();
    const text = await tracked.innerText();
    expect(!text.includes('办理员'), 'the public view names staff').toBeTruthy();
    await page.getByTestId('rate-options').getByText('满意', { exact: true }).click();
    await page.getByTestId('rate-text').fill('处理很及时，谢谢！');
    await page.getByTestId('rate-submit').click();
    await page.getByTestId('rate-done').waitFor({ timeout: 10_000 });
    expect((await page.getByTestId('tracked-case').getAttribute('data-state')) === 'rated', 'the case is not rated').toBeTruthy();
    await snapFull(page, 'case-portal-rated.png');
  });

  test('the case page shows the whole timeline, in order, with photos', async () => {
    const page = community;
    await page.reload();
    await waitForState(page, 'rated');
    // The clock may add a warning while the journey runs: compare the people's steps.
    const clock = ['warning', 'overdue', 'auto_supervise'];
    const actions = (await page.locator('[data-testid=case-timeline] [data-testid=timeline-entry]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-action')))).filter(
      (a) => a !== null && !clock.includes(a),
    );
    const loop = ['report', 'accept', 'register', 'dispatch', 'acknowledge', 'feedback', 'verify_pass', 'rate'];
    expect(JSON.stringify(actions) === JSON.stringify(loop), `timeline: ${actions.join(' → ')}`).toBeTruthy();
    const text = await page.getByTestId('case-timeline').innerText();
    for (const wanted of ['上报', '受理', '立案', '派遣', '签收', '处置反馈', '核查通过', '评价', '海淀区城市管理委员会', '处理很及时', '满意']) {
      expect(text.includes(wanted), `timeline lacks ${wanted}`).toBeTruthy();
    }
    const photos = await page.getByTestId('case-timeline').locator('img').count();
    expect(photos >= 3, `timeline shows ${photos} photos`).toBeTruthy();
    await page.getByTestId('case-map').and(page.locator('[data-drawn=true]')).waitFor({ timeout: 30_000 });
    await snapFull(page, 'case-timeline.png');
  });
});

test.describe.serial('A hotline operator takes a call by keyboard: caller history, category by pinyin, duplicates', () => {
  let page: Page;
  sharePage((p) => (page = p));
  test.beforeAll(async () => {
    await signInFromLogin(page, 'hotline', demoPassword);
  });

  test('the caller’s number brings up their earlier case', async () => {
    await page.goto('/console/hotline');
    await page.getByTestId('hotline-phone').fill(resident.phone);
    await page.getByTestId('hotline-phone').press('Enter');
    const history = page.getByTestId('hotline-history');
    if (number) await history.getByText(number).waitFor({ timeout: 10_000 });
    // The earlier name is shown masked and never copied into the form (it would be saved as 张*).
    await history.getByText(`老来电人：${resident.name.slice(0, 1)}*`).waitFor({ timeout: 10_000 });
    expect(!(await history.innerText()).includes(resident.phone), 'the caller history shows the number in clear').toBeTruthy();
    await expect(page.getByTestId('hotline-name')).toHaveValue('');
  });

  test('typing pinyin initials finds the category; the area is picked by name', async () => {
    await page.keyboard.type('zdjy');
    await page.locator('.ant-select-item-option', { hasText: '占道经营' }).first().waitFor();
    await page.keyboard.press('Enter');
    expect((await page.getByTestId('hotline-title').inputValue()) === '占道经营', 'title not filled from the category').toBeTruthy();
    await page.getByTestId('hotline-title').fill('菜市场门口摊贩占道经营');
    await page.getByTestId('hotline-description').fill('来电反映菜市场门口有摊贩占道，早上七点最严重。');
    await page.getByTestId('hotline-place').click();
    await page.keyboard.type('翠微路社区');
    await page.locator('.ant-select-item-option', { hasText: '翠微路社区' }).first().click();
  });

  let first = '';
  test('Ctrl+Enter submits the work order and the form is ready for the next call', async () => {
    await page.getByTestId('hotline-description').press('Control+Enter');
    const created = page.getByTestId('hotline-created');
    await created.waitFor({ timeout: 15_000 });
    first = /HD\d{8}-\d{6}/.exec(await created.innerText())?.[0] ?? '';
    expect(first !== '', 'no work order number').toBeTruthy();
    expect((await page.getByTestId('hotline-phone').inputValue()) === '', 'the form was not cleared').toBeTruthy();
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid=hotline-phone]') != null, null, { timeout: 5_000 });
  });

  test('a second call about the same problem is shown the first one as a likely duplicate', async () => {
    await page.getByTestId('hotline-phone').fill('13600136000');
    await page.getByTestId('hotline-phone').press('Enter');
    await page.keyboard.type('zdjy');
    await page.locator('.ant-select-item-option', { hasText: '占道经营' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('hotline-place').click();
    await page.keyboard.type('翠微路社区');
    await page.locator('.ant-select-item-option', { hasText: '翠微路社区' }).first().click();
    await page.getByTestId('hotline-duplicates').getByText(first).waitFor({ timeout: 10_000 });
    await snap(page, 'case-hotline.png');
  });

  test('a category with a required question (电梯故障: is anyone trapped?) asks it before the order goes', async () => {
    await page.goto('/console/hotline');
    await page.getByTestId('hotline-phone').fill('13700137000');
    await page.getByTestId('hotline-phone').press('Enter');
    await page.keyboard.type('dtgz');
    await page.locator('.ant-select-item-option', { hasText: '电梯故障' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.getByTestId('hotline-description').fill('3号楼电梯停在两层之间，来电人说不清里面有没有人。');
    await page.getByTestId('hotline-place').click();
    await page.keyboard.type('翠微路社区');
    await page.locator('.ant-select-item-option', { hasText: '翠微路社区' }).first().click();
    await page.getByTestId('hotline-description').press('Control+Enter');
    await page.locator('.ant-form-item-explain-error', { hasText: '是否有人被困' }).waitFor();
    await expect(page.getByTestId('hotline-created')).toHaveCount(0);
    await page.getByLabel('有人被困', { exact: true }).check();
    await page.getByTestId('hotline-description').press('Control+Enter');
    await page.getByTestId('hotline-created').waitFor({ timeout: 15_000 });
  });
});

test.describe.serial('Street staff filter the case list, save a view, export it, and open the supervision board', () => {
  let page: Page;
  sharePage((p) => (page = p), { acceptDownloads: true });
  test.beforeAll(async () => {
    await signInFromLogin(page, 'street', demoPassword);
  });

  test('the overdue filter finds the case whose deadline passed, marked by the deadline job', async () => {
    const overdue = prepared().overdueCase;
    await page.goto(`/console/cases?overdue=1&q=${encodeURIComponent(overdue.number)}`);
    const row = page.getByTestId('case-list-table').locator(`tr[data-case="${overdue.number}"]`);
    await row.waitFor({ timeout: 15_000 });
    const text = await row.innerText();
    expect(text.includes(overdue.title), `row: ${text}`).toBeTruthy();
    expect((await row.locator('[data-testid=deadline]').getAttribute('data-tone')) === 'overdue', 'the prepared case does not show as overdue').toBeTruthy();
  });

  test('filters narrow the list and a named view brings them back', async () => {
    await page.goto('/console/cases?overdue=1');
    const table = page.getByTestId('case-list-table');
    await table.locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('case-save-view').click();
    await page.getByTestId('case-view-name').fill('本街道超期案件');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-message').getByText('已保存视图').waitFor();
    await page.goto('/console/cases');
    await table.locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    const filtered = page.waitForResponse((r) => r.url().includes('/api/cases?') && r.url().includes('overdue=true'));
    await page.getByTestId('case-views').click();
    await page.locator('.ant-select-item-option', { hasText: '本街道超期案件' }).click();
    await page.waitForURL(/overdue=1/);
    await filtered;
    await page.waitForTimeout(300);
    const tones = await table.locator('[data-testid=deadline]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-tone')));
    expect(tones.length > 0 && tones.every((tone) => tone === 'overdue' || tone === 'none'), `tones: ${tones.join(',')}`).toBeTruthy();
    await snap(page, 'case-list.png');
  });

  test('the filtered list exports as an Excel file', async () => {
    await downloadXlsx(page, 'case-export');
  });

  test('the supervision board lists overdue cases with a supervise action', async () => {
    await page.getByTestId('console-menu').locator('.ant-menu-item', { hasText: '督办' }).click();
    await page.waitForURL(/\/console\/supervision/);
    await page.getByTestId('supervision-table').locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    expect((await page.getByTestId('supervise-row').count()) > 0, 'no supervise button').toBeTruthy();
    await snap(page, 'case-supervision.png');
  });
});
