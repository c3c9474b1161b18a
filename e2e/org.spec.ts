// Journeys of the org module in Chromium against the real server: street staff sign in to the
// grid map of their street, inspect a grid and import GeoJSON; anyone looks up a grid's roster
// on the portal, and a grid worker sees their grid on the phone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { chooseByKeyboard, demoPassword, expect, menuLabels, phone, sharePage, signIn, signInFromLogin, snap, test } from './kit.ts';

const street = { username: 'street', displayName: '万寿路街道工作人员', code: '110108001' };

test.describe.serial('Street staff opens the grid map of their street', () => {
  let page: Page;
  sharePage((p) => (page = p));

  test('an unauthenticated visit to the map goes to the login page', async () => {
    await page.goto('/console/map');
    await page.getByTestId('login-form').waitFor();
    expect(page.url(), 'expected /login?next=…').toContain('/login?next=');
    await snap(page, 'login.png');
  });

  test('a wrong password and an unknown account get the same answer', async () => {
    const error = page.getByTestId('login-error');
    const answer = async (username: string) => {
      await signIn(page, username, 'wrong-password');
      await error.waitFor();
      return { code: await error.getAttribute('data-code'), text: await error.innerText() };
    };
    const known = await answer(street.username);
    expect(known.code, 'the error code').toBe('INVALID_CREDENTIALS');
    expect(known.text, 'the message tells of the lock').toMatch(/5 次/);
    await page.reload();
    expect(await answer('nobody-has-this-name'), 'an unknown account is told the same').toEqual(known);
  });

  test('signing in returns to the map, with name and role in the header', async () => {
    await signIn(page, street.username, demoPassword);
    await page.waitForURL(/\/console\/map/);
    const user = await page.getByTestId('header-user').innerText();
    expect(user, 'the header user').toContain(street.displayName);
    const roles = await page.getByTestId('header-roles').innerText();
    expect(roles.includes('街道工作人员') && roles.includes('万寿路街道'), `role tags: ${roles}`).toBeTruthy();
  });

  test('the menu follows the permissions of street staff', async () => {
    const labels = await menuLabels(page);
    for (const wanted of ['组织架构', '网格地图', '网格名册']) expect(labels.some((l) => l.includes(wanted)), `menu lacks ${wanted}: ${labels.join(',')}`).toBeTruthy();
    for (const unwanted of ['用户与角色', 'API 密钥', '审计日志']) expect(labels.some((l) => l.includes(unwanted)), `menu shows ${unwanted}`).toBeFalsy();
  });

  test('the map draws every grid of the street', async () => {
    const response = await page.request.get(`/api/org/grids/geojson?under=${street.code}`);
    expect(response.ok(), `geojson answered ${response.status()}`).toBeTruthy();
    const body = (await response.json()) as { features: unknown[] };
    const expected = body.features.length;
    expect(expected, 'the demo street has no grids').toBeGreaterThan(0);
    const status = page.getByTestId('grid-map-status');
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid=grid-map-status]')?.getAttribute('data-rendered') || '0') > 0,
      null,
      { timeout: 60_000 },
    );
    const total = Number(await status.getAttribute('data-total'));
    const rendered = Number(await status.getAttribute('data-rendered'));
    expect(total, `status says ${total} grids, the API has ${expected}`).toBe(expected);
    expect(rendered, `${rendered} of ${expected} grids drawn`).toBe(expected);
    const text = await status.innerText();
    expect(text, 'status text').toContain(`共 ${expected} 个网格`);
    await snap(page, 'grid-map.png');
  });

  test('clicking a grid shows its details and roster', async () => {
    const canvas = page.locator('[data-testid=grid-map-canvas] canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no map canvas');
    const panel = page.getByTestId('grid-panel');
    // Try points around the centre until one lands inside a polygon.
    for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.45], [0.55, 0.55], [0.4, 0.6], [0.6, 0.4], [0.35, 0.35], [0.65, 0.65], [0.5, 0.3], [0.5, 0.7]] as const) {
      await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
      if (await panel.isVisible({ timeout: 700 }).catch(() => false)) break;
    }
    await panel.waitFor({ timeout: 5_000 });
    const rows = panel.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor({ timeout: 10_000 });
    expect(await rows.count(), 'roster is empty').toBeGreaterThan(0);
    const text = await panel.innerText();
    expect(text.includes('网格编码') && text.includes('所属社区'), `panel text: ${text.slice(0, 200)}`).toBeTruthy();
    await snap(page, 'grid-map-panel.png');
  });

  test('a bad GeoJSON file is rejected with its problems listed by feature', async () => {
    await page.getByTestId('grid-panel').getByRole('button', { name: /关闭|Close/ }).click();
    const bad = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: 'E2E-1', name: '测试网格', kind: 'square', communityCode: '110108001001' }, geometry: { type: 'Polygon', coordinates: [[[116.3, 39.9], [116.31, 39.9], [116.31, 39.91]]] } },
      ],
    };
    const file = path.join(os.tmpdir(), `gongzhi-e2e-bad-${process.pid}.geojson`);
    fs.writeFileSync(file, JSON.stringify(bad));
    await page.getByTestId('map-import').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    const problems = page.getByTestId('import-problems');
    await problems.waitFor();
    const text = await problems.innerText();
    expect(text.includes('#0') && text.includes('properties.kind') && text.includes('geometry'), `problems table: ${text}`).toBeTruthy();
    expect(await page.getByTestId('import-confirm').isDisabled(), 'import allowed for a bad file').toBeTruthy();
    await snap(page, 'grid-import-problems.png');
    fs.rmSync(file, { force: true });
  });

  test('an exported file checks clean and imports as updates', async () => {
    const exported = await page.request.get('/api/org/grids/geojson?under=110108001001&download=1');
    expect(exported.ok(), `export answered ${exported.status()}`).toBeTruthy();
    const file = path.join(os.tmpdir(), `gongzhi-e2e-good-${process.pid}.geojson`);
    fs.writeFileSync(file, await exported.body());
    const count = ((JSON.parse(fs.readFileSync(file, 'utf8')) as { features: unknown[] }).features).length;
    await page.locator('.ant-modal-footer').getByRole('button', { name: '重新选择' }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    const ok = page.getByTestId('import-ok');
    await ok.waitFor();
    const text = await ok.innerText();
    expect(text, 'dry run says').toContain(`新建 0 个网格，更新 ${count} 个网格`);
    await page.getByTestId('import-confirm').click();
    await page.locator('.ant-message').getByText(`导入完成：新建 0 个，更新 ${count} 个`).waitFor();
    fs.rmSync(file, { force: true });
  });

  test('the language switch turns the console to English and back', async () => {
    const language = page.getByTestId('language-switch').getByRole('combobox');
    await chooseByKeyboard(page, language, 'English');
    await page.getByText('Grid map', { exact: false }).first().waitFor();
    const stored = await page.evaluate(() => localStorage.getItem('gongzhi.locale'));
    expect(stored, 'stored locale').toBe('en-US');
    await chooseByKeyboard(page, language, '简体中文');
    await page.getByText('网格地图').first().waitFor();
  });
});

test.describe.serial('Anyone can look up a grid’s real-name roster; a grid worker sees their grid on the phone', () => {
  let page: Page;
  sharePage((p) => (page = p), phone);

  test('the portal shows the roster of a grid code without signing in', async () => {
    await page.goto('/portal');
    await page.getByTestId('portal-search').locator('input').fill('11010800100101');
    await page.getByTestId('portal-search').locator('input').press('Enter');
    const card = page.getByTestId('portal-roster');
    await card.waitFor();
    const text = await card.innerText();
    expect(text.includes('网格长') && text.includes('翠微路社区'), `roster card: ${text.slice(0, 200)}`).toBeTruthy();
    await snap(page, 'portal.png');
  });

  test('a grid worker lands on /m with their grid and its team', async () => {
    await signInFromLogin(page, 'grid', demoPassword, /\/m$/);
    const grid = page.getByTestId('mobile-grid');
    await grid.locator('.ant-list-item').first().waitFor();
    const text = await grid.innerText();
    expect(text.includes('11010800100101') && text.includes('我'), `mobile card: ${text.slice(0, 200)}`).toBeTruthy();
    await snap(page, 'mobile.png');
  });
});
