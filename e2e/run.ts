// Browser journeys in Chromium against the real server (no mocks), each ending in a screenshot.
//
//   npm run build:web && node --import tsx e2e/run.ts
//
// Prepares a fresh temporary data directory in-process (the demo, plus the state some journeys
// check, made through the real services: e2e/prepare.ts), then starts `gongzhi serve
// --demo-if-empty` on it on a free port, drives Chromium (playwright-core; CHROMIUM_PATH, default /usr/bin/chromium), saves screenshots
// to e2e/artifacts/, prints `N passed, N failed` last and exits non-zero on any failure.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { caseJourneys } from './cases.ts';
import { prepareData } from './prepare.ts';
import { registryJourneys } from './registry.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(repoRoot, 'e2e', 'artifacts');
const demoPassword = 'Demo#2026pass';
const adminPassword = 'Admin#2026pass';
const street = { username: 'street', displayName: '万寿路街道工作人员', code: '110108001' };

// ---- A tiny runner: named steps, counted; a failed step skips the rest of its journey ----

let passed = 0;
let failed = 0;

async function journey(name: string, body: (step: (title: string, fn: () => Promise<void>) => Promise<void>) => Promise<void>) {
  console.log(`\n${name}`);
  let broken = false;
  const step = async (title: string, fn: () => Promise<void>) => {
    if (broken) {
      failed += 1;
      console.log(`  - skipped: ${title}`);
      return;
    }
    const started = Date.now();
    try {
      await fn();
      passed += 1;
      console.log(`  ✓ ${title} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      broken = true;
      console.log(`  ✗ ${title}\n      ${error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n      ') : String(error)}`);
    }
  };
  try {
    await body(step);
  } catch (error) {
    failed += 1;
    console.log(`  ✗ ${name} stopped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// ---- Server ----

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The server's environment: the embedded engine on `dataDir`, the demo passwords. */
function serverEnv(port: number, dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    GONGZHI_DATA_DIR: dataDir,
    GONGZHI_DEMO_PASSWORD: demoPassword,
    GONGZHI_ADMIN_PASSWORD: adminPassword,
    GONGZHI_LOG_LEVEL: 'warn',
    // Every journey signs in from 127.0.0.1 within a minute; the login rate limit is not under test here.
    GONGZHI_LOGIN_RATE_PER_MINUTE: '200',
  };
  delete env.DATABASE_URL; // always the embedded engine on a fresh directory
  return env;
}

async function startServer(env: NodeJS.ProcessEnv, port: number, logFile: string): Promise<ChildProcess> {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, ['bin/gongzhi.mjs', 'serve', '--demo-if-empty'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not answer /healthz within 120 s; see ${logFile}`);
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---- Page helpers ----

async function signIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function menuLabels(page: Page): Promise<string[]> {
  await page.getByTestId('console-menu').waitFor();
  return page.locator('[data-testid=console-menu] .ant-menu-item').allInnerTexts();
}

/** A screenshot after antd's transitions (≤ 0.3 s) have finished. */
async function snap(page: Page, name: string) {
  await page.waitForTimeout(500);
  await page.screenshot({ path: path.join(artifacts, name) });
}

function watchErrors(page: Page, errors: string[]) {
  page.on('pageerror', (error) => errors.push(error.message));
}

// ---- Journeys ----

async function streetMap(browser: Browser, base: string, errors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  watchErrors(page, errors);
  await journey('Street staff opens the grid map of their street', async (step) => {
    await step('an unauthenticated visit to the map goes to the login page', async () => {
      await page.goto(`${base}/console/map`);
      await page.getByTestId('login-form').waitFor();
      expect(page.url().includes('/login?next='), `expected /login?next=…, got ${page.url()}`);
      await snap(page, 'login.png');
    });

    await step('a wrong password says how many attempts are left', async () => {
      await signIn(page, street.username, 'wrong-password');
      const error = page.getByTestId('login-error');
      await error.waitFor();
      const text = await error.innerText();
      expect((await error.getAttribute('data-code')) === 'INVALID_CREDENTIALS', `code ${await error.getAttribute('data-code')}`);
      expect(/再失败 4 次/.test(text), `unexpected message: ${text}`);
    });

    await step('signing in returns to the map, with name and role in the header', async () => {
      await signIn(page, street.username, demoPassword);
      await page.waitForURL(/\/console\/map/);
      const user = await page.getByTestId('header-user').innerText();
      expect(user.includes(street.displayName), `header shows ${user}`);
      const roles = await page.getByTestId('header-roles').innerText();
      expect(roles.includes('街道工作人员') && roles.includes('万寿路街道'), `role tags: ${roles}`);
    });

    await step('the menu follows the permissions of street staff', async () => {
      const labels = await menuLabels(page);
      for (const wanted of ['组织架构', '网格地图', '网格名册']) expect(labels.some((l) => l.includes(wanted)), `menu lacks ${wanted}: ${labels.join(',')}`);
      for (const unwanted of ['用户与角色', 'API 密钥', '审计日志']) expect(!labels.some((l) => l.includes(unwanted)), `menu shows ${unwanted}`);
    });

    let expected = 0;
    await step('the map draws every grid of the street', async () => {
      const response = await page.request.get(`${base}/api/org/grids/geojson?under=${street.code}`);
      expect(response.ok(), `geojson answered ${response.status()}`);
      const body = (await response.json()) as { features: unknown[] };
      expected = body.features.length;
      expect(expected > 0, 'the demo street has no grids');
      const status = page.getByTestId('grid-map-status');
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid=grid-map-status]')?.getAttribute('data-rendered') || '0') > 0,
        null,
        { timeout: 60_000 },
      );
      const total = Number(await status.getAttribute('data-total'));
      const rendered = Number(await status.getAttribute('data-rendered'));
      expect(total === expected, `status says ${total} grids, the API has ${expected}`);
      expect(rendered === expected, `${rendered} of ${expected} grids drawn`);
      const text = await status.innerText();
      expect(text.includes(`共 ${expected} 个网格`), `status text: ${text}`);
      await snap(page, 'grid-map.png');
    });

    await step('clicking a grid shows its details and roster', async () => {
      const canvas = page.locator('[data-testid=grid-map-canvas] canvas');
      const box = await canvas.boundingBox();
      expect(box, 'no map canvas');
      const panel = page.getByTestId('grid-panel');
      // Try points around the centre until one lands inside a polygon.
      for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.45], [0.55, 0.55], [0.4, 0.6], [0.6, 0.4], [0.35, 0.35], [0.65, 0.65], [0.5, 0.3], [0.5, 0.7]] as const) {
        await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
        if (await panel.isVisible({ timeout: 700 }).catch(() => false)) break;
      }
      await panel.waitFor({ timeout: 5_000 });
      const rows = panel.locator('.ant-table-tbody tr.ant-table-row');
      await rows.first().waitFor({ timeout: 10_000 });
      expect((await rows.count()) > 0, 'roster is empty');
      const text = await panel.innerText();
      expect(text.includes('网格编码') && text.includes('所属社区'), `panel text: ${text.slice(0, 200)}`);
      await snap(page, 'grid-map-panel.png');
    });

    await step('a bad GeoJSON file is rejected with its problems listed by feature', async () => {
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
      expect(text.includes('#0') && text.includes('properties.kind') && text.includes('geometry'), `problems table: ${text}`);
      expect(await page.getByTestId('import-confirm').isDisabled(), 'import allowed for a bad file');
      await snap(page, 'grid-import-problems.png');
      fs.rmSync(file, { force: true });
    });

    await step('an exported file checks clean and imports as updates', async () => {
      const exported = await page.request.get(`${base}/api/org/grids/geojson?under=110108001001&download=1`);
      expect(exported.ok(), `export answered ${exported.status()}`);
      const file = path.join(os.tmpdir(), `gongzhi-e2e-good-${process.pid}.geojson`);
      fs.writeFileSync(file, await exported.body());
      const count = ((JSON.parse(fs.readFileSync(file, 'utf8')) as { features: unknown[] }).features).length;
      await page.locator('.ant-modal-footer').getByRole('button', { name: '重新选择' }).click();
      await page.locator('.ant-modal input[type=file]').setInputFiles(file);
      const ok = page.getByTestId('import-ok');
      await ok.waitFor();
      const text = await ok.innerText();
      expect(text.includes(`新建 0 个网格，更新 ${count} 个网格`), `dry run says: ${text}`);
      await page.getByTestId('import-confirm').click();
      await page.locator('.ant-message').getByText(`导入完成：新建 0 个，更新 ${count} 个`).waitFor();
      fs.rmSync(file, { force: true });
    });

    await step('the language switch turns the console to English and back', async () => {
      await page.getByTestId('language-switch').click();
      await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
      await page.getByText('Grid map', { exact: false }).first().waitFor();
      const stored = await page.evaluate(() => localStorage.getItem('gongzhi.locale'));
      expect(stored === 'en-US', `stored locale ${stored}`);
      await page.getByTestId('language-switch').click();
      await page.locator('.ant-select-item-option', { hasText: '简体中文' }).click();
      await page.getByText('网格地图').first().waitFor();
    });
  });
  await context.close();
}

async function forcedPasswordChange(browser: Browser, base: string, errors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const page = await context.newPage();
  watchErrors(page, errors);
  const username = `e2e${Date.now().toString(36)}`;
  let initialPassword = '';
  const newPassword = 'Gongzhi#2026ok';
  await journey('A new user must change the initial password at first sign-in', async (step) => {
    await step('the system admin sees only the system admin menus', async () => {
      await page.goto(`${base}/login`);
      await signIn(page, 'admin', adminPassword);
      await page.waitForURL(/\/console\//);
      const labels = await menuLabels(page);
      expect(labels.some((l) => l.includes('用户与角色')), `menu: ${labels.join(',')}`);
      for (const unwanted of ['API 密钥', '审计日志']) expect(!labels.some((l) => l.includes(unwanted)), `system admin sees ${unwanted}`);
    });

    await step('the system admin creates a user and sees the initial password once', async () => {
      await page.goto(`${base}/console/users`);
      await page.getByTestId('users-create').click();
      await page.getByTestId('create-username').fill(username);
      await page.getByTestId('create-display-name').fill('测试用户');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      const secret = page.getByTestId('one-time-secret');
      await secret.waitFor();
      initialPassword = (await secret.innerText()).trim();
      expect(initialPassword.length >= 8, `initial password "${initialPassword}"`);
      await snap(page, 'user-created.png');
      await page.locator('.ant-modal-confirm-btns .ant-btn').click();
      await page.getByTestId('users-table').getByText(username).waitFor();
    });

    await step('signing out returns to the login page', async () => {
      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
    });

    await step('the new user is sent to the forced password change', async () => {
      await signIn(page, username, initialPassword);
      await page.waitForURL(/\/change-password/);
      const card = await page.getByTestId('change-password').innerText();
      expect(card.includes('首次登录'), `no forced-change notice: ${card.slice(0, 200)}`);
    });

    await step('the password rules are checked while typing', async () => {
      await page.getByTestId('password-current').fill(initialPassword);
      await page.getByTestId('password-new').fill('abc');
      expect((await page.getByTestId('rule-length').getAttribute('data-ok')) === 'false', 'short password passes the length rule');
      expect(await page.getByTestId('password-submit').isDisabled(), 'submit enabled for a weak password');
      await page.getByTestId('password-new').fill(newPassword);
      for (const rule of ['rule-length', 'rule-classes', 'rule-differs']) {
        expect((await page.getByTestId(rule).getAttribute('data-ok')) === 'true', `${rule} not met by a good password`);
      }
      await page.getByTestId('password-confirm').fill(newPassword);
      expect(await page.getByTestId('password-submit').isEnabled(), 'submit disabled for a good password');
      await snap(page, 'change-password.png');
    });

    await step('after the change the user reaches the console', async () => {
      await page.getByTestId('password-submit').click();
      await page.waitForURL(/\/console/);
      await page.getByText('暂未获得任何功能的授权').waitFor();
    });

    await step('the new password works and the old one does not', async () => {
      const fresh = await browser.newContext();
      const oldTry = await fresh.request.post(`${base}/api/auth/login`, { data: { username, password: initialPassword } });
      expect(oldTry.status() === 401, `old password answered ${oldTry.status()}`);
      const newTry = await fresh.request.post(`${base}/api/auth/login`, { data: { username, password: newPassword } });
      const body = (await newTry.json()) as { mustChangePassword?: boolean };
      expect(newTry.ok() && body.mustChangePassword === false, `new password answered ${newTry.status()}`);
      await fresh.close();
    });
  });
  await context.close();
}

async function auditorAndLockout(browser: Browser, base: string, errors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  watchErrors(page, errors);
  await journey('Lockout and unlock; the auditor checks the log', async (step) => {
    await step('five failed sign-ins lock the account and the page says until when', async () => {
      await page.goto(`${base}/login`);
      for (let i = 0; i < 5; i++) {
        await signIn(page, 'dept', `wrong-${i}`);
        await page.getByTestId('login-error').waitFor();
        await page.waitForTimeout(150);
      }
      await signIn(page, 'dept', demoPassword);
      const error = page.getByTestId('login-error');
      await page.waitForFunction(() => document.querySelector('[data-testid=login-error]')?.getAttribute('data-code') === 'ACCOUNT_LOCKED', null, { timeout: 10_000 });
      const text = await error.innerText();
      expect(text.includes('账号已锁定') && /\d{2}:\d{2}/.test(text), `lock message: ${text}`);
      await snap(page, 'login-locked.png');
    });

    await step('the security admin sees only their menus and unlocks the account', async () => {
      await signIn(page, 'secadmin', demoPassword);
      await page.waitForURL(/\/console\/users/);
      const labels = await menuLabels(page);
      expect(labels.length === 2 && labels.some((l) => l.includes('用户与角色')) && labels.some((l) => l.includes('API 密钥')), `security admin menu: ${labels.join(',')}`);
      const row = page.getByTestId('users-table').locator('tr.ant-table-row', { hasText: 'dept' });
      await row.getByText('锁定至').waitFor();
      await row.getByRole('button', { name: /解\s*锁/ }).click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await page.locator('.ant-message').getByText('已解锁').waitFor();
      const fresh = await browser.newContext();
      const retry = await fresh.request.post(`${base}/api/auth/login`, { data: { username: 'dept', password: demoPassword } });
      expect(retry.ok(), `dept still cannot sign in: ${retry.status()}`);
      await fresh.close();
      await page.getByTestId('logout').click();
      await page.getByTestId('login-form').waitFor();
    });

    await step('the auditor sees only the audit log, with the failed sign-ins', async () => {
      await signIn(page, 'auditor', demoPassword);
      await page.waitForURL(/\/console\/audit/);
      const labels = await menuLabels(page);
      expect(labels.length === 1 && labels[0]?.includes('审计日志'), `auditor menu: ${labels.join(',')}`);
      const table = page.getByTestId('audit-table');
      await table.locator('tr.ant-table-row').first().waitFor();
      const text = await table.innerText();
      expect(text.includes('auth.login') && text.includes('失败'), 'failed sign-ins are not in the log');
    });

    await step('verifying the chain reports it intact', async () => {
      await page.getByTestId('audit-verify').click();
      const result = page.getByTestId('audit-verify-result');
      await result.waitFor();
      const text = await result.innerText();
      expect(text.includes('日志链完整'), `verify says: ${text}`);
      await snap(page, 'audit.png');
    });
  });
  await context.close();
}

async function publicRoster(browser: Browser, base: string, errors: string[]) {
  const context = await browser.newContext({ viewport: { width: 414, height: 860 }, locale: 'zh-CN', isMobile: true });
  const page = await context.newPage();
  watchErrors(page, errors);
  await journey('Anyone can look up a grid’s real-name roster; a grid worker sees their grid on the phone', async (step) => {
    await step('the portal shows the roster of a grid code without signing in', async () => {
      await page.goto(`${base}/portal`);
      await page.getByTestId('portal-search').locator('input').fill('11010800100101');
      await page.getByTestId('portal-search').locator('input').press('Enter');
      const card = page.getByTestId('portal-roster');
      await card.waitFor();
      const text = await card.innerText();
      expect(text.includes('网格长') && text.includes('翠微路社区'), `roster card: ${text.slice(0, 200)}`);
      await snap(page, 'portal.png');
    });

    await step('a grid worker lands on /m with their grid and its team', async () => {
      await page.goto(`${base}/login`);
      await signIn(page, 'grid', demoPassword);
      await page.waitForURL(/\/m$/);
      const grid = page.getByTestId('mobile-grid');
      await grid.locator('.ant-list-item').first().waitFor();
      const text = await grid.innerText();
      expect(text.includes('11010800100101') && text.includes('我'), `mobile card: ${text.slice(0, 200)}`);
      await snap(page, 'mobile.png');
    });
  });
  await context.close();
}

// ---- Main ----

async function main(): Promise<number> {
  if (!fs.existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
    console.log('web/dist is missing: run `npm run build:web` first.');
    console.log('0 passed, 1 failed');
    return 1;
  }
  fs.mkdirSync(artifacts, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-e2e-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  let browser: Browser | null = null;
  const stop = () => {
    server?.kill('SIGKILL');
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const env = serverEnv(port, dataDir);
    let started = Date.now();
    const prepared = await prepareData(env);
    console.log(`data prepared in ${((Date.now() - started) / 1000).toFixed(1)} s: overdue case ${prepared.overdueCase.number}`);
    started = Date.now();
    server = await startServer(env, port, path.join(artifacts, 'server.log'));
    console.log(`server up on ${base} in ${((Date.now() - started) / 1000).toFixed(1)} s (data: ${dataDir})`);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const errors: string[] = [];
    await streetMap(browser, base, errors);
    await forcedPasswordChange(browser, base, errors);
    await auditorAndLockout(browser, base, errors);
    await publicRoster(browser, base, errors);
    await caseJourneys(browser, base, errors, { journey, signIn, snap, watchErrors, demoPassword, overdueCase: prepared.overdueCase });
    await registryJourneys(browser, base, errors, { journey, signIn, snap, watchErrors, demoPassword });
    await journey('The pages raised no uncaught errors', async (step) => {
      await step('no uncaught exceptions in any page', async () => {
        expect(errors.length === 0, errors.join('\n'));
      });
    });
  } catch (error) {
    failed += 1;
    console.log(`run stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    if (!process.env.E2E_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nscreenshots in ${path.relative(repoRoot, artifacts)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
