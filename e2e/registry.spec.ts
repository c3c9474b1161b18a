// Browser journeys of the registry (一户一档) in Chromium against the real server: community
// staff import a sample ledger through the wizard (header mapping, dry run with a bad row,
// import of the valid rows), undo an import that stopped half-way, find an imported person by pinyin initials, open and reveal their
// file with a reason, walk the 以房管人 drill-down; a grid worker then finds the person on the
// phone and records a visit.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { chooseByKeyboard, demoPassword, downloadXlsx, expect, phone, prepared, sharePage, signInFromLogin, snap, test } from './kit.ts';

const ledger = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'registry-ledger.csv');

// The person the journeys follow: row 3 of the sample ledger, an elderly man living alone.
const person = { name: '诸葛青云', initials: 'zgqy', idNumber: '110108194803150177', idMasked: '1101*************7', phone: '13911112222', building: '翠微路99号楼' };
const revealReason = '核对高龄津贴申请材料';
const visitNote = '老人身体良好，已提醒冬季取暖安全';

async function menuClick(page: Page, label: string) {
  await page.getByTestId('console-menu').locator('.ant-menu-item', { hasText: label }).click();
}

test.describe.serial('Community staff import a ledger through the wizard and find a person by pinyin', () => {
  let page: Page;
  sharePage((p) => (page = p), { acceptDownloads: true });

  test('community staff see the registry menus', async () => {
    await signInFromLogin(page, 'community', demoPassword, /\/console\//);
    const labels = await page.locator('[data-testid=console-menu] .ant-menu-item').allInnerTexts();
    for (const wanted of ['以房管人', '居民查询', '重点人群', '台账导入']) expect(labels.some((l) => l.includes(wanted)), `menu lacks ${wanted}: ${labels.join(',')}`).toBeTruthy();
    const groups = await page.locator('[data-testid=console-menu] .ant-menu-item-group-title').allInnerTexts();
    expect(groups.some((g) => g.includes('人口与房屋')), `menu groups: ${groups.join(',')}`).toBeTruthy();
  });

  test('the wizard offers the template and the staff member’s own community', async () => {
    await menuClick(page, '台账导入');
    await page.waitForURL(/\/console\/registry\/import/);
    await page.getByTestId('import-community').getByText('翠微路社区').waitFor();
    const template = await downloadXlsx(page, 'import-template');
    const file = await template.path();
    expect(fs.statSync(file).size > 1000, 'the template is empty').toBeTruthy();
  });

  test('a ledger whose name column has another header asks for the column mapping', async () => {
    await page.locator('.ant-upload input[type=file]').setInputFiles(ledger);
    const problem = page.getByTestId('import-header-problem');
    await problem.waitFor({ timeout: 30_000 });
    const text = await problem.innerText();
    expect(text.includes('姓名'), `header problem: ${text}`).toBeTruthy();
    const mapping = page.getByTestId('import-mapping');
    expect((await mapping.innerText()).includes('住户姓名'), 'the mapping does not list the file’s header 住户姓名').toBeTruthy();
    expect(await page.getByTestId('mapping-submit').isDisabled(), 'recheck allowed while 姓名 has no column').toBeTruthy();
    await chooseByKeyboard(page, page.getByTestId('mapping-住户姓名').getByRole('combobox'), '姓名');
    await expect(page.getByTestId('mapping-submit')).toBeEnabled();
    await snap(page, 'registry-import-mapping.png');
  });

  test('the dry run reports the bad row by row, column and reason', async () => {
    await page.getByTestId('mapping-submit').click();
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 60_000 });
    const warning = await page.getByTestId('import-has-errors').innerText();
    expect(warning.includes('1 行有错误') && warning.includes('共 5 行'), `dry run says: ${warning}`).toBeTruthy();
    const rows = page.getByTestId('import-errors').locator('tr.ant-table-row');
    await rows.first().waitFor();
    const table = await page.getByTestId('import-errors').innerText();
    expect(table.includes('第 6 行') && table.includes('慕容秋水') && table.includes('校验位'), `errors table: ${table}`).toBeTruthy();
    expect(table.includes('联系电话') && table.includes('手机号'), `the bad phone is not reported: ${table}`).toBeTruthy();
    expect(await page.getByTestId('import-commit').isDisabled(), 'import allowed before choosing to skip the bad rows').toBeTruthy();
    await snap(page, 'registry-import-report.png');
  });

  test('the error report downloads as .xlsx', async () => {
    await downloadXlsx(page, 'import-report-download');
  });

  test('importing only the valid rows lands four people and skips the bad row', async () => {
    await page.getByTestId('import-mode-valid').click();
    await page.getByTestId('import-commit').click();
    const done = page.getByTestId('import-done');
    await done.waitFor({ timeout: 60_000 });
    const text = await done.innerText();
    expect(text.includes('新增 4 人') && text.includes('跳过 1 行') && text.includes('6'), `import result: ${text}`).toBeTruthy();
    await snap(page, 'registry-import-done.png');
  });

  test('an import stopped half-way is opened from the history and undone', async () => {
    const history = page.getByTestId('import-history');
    const row = history.locator('tr.ant-table-row', { hasText: prepared().interruptedImport });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText()).toContain('已中断');
    await row.getByRole('button', { name: '查看' }).click();
    await page.getByTestId('import-interrupted').waitFor();
    await page.getByTestId('import-undo').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '撤销本次导入' }).click();
    await page.getByTestId('import-undone').waitFor({ timeout: 30_000 });
    await snap(page, 'registry-import-undone.png');
    await expect(row).toContainText('已撤销');
  });

  test('the imported person is found by pinyin initials, masked, and the list exports as .xlsx', async () => {
    await menuClick(page, '居民查询');
    await page.waitForURL(/\/console\/registry\/residents/);
    const search = page.getByTestId('residents-search').locator('input');
    await search.fill(person.initials);
    await search.press('Enter');
    const table = page.getByTestId('residents-table');
    await table.locator('tr.ant-table-row', { hasText: person.name }).waitFor({ timeout: 20_000 });
    const text = await table.innerText();
    expect(text.includes(person.idMasked), `search row does not show the masked ID: ${text.slice(0, 300)}`).toBeTruthy();
    expect(!text.includes(person.idNumber), 'the search list shows an ID number in clear').toBeTruthy();
    await snap(page, 'registry-search-pinyin.png');
    await downloadXlsx(page, 'residents-export');
  });

  test('the person’s file is masked until a reason is given; the reveal is audited', async ({ browser }) => {
    await page.getByTestId('residents-table').locator('tr.ant-table-row', { hasText: person.name }).getByTestId('resident-link').click();
    const file = page.getByTestId('resident-file');
    await page.getByTestId('resident-name').waitFor();
    let text = await file.innerText();
    expect(text.includes(person.idMasked) && !text.includes(person.idNumber), 'the file is not masked by default').toBeTruthy();
    const groups = await page.getByTestId('resident-memberships').innerText();
    expect(groups.includes('独居老人'), `key groups: ${groups}`).toBeTruthy();
    await page.getByTestId('reveal-open').click();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-modal').getByText('请填写查看事由').waitFor();
    await page.getByTestId('reveal-reason').fill(revealReason);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=resident-file]')?.getAttribute('data-revealed') === 'true', null, { timeout: 10_000 });
    text = await file.innerText();
    expect(text.includes(person.idNumber) && text.includes(person.phone), 'revealed file lacks the clear ID number or phone').toBeTruthy();
    expect((await page.getByTestId('reveal-active').innerText()).includes(revealReason), 'the reveal notice does not name the reason').toBeTruthy();
    await snap(page, 'registry-resident-revealed.png');
    const auditor = await browser.newContext();
    const login = await auditor.request.post('/api/auth/login', { data: { username: 'auditor', password: demoPassword } });
    expect(login.ok(), `auditor sign-in answered ${login.status()}`).toBeTruthy();
    const log = await auditor.request.get('/api/audit?action=registry.reveal&pageSize=20');
    const body = (await log.json()) as { items: { details: { reason?: string } }[] };
    expect(body.items.some((e) => e.details.reason === revealReason), 'the reveal is not in the audit log with its reason').toBeTruthy();
    await auditor.close();
  });

  test('以房管人: the house, the household file and the building’s floor plan', async () => {
    await page.getByTestId('resident-basic').getByRole('link', { name: new RegExp(person.building) }).click();
    await page.getByTestId('household-card').first().waitFor();
    const crumbs = await page.getByTestId('registry-breadcrumb').innerText();
    expect(crumbs.includes('以房管人') && crumbs.includes(person.building), `breadcrumb: ${crumbs}`).toBeTruthy();
    await page.getByTestId('household-card').first().getByTestId('household-open').click();
    await page.getByTestId('household-members').locator('tr.ant-table-row', { hasText: person.name }).waitFor();
    const file = await page.getByTestId('household-file').innerText();
    expect(file.includes('户主') && file.includes('迁入迁出记录'), `household file: ${file.slice(0, 200)}`).toBeTruthy();
    await snap(page, 'registry-household.png');
    await page.getByTestId('registry-breadcrumb').getByRole('link', { name: person.building, exact: true }).click();
    await page.getByTestId('floor-plan').waitFor();
    const plan = await page.getByTestId('floor-plan').innerText();
    expect(plan.includes('301') && plan.includes('302') && plan.includes('502'), `floor plan: ${plan}`).toBeTruthy();
    await snap(page, 'registry-building.png');
  });

  test('key groups list who is overdue for a visit, in red', async () => {
    await menuClick(page, '重点人群');
    await page.waitForURL(/\/console\/registry\/key-groups/);
    const table = page.getByTestId('key-groups-table');
    await table.locator('tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    const filtered = page.waitForResponse((r) => r.url().includes('/api/registry/key-groups?') && r.url().includes('overdue=true'));
    await page.getByTestId('key-groups-due').getByText('只看走访超期').click();
    expect((await filtered).ok(), 'the overdue list did not load').toBeTruthy();
    await page.waitForFunction(() => !document.querySelector('.ant-table-wrapper .ant-spin-spinning'), null, { timeout: 10_000 });
    const flags = await table.locator('[data-testid=visit-due]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-overdue')));
    expect(flags.length > 0 && flags.every((f) => f === 'true'), `overdue filter shows ${flags.join(',') || 'no rows'}`).toBeTruthy();
    const overdueTag = await table.locator('[data-testid=visit-due] .ant-tag').first().innerText();
    expect(/超期 \d+ 天/.test(overdueTag), `overdue tag says ${overdueTag}`).toBeTruthy();
    await snap(page, 'registry-key-groups-overdue.png');
  });
});

test.describe.serial('A grid worker finds a person of their grid on the phone and records a visit', () => {
  let page: Page;
  sharePage((p) => (page = p), phone);

  test('the grid worker’s phone view leads to their grid’s houses and people', async () => {
    await signInFromLogin(page, 'grid', demoPassword, /\/m$/);
    await page.getByTestId('m-registry-entry').click();
    await page.waitForURL(/\/m\/registry$/);
    const summary = page.getByTestId('m-summary');
    await summary.getByText('走访超期').waitFor();
    const text = await summary.innerText();
    expect(text.includes('第1社区网格') && !text.includes('第2社区网格'), `my grid: ${text}`).toBeTruthy();
  });

  test('the person is found by pinyin initials in the grid', async () => {
    const search = page.getByTestId('m-registry-search').locator('input');
    await search.fill(person.initials);
    await search.press('Enter');
    const item = page.getByTestId('m-resident').filter({ hasText: person.name });
    await item.waitFor({ timeout: 20_000 });
    const text = await item.innerText();
    expect(text.includes(person.building) && text.includes('独居老人'), `result: ${text}`).toBeTruthy();
    await snap(page, 'registry-mobile-search.png');
  });

  test('a visit is recorded and shows in the person’s visits', async () => {
    await page.getByTestId('m-resident').filter({ hasText: person.name }).getByTestId('m-visit').click();
    const modal = page.locator('.ant-modal', { hasText: '记录走访' });
    await modal.waitFor();
    expect((await modal.innerText()).includes('入户走访'), 'visit methods missing').toBeTruthy();
    await page.getByTestId('visit-notes').fill(visitNote);
    await modal.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.locator('.ant-message').getByText('走访已记录').waitFor();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('m-resident').filter({ hasText: person.name }).getByText(person.name, { exact: true }).click();
    const drawer = page.locator('.ant-drawer', { hasText: '走访记录' });
    await drawer.getByText(visitNote).waitFor({ timeout: 10_000 });
    const text = await drawer.innerText();
    expect(text.includes(person.idMasked) && !text.includes(person.idNumber), 'the phone view shows the ID number in clear').toBeTruthy();
    expect(!/超期/.test(text), `the key group is still overdue after the visit: ${text}`).toBeTruthy();
    await snap(page, 'registry-mobile-visit.png');
  });
});
