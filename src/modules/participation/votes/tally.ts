// Counting a closed vote: ballots → counts and areas per choice → the quorum table's verdict.
// Pure, so the same numbers show in tests, on the staff page and on the public board.
import type { BallotChoice, StoredVoteResult } from './contract.ts';
import { assessQuorum, type VoteTerms } from './quorum.ts';

export interface CountedBallot {
  choice: BallotChoice;
  /** Hundredths of m² (0 unless the vote weighs floor area). */
  area: number;
}

export function tallyVote(terms: VoteTerms, electorate: { count: number; area: number }, ballots: readonly CountedBallot[]): StoredVoteResult {
  const choices = { for: { count: 0, area: 0 }, against: { count: 0, area: 0 }, abstain: { count: 0, area: 0 } };
  for (const b of ballots) {
    choices[b.choice].count += 1;
    choices[b.choice].area += b.area;
  }
  const participants = { count: ballots.length, area: choices.for.area + choices.against.area + choices.abstain.area };
  const verdict = assessQuorum(terms, { electorate, participants, inFavour: choices.for });
  return { ...verdict, electorate, participants, choices };
}

/** Square metres with two decimals from hundredths (for display and exports). */
export function squareMetres(hundredths: number): string {
  return (hundredths / 100).toFixed(2);
}

/** Hundredths of m² from the registry's area in m² (null counts nothing). */
export function hundredthsOf(area: number | null): number {
  return area === null ? 0 : Math.round(area * 100);
}
