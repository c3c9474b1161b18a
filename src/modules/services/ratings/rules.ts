// The rules of 好差评 as data and pure functions: which dimensions a channel rates, what a bad
// rating is, the satisfaction rate, and the rectification record's state × action table.
import type { Permission } from '../../../platform/auth/roles.ts';
import {
  badRatingLevels,
  ratingDimensions,
  type RatingChannel,
  type RectificationAction,
  type RectificationStatus,
} from '../contract/ratings.ts';

/** 不满意 and 非常不满意 open a rectification record. */
export function isBadRating(level: number): boolean {
  return (badRatingLevels as readonly number[]).includes(level);
}

/** The problems of a rating's dimensions: each of the channel's dimensions once, no other. */
export function dimensionProblems(channel: RatingChannel, dimensions: Record<string, number>): string[] {
  const expected: readonly string[] = ratingDimensions[channel];
  const problems = expected.filter((d) => dimensions[d] === undefined).map((d) => `${d}: 未评价 / not rated`);
  for (const d of Object.keys(dimensions)) if (!expected.includes(d)) problems.push(`${d}: ${channel} 评价没有该维度 / not a dimension of ${channel} ratings`);
  return problems;
}

/** Satisfied share of valid ratings (基本满意 and better), or null when there are none. */
export function satisfactionRate(byLevel: Readonly<Record<string, number>>): number | null {
  const total = Object.values(byLevel).reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const satisfied = (byLevel['5'] ?? 0) + (byLevel['4'] ?? 0) + (byLevel['3'] ?? 0);
  return Math.round((satisfied / total) * 10_000) / 10_000;
}

interface RectificationRule {
  from: readonly RectificationStatus[];
  permission: Permission;
}

// The centre calls the rater back (回访, every bad rating) and rectifies; it may appeal a
// mistaken or malicious rating (申诉复核), which the district decides.
export const rectificationRules = {
  callback: { from: ['awaiting_callback'], permission: 'services.rectify' },
  rectify: { from: ['rectifying'], permission: 'services.rectify' },
  appeal: { from: ['awaiting_callback', 'rectifying'], permission: 'services.rectify' },
  uphold_appeal: { from: ['appealed'], permission: 'services.appeal' },
  reject_appeal: { from: ['appealed'], permission: 'services.appeal' },
} as const satisfies Record<RectificationAction, RectificationRule>;

/** The state after an action: a rejected appeal returns to where the record stood (called back or not). */
export function nextRectificationStatus(action: RectificationAction, record: { status: RectificationStatus; calledBack: boolean }): RectificationStatus | null {
  if (!(rectificationRules[action].from as readonly RectificationStatus[]).includes(record.status)) return null;
  switch (action) {
    case 'callback':
      return 'rectifying';
    case 'rectify':
      return 'rectified';
    case 'appeal':
      return 'appealed';
    case 'uphold_appeal':
      return 'voided';
    case 'reject_appeal':
      return record.calledBack ? 'rectifying' : 'awaiting_callback';
  }
}

/** Open records still count against the deadline. */
export const openRectificationStatuses = ['awaiting_callback', 'rectifying', 'appealed'] as const satisfies readonly RectificationStatus[];

/** Whether an open record is past its deadline at `now`. */
export function isRectificationOverdue(record: { status: RectificationStatus; deadline: Date }, now: Date): boolean {
  return (openRectificationStatuses as readonly string[]).includes(record.status) && now.getTime() > record.deadline.getTime();
}
