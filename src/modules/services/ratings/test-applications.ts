// For the second part's tests: an application of the test catalogue's elderly allowance at
// community A1 of the test tree, written directly (the workflow has its own tests).
import type { PiiCipher } from '../../../platform/crypto.ts';
import type { Db } from '../../../platform/db.ts';
import type { ApplicationStatus } from '../contract.ts';
import { serviceApplications } from '../schema.ts';

const A1 = '110000.110100.110108.110108001.110108001001';

/** Stores the application with the applicant's ID number and phone protected as the intake does. */
export async function insertTestApplication(db: Db, pii: PiiCipher, a: { number: string; status: ApplicationStatus; idNumber: string; phone: string }): Promise<void> {
  await db.insert(serviceApplications).values({
    number: a.number, itemCode: 'GZ-GL-001', itemVersion: 1, status: a.status, channel: 'counter', unitCode: '110108001001', orgPath: A1, communityCode: '110108001001',
    applicantName: '王秀英', idNumberEnc: pii.encrypt(a.idNumber), idNumberHash: pii.lookupHash(a.idNumber), phoneEnc: pii.encrypt(a.phone), phoneHash: pii.lookupHash(a.phone), form: {},
  });
}
