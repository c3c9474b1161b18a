// The meeting's lifecycle and the proxy rule, as tables and pure functions.
import type { ConsentScope, MeetingAction, MeetingStatus } from './contract.ts';

/** State × action → next state; a missing pair is refused. */
export const meetingTransitions = {
  planned: { notify: 'notified', cancel: 'cancelled' },
  notified: { notify: 'notified', hold: 'held', cancel: 'cancelled' },
  held: { publish: 'published' },
  published: {},
  cancelled: {},
} as const satisfies Record<MeetingStatus, Partial<Record<MeetingAction, MeetingStatus>>>;

export function nextMeetingStatus(status: MeetingStatus, action: MeetingAction): MeetingStatus | null {
  const row: Partial<Record<MeetingAction, MeetingStatus>> = meetingTransitions[status];
  return row[action] ?? null;
}

/** Sign-in and minutes are taken while the meeting is held (or on its day, once notified). */
export function takesAttendance(status: MeetingStatus): boolean {
  return status === 'notified' || status === 'held';
}

export interface ConsentTerms {
  principalResidentId: string;
  proxyName: string;
  scope: ConsentScope;
  meetingId: string | null;
  givenOn: string;
  validUntil: string | null;
  revoked: boolean;
}

/**
 * Whether a recorded consent lets `proxyName` act for the principal at this meeting on this
 * day: given by that principal to that person, not revoked, given on or before the day, and
 * either for this meeting or standing until a date not yet past.
 */
export function consentCovers(c: ConsentTerms, act: { principalResidentId: string; proxyName: string; meetingId: string; on: string }): boolean {
  if (c.revoked || c.principalResidentId !== act.principalResidentId) return false;
  if (c.proxyName.trim() !== act.proxyName.trim()) return false;
  if (c.givenOn > act.on) return false;
  if (c.scope === 'meeting') return c.meetingId === act.meetingId;
  return c.validUntil !== null && c.validUntil >= act.on;
}
