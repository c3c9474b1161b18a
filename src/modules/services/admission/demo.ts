// Demo admission lists of the district (after Lianhu's 三个清单 and the certificate retention
// list), tasks its departments pushed down (admitted, waiting for review, refused by the
// street), and residence certificates issued in the focus community.
import type { Actor } from '../../../platform/auth/scope.ts';
import type { DemoContext } from '../../../platform/module.ts';
import { fromEarlierLoader } from '../../../platform/module.ts';
import { findOrgUnit, orgUnitsUnder } from '../../org/index.ts';
import { householdsWithAdults } from '../../registry/index.ts';
import type { AdmissionList } from '../contract/admission.ts';
import { admissionEntries, communityTasks } from '../schema/admission.ts';
import { issueCommunityCertificate } from './certificates.ts';
import { beijingYear } from '../../../platform/beijing-time.ts';

const law = '《中华人民共和国城市居民委员会组织法》';
const entries: [AdmissionList, string, string, string][] = [
  ['statutory', 'LZ-01', '宣传宪法、法律、法规和国家的政策', law],
  ['statutory', 'LZ-02', '办理本居住地区居民的公共事务和公益事业', law],
  ['statutory', 'LZ-03', '调解民间纠纷', law],
  ['statutory', 'LZ-04', '协助维护社会治安', law],
  ['statutory', 'LZ-05', '组织居民开展精神文明建设活动', law],
  ['statutory', 'LZ-06', '向人民政府反映居民的意见、要求和提出建议', law],
  ['assisting', 'XZ-01', '协助做好公共卫生、计划生育相关工作', '区卫生健康委员会'],
  ['assisting', 'XZ-02', '协助做好社会救助、优抚安置、养老服务', '区民政局'],
  ['assisting', 'XZ-03', '协助开展就业失业登记和就业援助', '区人力资源和社会保障局'],
  ['assisting', 'XZ-04', '协助开展人口普查和经济普查入户登记', '区统计局'],
  ['assisting', 'XZ-05', '协助开展垃圾分类和市容环境宣传', '区城市管理委员会'],
  ['assisting', 'XZ-06', '协助开展消防安全和防汛防灾排查', '区应急管理局'],
  ['assisting', 'XZ-07', '协助做好残疾人服务和补贴初审', '区残疾人联合会'],
  ['negative', 'FM-01', '代替职能部门开展行政执法检查', '不得下派'],
  ['negative', 'FM-02', '出具应由部门核实的无犯罪记录等证明', '不得下派'],
  ['negative', 'FM-03', '招商引资、协税护税等经济指标任务', '不得下派'],
  ['negative', 'FM-04', '以社区名义签订责任状、承担“一票否决”', '不得下派'],
  ['negative', 'FM-05', '要求社区建立与职责无关的工作台账', '不得下派'],
  ['certificate', 'ZM-01', '居住证明', '《国务院办公厅关于做好证明事项清理工作的通知》保留事项'],
  ['certificate', 'ZM-02', '亲属关系证明（须人工核实）', '保留事项'],
  ['certificate', 'ZM-03', '生活困难证明（须入户核实）', '保留事项'],
];

const tasks: { title: string; entry: string | null; review?: string; decided?: 'admit' | 'refuse' }[] = [
  { title: '冬季燃气安全入户宣传', entry: 'XZ-06' },
  { title: '高龄老人津贴年度认证协助', entry: 'XZ-02' },
  { title: '垃圾分类桶前值守宣传', entry: 'XZ-05' },
  { title: '第五次全国经济普查入户摸底', entry: 'XZ-04' },
  { title: '残疾人两项补贴初审材料收集', entry: 'XZ-07' },
  { title: '失业人员就业意向摸排', entry: 'XZ-03' },
  { title: '汛期地下空间临时排查', entry: null, review: '汛期临时性安全排查，需社区配合', decided: 'admit' },
  { title: '辖区商户营业额统计报送', entry: null, review: '统计局数据补充', decided: 'refuse' },
  { title: '共享单车停放秩序巡查', entry: null, review: '街面秩序整治专项，需社区志愿者配合' },
];

/** The district's lists, its departments' tasks, and certificates in the focus community. */
export async function seedAdmissionDemo(demo: DemoContext): Promise<void> {
  const { db } = demo;
  const district = await findOrgUnit(db, fromEarlierLoader(demo.state, 'district').code);
  const community = await findOrgUnit(db, fromEarlierLoader(demo.state, 'community').code);
  const street = await findOrgUnit(db, fromEarlierLoader(demo.state, 'street').code);
  if (!district || !community || !street) return;
  const rows = await db
    .insert(admissionEntries)
    .values(entries.map(([list, code, title, basis]) => ({
      list, code, title, basis: list === 'assisting' ? law : basis, departmentName: list === 'assisting' ? basis : '',
      certificateKind: code === 'ZM-01' ? ('residence' as const) : null, districtCode: district.code, orgPath: district.orgPath,
    })))
    .onConflictDoNothing()
    .returning();
  const departments = await orgUnitsUnder(db, district.orgPath, 'department');
  const year = beijingYear();
  const targets = [community, street];
  const taskRows = tasks.map((t, i) => {
    const department = departments[i % Math.max(1, departments.length)] ?? district;
    const target = targets[i % targets.length] as typeof community;
    const entryId = t.entry ? (rows.find((r) => r.code === t.entry)?.id ?? null) : null;
    return {
      number: `RW${year}${String(i + 1).padStart(5, '0')}`, departmentCode: department.code, departmentName: department.name, departmentPath: department.orgPath,
      targetCode: target.code, targetName: target.name, orgPath: target.orgPath, title: t.title, description: '', deadline: `${year}-12-31`,
      reportFields: [{ key: 'done', label: '完成情况', kind: 'text' as const }], entryId,
      status: t.decided === 'admit' || t.entry ? ('assigned' as const) : t.decided === 'refuse' ? ('refused' as const) : ('under_review' as const),
      reviewReason: t.review ?? null, decisionNote: t.decided ? (t.decided === 'admit' ? '同意准入，限本次' : '不属于社区职责，不予准入') : null,
      decidedAt: t.decided ? new Date() : null, decidedBy: t.decided ? `${street.name}准入审核` : null,
    };
  });
  await db.insert(communityTasks).values(taskRows).onConflictDoNothing();
  // A few residence certificates, issued as the community's staff would.
  const staff: Actor = { kind: 'system', id: null, name: 'demo', displayName: `${community.name}工作人员`, grants: [{ role: 'community_staff', orgPath: community.orgPath }], mustChangePassword: false };
  const adults = (await householdsWithAdults(db, community.code)).flatMap((h) => h.adults).slice(0, 3);
  for (const [i, person] of adults.entries()) {
    await issueCommunityCertificate(db, staff, { entryCode: 'ZM-01', communityCode: community.code, residentId: person.residentId, purpose: ['子女入学', '办理居住证', '银行开户'][i] as string });
  }
  demo.counts['admission list entries'] = rows.length;
  demo.counts['community tasks'] = taskRows.length;
  demo.counts['community certificates'] = adults.length;
}
