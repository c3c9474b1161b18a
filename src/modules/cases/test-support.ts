// Shared by the cases module's tests: a small tree with the people around a case, and
// helpers that drive cases through the HTTP API.
import jpeg from 'jpeg-js';
import type { LightMyRequestResponse } from 'fastify';
import { actorSession, seedTree, setupTestApp, type TestContext } from '../../../test/helpers.ts';
import { insertOrgUnits } from '../org/index.ts';
import { createApiKey } from '../accounts/index.ts';
import { systemActor, type Actor } from '../../platform/auth/scope.ts';
import type { CaseAction } from './workflow.ts';

/** A point inside grid GA1 (community A1 110108001001), and one in GA2 and GB1. */
export const inGA1 = { lng: 116.285, lat: 39.905 };
export const inGA2 = { lng: 116.295, lat: 39.905 };
export const inGB1 = { lng: 116.305, lat: 39.905 };

/** A small real JPEG (a gradient), as a phone would upload. */
export function testJpeg(width = 64, height = 48): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i * 7) % 256;
    data[i * 4 + 1] = (i * 3) % 256;
    data[i * 4 + 2] = 128;
    data[i * 4 + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ data, width, height }, 85).data);
}

/** A multipart body with one file field. */
export function multipartBody(bytes: Buffer, filename: string, contentType = 'application/octet-stream') {
  const boundary = `----gongzhi${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/**
 * An Open311 client's API key on an org unit: every Open311 test makes its keys here, so the
 * role they carry is stated once.
 */
export async function open311Key(ctx: TestContext, orgCode: string, name = `open311 ${orgCode}`): Promise<string> {
  const security = { ...systemActor, grants: [{ role: 'security_admin' as const, orgPath: '' }] };
  return (await createApiKey(ctx.database.db, security, { name, orgCode, role: 'open311_client' })).key;
}

/** The test app with the tree, a second department, and one session per party. */
export async function setupCaseWorld(): Promise<CaseWorld> {
  const ctx = await setupTestApp();
  await seedTree(ctx.database);
  await insertOrgUnits(ctx.database.db, [
    { code: '110108D02', parentCode: '110108', level: 'department', name: '海淀区市场监督管理局', orgPath: '110000.110100.110108.110108D02' },
  ]);
  const s = async (role: Parameters<typeof actorSession>[1], org?: string) => actorSession(ctx, role, org);
  const people: Record<string, { username: string; cookie: string; actor: Actor }> = {
    resident: await s('resident', '110108001001'),
    otherResident: await s('resident', '110108001001'),
    gridWorker: await s('grid_worker', 'GA1'),
    gridWorkerA2: await s('grid_worker', 'GA2'),
    communityA1: await s('community_staff', '110108001001'),
    communityA2: await s('community_staff', '110108001002'),
    communityB1: await s('community_staff', '110108002001'),
    streetA: await s('street_staff', '110108001'),
    streetB: await s('street_staff', '110108002'),
    district: await s('district_staff', '110108'),
    dept: await s('department_handler', '110108D01'),
    dept2: await s('department_handler', '110108D02'),
    hotline: await s('hotline_operator', '110108'),
    leader: await s('leader', '110108001'),
  };
  const call = async (who: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    ctx.app.inject({ method, url, headers: who ? { cookie: (people[who] as { cookie: string }).cookie } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (res: LightMyRequestResponse | Promise<LightMyRequestResponse>, status = 200) => {
    const r = await res;
    if (r.statusCode !== status) throw new Error(`expected ${status}, got ${r.statusCode}: ${r.body}`);
    return r.json();
  };
  const upload = async (who: string, bytes = testJpeg(), filename = 'photo.jpg') => {
    const body = multipartBody(bytes, filename, 'image/jpeg');
    const res = await ctx.app.inject({ method: 'POST', url: '/api/cases/attachments', headers: { cookie: (people[who] as { cookie: string }).cookie, ...body.headers }, payload: body.payload });
    return res;
  };
  const report = async (who: string = 'resident', overrides: Record<string, unknown> = {}) => {
    const created = (
      await ok(
        call(who, 'POST', '/api/cases', {
          title: '楼下垃圾堆放三天无人清运',
          description: '翠微路2号院东门垃圾桶满溢，气味很大',
          categoryCode: '0501',
          ...inGA1,
          address: '翠微路2号院东门',
          reporter: { name: '王女士', phone: '13812345678' },
          ...overrides,
        }),
        201,
      )
    ).case as CaseView;
    // The intake answers with the list row; the case page loads the detail.
    return (await ok(call(who, 'GET', `/api/cases/${created.id}`))) as CaseView;
  };
  const act = (who: string, id: string, action: CaseAction | string, input: Record<string, unknown> = {}) => call(who, 'POST', `/api/cases/${id}/actions`, { action, ...input });
  const step = async (who: string, id: string, action: CaseAction, input: Record<string, unknown> = {}) => (await ok(act(who, id, action, input))) as CaseView;

  /** A case driven to a state along the usual path (dispatched to department D01). */
  const caseIn = async (state: string, overrides: Record<string, unknown> = {}): Promise<CaseView> => {
    let c = await report('resident', overrides);
    if (state === 'reported') return c;
    c = await step('communityA1', c.id, 'accept');
    if (state === 'accepted') return c;
    c = await step('communityA1', c.id, 'register');
    if (state === 'registered') return c;
    c = await step('communityA1', c.id, 'dispatch', { targetUnitId: '110108D01' });
    if (state === 'dispatched') return c;
    c = await step('dept', c.id, 'acknowledge');
    if (state === 'handling') return c;
    if (state === 'suspended') return step('communityA1', c.id, 'suspend', { reason: '等待鉴定' });
    const photo = (await ok(upload('dept'), 201)).id as string;
    c = await step('dept', c.id, 'feedback', { text: '已清运完毕', photos: [photo] });
    if (state === 'handled') return c;
    c = await step('gridWorker', c.id, 'verify_pass', { text: '现场已干净' });
    if (state === 'closed') return c;
    c = await step('resident', c.id, 'rate', { rating: 'satisfied' });
    if (state === 'rated') return c;
    throw new Error(`no path to ${state}`);
  };
  return { ctx, people, call, ok, upload, report, act, step, caseIn };
}

export interface CaseView {
  id: string;
  number: string;
  state: string;
  tier: string;
  version: number;
  handlingUnit: string | null;
  dispatcherUnit: string | null;
  reporter: { name: string | null; phone: string | null } | null;
  reporterHidden: boolean;
  availableActions: string[];
  timeline: { action: string; actorName: string; version: number; details: Record<string, unknown> }[];
  sla: { stage: string | null; deadlineAt: string | null; level: string; isOverdue: boolean };
  supervisionLevel: string | null;
  [key: string]: unknown;
}

export interface CaseWorld {
  ctx: TestContext;
  people: Record<string, { username: string; cookie: string; actor: Actor }>;
  call: (who: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  ok: (res: LightMyRequestResponse | Promise<LightMyRequestResponse>, status?: number) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are checked by the assertions
  upload: (who: string, bytes?: Buffer, filename?: string) => Promise<LightMyRequestResponse>;
  report: (who?: string, overrides?: Record<string, unknown>) => Promise<CaseView>;
  act: (who: string, id: string, action: string, input?: Record<string, unknown>) => Promise<LightMyRequestResponse>;
  step: (who: string, id: string, action: CaseAction, input?: Record<string, unknown>) => Promise<CaseView>;
  caseIn: (state: string, overrides?: Record<string, unknown>) => Promise<CaseView>;
}
