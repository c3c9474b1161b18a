// A convention version's lifecycle: drafted, consulted, adopted by a passed vote (or rejected),
// put in force (the version in force before it is superseded in the same step).
import type { ConventionAction, ConventionStatus } from './contract.ts';

export const conventionTransitions = {
  draft: { consult: 'consulting' },
  consulting: { adopt: 'adopted', reject: 'rejected' },
  adopted: { put_in_force: 'in_force' },
  in_force: {},
  superseded: {},
  rejected: {},
} as const satisfies Record<ConventionStatus, Partial<Record<ConventionAction, ConventionStatus>>>;

export function nextConventionStatus(status: ConventionStatus, action: ConventionAction): ConventionStatus | null {
  const row: Partial<Record<ConventionAction, ConventionStatus>> = conventionTransitions[status];
  return row[action] ?? null;
}
