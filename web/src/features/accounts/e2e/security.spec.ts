// The two-person rule and the look-up limit in Chromium against the real server: the system
// admin asks to enable the auditor's account (an admin account: any change needs a second person); the
// security admin sees the request waiting, approves it, and sets the limit on look-ups by
// whole ID or phone number.
import type { Page } from '@playwright/test';
import { adminPassword, demoPassword, expect, sharePage, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

test.describe.serial('A change to an admin account waits for a second person', () => {
  let page: Page;
  sharePage((p) => (page = p), { viewport: { width: 1280, height: 860 } });

  test('the system admin asks to enable the auditor (harmless: it is enabled)', async () => {
    await signInFromLogin(page, 'admin', adminPassword, /\/console\//);
    const status = await page.evaluate(async () => {
      const users = (await (await fetch('/api/users?q=auditor&page=1&pageSize=20')).json()) as { items: { id: string; username: string }[] };
      const auditor = users.items.find((u) => u.username === 'auditor');
      if (!auditor) return 0;
      const res = await fetch(`/api/users/${auditor.id}/change-requests`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'enable' }) });
      return res.status;
    });
    expect(status, 'the change request was not filed').toBe(201);
    await page.getByTestId('logout').click();
    await page.getByTestId('login-form').waitFor();
  });

  test('the security admin sees it waiting and approves it', async () => {
    await signInFromLogin(page, 'secadmin', demoPassword, /\/console\//);
    await page.goto('/console/security');
    const table = page.getByTestId('change-requests');
    await table.getByText('auditor').first().waitFor();
    await expect(table).toContainText('启用');
    await expect(table).toContainText('待审批');
    await snap(page, 'security-change-requests.png');
    await page.getByTestId('approve-auditor').first().click();
    await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
    await page.getByText('已批准并执行').waitFor();
    // The pending filter now lists nothing: the request was decided.
    await expect(table.locator('tr.ant-table-row')).toHaveCount(0);
  });

  test('the security admin sets the look-up limit', async () => {
    const form = page.getByTestId('lookup-limit-form');
    await form.waitFor();
    const limit = form.getByRole('spinbutton').first();
    await limit.fill('40');
    await page.getByTestId('lookup-limit-save').click();
    await page.getByText('查询限制已保存').waitFor();
    const saved = await page.evaluate(async () => (await (await fetch('/api/registry/identifier-lookup-settings')).json()) as { lookupLimit: number });
    expect(saved.lookupLimit).toBe(40);
    await snap(page, 'security-lookup-limit.png');
  });
});
