// The module's settings: star thresholds, points per hour of service, family transfers.
import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit.ts';
import { assertInScope, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { validStarThresholds, type CommunitySettings } from '../contract.ts';
import { communitySettingsTable } from '../schema.ts';
import { invalidField } from '../places.ts';

export async function readSettings(db: Db): Promise<CommunitySettings> {
  const [row] = await db.select().from(communitySettingsTable).where(eq(communitySettingsTable.id, 1));
  return { starThresholds: row!.starThresholds, pointsPerHour: row!.pointsPerHour, familyTransfers: row!.familyTransfers };
}

/** Changes the settings of the whole installation: only for staff whose scope is the whole tree or a district. */
export async function updateSettings(db: Db, actor: Actor, body: CommunitySettings): Promise<CommunitySettings> {
  if (!validStarThresholds(body.starThresholds)) throw invalidField('body.starThresholds', '星级门槛应为 5 个逐级递增的正整数小时 / five rising whole numbers of hours');
  const district = actor.grants.find((g) => g.orgPath.split('.').length <= 3)?.orgPath ?? '';
  assertInScope(actor, 'community.write', district);
  await db.transaction(async (tx) => {
    await tx.update(communitySettingsTable).set(body).where(eq(communitySettingsTable.id, 1));
    await recordAudit(tx, actor, { action: 'community.settings.update', targetType: 'community_settings', targetId: '1', orgPath: district, details: body });
  });
  return readSettings(db);
}
