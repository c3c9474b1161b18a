// One person by their whole ID number, for another module that was given it by the person
// (a service applicant at a counter: 一次采集、全面共享). Without scope: the caller decides
// what to show and runs it under the identifier look-up limit.
import { and, eq, ne } from 'drizzle-orm';
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import { residents } from '../schema.ts';

export interface KnownResident {
  id: string;
  name: string;
  /** In clear: the caller masks it before showing it. */
  phone: string | null;
  /** The org path of the resident's grid. */
  orgPath: string;
}

/** The active resident with this (normalised) ID number, if the registry holds one. */
export async function findResidentByIdNumber(db: Db, pii: PiiCipher, idNumber: string): Promise<KnownResident | null> {
  const [row] = await db
    .select({ id: residents.id, name: residents.name, phoneEnc: residents.phoneEnc, orgPath: residents.orgPath })
    .from(residents)
    .where(and(eq(residents.idNumberHash, pii.lookupHash(idNumber)), ne(residents.status, 'deceased')))
    .limit(1);
  if (!row) return null;
  return { id: row.id, name: row.name, phone: row.phoneEnc ? pii.decrypt(row.phoneEnc) : null, orgPath: row.orgPath };
}
