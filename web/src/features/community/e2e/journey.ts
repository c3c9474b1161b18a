// What the community journeys share: a signed-in page per demo account, and saving a dialog.
import type { BrowserContext, Page } from '@playwright/test';
import { demoPassword, expect as baseExpect, openContext, signInFromLogin } from '../../../../../e2e/kit.ts';

// Each write here re-reads a whole record; on a loaded machine that takes longer than the default 5 s.
export const expect = baseExpect.configure({ timeout: 60_000 });

export async function as(browser: Parameters<typeof openContext>[0], username: string, options = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser, options);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

export async function dialogSave(page: Page) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
}
