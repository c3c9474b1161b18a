import { describe, expect, it } from 'vitest';
import { consentCovers, meetingTransitions, nextMeetingStatus, type ConsentTerms } from './rules.ts';
import { meetingActions, meetingStatuses } from './contract.ts';

describe('meeting lifecycle', () => {
  const allowed: [string, string, string][] = [
    ['planned', 'notify', 'notified'],
    ['planned', 'cancel', 'cancelled'],
    ['notified', 'notify', 'notified'],
    ['notified', 'hold', 'held'],
    ['notified', 'cancel', 'cancelled'],
    ['held', 'publish', 'published'],
  ];
  it.each(allowed)('%s + %s → %s', (from, action, to) => {
    expect(nextMeetingStatus(from as never, action as never)).toBe(to);
  });

  it('refuses every other pair (holding an unannounced meeting, publishing before it is held, anything after publication)', () => {
    const refused = meetingStatuses.flatMap((s) => meetingActions.map((a) => [s, a] as const)).filter(([s, a]) => !allowed.some(([f, x]) => f === s && x === a));
    expect(refused).toContainEqual(['planned', 'hold']);
    expect(refused).toContainEqual(['notified', 'publish']);
    expect(refused).toContainEqual(['published', 'cancel']);
    for (const [s, a] of refused) expect(nextMeetingStatus(s, a)).toBeNull();
    expect(Object.keys(meetingTransitions)).toEqual([...meetingStatuses]);
  });
});

describe('a proxy acts only under a recorded consent', () => {
  const consent: ConsentTerms = { principalResidentId: 'r1', proxyName: '王小明', scope: 'meeting', meetingId: 'm1', givenOn: '2026-11-20', validUntil: null, revoked: false };
  const act = { principalResidentId: 'r1', proxyName: '王小明', meetingId: 'm1', on: '2026-11-28' };
  it('covers the named proxy at the named meeting', () => {
    expect(consentCovers(consent, act)).toBe(true);
  });
  it.each([
    ['another proxy', { ...act, proxyName: '李四' }],
    ['another principal', { ...act, principalResidentId: 'r2' }],
    ['another meeting', { ...act, meetingId: 'm2' }],
    ['a day before it was given', { ...act, on: '2026-11-19' }],
  ])('does not cover %s', (_name, other) => {
    expect(consentCovers(consent, other)).toBe(false);
  });
  it('does not cover once revoked', () => {
    expect(consentCovers({ ...consent, revoked: true }, act)).toBe(false);
  });
  it('covers any meeting until the end of a standing consent, and not after', () => {
    const standing: ConsentTerms = { ...consent, scope: 'standing', meetingId: null, validUntil: '2026-12-31' };
    expect(consentCovers(standing, { ...act, meetingId: 'm9', on: '2026-12-31' })).toBe(true);
    expect(consentCovers(standing, { ...act, meetingId: 'm9', on: '2027-01-01' })).toBe(false);
  });
});
