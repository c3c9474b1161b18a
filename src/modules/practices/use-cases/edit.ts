// Staff edits: the feature links (and themes) of any practice in their part of the tree, and
// local practices for their own org units. Both are audited with the change.
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { CreatePracticeInput, PracticeView, UpdatePracticeBody } from '../contract.ts';
import { ensurePracticeLibrary } from '../library.ts';
import { provinceOf } from '../places.ts';
import { practices } from '../schema.ts';
import { presentPractice } from './read.ts';

/** Changes a practice's feature links (and themes); the caller's scope must cover its place. */
export async function updatePractice(db: Db, actor: Actor, id: string, changes: UpdatePracticeBody): Promise<PracticeView> {
  await ensurePracticeLibrary(db);
  const [current] = await db.select({ orgPath: practices.orgPath, version: practices.version }).from(practices).where(eq(practices.id, id));
  if (!current) throw new AppError('NOT_FOUND', { what: `实践 ${id}` });
  assertInScope(actor, 'practices.write', current.orgPath);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(practices)
      .set({
        features: [...new Set(changes.features)],
        ...(changes.themes ? { themes: [...new Set(changes.themes)] } : {}),
        version: sql`${practices.version} + 1`,
        updatedAt: sql`now()`,
      })
      .where(and(eq(practices.id, id), eq(practices.version, changes.version)))
      .returning();
    if (!row) throw new AppError('VERSION_CONFLICT', { currentVersion: current.version });
    await recordAudit(tx, actor, {
      action: 'practices.update',
      targetType: 'practice',
      targetId: id,
      orgPath: row.orgPath,
      details: { features: changes.features, themes: changes.themes },
    });
    return presentPractice(row);
  });
}

/** The county-level (or city) code of an org path: the last six-digit code on it. */
function divisionOfPath(orgPath: string): string | null {
  return orgPath.split('.').filter((code) => /^\d{6}$/.test(code)).at(-1) ?? null;
}

/** Adds a local practice for an org unit in the caller's scope. */
export async function createPractice(db: Db, actor: Actor, body: CreatePracticeInput): Promise<PracticeView> {
  const orgUnit = await findOrgUnit(db, body.orgCode);
  if (!orgUnit || orgUnit.level === 'department') {
    throw new AppError('VALIDATION_FAILED', {
      fields: [{ field: 'body.orgCode', message: '不是组织树中的行政区划 / not a division of the org tree' }],
      summary: `body.orgCode: 不是组织树中的行政区划 / not a division of the org tree (${body.orgCode})`,
    });
  }
  assertInScope(actor, 'practices.write', orgUnit.orgPath);
  const divisionCode = divisionOfPath(orgUnit.orgPath);
  const id = `local-${crypto.randomBytes(5).toString('hex')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(practices)
      .values({
        id,
        source: 'local',
        year: body.year,
        title: body.title,
        titleEn: body.titleEn,
        placeName: orgUnit.fullName || orgUnit.name,
        divisionCode,
        provinceCode: divisionCode ? provinceOf(divisionCode) : null,
        orgPath: orgUnit.orgPath,
        submitter: body.submitter,
        themes: [...new Set(body.themes)],
        summary: body.summary,
        summaryEn: body.summaryEn,
        features: [...new Set(body.features)],
        isShipped: false,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, actor, { action: 'practices.create', targetType: 'practice', targetId: id, orgPath: orgUnit.orgPath, details: { title: body.title, orgCode: body.orgCode } });
    return presentPractice(row);
  });
}
