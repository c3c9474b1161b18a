// The public follow-up as an oracle: a client trying phones for a case number, or case
// numbers for a phone, is stopped long before it could enumerate either (429 in Chinese or
// English), while the reporter with the right pair still gets in.
import { describe, expect, it } from 'vitest';
import { createConfiguredCipher } from '../../app.ts';
import { makeActor, seedTree, setupTestApp } from '../../../test/helpers.ts';
import { makeCase } from '../../../test/factories.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app } = ctx;
const deps = { db: ctx.database.db, pii: createConfiguredCipher(ctx.config), dataDir: ctx.config.dataDir };
const { actor } = await makeActor(ctx.database, 'community_staff', '110108001001');
const phone = '13700004444';
const reported = await makeCase(deps, actor, { reporter: { name: '王先生', phone } });
const other = await makeCase(deps, actor, { reporter: { name: '赵女士', phone: '13700005555' } });

const track = (number: string, tried: string, ip: string, lang = 'zh-CN') =>
  app.inject({ method: 'POST', url: '/api/public/cases/track', remoteAddress: ip, headers: { 'accept-language': lang }, payload: { number, phone: tried } });

describe('public case tracking', () => {
  it('stops guessing the phone of a case after 10 failures, even spread over addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await track(reported.number, `1370000${String(9000 + i)}`, `10.0.1.${i}`)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Now even the right phone waits: the answer no longer tells right from wrong.
    const locked = await track(reported.number, phone, '10.0.2.1');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ code: 'CASE_TRACKING_LOCKED', message: expect.stringContaining('查询失败次数过多') });
    const english = await track(reported.number, phone, '10.0.2.2', 'en-US');
    expect(english.json().error.message).toMatch(/Too many failed attempts; try again in \d+ minutes/);
    // Another case is not affected.
    expect((await track(other.number, '13700005555', '10.0.2.3')).statusCode).toBe(200);
  });

  it('stops trying one phone against many case numbers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await track(`X${String(i).padStart(6, '0')}`, '13700005555', `10.0.3.${i}`)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await track(other.number, '13700005555', '10.0.3.99')).statusCode).toBe(429);
  });

  it('stops one address trying many pairs, and limits its requests per minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await track(`Y${String(i).padStart(6, '0')}`, `1380000${String(1000 + i)}`, '10.0.4.1')).statusCode);
    expect(statuses.filter((s) => s === 404)).toHaveLength(20);
    // The route allows 20 requests a minute per address.
    expect((await track('Y000099', '13800009999', '10.0.4.1')).statusCode).toBe(429);
  });
});
