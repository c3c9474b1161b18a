import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../platform/db.ts';
import { makeActor, seedTree, setupTestApp } from '../../../test/helpers.ts';
import { certificateCodePattern, issueCertificate, revokeCertificate, type CertificateVerification } from './index.ts';

const ctx = await setupTestApp();
await seedTree(ctx.database);
const { app, database } = ctx;
const { actor } = await makeActor(database, 'community_staff', '110108001001');

// Numbered in order under one prefix: the tests below issue …000001, …000002, …000003.
const issue = (number: string) =>
  issueCertificate(database.db, actor, {
    kind: 'volunteer_hours',
    numberPrefix: number.slice(0, -6),
    serialDigits: 6,
    title: '志愿服务证明',
    holder: '张*明',
    facts: [{ label: '累计服务时长', value: '120 小时' }],
    orgPath: actor.kind === 'user' ? actor.grants[0]!.orgPath : '',
    issuerName: '翠微路社区居民委员会',
  });

describe('certificates verified by code', () => {
  it('issues a code of 80 random bits that verifies without signing in, and records the issue', async () => {
    const { code } = await issue('ZYFW-2026-000001');
    expect(code).toMatch(certificateCodePattern);
    const res = await app.inject({ method: 'GET', url: `/api/public/certificates/${code.toLowerCase()}` });
    expect(res.statusCode, res.body).toBe(200);
    const shown = res.json<CertificateVerification>();
    expect(shown).toMatchObject({ number: 'ZYFW-2026-000001', holder: '张*明', issuerName: '翠微路社区居民委员会', revokedAt: null });
    expect(Object.keys(shown)).not.toContain('orgPath');
    const audit = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from audit_log where action = 'certificate.issue' and target_id = 'ZYFW-2026-000001'`);
    expect(audit[0]!.n).toBe(1);
  });

  it('refuses a forged code with 404 and a malformed one with 400 naming the field', async () => {
    await issue('ZYFW-2026-000002');
    const forged = await app.inject({ method: 'GET', url: '/api/public/certificates/7K3M-Q9TX-2H4P-8WRN' });
    expect(forged.statusCode).toBe(404);
    expect(forged.json<{ error: { code: string } }>().error.code).toBe('CERTIFICATE_NOT_FOUND');
    const malformed = await app.inject({ method: 'GET', url: '/api/public/certificates/1234' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.body).toContain('params.code');
  });

  it('says a withdrawn certificate is withdrawn, with the reason', async () => {
    const { code } = await issue('ZYFW-2026-000003');
    await revokeCertificate(database.db, actor, code, '服务记录更正');
    const shown = (await app.inject({ method: 'GET', url: `/api/public/certificates/${code}` })).json<CertificateVerification>();
    expect(shown.revokedReason).toBe('服务记录更正');
    expect(shown.revokedAt).not.toBeNull();
  });
});
