// Demo applications in the demo street: taken in at its counter or online by the demo
// resident, and moved through every status with the real use cases (so timelines, deadlines,
// pushes and materials are as the software makes them).
import { loadConfig } from '../../../platform/config.ts';
import type { Actor } from '../../../platform/auth/scope.ts';
import type { Role } from '../../../platform/auth/roles.ts';
import { fromEarlierLoader, type DemoContext } from '../../../platform/module.ts';
import { pathOf } from '../../org/index.ts';
import { makeIdNumber } from '../../registry/index.ts';
import type { ApplicationAction } from '../contract.ts';
import { getItem } from '../catalogue/items.ts';
import { actOnApplication } from './act.ts';
import { applyOnline, intakeAtCounter } from './apply.ts';
import { uploadMaterial } from './materials.ts';

const names = ['王秀兰', '李建国', '张桂英', '刘德华', '陈淑珍', '杨国强', '赵玉梅', '黄志明', '周丽华', '吴建平', '徐凤英', '孙志刚', '马秀珍', '朱永红', '胡春生', '郭美玲', '何长林', '高素芬', '林海涛', '罗淑兰'];
const demoPdf = Buffer.from('%PDF-1.4\n% demo scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const paths: Record<string, ApplicationAction[]> = {
  received: [],
  correction: ['request_correction'],
  accepted: ['accept'],
  review: ['accept', 'start_review'],
  approved: ['accept', 'start_review', 'approve'],
  delivered: ['accept', 'start_review', 'approve', 'deliver'],
  refused: ['accept', 'start_review', 'refuse', 'deliver'],
  notAccepted: ['not_accept'],
};
const plan: [item: string, path: keyof typeof paths][] = [
  ['GZ-GL-001', 'delivered'], ['GZ-GL-001', 'delivered'], ['GZ-GL-001', 'review'], ['GZ-DB-001', 'correction'], ['GZ-DB-001', 'accepted'],
  ['GZ-LS-001', 'delivered'], ['GZ-LS-001', 'approved'], ['GZ-CJ-001', 'delivered'], ['GZ-CJ-002', 'review'], ['GZ-YL-002', 'refused'],
  ['GZ-YL-003', 'delivered'], ['GZ-YL-003', 'received'], ['GZ-JZ-001', 'accepted'], ['GZ-JYE-001', 'delivered'], ['GZ-SB-002', 'notAccepted'],
  ['GZ-TK-001', 'review'], ['GZ-YF-001', 'delivered'], ['GZ-SB-004', 'approved'],
];

function actorOf(id: string | undefined, name: string, role: Role, orgPath: string): Actor {
  return { kind: 'user', id: id ?? null, name, displayName: name, grants: [{ role, orgPath }], mustChangePassword: false };
}

/** Demo applications at the demo street's counter and online. */
export async function seedApplicationsDemo({ db, pii, state, counts, districtCode }: DemoContext): Promise<void> {
  const street = fromEarlierLoader(state, 'street');
  const community = fromEarlierLoader(state, 'community');
  const userIds = state.userIds ?? {};
  // The demo runs under the CLI's configuration: its data directory holds the material files.
  const deps = { db, pii, dataDir: loadConfig().dataDir };
  const streetPath = (await pathOf(db, street.code))!;
  const counter = actorOf(userIds.street, `${street.name}工作人员`, 'street_staff', streetPath);
  const dept = state.department ? actorOf(userIds.dept, `${state.department.name}办理员`, 'department_handler', (await pathOf(db, state.department.code))!) : counter;
  const resident = actorOf(userIds.resident, '居民演示账号', 'resident', (await pathOf(db, community.code))!);
  let made = 0;
  for (const [i, [code, path]] of plan.entries()) {
    const item = await getItem(db, code);
    const online = i % 4 === 0 && userIds.resident !== undefined && item.channels.includes('online');
    const by = online ? resident : counter;
    const materials = [];
    for (const m of item.materials) {
      if (m.rule === 'commitment') materials.push({ key: m.key, fileIds: [], deferred: false, committed: true });
      else if (m.rule !== 'optional') materials.push({ key: m.key, fileIds: [(await uploadMaterial(deps, by, { bytes: demoPdf, filename: `${m.name}.pdf` })).id], deferred: false, committed: false });
    }
    const form = Object.fromEntries(item.formFields.filter((f) => f.required).map((f) => [f.key, f.type === 'date' ? '1942-03-15' : f.type === 'number' ? 3 : f.type === 'select' ? f.options[0]! : '申请办理']));
    const body = { itemCode: code, communityCode: community.code, applicant: { name: names[i % names.length]!, idNumber: makeIdNumber({ regionCode: districtCode.slice(0, 6), birthDate: '1942-03-15', sequence: 100 + i }), phone: `139${String(10_000_000 + i * 7919).slice(0, 8)}` }, form, materials };
    const number = online ? await applyOnline(deps, resident, body) : await intakeAtCounter(deps, counter, { ...body, unitCode: street.code });
    if (online) await actOnApplication(deps, counter, number, { action: 'receive' });
    for (const action of paths[path]!) {
      const actor = (action === 'start_review' || action === 'approve' || action === 'refuse') && item.departmentCode ? dept : counter;
      await actOnApplication(deps, actor, number, { action, reason: '经审核不符合申请条件', missing: [item.materials[0]!.key], note: '请补充清晰的复印件' });
    }
    made++;
  }
  counts.serviceApplications = made;
}
