// Roles and permissions: the platform's vocabulary, shared by every feature (as src/platform/auth/roles.ts).
// Role labels live in the i18n catalogue under `role.*`.

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
