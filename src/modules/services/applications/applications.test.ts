// Applications over HTTP on a real database: online and counter intake, every transition
// allowed and refused, 补正 and 容缺, deadlines on the working-day calendar, scope per role,
// personal data masked everywhere (responses, export, public follow-up), registry recognition.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../../test/helpers.ts';
import { makeResident } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { makeIdNumber } from '../../registry/index.ts';
import type { Application } from '../contract.ts';
import { seedTestCatalogue, uploadMaterial } from '../test-support.ts';
import { serviceCalendar } from './act.ts';
import { sweepApplicationDeadlines } from './deadlines.ts';

type Session = Awaited<ReturnType<typeof actorSession>>;
let ctx: TestContext;
let resident: Session; // community A1
let staffA1: Session; // community A1
let staffB1: Session; // community B1
let streetA: Session;
let streetB: Session;
let district: Session;
let department: Session; // 110108D01, decides the allowance
let leader: Session;

const idNumber = makeIdNumber({ regionCode: '110108', birthDate: '1940-05-06', sequence: 17 });
const phone = '13912345678';

const inject = (s: Session | undefined, method: 'GET' | 'POST', url: string, payload?: object) =>
  ctx.app.inject({ method, url, ...(payload ? { payload } : {}), headers: s ? { cookie: s.cookie } : {} });

async function applyOnline(s: Session, materials: object[] = [], extra: object = {}): Promise<Application> {
  const res = await inject(s, 'POST', '/api/services/applications', {
    itemCode: 'GZ-GL-001',
    communityCode: '110108001001',
    applicant: { name: '王秀兰', idNumber, phone },
    form: { birthDate: '1940-05-06' },
    materials,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Application>();
}

const act = (s: Session, number: string, body: object) => inject(s, 'POST', `/api/services/applications/${number}/actions`, body);

beforeAll(async () => {
  ctx = await setupTestApp();
  await seedTree(ctx.database);
  await seedTestCatalogue(ctx);
  [resident, staffA1, staffB1, streetA, streetB, district, department, leader] = await Promise.all([
    actorSession(ctx, 'resident', '110108001001'),
    actorSession(ctx, 'community_staff', '110108001001'),
    actorSession(ctx, 'community_staff', '110108002001'),
    actorSession(ctx, 'street_staff', '110108001'),
    actorSession(ctx, 'street_staff', '110108002'),
    actorSession(ctx, 'district_staff', '110108'),
    actorSession(ctx, 'department_handler', '110108D01'),
    actorSession(ctx, 'leader', '110108'),
  ]);
});

describe('online application through the whole status machine', () => {
  it('goes submitted → 补正 → received → accepted → review → approved → delivered, each step by its role, pushed and masked', async () => {
    const file = await uploadMaterial(ctx, resident);
    const app = await applyOnline(resident, [{ key: 'id_card', fileIds: [file] }, { key: 'residence', committed: true }]);
    expect(app.status).toBe('submitted');
    expect(app.number).toMatch(/^FW\d{8}-\d{5}$/);
    // Online applications for a street-level item go to the street above the community.
    expect(app.unitCode).toBe('110108001');
    expect(app.applicant.idNumber).not.toContain(idNumber.slice(6, 14));
    expect(app.applicant.phone).toBe('139******78');
    expect(app.materials.find((m) => m.key === 'id_card')?.state).toBe('supplied');
    expect(app.materials.find((m) => m.key === 'residence')?.state).toBe('committed');

    // The resident cannot take the counter's steps; a street elsewhere is out of scope.
    expect((await act(resident, app.number, { action: 'receive' })).statusCode).toBe(403);
    expect((await act(streetB, app.number, { action: 'receive' })).statusCode).toBe(403);

    // 补正: all missing materials at once; a key the item does not ask for is refused, naming it.
    const bad = await act(streetA, app.number, { action: 'request_correction', missing: ['passport'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('body.missing.0');
    expect((await act(streetA, app.number, { action: 'request_correction' })).statusCode).toBe(400);
    const corr = await act(streetA, app.number, { action: 'request_correction', missing: ['id_card', 'bank_card'], note: '身份证复印件不清晰' });
    expect(corr.statusCode, corr.body).toBe(200);
    expect(corr.json<Application>().status).toBe('correction_requested');

    // The public follow-up shows what to bring, by number and phone only.
    const tracked = await inject(undefined, 'GET', `/api/public/applications/${app.number}?phone=${phone}`);
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().correction.missing).toEqual(['居民身份证', '本人银行卡']);
    expect(tracked.json().applicantName).toBe('王*兰');
    expect(tracked.body).not.toContain(phone);
    expect((await inject(undefined, 'GET', `/api/public/applications/${app.number}?phone=13900000000`)).statusCode).toBe(404);

    // Supplying only part of the correction is refused; all of it moves back to received.
    const one = await uploadMaterial(ctx, resident);
    const partial = await act(resident, app.number, { action: 'supply_correction', materials: [{ key: 'id_card', fileIds: [one] }] });
    expect(partial.statusCode).toBe(400);
    expect(partial.body).toContain('本人银行卡');
    const two = await uploadMaterial(ctx, resident);
    const supplied = await act(resident, app.number, { action: 'supply_correction', materials: [{ key: 'id_card', fileIds: [one] }, { key: 'bank_card', fileIds: [two] }] });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json<Application>().status).toBe('received');

    const accepted = await act(streetA, app.number, { action: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const acc = accepted.json<Application>();
    // The promised deadline: 5 working days on the platform calendar from acceptance.
    const calendar = await serviceCalendar(ctx.database.db);
    const expected = calendar.addWorkingDays(new Date(acc.acceptedAt!), 5);
    expect(new Date(acc.dueAt!).getTime()).toBe(expected.getTime());

    // The deciding department reviews (its own items), the counter does not.
    expect((await act(streetA, app.number, { action: 'approve' })).statusCode).toBe(409);
    expect((await act(department, app.number, { action: 'start_review' })).statusCode).toBe(200);
    expect((await act(department, app.number, { action: 'deliver' })).statusCode).toBe(403);
    expect((await act(department, app.number, { action: 'approve' })).statusCode).toBe(200);
    const delivered = await act(streetA, app.number, { action: 'deliver', deliveredBy: 'counter' });
    expect(delivered.statusCode).toBe(200);
    const done = delivered.json<Application>();
    expect(done.status).toBe('delivered');
    expect(done.timeline.map((t) => t.action)).toEqual(['submit', 'request_correction', 'supply_correction', 'accept', 'start_review', 'approve', 'deliver']);
    expect(done.allowedActions).toEqual([]);
    // A step from a finished status is refused.
    expect((await act(streetA, app.number, { action: 'accept' })).statusCode).toBe(409);

    // Every change was pushed to the applicant in-app.
    const inbox = await inject(resident, 'GET', '/api/notifications?pageSize=50');
    expect(inbox.json().items.filter((n: { subjectId: string }) => n.subjectId === app.number).length).toBeGreaterThanOrEqual(6);
  });
});

describe('each transition allowed and refused', () => {
  const cases: [string, string[], string][] = [
    ['receive', ['submitted'], 'received'],
    ['accept', ['received'], 'accepted'],
    ['not_accept', ['submitted', 'received'], 'not_accepted'],
    ['request_correction', ['submitted', 'received'], 'correction_requested'],
    ['start_review', ['accepted'], 'under_review'],
    ['approve', ['under_review'], 'approved'],
    ['refuse', ['under_review'], 'refused'],
    ['deliver', ['approved', 'refused'], 'delivered'],
  ];
  const path: Record<string, { action: string; by: 'street' | 'dept' }[]> = {
    submitted: [],
    received: [{ action: 'receive', by: 'street' }],
    accepted: [{ action: 'receive', by: 'street' }, { action: 'accept', by: 'street' }],
    under_review: [{ action: 'receive', by: 'street' }, { action: 'accept', by: 'street' }, { action: 'start_review', by: 'dept' }],
    approved: [{ action: 'receive', by: 'street' }, { action: 'accept', by: 'street' }, { action: 'start_review', by: 'dept' }, { action: 'approve', by: 'dept' }],
    refused: [{ action: 'receive', by: 'street' }, { action: 'accept', by: 'street' }, { action: 'start_review', by: 'dept' }, { action: 'refuse', by: 'dept' }],
  };
  const input = { reason: '不符合条件', missing: ['id_card'] };

  it('allows each action from its statuses only', async () => {
    const file = await uploadMaterial(ctx, resident);
    const statuses = Object.keys(path);
    for (const [action, from, to] of cases) {
      for (const status of statuses) {
        const [f, g] = [await uploadMaterial(ctx, resident), await uploadMaterial(ctx, resident)];
        const app = await applyOnline(resident, [{ key: 'id_card', fileIds: [f] }, { key: 'bank_card', fileIds: [g] }, { key: 'residence', committed: true }]);
        for (const step of path[status]!) {
          const res = await act(step.by === 'street' ? streetA : department, app.number, { action: step.action, ...input, materials: [] });
          expect(res.statusCode, `${step.action}: ${res.body}`).toBe(200);
        }
        const by = ['start_review', 'approve', 'refuse'].includes(action) ? department : streetA;
        const res = await act(by, app.number, { action, ...input });
        if (from.includes(status)) {
          expect(res.statusCode, `${action} from ${status}: ${res.body}`).toBe(200);
          expect(res.json().status).toBe(to);
        } else {
          expect(res.statusCode, `${action} from ${status}`).toBe(409);
        }
      }
    }
    expect(file).toBeTruthy();
  }, 120_000);

  it('needs a reason to refuse or not accept, naming the input', async () => {
    const app = await applyOnline(resident);
    const res = await act(streetA, app.number, { action: 'not_accept' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('APPLICATION_INPUT_REQUIRED');
  });
});

describe('容缺 and required materials at acceptance', () => {
  it('refuses to accept while a required material is missing, accepts with a 容缺 one owed', async () => {
    const app = await applyOnline(resident, [{ key: 'residence', committed: true }]);
    await act(streetA, app.number, { action: 'receive' });
    const refused = await act(streetA, app.number, { action: 'accept' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('SERVICE_MATERIALS_MISSING');
    expect(refused.body).toContain('居民身份证');
    const file = await uploadMaterial(ctx, staffA1);
    // The counter's own upload cannot be attached by another user.
    const other = await act(streetA, app.number, { action: 'accept', materials: [{ key: 'id_card', fileIds: [file] }] });
    expect(other.statusCode).toBe(400);
    const mine = await uploadMaterial(ctx, streetA);
    const ok = await act(streetA, app.number, { action: 'accept', materials: [{ key: 'id_card', fileIds: [mine] }, { key: 'bank_card', deferred: true }] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Application>().materials.find((m) => m.key === 'bank_card')?.state).toBe('deferred');
    // The 容缺 bank card is owed before a decision; once brought, approval goes through.
    await act(department, app.number, { action: 'start_review' });
    const early = await act(department, app.number, { action: 'approve' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('本人银行卡');
    const card = await uploadMaterial(ctx, resident);
    const brought = await inject(resident, 'POST', `/api/services/applications/${app.number}/materials`, { materials: [{ key: 'bank_card', fileIds: [card] }] });
    expect(brought.statusCode, brought.body).toBe(200);
    expect(brought.json<Application>().materials.find((m) => m.key === 'bank_card')?.state).toBe('supplied');
    expect((await act(department, app.number, { action: 'approve' })).statusCode).toBe(200);
  });
});

describe('counter intake and the registry', () => {
  it('recognises an applicant the registry holds and fills the name and phone', async () => {
    const pii = createConfiguredCipher(ctx.config);
    const known = makeIdNumber({ regionCode: '110108', birthDate: '1938-02-03', sequence: 31 });
    await makeResident(ctx.database.db, pii, staffA1.actor, { gridCode: 'GA1', name: '李建国', idNumber: known, phone: '13700001111' });
    const lookup = await inject(staffA1, 'POST', '/api/services/applicants/lookup', { idNumber: known });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json()).toMatchObject({ found: true, name: '李建国', phone: '137******11', communityCode: '110108001001' });
    const res = await inject(streetA, 'POST', '/api/services/applications/counter', {
      itemCode: 'GZ-GL-001',
      communityCode: '110108001001',
      applicant: { idNumber: known },
      form: { birthDate: '1938-02-03' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json<Application>();
    expect(app.status).toBe('received');
    expect(app.applicant.name).toBe('李建国');
    expect(app.applicant.phone).toBe('137******11');
    expect(app.applicant.residentId).not.toBeNull();
    // A resident may not look people up.
    expect((await inject(resident, 'POST', '/api/services/applicants/lookup', { idNumber: known })).statusCode).toBe(403);
  });

  it('names the bad field: a wrong ID number, a missing form field, an unknown community', async () => {
    const wrongId = await inject(streetA, 'POST', '/api/services/applications/counter', { itemCode: 'GZ-GL-001', communityCode: '110108001001', applicant: { name: '甲', idNumber: '110108194005060000', phone }, form: { birthDate: '1940-05-06' } });
    expect(wrongId.statusCode).toBe(400);
    expect(wrongId.body).toContain('body.applicant.idNumber');
    const noForm = await inject(streetA, 'POST', '/api/services/applications/counter', { itemCode: 'GZ-GL-001', communityCode: '110108001001', applicant: { name: '甲', idNumber, phone } });
    expect(noForm.statusCode).toBe(400);
    expect(noForm.body).toContain('出生日期');
    const noCommunity = await inject(streetA, 'POST', '/api/services/applications/counter', { itemCode: 'GZ-GL-001', communityCode: 'X1', applicant: { name: '甲', idNumber, phone }, form: { birthDate: '1940-05-06' } });
    expect(noCommunity.statusCode).toBe(400);
    expect(noCommunity.body).toContain('body.communityCode');
  });

  it('takes a 全区通办 item at any centre of the district, a local one only for its own area', async () => {
    const body = { communityCode: '110108001001', applicant: { name: '赵六', idNumber, phone }, form: { birthDate: '1940-05-06' } };
    // Street B takes in a district-wide item for someone of street A.
    const wide = await inject(streetB, 'POST', '/api/services/applications/counter', { ...body, itemCode: 'GZ-ZM-001' });
    expect(wide.statusCode, wide.body).toBe(201);
    expect(wide.json().unitCode).toBe('110108002');
    // …but not the allowance, which is not 全区通办.
    const local = await inject(streetB, 'POST', '/api/services/applications/counter', { ...body, itemCode: 'GZ-GL-001' });
    expect(local.statusCode).toBe(409);
    expect(local.json().error.code).toBe('SERVICE_LEVEL_NOT_ACCEPTING');
    // A counter-only item cannot be applied for online.
    const online = await inject(resident, 'POST', '/api/services/applications', { ...body, itemCode: 'GZ-ZM-001' });
    expect(online.statusCode).toBe(409);
  });
});

describe('scope', () => {
  it('a centre sees its area, a department its own items, a resident their own', async () => {
    const app = await applyOnline(resident);
    const seen = async (s: Session) => (await inject(s, 'GET', '/api/services/applications?pageSize=200')).json().items.some((i: { number: string }) => i.number === app.number);
    expect(await seen(streetA)).toBe(true);
    expect(await seen(district)).toBe(true);
    expect(await seen(department)).toBe(true);
    expect(await seen(leader)).toBe(true);
    expect(await seen(streetB)).toBe(false);
    expect(await seen(staffB1)).toBe(false);
    // The community below the street does not see the street's application.
    expect(await seen(staffA1)).toBe(false);
    expect((await inject(streetB, 'GET', `/api/services/applications/${app.number}`)).statusCode).toBe(403);
    expect((await inject(resident, 'GET', '/api/services/applications?mine=true')).json().items.every((i: { applicant: { phone: string } }) => i.applicant.phone.includes('*'))).toBe(true);
    const other = await actorSession(ctx, 'resident', '110108001001');
    expect((await inject(other, 'GET', `/api/services/applications/${app.number}`)).statusCode).toBe(403);
    expect((await inject(other, 'GET', '/api/services/applications')).json().items).toEqual([]);
  });

  it('reveals the applicant with a reason to a permitted role only, and audits it', async () => {
    const app = await applyOnline(resident);
    expect((await inject(department, 'POST', `/api/services/applications/${app.number}/reveal`, { reason: '核对身份' })).statusCode).toBe(403);
    expect((await inject(streetA, 'POST', `/api/services/applications/${app.number}/reveal`, {})).statusCode).toBe(400);
    const res = await inject(streetA, 'POST', `/api/services/applications/${app.number}/reveal`, { reason: '核对身份' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ idNumber, phone, revealed: true });
  });

  it('exports the ledger with identifiers masked', async () => {
    const res = await inject(district, 'GET', '/api/services/applications/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('办件台账')!;
    expect(sheet.rowCount).toBeGreaterThan(3);
    const text = JSON.stringify(sheet.getSheetValues());
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain(phone);
    expect(text).toContain('139******78');
    expect((await inject(department, 'GET', '/api/services/applications/export.xlsx')).statusCode).toBe(403);
  });

  it('answers no reader the applicant’s ID number or phone in clear: lists, detail and the public follow-up', async () => {
    const app = await applyOnline(resident);
    const reads: [Session | undefined, string][] = [
      [resident, '/api/services/applications?mine=true'],
      [resident, `/api/services/applications/${app.number}`],
      [staffA1, '/api/services/applications?pageSize=200'],
      [streetA, '/api/services/applications?pageSize=200'],
      [streetA, `/api/services/applications/${app.number}`],
      [district, `/api/services/applications?q=${encodeURIComponent('王秀兰')}`],
      [department, `/api/services/applications/${app.number}`],
      [leader, `/api/services/applications/${app.number}`],
      [undefined, `/api/public/applications/${app.number}?phone=${phone}`],
    ];
    for (const [who, url] of reads) {
      const res = await inject(who, 'GET', url);
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.body, url).not.toContain(idNumber);
      expect(res.body, url).not.toContain(phone);
    }
  });
});

describe('deadlines', () => {
  it('warns on the last working day and marks overdue after the promised deadline', async () => {
    const f = await uploadMaterial(ctx, resident);
    const app = await applyOnline(resident, [{ key: 'id_card', fileIds: [f] }, { key: 'bank_card', deferred: true }, { key: 'residence', committed: true }]);
    await act(streetA, app.number, { action: 'receive' });
    const acc = (await act(streetA, app.number, { action: 'accept' })).json<Application>();
    const due = new Date(acc.dueAt!);
    const calendar = await serviceCalendar(ctx.database.db);
    expect(calendar.isWorkingDay(due)).toBe(true);
    // Just before the deadline: a warning; after it: overdue.
    await sweepApplicationDeadlines(ctx.database.db, new Date(due.getTime() - 3_600_000));
    expect((await inject(streetA, 'GET', `/api/services/applications/${app.number}`)).json().deadline).toBe('warning');
    await sweepApplicationDeadlines(ctx.database.db, new Date(due.getTime() + 3_600_000));
    const list = await inject(streetA, 'GET', '/api/services/applications?deadline=overdue&pageSize=200');
    expect(list.json().items.some((i: { number: string }) => i.number === app.number)).toBe(true);
  });
});
