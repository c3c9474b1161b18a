// The demo accounts: one per role, in the org units the org demo picked, sharing one password.
import type { DemoAccount, DemoContext } from '../../platform/module.ts';
import { fromEarlierLoader } from '../../platform/module.ts';
import { linkGridStaffAccount } from '../org/index.ts';
import { provisionUser } from './service.ts';

/** The accounts module's demo loader: creates the accounts and links the grid worker to the roster. */
export async function loadAccountsDemo({ db, password, progress, state }: DemoContext): Promise<void> {
  const district = fromEarlierLoader(state, 'district');
  const street = fromEarlierLoader(state, 'street');
  const community = fromEarlierLoader(state, 'community');
  const grid = fromEarlierLoader(state, 'grid');
  const department = fromEarlierLoader(state, 'department');
  const accounts: DemoAccount[] = [
    { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', orgName: '全部' },
    { username: 'auditor', displayName: '审计员', role: 'auditor', orgName: '全部' },
    { username: 'district', displayName: `${district.name}工作人员`, role: 'district_staff', orgCode: district.code, orgName: district.name },
    { username: 'street', displayName: `${street.name}工作人员`, role: 'street_staff', orgCode: street.code, orgName: street.name },
    { username: 'community', displayName: `${community.name}工作人员`, role: 'community_staff', orgCode: community.code, orgName: community.name },
    { username: 'grid', displayName: state.gridWorkerName ?? '网格员', role: 'grid_worker', orgCode: grid.code, orgName: grid.name },
    { username: 'dept', displayName: `${department.name}办理员`, role: 'department_handler', orgCode: department.code, orgName: department.name },
    { username: 'resident', displayName: '居民演示账号', role: 'resident', orgCode: community.code, orgName: community.name },
    { username: 'hotline', displayName: `${district.name}热线话务员`, role: 'hotline_operator', orgCode: district.code, orgName: district.name },
    { username: 'leader', displayName: `${street.name}领导`, role: 'leader', orgCode: street.code, orgName: street.name },
  ];
  progress('创建演示账号 / demo accounts');
  const userIds: Record<string, string> = {};
  for (const a of accounts) {
    const { user } = await provisionUser(db, { ...a, password });
    userIds[a.username] = user.id;
    if (a.role === 'grid_worker') await linkGridStaffAccount(db, grid.code, 'grid_worker', user.id);
  }
  state.accounts = accounts;
  state.userIds = userIds;
}
