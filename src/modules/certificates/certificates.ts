// Issuing, withdrawing and verifying certificates. The issuing module decides what a
// certificate says; this one only keeps it and answers for it by its code.
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/auth/scope.ts';
import { queryRows, type Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { CertificateFact, CertificateVerification } from './contract.ts';
import { certificates } from './schema.ts';

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh verification code: 16 characters of Crockford base32 (80 random bits). */
export function newCertificateCode(): string {
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (b) => alphabet[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

export interface CertificateInput {
  /** The issuing module's name for this kind, e.g. `volunteer_hours`. */
  kind: string;
  /** The document number's fixed part (e.g. `ZYFW-2026-`); a serial of `serialDigits` follows it. */
  numberPrefix: string;
  serialDigits: number;
  title: string;
  /** As printed: a masked name. */
  holder: string;
  facts: CertificateFact[];
  orgPath: string;
  issuerName: string;
}

// Keeps the serials of one prefix apart from other locks.
const NUMBER_LOCK_KEY = 7_301;

/**
 * Keeps a certificate, numbered next under its prefix, and returns its number and verification
 * code; run it in the issuing transaction (the lock on the prefix lasts until that ends, so two
 * issued at once get consecutive numbers).
 */
export async function issueCertificate(db: Db, actor: Actor | null, input: CertificateInput): Promise<{ code: string; number: string }> {
  const { numberPrefix, serialDigits, ...shown } = input;
  await db.execute(sql`select pg_advisory_xact_lock(${NUMBER_LOCK_KEY}, hashtext(${numberPrefix}))`);
  const [last] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from certificates where starts_with(number, ${numberPrefix})`);
  const number = `${numberPrefix}${String((last?.n ?? 0) + 1).padStart(serialDigits, '0')}`;
  const code = newCertificateCode();
  await db.insert(certificates).values({ ...shown, number, code, issuedBy: actor?.kind === 'user' ? actor.id : null });
  await recordAudit(db, actor, { action: 'certificate.issue', targetType: 'certificate', targetId: number, orgPath: input.orgPath, details: { kind: input.kind } });
  return { code, number };
}

/** Withdraws a certificate: verification then says so, with the reason. */
export async function revokeCertificate(db: Db, actor: Actor, code: string, reason: string): Promise<void> {
  const [row] = await db.update(certificates).set({ revokedAt: new Date(), revokedReason: reason }).where(eq(certificates.code, code)).returning();
  if (!row) throw new AppError('CERTIFICATE_NOT_FOUND');
  await recordAudit(db, actor, { action: 'certificate.revoke', targetType: 'certificate', targetId: row.number, orgPath: row.orgPath, details: { reason } });
}

/** What anyone may read about a certificate, given its code; a forged code finds nothing. */
export async function verifyCertificate(db: Db, code: string): Promise<CertificateVerification> {
  const [row] = await db.select().from(certificates).where(eq(certificates.code, code));
  if (!row) throw new AppError('CERTIFICATE_NOT_FOUND');
  const { orgPath: _orgPath, issuedBy: _issuedBy, ...shown } = row;
  return shown;
}
