// The register of social organisations as an .xlsx ledger.
import { and, asc } from 'drizzle-orm';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Db } from '../../../platform/db.ts';
import type { OrganisationListQuery, OrganisationView } from '../contract.ts';
import { communityOrganisations } from '../schema.ts';
import { ledgerLimit, ledgerWorkbook, type LedgerColumn } from '../ledger-xlsx.ts';
import { underPath } from '../places.ts';
import { organisationConditions, presentOrganisations } from './organisations.ts';

const kindNames = { social_group: '社会团体', social_service_agency: '社会服务机构', foundation: '基金会', community_filed: '社区社会组织（备案）' } as const;
const incubationNames = { none: '—', incubating: '孵化中', graduated: '已出壳' } as const;
const statusNames = { active: '正常', deregistered: '注销', revoked: '撤销' } as const;
const resultNames = { qualified: '合格', basically_qualified: '基本合格', unqualified: '不合格' } as const;

const columns: LedgerColumn<OrganisationView>[] = [
  { header: '名称', width: 32, value: (o) => o.name },
  { header: '类型', width: 18, value: (o) => kindNames[o.kind] },
  { header: '统一社会信用代码', width: 22, value: (o) => o.creditCode },
  { header: '登记管理机关', width: 20, value: (o) => o.registrationAuthority },
  { header: '登记/备案单位', width: 18, value: (o) => o.orgName },
  { header: '服务社区', width: 30, value: (o) => o.servedCommunities.map((c) => c.name).join('、') },
  { header: '专职人员', width: 10, value: (o) => o.staffCount },
  { header: '状态', width: 8, value: (o) => statusNames[o.status] },
  { header: '孵化', width: 10, value: (o) => incubationNames[o.incubation] },
  { header: '最近年检', width: 16, value: (o) => (o.inspections[0] ? `${o.inspections[0].year} ${resultNames[o.inspections[0].result]}` : '') },
  { header: '联系人', width: 12, value: (o) => o.contactName },
  { header: '联系电话', width: 16, value: (o) => o.contactPhone },
];

export async function organisationsWorkbook(db: Db, actor: Actor, q: Omit<OrganisationListQuery, 'page' | 'pageSize'>): Promise<Buffer> {
  const where = and(...organisationConditions(actor, q, await underPath(db, q.under)));
  const rows = await db.select().from(communityOrganisations).where(where).orderBy(asc(communityOrganisations.name)).limit(ledgerLimit);
  return ledgerWorkbook('社会组织台账', columns, await presentOrganisations(db, rows));
}
