// Journeys of accounts and audit in Chromium against the real server: a new user must change
// the initial password at first sign-in; an account locks after failed sign-ins, the security
// admin unlocks it and the auditor checks the log.
import type { Page } from '@playwright/test';
import { adminPassword, demoPassword, expect, menuLabels, sharePage, signIn, signInFromLogin, snap, test } from './kit.ts';

test.describe.serial('A new user must change the initial password at first sign-in', () => {
  let page: Page;
  sharePage((p) => (page = p), { viewport: { width: 1280, height: 860 } });
  const username = `e2e${Date.now().toString(36)}`;
  let initialPassword = '';
  const newPassword = 'Gongzhi#2026ok';

  test('the system admin sees only the system admin menus', async () => {
    await signInFromLogin(page, 'admin', adminPassword, /\/console\//);
    const labels = await menuLabels(page);
    expect(labels.some((l) => l.includes('用户与角色')), `menu: ${labels.join(',')}`).toBeTruthy();
    for (const unwanted of ['API 密钥', '审计日志']) expect(labels.some((l) => l.includes(unwanted)), `system admin sees ${unwanted}`).toBeFalsy();
  });

  test('the system admin creates a user and sees the initial password once', async () => {
    await page.goto('/console/users');
    await page.getByTestId('users-create').click();
    await page.getByTestId('create-username').fill(username);
    await page.getByTestId('create-display-name').fill('测试用户');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    const secret = page.getByTestId('one-time-secret');
    await secret.waitFor();
    initialPassword = (await secret.innerText()).trim();
    expect(initialPassword.length, `initial password "${initialPassword}"`).toBeGreaterThanOrEqual(8);
    await snap(page, 'user-created.png');
    await page.locator('.ant-modal-confirm-btns .ant-btn').click();
    await page.getByTestId('users-table').getByText(username).waitFor();
  });

  test('signing out returns to the login page', async () => {
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
  });

  test('the new user is sent to the forced password change', async () => {
    await signIn(page, username, initialPassword);
    await page.waitForURL(/\/change-password/);
    const card = await page.getByTestId('change-password').innerText();
    expect(card.includes('首次登录'), `no forced-change notice: ${card.slice(0, 200)}`).toBeTruthy();
  });

  test('the password rules are checked while typing', async () => {
    await page.getByTestId('password-current').fill(initialPassword);
    await page.getByTestId('password-new').fill('abc');
    expect(await page.getByTestId('rule-length').getAttribute('data-ok'), 'short password passes the length rule').toBe('false');
    expect(await page.getByTestId('password-submit').isDisabled(), 'submit enabled for a weak password').toBeTruthy();
    await page.getByTestId('password-new').fill(newPassword);
    for (const rule of ['rule-length', 'rule-classes', 'rule-differs']) {
      expect(await page.getByTestId(rule).getAttribute('data-ok'), `${rule} not met by a good password`).toBe('true');
    }
    await page.getByTestId('password-confirm').fill(newPassword);
    expect(await page.getByTestId('password-submit').isEnabled(), 'submit disabled for a good password').toBeTruthy();
    await snap(page, 'change-password.png');
  });

  test('after the change the user reaches the console', async () => {
    await page.getByTestId('password-submit').click();
    await page.waitForURL(/\/console/);
    await page.getByText('暂未获得任何功能的授权').waitFor();
  });

  test('the new password works and the old one does not', async ({ browser }) => {
    const fresh = await browser.newContext();
    const oldTry = await fresh.request.post('/api/auth/login', { data: { username, password: initialPassword } });
    expect(oldTry.status(), 'old password answered').toBe(401);
    const newTry = await fresh.request.post('/api/auth/login', { data: { username, password: newPassword } });
    const body = (await newTry.json()) as { mustChangePassword?: boolean };
    expect(newTry.ok() && body.mustChangePassword === false, `new password answered ${newTry.status()}`).toBeTruthy();
    await fresh.close();
  });
});

test.describe.serial('Lockout and unlock; the auditor checks the log', () => {
  let page: Page;
  sharePage((p) => (page = p));

  test('five failed sign-ins lock the account and the page says until when', async () => {
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await signIn(page, 'dept', `wrong-${i}`);
      await page.getByTestId('login-error').waitFor();
      await page.waitForTimeout(150);
    }
    await signIn(page, 'dept', demoPassword);
    const error = page.getByTestId('login-error');
    await page.waitForFunction(() => document.querySelector('[data-testid=login-error]')?.getAttribute('data-code') === 'ACCOUNT_LOCKED', null, { timeout: 10_000 });
    const text = await error.innerText();
    expect(text.includes('账号已锁定') && /\d{2}:\d{2}/.test(text), `lock message: ${text}`).toBeTruthy();
    await snap(page, 'login-locked.png');
  });

  test('the security admin sees only their menus and unlocks the account', async ({ browser }) => {
    await signIn(page, 'secadmin', demoPassword);
    await page.waitForURL(/\/console\/users/);
    const labels = await menuLabels(page);
    expect(labels.length === 4 && ['用户与角色', 'API 密钥', '安全审批与设置', '短信与微信发送记录'].every((m) => labels.some((l) => l.includes(m))), `security admin menu: ${labels.join(',')}`).toBeTruthy();
    const row = page.getByTestId('users-table').locator('tr.ant-table-row', { hasText: 'dept' });
    await row.getByText('锁定至').waitFor();
    await row.getByRole('button', { name: /解\s*锁/ }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('.ant-message').getByText('已解锁').waitFor();
    const fresh = await browser.newContext();
    const retry = await fresh.request.post('/api/auth/login', { data: { username: 'dept', password: demoPassword } });
    expect(retry.ok(), `dept still cannot sign in: ${retry.status()}`).toBeTruthy();
    await fresh.close();
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
  });

  test('the auditor sees only the audit log, with the failed sign-ins', async () => {
    await signIn(page, 'auditor', demoPassword);
    await page.waitForURL(/\/console\/audit/);
    const labels = await menuLabels(page);
    expect(labels.length === 1 && labels[0]?.includes('审计日志'), `auditor menu: ${labels.join(',')}`).toBeTruthy();
    const table = page.getByTestId('audit-table');
    await table.locator('tr.ant-table-row').first().waitFor();
    const text = await table.innerText();
    expect(text.includes('auth.login') && text.includes('失败'), 'failed sign-ins are not in the log').toBeTruthy();
  });

  test('verifying the chain reports it intact', async () => {
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    const text = await result.innerText();
    expect(text, 'verify says').toContain('日志链完整');
    await snap(page, 'audit.png');
  });
});
