// Usable by everyone: a resident signs in and reports on /portal with the keyboard alone, then
// community staff find the case in the console's list and open it, again by keyboard (no trap
// in the filters); the elderly mode (长辈版) of /portal and /m, remembered, with large text,
// checked by axe; reflow at 320 px and at 200 % zoom without sideways scrolling.
import type { Locator, Page } from '@playwright/test';
import { checkA11y, demoPassword, expect, openContext, phone, sharePage, snapFull, test } from './kit.ts';

const stamp = Date.now().toString(36).slice(-4).toUpperCase();
const title = `楼道堆放杂物堵塞通道 ${stamp}`;

/** Presses Tab (Shift+Tab when `back`) until the focus is on or inside `target`; fails if it is not reached in `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 60, back = false } = {}) {
  const element = await target.elementHandle({ timeout: 15_000 });
  for (let i = 0; i < max; i++) {
    if (await element?.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160));
  throw new Error(`Tab did not reach the target in ${max} presses; the focus is on ${at}`);
}

/** What has the focus, as a short description. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { tag: el?.tagName ?? '', className: el?.className?.toString() ?? '', text: (el?.textContent ?? '').trim().slice(0, 40), id: el?.id ?? '' };
  });
}

/** Signs in on /login with the keyboard alone. */
async function signInByKeyboard(page: Page, username: string) {
  await page.goto('/login');
  await tabTo(page, page.getByTestId('login-username'));
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(demoPassword);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** Whether the page scrolls sideways (more than a pixel of rounding). */
function scrollsSideways(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
}

let number = '';

test.describe.serial('Keyboard only: a resident reports on /portal, staff find and open the case', () => {
  let page: Page;
  sharePage((p) => (page = p));

  test('the resident signs in by keyboard; the first Tab on /portal is the skip link', async () => {
    await signInByKeyboard(page, 'resident');
    await page.waitForURL(/\/portal/);
    await page.getByTestId('portal-report-link').waitFor();
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first.className.includes('gz-skip-link') && first.text === '跳到主要内容', `first Tab: ${JSON.stringify(first)}`).toBeTruthy();
    await page.keyboard.press('Enter');
    expect((await focused(page)).tag, 'the skip link puts the focus on <main>').toBe('MAIN');
  });

  test('the report service card shows its focus and opens with Enter', async () => {
    const card = page.getByTestId('portal-report-link');
    await tabTo(page, card);
    const outline = await card.evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline, 'the focused service card has no visible outline').not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/portal\/report/);
    await page.getByTestId('portal-report-form').waitFor();
  });

  test('a failed submit puts the focus on the first wrong field, the labelled category', async () => {
    await tabTo(page, page.getByRole('button', { name: /提\s*交/ }));
    await page.keyboard.press('Enter');
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { message: 'focus after a failed submit' }).toBe('category');
    await expect(page.locator('#category'), 'the category field is named by its label').toHaveAccessibleName(/类别/);
    await checkA11y(page, '/portal/report (errors shown)');
  });

  test('the resident picks the category by typing, fills the form and submits with Enter', async () => {
    await page.keyboard.type('楼道堆物');
    await page.locator('.ant-cascader-menu-item', { hasText: '楼道堆物' }).first().waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('#title'), 'title not filled from the category').not.toHaveValue('');
    await tabTo(page, page.locator('#title'));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(title);
    await page.keyboard.press('Tab');
    await page.keyboard.type('三号楼二单元楼道里堆满纸箱和旧家具，晚上看不清，老人上下楼容易绊倒。');
    await tabTo(page, page.locator('#address'));
    await page.keyboard.type('翠微路社区三号楼二单元');
    await tabTo(page, page.locator('#phone'));
    await page.keyboard.type('13800138000');
    await page.keyboard.press('Enter');
    const done = page.getByTestId('portal-report-done');
    await done.waitFor({ timeout: 20_000 });
    number = (await done.getAttribute('data-number')) ?? '';
    expect(/^HD\d{8}-\d{6}$/.test(number), `case number ${number}`).toBeTruthy();
  });

  test('community staff find the case in the list by keyboard, past every filter, and open it', async () => {
    await page.context().clearCookies();
    await signInByKeyboard(page, 'community');
    await page.goto('/console/cases');
    await page.getByTestId('case-list-table').locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    await page.keyboard.press('Tab');
    expect((await focused(page)).className.includes('gz-skip-link'), 'the console’s first Tab is the skip link').toBeTruthy();
    await tabTo(page, page.getByTestId('case-search'));
    await page.keyboard.type(number);
    await page.keyboard.press('Enter');
    const link = page.getByTestId('case-list-table').locator(`tr[data-case="${number}"]`).getByTestId('case-link');
    await link.waitFor({ timeout: 15_000 });
    // From the search box through the filters (the dates were a trap) to the row.
    await tabTo(page, link, { max: 40 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/cases\/[0-9a-f-]{36}/);
    await expect(page.getByTestId('case-detail')).toContainText(title);
  });
});

test.describe.serial('The elderly mode (长辈版) of /portal and /m, and reflow', () => {
  let page: Page;
  sharePage((p) => (page = p), phone);

  test('the portal switches to the elderly mode from its header, with text of 18 px and more, and remembers it', async () => {
    await page.goto('/portal');
    await page.getByTestId('portal-report-link').waitFor();
    await checkA11y(page);
    await tabTo(page, page.getByTestId('elder-switch'));
    await page.keyboard.press('Enter');
    await page.locator('.gz-elder').waitFor();
    await page.reload();
    await page.locator('.gz-elder [data-testid=portal-report-link]').waitFor();
    // The most used services come first: the report card before the roster.
    const order = await page.evaluate(() => {
      const report = document.querySelector('[data-testid=portal-report-link]');
      const roster = document.querySelector('[data-testid=portal-roster]');
      return report && roster ? report.compareDocumentPosition(roster) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
    });
    expect(order !== 0, 'the report service is not before the roster').toBeTruthy();
    const small = await page.evaluate(() => {
      let all = 0;
      let under = 0;
      const walker = document.createTreeWalker(document.querySelector('.gz-portal') ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent?.trim() ?? '';
        const parent = node.parentElement;
        if (!text || !parent || parent.closest('[aria-hidden=true], .gz-skip-link') || parent.getClientRects().length === 0) continue;
        all += text.length;
        if (parseFloat(getComputedStyle(parent).fontSize) < 18) under += text.length;
      }
      return { all, under };
    });
    console.log(`elderly portal: ${small.under} of ${small.all} characters under 18 px`);
    expect(small.under / small.all, `${small.under} of ${small.all} characters under 18 px`).toBeLessThan(0.05);
    const targets = await page.evaluate(() =>
      [...document.querySelectorAll('.gz-portal-header a, .gz-portal-header button, .gz-portal-header .ant-select')]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.width > 0)
        .map((r) => Math.min(r.width, r.height)),
    );
    expect(Math.min(...targets), `header targets ${targets.join(', ')} px`).toBeGreaterThanOrEqual(44);
    await checkA11y(page);
    await snapFull(page, 'a11y-portal-elder.png');
  });

  test('at 320 px the portal and its pages wrap instead of scrolling sideways, in both modes', async () => {
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/portal', '/portal/track', '/portal/report']) {
      await page.goto(path);
      await page.locator('.gz-portal-main').waitFor();
      await page.waitForTimeout(300);
      expect(await scrollsSideways(page), `${path} scrolls sideways at 320 px (elderly mode)`).toBe(false);
      await checkA11y(page);
    }
    await tabTo(page, page.getByTestId('elder-switch'));
    await page.keyboard.press('Enter');
    await expect(page.locator('.gz-elder')).toHaveCount(0);
    for (const path of ['/portal', '/portal/track']) {
      await page.goto(path);
      await page.locator('.gz-portal-main').waitFor();
      await page.waitForTimeout(300);
      expect(await scrollsSideways(page), `${path} scrolls sideways at 320 px`).toBe(false);
    }
    await page.setViewportSize(phone.viewport);
  });

  test('a grid worker’s /m in the elderly mode passes axe and wraps at 320 px', async () => {
    await signInByKeyboard(page, 'grid');
    await page.waitForURL(/\/m$/);
    await tabTo(page, page.getByTestId('elder-switch'));
    await page.keyboard.press('Enter');
    await page.locator('.gz-elder').waitFor();
    await checkA11y(page);
    await page.goto('/m/report');
    await page.getByTestId('report-category').waitFor();
    await checkA11y(page);
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of ['/m', '/m/report']) {
      await page.goto(path);
      await page.locator('main').waitFor();
      await page.waitForTimeout(300);
      expect(await scrollsSideways(page), `${path} scrolls sideways at 320 px (elderly mode)`).toBe(false);
    }
    await snapFull(page, 'a11y-m-elder-320.png');
  });
});

test('At 200 % zoom the console’s case list keeps the page still and scrolls inside the table', async ({ browser }) => {
  // 200 % of a 1440 × 900 window is a 720 × 450 CSS viewport.
  const context = await openContext(browser, { viewport: { width: 720, height: 450 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await signInByKeyboard(page, 'street');
  await page.goto('/console/cases');
  const table = page.getByTestId('case-list-table');
  await table.locator('tr.ant-table-row').first().waitFor({ timeout: 15_000 });
  expect(await scrollsSideways(page), 'the page scrolls sideways at 200 %').toBe(false);
  const inner = await table.locator('.ant-table-content, .ant-table-body').first().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, overflow: getComputedStyle(el).overflowX }));
  expect(inner.overflow === 'auto' || inner.overflow === 'scroll', `table overflow ${JSON.stringify(inner)}`).toBeTruthy();
  await checkA11y(page, '/console/cases (200 %)');
  await context.close();
});
