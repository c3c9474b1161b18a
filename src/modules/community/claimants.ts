// Volunteers and social organisations as other modules name them (who claimed a micro-wish):
// id, name and place only, without scope (the caller checks the place).
import { eq } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { communityOrganisations, communityVolunteers } from './schema.ts';

export interface ForceBrief {
  id: string;
  /** A volunteer's name is personal: the caller masks it before showing it to the public. */
  name: string;
  orgPath: string;
}

/** A registered volunteer by id, or undefined. */
export async function findVolunteerBrief(db: Db, id: string): Promise<ForceBrief | undefined> {
  const [row] = await db.select({ id: communityVolunteers.id, name: communityVolunteers.name, orgPath: communityVolunteers.orgPath }).from(communityVolunteers).where(eq(communityVolunteers.id, id));
  return row;
}

/** A social organisation by id, or undefined. */
export async function findOrganisationBrief(db: Db, id: string): Promise<ForceBrief | undefined> {
  const [row] = await db.select({ id: communityOrganisations.id, name: communityOrganisations.name, orgPath: communityOrganisations.orgPath }).from(communityOrganisations).where(eq(communityOrganisations.id, id));
  return row;
}
