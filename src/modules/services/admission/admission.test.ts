import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { actorSession, seedTree, setupTestApp } from '../../../../test/helpers.ts';
import { makeBuilding, makeHouse, makeResident } from '../../../../test/factories.ts';
import { createConfiguredCipher } from '../../../app.ts';
import { queryRows } from '../../../platform/db.ts';
import type { CertificateVerification } from '../../certificates/index.ts';
import type { AdmissionEntryView, CommunityCertificateView, TaskCounts, TaskView } from '../contract/admission.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const db = database.db;
const district = await actorSession(ctx, 'district_staff', '110108');
const department = await actorSession(ctx, 'department_handler', '110108D01');
const streetA = await actorSession(ctx, 'street_staff', '110108001');
const streetB = await actorSession(ctx, 'street_staff', '110108002');
const communityA1 = await actorSession(ctx, 'community_staff', '110108001001');

const entry = (list: string, code: string, title: string, extra: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: '/api/services/admission-entries', headers: { cookie: district.cookie }, payload: { list, code, title, districtCode: '110108', basis: '《城市居民委员会组织法》', ...extra } });

for (const [list, code, title, extra] of [
  ['statutory', 'LZ-01', '协助开展人口普查', {}],
  ['assisting', 'XZ-01', '协助开展城市管理宣传', { departmentName: '区城市管理委员会' }],
  ['negative', 'FM-01', '代替部门开展执法检查', {}],
  ['certificate', 'ZM-01', '居住证明', { certificateKind: 'residence' }],
  ['certificate', 'ZM-02', '亲属关系证明', {}],
] as const) {
  const res = await entry(list, code, title, extra);
  if (res.statusCode !== 201) throw new Error(res.body);
}

const task = (body: Record<string, unknown>, cookie = department.cookie) =>
  app.inject({ method: 'POST', url: '/api/services/tasks', headers: { cookie }, payload: { departmentCode: '110108D01', targetCode: '110108001001', title: '垃圾分类入户宣传', deadline: '2026-12-31', ...body } });

describe('the admission lists', () => {
  it('are published to anyone, by list', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/services/admission-entries?list=certificate' });
    expect(res.json<{ items: AdmissionEntryView[] }>().items.map((e) => e.code)).toEqual(['ZM-01', 'ZM-02']);
  });

  it('are kept by the district only', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/services/admission-entries', headers: { cookie: streetA.cookie }, payload: { list: 'statutory', code: 'LZ-09', title: '街道自定事项', districtCode: '110108' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('tasks pushed down to communities', () => {
  it('assigns a task that names a list entry', async () => {
    const res = await task({ entryCode: 'XZ-01', reportFields: [{ key: 'households', label: '入户数', kind: 'number' }] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<TaskView>()).toMatchObject({ status: 'assigned', entry: { code: 'XZ-01', list: 'assisting' }, targetName: '翠微路社区' });
  });

  it('refuses a task on no list, and one on the negative list, storing nothing', async () => {
    const [before] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from community_tasks`);
    const none = await task({ title: '统计辖区商户经营数据' });
    expect(none.statusCode).toBe(409);
    expect(none.json<{ error: { code: string; message: string } }>().error.code).toBe('TASK_NOT_ADMITTED');
    const negative = await task({ entryCode: 'FM-01' });
    expect(negative.statusCode).toBe(409);
    expect(negative.json<{ error: { message: string } }>().error.message).toContain('负面清单');
    const [after] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from community_tasks`);
    expect(after?.n).toBe(before?.n);
  });

  it('sends a task on no list to the street’s review when a reason is given; only that street decides', async () => {
    const res = await task({ title: '汛期地下空间排查', reviewReason: '汛期临时性安全排查，需社区配合入户' });
    const created = res.json<TaskView>();
    expect(created.status).toBe('under_review');
    const review = (cookie: string, decision: string) => app.inject({ method: 'POST', url: `/api/services/tasks/${created.id}/review`, headers: { cookie }, payload: { decision, note: '同意准入，限本次' } });
    expect((await review(streetB.cookie, 'admit')).statusCode).toBe(403);
    const admitted = await review(streetA.cookie, 'admit');
    expect(admitted.json<TaskView>()).toMatchObject({ status: 'assigned', decisionNote: '同意准入，限本次' });
    expect((await review(streetA.cookie, 'refuse')).statusCode).toBe(409);
  });

  it('shows a community the tasks sent to it, a department its own, and publishes the counts', async () => {
    const toA1 = await app.inject({ method: 'GET', url: '/api/services/tasks', headers: { cookie: communityA1.cookie } });
    expect(toA1.json<{ total: number }>().total).toBe(2);
    const other = await actorSession(ctx, 'community_staff', '110108002001');
    expect((await app.inject({ method: 'GET', url: '/api/services/tasks', headers: { cookie: other.cookie } })).json<{ total: number }>().total).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/api/services/tasks', headers: { cookie: department.cookie } })).json<{ total: number }>().total).toBe(2);
    expect((await task({ entryCode: 'LZ-01' }, communityA1.cookie)).statusCode).toBe(403);
    const counts = (await app.inject({ method: 'GET', url: '/api/public/services/task-counts?district=110108' })).json<TaskCounts>();
    expect(counts.rows).toEqual([{ departmentCode: '110108D01', departmentName: '海淀区城市管理委员会', assigned: 2, underReview: 0, refused: 0 }]);
  });
});

const pii = createConfiguredCipher(ctx.config);
const building = await makeBuilding(db, communityA1.actor);
const house = await makeHouse(db, communityA1.actor, { buildingId: building.id, unit: '1', number: '201' });
const resident = await makeResident(db, pii, communityA1.actor, { name: '赵建国', houseId: house.id });

describe('certificates a community issues from held data', () => {
  it('issues a numbered residence certificate that verifies by its code, holder masked; a forged code fails', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/services/certificates', headers: { cookie: communityA1.cookie }, payload: { entryCode: 'ZM-01', communityCode: '110108001001', residentId: resident.id, purpose: '子女入学' } });
    expect(res.statusCode, res.body).toBe(201);
    const cert = res.json<CommunityCertificateView>();
    expect(cert.number).toMatch(/^ZM110108001001\d{4}0001$/);
    expect(cert.holder).toBe('赵*国');
    const verified = await app.inject({ method: 'GET', url: `/api/public/certificates/${cert.code}` });
    expect(verified.statusCode).toBe(200);
    const shown = verified.json<CertificateVerification>();
    expect(shown).toMatchObject({ number: cert.number, title: '居住证明', holder: '赵*国', issuerName: '翠微路社区居民委员会' });
    expect(JSON.stringify(shown.facts)).toContain('翠微路28号院3号楼1单元201室');
    expect(JSON.stringify(shown)).not.toContain('赵建国');
    const forged = `${cert.code.slice(0, -1)}${cert.code.endsWith('0') ? '1' : '0'}`;
    expect((await app.inject({ method: 'GET', url: `/api/public/certificates/${forged}` })).statusCode).toBe(404);
  });

  it('refuses an entry off the certificate list, one the platform cannot generate, another community’s resident and strangers', async () => {
    const issue = (body: Record<string, unknown>, cookie = communityA1.cookie) =>
      app.inject({ method: 'POST', url: '/api/services/certificates', headers: { cookie }, payload: { entryCode: 'ZM-01', communityCode: '110108001001', residentId: resident.id, purpose: '办理业务', ...body } });
    expect((await issue({ entryCode: 'LZ-01' })).json<{ error: { code: string } }>().error.code).toBe('CERTIFICATE_NOT_ISSUABLE');
    expect((await issue({ entryCode: 'ZM-02' })).statusCode).toBe(409);
    const elsewhere = await actorSession(ctx, 'community_staff', '110108001002');
    expect((await issue({ communityCode: '110108001002' }, elsewhere.cookie)).statusCode).toBe(409);
    expect((await issue({}, elsewhere.cookie)).statusCode).toBe(403);
    expect((await issue({}, streetA.cookie)).statusCode).toBe(403);
  });
});
