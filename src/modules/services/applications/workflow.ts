// The status machine of an application (办件), as a table: which action moves it from which
// statuses to which, and who may take it. Rules only, no I/O; the use cases apply it.
import type { Permission } from '../../../platform/auth/roles.ts';
import type { ApplicationAction, ApplicationStatus, DeadlineState } from '../contract.ts';

export interface Transition {
  from: readonly ApplicationStatus[];
  to: ApplicationStatus;
  /** The permission a staff member needs on the application's centre (review: or on its deciding department). */
  permission: Permission;
  /** The applicant may take it on their own application too. */
  applicant?: boolean;
  /** Input the action cannot go without. */
  requires?: 'reason' | 'missing' | 'materials';
}

export const transitions: Record<ApplicationAction, Transition> = {
  receive: { from: ['submitted'], to: 'received', permission: 'services.intake' },
  accept: { from: ['received'], to: 'accepted', permission: 'services.intake' },
  not_accept: { from: ['submitted', 'received'], to: 'not_accepted', permission: 'services.intake', requires: 'reason' },
  request_correction: { from: ['submitted', 'received'], to: 'correction_requested', permission: 'services.intake', requires: 'missing' },
  supply_correction: { from: ['correction_requested'], to: 'received', permission: 'services.intake', applicant: true, requires: 'materials' },
  start_review: { from: ['accepted'], to: 'under_review', permission: 'services.review' },
  approve: { from: ['under_review'], to: 'approved', permission: 'services.review' },
  refuse: { from: ['under_review'], to: 'refused', permission: 'services.review', requires: 'reason' },
  deliver: { from: ['approved', 'refused'], to: 'delivered', permission: 'services.deliver' },
};

/** Statuses after which nothing more is done by the centre (the applicant may still rate). */
export const finishedStatuses: readonly ApplicationStatus[] = ['not_accepted', 'delivered', 'rated'];
/** Statuses whose promised deadline still runs: accepted and not yet decided. */
export const runningStatuses: readonly ApplicationStatus[] = ['accepted', 'under_review'];

/** Whether the action can be taken from the status. */
export function canMove(action: ApplicationAction, status: ApplicationStatus): boolean {
  return transitions[action].from.includes(status);
}

/** Where an application stands against its deadline; warned (`warnedAt`, by the sweep) in its last working day. */
export function deadlineState(status: ApplicationStatus, dueAt: Date | null, warnedAt: Date | null, now: Date, decidedAt: Date | null, overdueAt: Date | null = null): DeadlineState {
  if (!dueAt) return 'none';
  const at = runningStatuses.includes(status) ? now : (decidedAt ?? now);
  if (at > dueAt || overdueAt) return 'overdue';
  if (runningStatuses.includes(status) && warnedAt) return 'warning';
  return 'on_time';
}
