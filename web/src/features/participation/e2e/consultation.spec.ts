// Consultation and a household vote in Chromium against the real server, with the demo's
// accounts: the community plans a meeting for the households of a building (through the API its
// form uses); on the meeting page a proxy for an elderly resident is refused without a consent,
// the consent is recorded, and the proxy signs in with it shown on the act. Then a secret
// household vote of the same building opens, paper ballots are entered by the community and
// confirmed by the street (two people), the vote closes with its quorum met, and the result is
// published on the community's public board.
import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { chooseByKeyboard, demoPassword, expect as baseExpect, openContext, signInFromLogin, snap, test } from '../../../../../e2e/kit.ts';

const expect = baseExpect.configure({ timeout: 60_000 });
const community = '110108001001';
const stamp = Date.now();

async function as(browser: Parameters<typeof openContext>[0], username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(browser);
  const page = await context.newPage();
  await signInFromLogin(page, username, demoPassword);
  return { context, page };
}

async function json<T>(request: APIRequestContext, method: 'get' | 'post', url: string, data?: unknown): Promise<T> {
  const res = await request[method](url, data === undefined ? {} : { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return (await res.json()) as T;
}

test.describe.serial('A consultation meeting with a proxy, and a household vote published on the board', () => {
  test.describe.configure({ timeout: 600_000 });
  let staff: { context: BrowserContext; page: Page };
  let street: { context: BrowserContext; page: Page };
  let buildingId = '';
  let meetingId = '';
  let voteId = '';

  test.beforeAll(async ({ browser }) => {
    staff = await as(browser, 'community');
    street = await as(browser, 'street');
    // A building of the community with a few households: every one of them is invited and votes.
    const buildings = await json<{ items: { id: string; houseCount: number }[] }>(staff.page.request, 'get', `/api/registry/buildings?under=${community}&pageSize=100`);
    const small = buildings.items.filter((b) => b.houseCount >= 3).sort((a, b) => a.houseCount - b.houseCount);
    buildingId = small[0]!.id;
    const meeting = await json<{ id: string; version: number }>(staff.page.request, 'post', '/api/participation/meetings', {
      communityCode: community, title: `楼栋议事会 ${stamp}`, topicSource: 'need', class: 'management', level: 'building', form: 'deliberation',
      agenda: ['加装电梯方案', '费用分摊'], place: '社区议事厅', startsAt: new Date().toISOString(),
    });
    meetingId = meeting.id;
    const withPeople = await json<{ version: number }>(staff.page.request, 'post', `/api/participation/meetings/${meetingId}/participants`, { from: 'registry', scopeKind: 'building', scopeRef: buildingId, basis: 'households' });
    await json(staff.page.request, 'post', `/api/participation/meetings/${meetingId}/actions`, { action: 'notify', version: withPeople.version });
  });

  test.afterAll(async () => {
    await staff?.context.close();
    await street?.context.close();
  });

  test('a proxy without consent is refused, and accepted once the consent is recorded', async () => {
    const page = staff.page;
    await page.goto(`/console/participation/meetings/${meetingId}`);
    const row = page.getByTestId('participants-table').locator('tbody tr').filter({ has: page.getByTestId('sign-in-proxy') }).first();
    await row.getByTestId('sign-in-proxy').click();
    const proxyForm = page.getByTestId('proxy-form');
    await proxyForm.getByLabel('代理人姓名').fill('王小明');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText(/没有.*有效的授权委托/)).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: /取\s*消/ }).click();

    await row.getByTestId('consent-open').click();
    const consent = page.getByTestId('consent-form');
    await consent.getByLabel('代理人姓名').fill('王小明');
    await consent.getByLabel('与委托人关系').fill('儿子');
    const givenOn = consent.getByLabel('授权日期');
    await givenOn.fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await givenOn.press('Enter');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByText('授权已登记')).toBeVisible();

    await row.getByTestId('sign-in-proxy').click();
    await page.getByTestId('proxy-form').getByLabel('代理人姓名').fill('王小明');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByTestId('proxy-consent').first()).toContainText('王小明（儿子）代');
    await expect(page.getByTestId('proxy-consent').first()).toContainText('书面授权于');
    await snap(page, 'participation-proxy-consent.png');
  });

  test('a household vote opens, paper ballots are confirmed by a second person, and the quorum is met', async () => {
    const vote = await json<{ id: string }>(staff.page.request, 'post', '/api/participation/votes', {
      communityCode: community, title: `是否同意加装电梯 ${stamp}`, description: '', rule: 'residents_meeting', basis: 'households', scopeKind: 'building', scopeRef: buildingId, secret: true,
    });
    voteId = vote.id;
    const page = staff.page;
    await page.goto(`/console/participation/votes/${voteId}`);
    await page.getByTestId('vote-open').click();
    await expect(page.getByTestId('vote-units')).toBeVisible();
    // One paper ballot through the form, the rest through the API the form uses.
    await page.getByTestId('paper-enter').first().click();
    await chooseByKeyboard(page, page.getByTestId('paper-form').getByRole('combobox'), '同意');
    await page.getByRole('dialog').getByRole('button', { name: /保\s*存/ }).click();
    await expect(page.getByTestId('paper-ballots')).toContainText('待确认');
    const units = await json<{ items: { id: string; voted: boolean }[] }>(page.request, 'get', `/api/participation/votes/${voteId}/units?pageSize=500`);
    const pending = await json<{ items: { unitId: string }[] }>(page.request, 'get', `/api/participation/votes/${voteId}/paper-ballots`);
    for (const u of units.items.filter((x) => !pending.items.some((p) => p.unitId === x.id))) {
      await json(page.request, 'post', `/api/participation/votes/${voteId}/paper-ballots`, { unitId: u.id, choice: 'for' });
    }
    const self = await page.request.post(`/api/participation/votes/${voteId}/paper-ballots/${(await json<{ items: { id: string }[] }>(page.request, 'get', `/api/participation/votes/${voteId}/paper-ballots`)).items[0]!.id}/confirm`);
    expect((await self.json()).error.code).toBe('PARTICIPATION_SAME_PERSON');

    // The street's staff confirm them: the second person.
    await street.page.goto(`/console/participation/votes/${voteId}`);
    const papers = street.page.getByTestId('paper-ballots');
    await papers.getByRole('button', { name: /确\s*认/ }).first().click();
    await expect(papers).toContainText('已计入');
    const rest = await json<{ items: { id: string; status: string }[] }>(street.page.request, 'get', `/api/participation/votes/${voteId}/paper-ballots`);
    for (const p of rest.items.filter((x) => x.status === 'pending')) await json(street.page.request, 'post', `/api/participation/votes/${voteId}/paper-ballots/${p.id}/confirm`);

    await page.reload();
    await page.getByTestId('vote-close').click();
    await expect(page.getByTestId('vote-result')).toContainText('达到法定人数');
    await expect(page.getByTestId('vote-result')).toContainText('通过');
    await page.getByTestId('vote-publish').click();
    await expect(page.getByText('已公开').first()).toBeVisible();
    await snap(page, 'participation-vote-result.png');
  });

  test('the result is on the public board, without names', async () => {
    const board = await json<{ items: { id: string; kind: string; status: string; facts: Record<string, unknown> }[] }>(staff.page.request, 'get', `/api/public/communities/${community}/board?kind=vote_result&pageSize=50`);
    const item = board.items.find((i) => i.id === voteId);
    expect(item).toMatchObject({ kind: 'vote_result', status: 'passed', facts: { quorumMet: 'yes' } });
    expect(JSON.stringify(board)).not.toContain('王小明');
  });
});
