// The micro-wish lifecycle as a table: which action takes a wish from which status to which.
import { AppError } from '../../../platform/errors.ts';
import type { WishAction, WishStatus } from '../contract.ts';

export const wishTransitions = {
  open: { claim: 'claimed', withdraw: 'withdrawn' },
  // A claimant who cannot do it after all gives the wish back to the board.
  claimed: { fulfil: 'fulfilled', release: 'open' },
  fulfilled: { thank: 'thanked' },
  thanked: {},
  withdrawn: {},
} as const satisfies Record<WishStatus, Partial<Record<WishAction, WishStatus>>>;

/** The status an action leads to, or undefined when the table refuses it. */
export function nextWishStatus(from: WishStatus, action: WishAction): WishStatus | undefined {
  return (wishTransitions[from] as Partial<Record<WishAction, WishStatus>>)[action];
}

/** The status an action leads to; PARTICIPATION_TRANSITION_REFUSED when the table refuses it. */
export function applyWishAction(from: WishStatus, action: WishAction): WishStatus {
  const to = nextWishStatus(from, action);
  if (!to) throw new AppError('PARTICIPATION_TRANSITION_REFUSED', { from, action });
  return to;
}
