// Domain vocabulary shared by the pages: the values the API uses, in the order the UI lists them.
// Labels live in the i18n catalogues under `role.*`, `duty.*`, `gridKind.*`, `level.*`, `communityType.*`.

export const roles = [
  'system_admin',
  'security_admin',
  'auditor',
  'district_staff',
  'street_staff',
  'community_staff',
  'grid_worker',
  'department_handler',
  'hotline_operator',
  'leader',
  'resident',
  'api_client',
] as const;
export type Role = (typeof roles)[number];

export const duties = ['grid_leader', 'grid_worker', 'police', 'supervisor', 'party_liaison', 'volunteer'] as const;
export type Duty = (typeof duties)[number];

export const gridKinds = ['community', 'key_unit', 'road'] as const;
export type GridKind = (typeof gridKinds)[number];

export const orgLevels = ['province', 'city', 'district', 'street', 'community', 'department'] as const;
export type OrgLevel = (typeof orgLevels)[number];

export const communityTypes = [
  'old_town',
  'new_estate',
  'work_unit',
  'mixed',
  'resettlement',
  'affordable_housing',
  'commercial',
] as const;
export type CommunityType = (typeof communityTypes)[number];

export const auditResults = ['success', 'failure', 'denied'] as const;
export type AuditResult = (typeof auditResults)[number];

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'grid.roster.write'
  | 'user.read'
  | 'user.write'
  | 'user.reset_password'
  | 'user.unlock'
  | 'role.grant'
  | 'apikey.manage'
  | 'audit.read'
  | 'registry.read'
  | 'registry.write'
  | 'registry.import'
  | 'registry.export'
  | 'registry.reveal'
  | 'registry.sensitive'
  | 'case.report'
  | 'case.read'
  | 'case.handle'
  | 'case.dispatch'
  | 'case.supervise'
  | 'case.configure'
  | 'case.indicators';

/** Fill colours of the grid kinds on the map and in the legend. */
export const gridKindColors: Record<GridKind, string> = {
  community: '#2f6fde',
  key_unit: '#e8590c',
  road: '#2b9348',
};

/** Roles whose colour marks them out in tag lists: the three admin roles are kept apart (三权分立). */
export const roleColors: Partial<Record<Role, string>> = {
  system_admin: 'geekblue',
  security_admin: 'volcano',
  auditor: 'purple',
  district_staff: 'blue',
  street_staff: 'cyan',
  community_staff: 'green',
  grid_worker: 'gold',
  department_handler: 'magenta',
  hotline_operator: 'orange',
  leader: 'red',
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

export function isDuty(value: string): value is Duty {
  return (duties as readonly string[]).includes(value);
}

export function isGridKind(value: string): value is GridKind {
  return (gridKinds as readonly string[]).includes(value);
}
