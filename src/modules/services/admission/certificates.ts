// Certificates a community still issues (证明事项保留清单), generated from the data it holds
// (一次采集: the registry's household and address), numbered, and kept by the certificates
// module, which answers anyone who checks the verification code.
import { and, desc, type SQL } from 'drizzle-orm';
import { assertInScope, inScope, shownName, underPaths, type Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { countAll, listPage, offsetOf } from '../../../platform/list-page.ts';
import { issueCertificate } from '../../certificates/index.ts';
import { findOrgUnit } from '../../org/index.ts';
import { householdsWithAdults, maskName } from '../../registry/index.ts';
import type { CertificateListQuery, CommunityCertificateView, IssueCertificateBody } from '../contract/admission.ts';
import { communityCertificates } from '../schema/admission.ts';
import { fieldError, pathUnder } from '../ratings/common.ts';
import { findEntry } from './entries.ts';
import { beijingYear } from '../../../platform/beijing-time.ts';

type CertificateRow = typeof communityCertificates.$inferSelect;

const titles = { residence: '居住证明' } as const;

function present(r: CertificateRow, title: string): CommunityCertificateView {
  return { id: r.id, number: r.number, code: r.code, title, communityCode: r.communityCode, holder: r.holder, purpose: r.purpose, issuedBy: r.issuedBy, createdAt: r.createdAt };
}

async function communityOf(db: Db, actor: Actor, code: string, field: string) {
  const community = await findOrgUnit(db, code);
  if (!community || community.level !== 'community') throw fieldError(field, '请选择社区 / a community code');
  assertInScope(actor, 'services.certify', community.orgPath);
  return community;
}

/** The adults of a community a certificate can be issued for, with the address held. */
export async function certifiableResidents(db: Db, actor: Actor, communityCode: string) {
  await communityOf(db, actor, communityCode, 'query.community');
  const households = await householdsWithAdults(db, communityCode);
  return households.flatMap((h) => h.adults.map((a) => ({ residentId: a.residentId, name: a.name, address: h.address }))).slice(0, 2000);
}

/** Issues a certificate on the retention list from the registry's data; the holder is printed masked. */
export async function issueCommunityCertificate(db: Db, actor: Actor, body: IssueCertificateBody): Promise<CommunityCertificateView> {
  const community = await communityOf(db, actor, body.communityCode, 'body.communityCode');
  const entry = await findEntry(db, body.entryCode);
  if (entry.list !== 'certificate' || !entry.active) throw new AppError('CERTIFICATE_NOT_ISSUABLE', { reason: '不在证明事项保留清单上 / not on the certificate list' });
  if (!entry.certificateKind) throw new AppError('CERTIFICATE_NOT_ISSUABLE', { reason: '该证明须人工核实，平台不自动生成 / needs checking by hand' });
  const households = await householdsWithAdults(db, community.code);
  const household = households.find((h) => h.adults.some((a) => a.residentId === body.residentId));
  const person = household?.adults.find((a) => a.residentId === body.residentId);
  if (!household || !person) throw new AppError('CERTIFICATE_NOT_ISSUABLE', { reason: '本社区登记信息中没有该居民 / not a resident on record here' });
  const title = titles[entry.certificateKind];
  const issuerName = `${community.name}居民委员会`;
  return db.transaction(async (tx) => {
    const holder = maskName(person.name);
    const { code, number } = await issueCertificate(tx, actor, {
      kind: `community_${entry.certificateKind}`, numberPrefix: `ZM${community.code}${beijingYear()}`, serialDigits: 4, title, holder, orgPath: community.orgPath, issuerName,
      facts: [
        { label: '证明事项', value: `兹证明${holder}居住在${household.address}，系本社区登记居民。` },
        { label: '用途', value: body.purpose },
        { label: '依据', value: entry.basis || entry.title },
      ],
    });
    const [row] = await tx
      .insert(communityCertificates)
      .values({ number, code, entryId: entry.id, communityCode: community.code, orgPath: community.orgPath, residentId: person.residentId, holder, purpose: body.purpose, issuedBy: shownName(actor) })
      .returning();
    return present(row as CertificateRow, title);
  });
}

/** Certificates issued in the asker's area, newest first. */
export async function listCommunityCertificates(db: Db, actor: Actor, q: CertificateListQuery) {
  const conditions: (SQL | undefined)[] = [inScope(actor, 'services.read', communityCertificates.orgPath)];
  if (q.under) conditions.push(underPaths(communityCertificates.orgPath, [await pathUnder(db, q.under)]));
  const where = and(...conditions);
  return listPage(
    q,
    db.select().from(communityCertificates).where(where).orderBy(desc(communityCertificates.createdAt)).limit(q.pageSize).offset(offsetOf(q)),
    db.select(countAll).from(communityCertificates).where(where),
    (rows) => rows.map((r) => present(r, titles.residence)),
  );
}
