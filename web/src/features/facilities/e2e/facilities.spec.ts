// Journeys of the facilities module in Chromium against the real server on the demo data:
// community staff open their community's coverage map and find the planted gap (a building
// coloured as lacking, listed in the gap list, its circle showing the missing kind), and a
// resident on a phone asks "what is near me" from an address and gets the nearest facility.
import type { APIRequestContext, BrowserContext, Download, Page } from '@playwright/test';
import { demoPassword, expect, menuLabels, openContext, signIn, snap, test } from '../../../../../e2e/kit.ts';

interface Gap {
  buildingId: string;
  buildingName: string;
  kind: string;
  kindName: string;
}
interface NearAnswer {
  items: { id: string; name: string; kind: string; distance: number }[];
}

/** Coverage is computed by a background job after the server starts: wait until the community has it. */
async function waitForGaps(request: APIRequestContext, community: string, kind: string): Promise<{ total: number; items: Gap[] }> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const report = (await (await request.get(`/api/facilities/coverage?org=${community}`)).json()) as { computedAt: string | null };
    if (report.computedAt) {
      const gaps = await request.get(`/api/facilities/coverage/gaps?org=${community}&kind=${kind}&pageSize=100`);
      expect(gaps.ok(), `gaps answered ${gaps.status()}`).toBeTruthy();
      return (await gaps.json()) as { total: number; items: Gap[] };
    }
    if (Date.now() > deadline) throw new Error(`coverage of ${community} was not computed within 90 s`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** Whether a download is an .xlsx file: a zip archive, which starts with "PK". */
async function isXlsx(download: Download): Promise<boolean> {
  const stream = await download.createReadStream();
  const chunk = await new Promise<Uint8Array>((resolve, reject) => {
    stream.once('data', (data: Uint8Array) => resolve(data));
    stream.once('error', reject);
  });
  stream.destroy();
  return chunk[0] === 0x50 && chunk[1] === 0x4b;
}

// The demo leaves the elderly day-care centre out of the demo community (PLANTED_GAP_KIND in src/modules/facilities/demo.ts).
const plantedKind = { code: 'elderly_day_care', name: '老年人日间照料中心' };
let plantedGap: Gap | null = null;

// A point inside the demo grid 11010800100101 of 翠微路社区 (as in e2e/prepare.ts).
const newFacility = { name: '翠微路e2e便民服务驿站', kindName: '社区服务站', lng: 116.0778, lat: 40.1128 };

test.describe.serial('Community staff find the planted gap on their coverage map', () => {
  let context: BrowserContext;
  let page: Page;
  let community = '';
  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser);
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('the menu has the life-circle pages and the ledger lists the community’s facilities', async () => {
    await page.goto('/console/facilities/ledger');
    await signIn(page, 'community', demoPassword);
    await page.waitForURL(/\/console\/facilities\/ledger/);
    const labels = await menuLabels(page);
    for (const wanted of ['服务设施', '覆盖分析', '配建标准']) expect(labels.some((l) => l.includes(wanted)), `menu lacks ${wanted}: ${labels.join(',')}`).toBeTruthy();
    const rows = page.getByTestId('facilities-table').locator('tr.ant-table-row');
    await rows.first().waitFor({ timeout: 20_000 });
    expect(await rows.count(), 'the demo community has no facilities').toBeGreaterThan(0);
    const download = page.waitForEvent('download');
    await page.getByTestId('facilities-export-xlsx').click();
    const exported = await download;
    expect(await isXlsx(exported), `the export ${exported.suggestedFilename()} is not an xlsx (zip) file`).toBeTruthy();
    await snap(page, 'facilities-list.png');
  });

  test('the coverage map colours the planted gap’s building and the gap list names it', async () => {
    await page.goto('/console/facilities/coverage');
    await page.waitForURL(/org=\d{12}/);
    community = new URL(page.url()).searchParams.get('org') ?? '';
    const gaps = await waitForGaps(page.request, community, plantedKind.code);
    expect(gaps.total, 'the planted gap is missing: the community has an elderly day-care centre within reach').toBeGreaterThan(0);
    plantedGap = gaps.items[0] ?? null;
    if (!plantedGap) throw new Error('no gap');
    await page.reload();
    // The map has drawn the community's buildings, some of them as lacking a required kind.
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=coverage-map]')?.getAttribute('data-buildings') || '0') > 0, null, { timeout: 60_000 });
    const lacking = Number(await page.getByTestId('coverage-map').getAttribute('data-lacking'));
    expect(lacking, 'no building is drawn as lacking').toBeGreaterThan(0);
    // The gap list, narrowed to the planted kind, lists its buildings.
    const filtered = page.waitForResponse((r) => r.url().includes('/api/facilities/coverage/gaps?') && r.url().includes(`kind=${plantedKind.code}`));
    await page.getByTestId('gaps-kind').click();
    await page.keyboard.type(plantedKind.name);
    await page.locator('.ant-select-item-option', { hasText: plantedKind.name }).first().click();
    expect((await filtered).ok(), 'the filtered gap list did not load').toBeTruthy();
    const table = page.getByTestId('gaps-table');
    const row = table.locator('tr.ant-table-row', { hasText: plantedGap.buildingName }).filter({ hasText: plantedKind.name }).first();
    await row.waitFor({ timeout: 20_000 });
    // The list's total is the API's (the pager sits beside the table, not in it).
    await page.getByText(`共 ${gaps.total} 条`).waitFor({ timeout: 10_000 });
    await snap(page, 'facilities-coverage.png');
    // Its circle lists the missing kind as lacking.
    await row.click();
    const circle = page.getByTestId('building-circle');
    await circle.locator('[data-testid=circle-kind][data-covered=false]', { hasText: plantedKind.name }).waitFor({ timeout: 20_000 });
    await snap(page, 'facilities-building-circle.png');
  });

  test('the gap report downloads as .xlsx', async () => {
    const download = page.waitForEvent('download');
    await page.getByTestId('gaps-report').click();
    const report = await download;
    expect(await isXlsx(report), `the report ${report.suggestedFilename()} is not an xlsx (zip) file`).toBeTruthy();
  });

  test('staff add a facility through the form, find it in the ledger and delete it', async () => {
    await page.goto('/console/facilities/ledger');
    await page.getByTestId('facilities-table').locator('tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('facilities-add').click();
    const form = page.getByTestId('facility-form');
    await form.waitFor();
    await page.getByTestId('facility-name').fill(newFacility.name);
    await page.getByTestId('facility-kind').click();
    await page.keyboard.type(newFacility.kindName);
    // Enter on the filtered open list (a click on the virtual list could miss; the ledger's kind filter keeps hidden options in the page).
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: newFacility.kindName }).waitFor();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('facility-kind')).toContainText(newFacility.kindName);
    await page.locator('[data-testid=facility-lng] input, input[data-testid=facility-lng]').first().fill(String(newFacility.lng));
    await page.locator('[data-testid=facility-lat] input, input[data-testid=facility-lat]').first().fill(String(newFacility.lat));
    await page.getByTestId('facility-operator').fill('翠微路社区居委会');
    // The community is the staff member's own, filled in already.
    expect(await page.getByTestId('facility-community').innerText(), 'the community is not preset').toContain('翠微路社区');
    await snap(page, 'facilities-form.png');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId('facilities-search').locator('input').fill(newFacility.name);
    await page.getByTestId('facilities-search').locator('input').press('Enter');
    const row = page.getByTestId('facilities-table').locator('tr.ant-table-row', { hasText: newFacility.name });
    await row.waitFor({ timeout: 20_000 });
    expect(await row.innerText(), 'the new row does not show its kind').toContain(newFacility.kindName);
    await row.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await row.waitFor({ state: 'detached', timeout: 20_000 });
  });
});

test.describe.serial('A resident asks what is near their address on the phone', () => {
  let context: BrowserContext;
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    context = await openContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true });
    page = await context.newPage();
  });
  test.afterAll(async () => {
    await context.close();
  });

  test('"near me" from a building found by name lists the nearest facility of each kind first', async () => {
    const origin = plantedGap;
    if (!origin) throw new Error('the coverage journey found no building to start from');
    await page.goto('/portal');
    await page.getByTestId('portal-near-me-link').click();
    await page.waitForURL(/\/portal\/near-me/);
    await page.getByTestId('near-search').locator('input').fill(origin.buildingName);
    await page.getByTestId('near-place-option').first().waitFor({ timeout: 20_000 });
    await page.locator('.ant-select-item-option', { hasText: origin.buildingName }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-testid=near-results]')?.getAttribute('data-state') === 'done', null, { timeout: 30_000 });

    const answer = (await (await page.request.get(`/api/public/facilities/near?buildingId=${origin.buildingId}`)).json()) as NearAnswer;
    const nearest = answer.items[0];
    expect(nearest, 'the API found nothing near the building').toBeTruthy();
    if (!nearest) return;
    const group = page.locator(`[data-testid=near-kind-group][data-kind="${nearest.kind}"]`);
    const first = group.getByTestId('near-facility').first();
    expect(await first.innerText(), 'the first facility of its kind is not the nearest').toContain(nearest.name);
    // Nearest first within every kind.
    const groups = page.getByTestId('near-kind-group');
    for (let i = 0; i < (await groups.count()); i++) {
      const distances = await groups.nth(i).getByTestId('near-facility').evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-distance'))));
      expect([...distances].sort((a, b) => a - b), `kind ${i} is not ordered by distance`).toEqual(distances);
    }
    const text = await page.getByTestId('near-results').innerText();
    expect(text, 'no walking time shown').toContain('步行约');
    await snap(page, 'facilities-portal-near-me.png');
  });
});
