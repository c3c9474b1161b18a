// Roles, the permissions each carries, and the org level each may be granted on.
// Rules only: no I/O. Modules declare their permissions in their module.ts; roles bundle
// the permissions of many modules, so they stay here, in one table.
import type { modules } from '../../modules/index.ts';
import type { PermissionOf } from '../module.ts';

/** Every permission some module declares (in its module.ts). */
export type Permission = PermissionOf<(typeof modules)[number]>;

type GrantLevel = 'root' | 'district' | 'street' | 'community' | 'grid' | 'department';

const caseStaff = ['case.report', 'case.read', 'case.handle', 'case.dispatch', 'case.supervise', 'case.indicators', 'case.accept', 'case.acknowledge'] as const;

// Staff of a one-stop centre (district, street or community): the counter, delivery, callbacks of bad ratings.
const serviceStaff = ['services.read', 'services.intake', 'services.deliver', 'services.export', 'services.appointments', 'services.rectify', 'services.ledgers'] as const;
// Staff who keep the registers of social organisations, volunteers, projects and funds.
const communityStaff = ['community.read', 'community.write', 'community.projects', 'community.foundation'] as const;
// Staff who sort, review and answer what residents bring (needs, proposals, meetings, votes).
const participationStaff = ['participation.read', 'participation.manage', 'participation.review', 'participation.record'] as const;

const machineLevels = ['root', 'district', 'street', 'community'] as const;

interface RoleDefinition {
  permissions: readonly Permission[];
  /** Where in the tree the role may be granted. */
  grantedOn: readonly GrantLevel[];
  /** One of the three administrators (三权分立): no account may hold two of them. */
  isAdminTrio: boolean;
  /** Held by API keys only, never by a person; carries no permission on personal data. */
  isMachine: boolean;
}

export const roles = {
  // 三权分立: the system admin runs the system and accounts, the security admin decides who
  // may do what, the auditor reads the audit log. None can do the others' work.
  system_admin: {
    permissions: ['org.read', 'org.write', 'grid.roster.write', 'user.read', 'user.write', 'user.reset_password', 'practices.write'],
    grantedOn: ['root'],
    isAdminTrio: true,
    isMachine: false,
  },
  security_admin: {
    permissions: ['user.read', 'role.grant', 'user.unlock', 'apikey.manage', 'user.approve_change'],
    grantedOn: ['root'],
    isAdminTrio: true,
    isMachine: false,
  },
  auditor: { permissions: ['audit.read'], grantedOn: ['root'], isAdminTrio: true, isMachine: false },
  district_staff: {
    permissions: ['org.read', 'org.write', 'grid.roster.write', 'registry.read', 'registry.export', ...caseStaff, 'case.configure', 'practices.write', 'facilities.read', 'facilities.write', 'gridwork.read', 'gridwork.manage', 'command.read', 'command.centre', 'command.warning.handle', 'command.rules.write', 'assessment.read', 'assessment.manage', ...serviceStaff, 'services.catalogue', 'services.review', 'services.appeal', 'services.admission', 'services.packages', ...communityStaff, 'participation.read', 'participation.review'],
    grantedOn: ['district'],
    isAdminTrio: false,
    isMachine: false,
  },
  street_staff: {
    permissions: ['org.read', 'org.write', 'grid.roster.write', 'registry.read', 'registry.export', 'registry.sensitive', ...caseStaff, 'facilities.read', 'facilities.write', 'gridwork.read', 'command.read', 'command.centre', 'command.warning.handle', 'command.rules.write', 'assessment.read', 'assessment.manage', ...serviceStaff, 'services.review', 'services.reveal', 'services.admission_review', ...communityStaff, ...participationStaff],
    grantedOn: ['street'],
    isAdminTrio: false,
    isMachine: false,
  },
  // Community workers collect the base data (一次采集), so they may see it in clear.
  community_staff: {
    permissions: [
      'org.read', 'org.write', 'grid.roster.write',
      'registry.read', 'registry.write', 'registry.import', 'registry.export', 'registry.reveal', 'registry.sensitive',
      'case.report', 'case.read', 'case.handle', 'case.dispatch', 'case.accept', 'case.acknowledge',
      'facilities.read', 'facilities.write',
      'gridwork.read', 'gridwork.write',
      'assessment.read', 'assessment.survey',
      ...serviceStaff, 'services.reveal', 'services.certify',
      ...communityStaff,
      ...participationStaff,
    ],
    grantedOn: ['community'],
    isAdminTrio: false,
    isMachine: false,
  },
  grid_worker: {
    permissions: ['org.read', 'registry.read', 'registry.write', 'case.report', 'case.read', 'case.handle', 'case.acknowledge', 'case.verify', 'facilities.read', 'gridwork.write', 'assessment.survey', 'participation.read', 'participation.record'],
    grantedOn: ['grid'],
    isAdminTrio: false,
    isMachine: false,
  },
  department_handler: { permissions: ['org.read', 'case.read', 'case.handle', 'case.acknowledge', 'command.read', 'services.read', 'services.review', 'services.tasks'], grantedOn: ['department'], isAdminTrio: false, isMachine: false },
  // 12345 / 96345 operators: take calls into cases and make callbacks (回访).
  hotline_operator: {
    permissions: ['org.read', 'registry.read', 'case.report', 'case.read', 'case.handle', 'case.accept', 'case.callback'],
    grantedOn: ['district', 'street'],
    isAdminTrio: false,
    isMachine: false,
  },
  // Leaders watch, supervise (督办) and instruct (批示).
  leader: {
    permissions: ['org.read', 'registry.read', 'case.read', 'case.handle', 'case.supervise', 'case.indicators', 'case.instruct', 'gridwork.read', 'command.read', 'command.centre', 'command.warning.handle', 'assessment.read', 'services.read', 'community.read', 'participation.read'],
    grantedOn: ['district', 'street'],
    isAdminTrio: false,
    isMachine: false,
  },
  // A third-party evaluator (第三方评估机构) uploads scores with evidence for a district's assessments.
  evaluator: { permissions: ['org.read', 'assessment.read', 'assessment.score'], grantedOn: ['district'], isAdminTrio: false, isMachine: false },
  // Residents see only their own cases; the cases module enforces that beyond scope.
  resident: { permissions: ['case.report', 'case.read', 'case.rate', 'services.apply', 'services.book', 'community.volunteer', 'participation.take_part'], grantedOn: ['community', 'grid'], isAdminTrio: false, isMachine: false },
  // Staff of a social organisation: granted on the street or community it serves; the community
  // module limits them to the organisations whose staff they are.
  organisation_staff: { permissions: ['org.read', 'community.organisation'], grantedOn: ['street', 'community'], isAdminTrio: false, isMachine: false },
  // Experts on a project review panel: the community module limits them to the panels they sit on.
  expert_reviewer: { permissions: ['community.review', 'participation.review'], grantedOn: ['district', 'street'], isAdminTrio: false, isMachine: false },
  // Machine roles, for API keys only: no reveal, export, registry or other personal-data
  // permission, so a key can never be turned into a staff account.
  // Open311 clients (GeoReport v2): intake of service requests and reading them back.
  open311_client: { permissions: ['org.read', 'case.report', 'case.read'], grantedOn: machineLevels, isAdminTrio: false, isMachine: true },
  // Public data only: the org tree and the public roster, facilities.
  public_reader: { permissions: ['org.read', 'facilities.read'], grantedOn: machineLevels, isAdminTrio: false, isMachine: true },
} as const satisfies Record<string, RoleDefinition>;

export type Role = keyof typeof roles;
export const roleNames = Object.keys(roles) as Role[];

/** The roles an API key may hold. */
export const machineRoleNames = roleNames.filter((r) => roles[r].isMachine);

/** The three administrators' roles (三权分立). */
export const adminTrioRoleNames = roleNames.filter((r) => roles[r].isAdminTrio);

/** Whether a role is for API keys only. */
export function isMachineRole(role: Role): boolean {
  return roles[role].isMachine;
}

/** Whether a role is one of the three administrators'. */
export function isAdminTrioRole(role: Role): boolean {
  return roles[role].isAdminTrio;
}

/** True when the string names a role. */
export function isRole(value: string): value is Role {
  return Object.hasOwn(roles, value);
}

/** The permissions a role carries. */
export function permissionsOf(role: Role): readonly Permission[] {
  return roles[role].permissions;
}

/** Whether a role may be granted on a node of this level ('root' is the whole tree). */
export function canGrantOn(role: Role, level: GrantLevel): boolean {
  return (roles[role].grantedOn as readonly GrantLevel[]).includes(level);
}

/** The admin-trio role that would clash with granting `role` to someone holding `held`. */
export function separationConflict(held: readonly Role[], role: Role): Role | undefined {
  if (!roles[role].isAdminTrio) return undefined;
  return held.find((r) => r !== role && roles[r].isAdminTrio);
}

export type { GrantLevel };
