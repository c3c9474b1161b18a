// The grid worker's day without signal, in Chromium on a phone against the real server: the
// worker starts a patrol and walks (the position moved by the test), loses the network,
// records a visit and reports a case with a photo while offline — both kept in the phone's
// outbox and shown as waiting — gets the network back (the report's first answer lost on the
// way, so it is sent twice with one key), and both arrive once; the patrol ends and the
// community's staff see its track on the grid map in the console.
import jpeg from 'jpeg-js';
import type { BrowserContext, Page } from '@playwright/test';
import { checkA11y, chooseByKeyboard, demoPassword, expect, openContext, phone, signInFromLogin, snap, snapFull, test } from '../../../../../e2e/kit.ts';

// Inside the grid of the demo grid worker `grid` (翠微路社区第1社区网格), as e2e/cases.spec.ts uses.
const start = { longitude: 116.0778, latitude: 40.1128 };
const stamp = Date.now().toString(36).slice(-4).toUpperCase();
const title = `楼道堆物堵塞消防通道 ${stamp}`;
const visitNote = `离线走访 ${stamp}：老人身体尚好，已提醒用电安全。`;

/** A small JPEG of a cluttered stairwell, as the camera would give it. */
function photo(): { name: string; mimeType: string; buffer: Buffer } {
  const width = 320;
  const height = 240;
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const y = Math.floor(i / width);
    data[i * 4] = y < 120 ? 200 : 120;
    data[i * 4 + 1] = y < 120 ? 180 : 90;
    data[i * 4 + 2] = y < 120 ? 150 : 60;
    data[i * 4 + 3] = 255;
  }
  return { name: 'stairwell.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg.encode({ data, width, height }, 85).data) };
}

/** Walks `steps` of ~20 m north-east from where the last walk ended, waiting for each point to be taken. */
async function walk(context: BrowserContext, page: Page, from: number, steps: number) {
  for (let i = from; i < from + steps; i++) {
    await context.setGeolocation({ longitude: start.longitude + i * 0.00015, latitude: start.latitude + i * 0.00012, accuracy: 8 });
    await page.waitForFunction((n) => Number(document.querySelector('[data-testid=patrol-map]')?.getAttribute('data-track-points') ?? 0) >= n, i + 1, { timeout: 15_000 });
    await page.waitForTimeout(1500);
  }
}

async function outboxCounts(page: Page): Promise<{ waiting: number; failed: number }> {
  const indicator = page.getByTestId('outbox-indicator');
  return { waiting: Number(await indicator.getAttribute('data-waiting')), failed: Number(await indicator.getAttribute('data-failed')) };
}

test.describe.serial('A grid worker works without signal: patrol, visit and report queued offline, sent once when the network returns', () => {
  let context: BrowserContext;
  let page: Page;
  const picture = photo();
  let visited = '';
  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser, { ...phone, hasTouch: true, geolocation: { ...start, accuracy: 8 }, permissions: ['geolocation'] });
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('the worker’s phone installs the app shell and shows an empty outbox', async () => {
    await signInFromLogin(page, 'grid', demoPassword, /\/m$/);
    await page.getByTestId('outbox-indicator').waitFor();
    expect(await page.getByTestId('outbox-indicator').innerText()).toContain('待发送 0 条 / 发送失败 0 条');
    // The service worker took control: /m opens without signal from here on.
    const active = await page.evaluate(() => Promise.race([navigator.serviceWorker.ready.then((r) => r.active !== null), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 20_000))]));
    expect(active, 'the service worker is active').toBeTruthy();
    // What the report form reads (categories, the grid) is kept for use without signal.
    await page.locator('[data-testid=outbox-indicator][data-offline-ready=true]').waitFor({ timeout: 30_000 });
    const manifest = await page.request.get('/manifest.webmanifest');
    expect(manifest.ok(), 'the web app manifest is served').toBeTruthy();
    expect(((await manifest.json()) as { start_url: string }).start_url).toBe('/m');
  });

  test('the worker starts a patrol and the track grows on the grid map', async () => {
    await page.getByTestId('patrol-start').click();
    await page.locator('[data-testid=patrol-section][data-active=true]').waitFor();
    await walk(context, page, 1, 4);
    await page.locator('[data-testid=patrol-map][data-drawn=true]').waitFor({ timeout: 30_000 });
    await snapFull(page, 'gridwork-m-patrol.png');
  });

  test('the worker opens the registry, loses the network and records a visit: it waits in the outbox', async () => {
    await page.getByTestId('m-registry-entry').click();
    await page.waitForURL(/\/m\/registry$/);
    const first = page.getByTestId('m-overdue').locator('.ant-list-item').first();
    await first.waitFor({ timeout: 20_000 });
    visited = (await first.locator('.ant-typography strong, strong').first().innerText()).trim();
    await context.setOffline(true);
    await first.getByRole('button', { name: '记录走访' }).click();
    const modal = page.locator('.ant-modal', { hasText: '记录走访' });
    await modal.waitFor();
    await page.getByTestId('visit-notes').fill(visitNote);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-message').getByText('走访已保存在手机上').waitFor();
    await modal.waitFor({ state: 'hidden' });
  });

  test('still offline, the worker reports a case with a photo: it is kept on the phone', async () => {
    await page.goBack();
    await page.waitForURL(/\/m$/);
    await walk(context, page, 5, 2);
    await page.getByTestId('m-report').click();
    await page.waitForURL(/\/m\/report/);
    await page.getByTestId('report-photos').setInputFiles(picture);
    await page.locator('[data-testid=photo-thumb][data-kept=true]').waitFor();
    await page.getByTestId('report-category').click();
    await page.locator('.ant-cascader-menu-item', { hasText: '市容秩序' }).first().click();
    await page.locator('.ant-cascader-menu').nth(1).locator('.ant-cascader-menu-item').first().click();
    await page.getByTestId('report-title').fill(title);
    await page.getByTestId('report-description').fill('三号楼二单元楼道堆放杂物和电动车，堵塞消防通道，地下室没有信号，离线上报。');
    await page.getByTestId('location-summary').waitFor({ timeout: 15_000 });
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-queued').waitFor({ timeout: 20_000 });
    await snap(page, 'gridwork-m-report-queued.png');
    await page.goBack();
    await page.waitForURL(/\/m$/);
    await expect.poll(async () => (await outboxCounts(page)).waiting, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('outbox-indicator').innerText()).toMatch(/待发送 \d+ 条 \/ 发送失败 0 条/);
    await snapFull(page, 'gridwork-m-offline-outbox.png');
  });

  test('the network returns, the first answer to the report is lost, the retry replays it: the case and the visit each arrive once', async () => {
    // The server takes the first POST of the report but its answer never reaches the phone, so
    // the outbox sends the same write (same Idempotency-Key) again on its next try.
    let reportPosts = 0;
    await page.route('**/api/cases', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      reportPosts += 1;
      if (reportPosts > 1) return route.continue();
      await route.fetch();
      return route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    await expect.poll(async () => outboxCounts(page), { timeout: 60_000 }).toEqual({ waiting: 0, failed: 0 });
    await page.unroute('**/api/cases');
    expect(reportPosts, 'the report was sent again after its answer was lost').toBeGreaterThanOrEqual(2);
    const cases = await page.request.get(`/api/cases?q=${encodeURIComponent(title)}&page=1&pageSize=10`);
    expect(cases.ok()).toBeTruthy();
    const found = (await cases.json()) as { total: number; items: { id: string }[] };
    expect(found.total, 'the offline report arrived exactly once').toBe(1);
    const detail = (await (await page.request.get(`/api/cases/${found.items[0]?.id ?? ''}`)).json()) as { attachments: unknown[] };
    expect(detail.attachments.length, 'the photo taken offline came with the report').toBe(1);
    await page.getByTestId('m-registry-entry').click();
    await page.waitForURL(/\/m\/registry$/);
    const search = page.getByTestId('m-registry-search').locator('input');
    await search.fill(visited);
    await search.press('Enter');
    await page.getByTestId('m-resident').filter({ hasText: visited }).first().getByText(visited, { exact: true }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '走访记录' });
    await drawer.getByText(visitNote).waitFor({ timeout: 15_000 });
    expect(await drawer.getByText(visitNote).count(), 'the offline visit arrived exactly once').toBe(1);
    await page.keyboard.press('Escape');
    await page.goBack();
    await page.waitForURL(/\/m$/);
  });

  test('the worker ends the patrol', async () => {
    await page.getByTestId('patrol-end').click();
    await page.locator('[data-testid=patrol-section][data-active=false]').waitFor();
    await expect.poll(async () => (await outboxCounts(page)).waiting, { timeout: 20_000 }).toBe(0);
  });

  test('the community’s staff see the patrol and its track on the grid map', async ({ browser }) => {
    const staff = await openContext(browser);
    try {
      const console = await staff.newPage();
      await signInFromLogin(console, 'community', demoPassword);
      await console.goto('/console/patrols');
      const row = console.getByTestId('patrols-table').locator('tbody tr').filter({ hasText: '已结束' }).first();
      await row.waitFor({ timeout: 20_000 });
      await row.click();
      const map = console.getByTestId('patrol-track-map');
      await console.locator('[data-testid=patrol-track-map][data-drawn=true]').waitFor({ timeout: 30_000 });
      expect(Number(await map.getAttribute('data-track-points')), 'the track has the walked points').toBeGreaterThanOrEqual(5);
      await snap(console, 'gridwork-console-patrol-track.png');
      await checkA11y(console, '/console/patrols (track open)');
    } finally {
      await staff.close();
    }
  });
});

/** The select dropdown open now (one just closed may still be fading out). */
/** Chooses an option of an antd Select by keyboard (the first, or the first whose text has `text`) and checks it took. */
// The duty lists in use: community staff read the district's table and announce an occasion to
// their community; the grid worker marks it attended on /m and asks for leave; the staff turn
// the worker's work log entry into a case and follow the link to it.
test.describe.serial('Duty lists, occasions, leave and a work log entry made into a case', () => {
  const occasion = `居民议事会 ${stamp}`;
  const seen = `小区东门路灯损坏，夜间照明不足 ${stamp}`;
  let staff: BrowserContext;
  let worker: BrowserContext;
  let console: Page;
  let phonePage: Page;
  test.beforeAll(async ({ browser }) => {
    staff = await openContext(browser);
    worker = await openContext(browser, { ...phone });
    console = await staff.newPage();
    phonePage = await worker.newPage();
  });
  test.afterAll(async () => {
    await staff.close();
    await worker.close();
  });

  test('community staff read the duty lists and announce an occasion to their community', async () => {
    await signInFromLogin(console, 'community', demoPassword);
    await console.goto('/console/duty-rules');
    await console.getByTestId('rules-table').locator('tbody tr').filter({ hasText: '九必访' }).first().waitFor({ timeout: 20_000 });
    await console.getByText('六必到', { exact: true }).first().click();
    await expect.poll(async () => console.getByTestId('rules-table').locator('tbody tr').filter({ hasText: '九必访' }).count()).toBe(0);
    await console.getByTestId('occasion-add').click();
    const form = console.getByTestId('occasion-form');
    await form.waitFor();
    // Options are chosen by keyboard: a click can land on a list that is still fading out.
    await chooseByKeyboard(console, form.getByRole('combobox', { name: '对应规则' }), '必到');
    await chooseByKeyboard(console, form.getByRole('combobox', { name: '选择社区' }));
    await form.getByLabel('事项名称').fill(occasion);
    await snap(console, 'gridwork-console-occasion.png');
    await console.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await console.locator('.ant-message').getByText('已发布到社区各网格').waitFor();
    await snapFull(console, 'gridwork-console-duty-rules.png');
  });

  test('the grid worker marks the occasion attended and asks for leave on /m', async () => {
    await signInFromLogin(phonePage, 'grid', demoPassword, /\/m$/);
    await phonePage.getByTestId('duty-section').locator('.ant-list').waitFor({ timeout: 20_000 });
    if (await phonePage.getByTestId('duty-more').isVisible()) await phonePage.getByTestId('duty-more').click();
    const item = phonePage.getByTestId('duty-item').filter({ hasText: occasion });
    await item.waitFor({ timeout: 20_000 });
    await item.getByTestId('duty-attend').click();
    await phonePage.locator('.ant-message').getByText('已记录到场').waitFor();
    await expect(item).toHaveCount(0, { timeout: 15_000 });
    await phonePage.getByTestId('leave-ask').click();
    const form = phonePage.getByTestId('leave-form');
    await form.waitFor();
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    for (const label of ['开始日期', '结束日期']) {
      await form.getByLabel(label).fill(day);
      await form.getByLabel(label).press('Enter');
    }
    await form.getByLabel('事由').fill(`家中有事 ${stamp}`);
    await phonePage.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    await phonePage.locator('.ant-message').getByText('申请已提交').waitFor();
    await phonePage.getByTestId('my-leave').filter({ hasText: '待审批' }).filter({ hasText: day }).first().waitFor();
    await snapFull(phonePage, 'gridwork-m-leave.png');
    // Today's work log entry, saved through the API the /m section uses, for the staff to act on.
    const saved = await phonePage.request.put('/api/gridwork/logs', { data: { seen } });
    expect(saved.ok(), 'the work log entry is saved').toBeTruthy();
  });

  test('community staff turn the entry into a case and open it', async () => {
    await console.goto('/console/work-logs');
    const row = console.getByTestId('logs-table').locator('tbody tr').filter({ hasText: seen });
    await row.waitFor({ timeout: 20_000 });
    await row.getByTestId('log-to-case').click();
    const form = console.getByTestId('log-case-form');
    await form.waitFor();
    await chooseByKeyboard(console, form.getByRole('combobox', { name: '事件类别' }));
    await console.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click();
    const link = console.getByTestId('log-case-created');
    await link.waitFor({ timeout: 20_000 });
    await row.getByTestId('log-case-link').first().waitFor({ timeout: 15_000 });
    await link.click();
    await console.waitForURL(/\/console\/cases\/[0-9a-f-]+$/);
    await console.getByText(seen.slice(0, 20)).first().waitFor({ timeout: 20_000 });
  });
});
