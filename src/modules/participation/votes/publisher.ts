// Published vote results for the board: counts, areas and the verdict, never who voted.
import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { BoardCommunity } from '../board/publishers.ts';
import type { BoardItem } from '../contract.ts';
import { participationVotes } from './schema.ts';
import { squareMetres } from './tally.ts';

export async function publishedVotes(db: Db, community: BoardCommunity, limit: number): Promise<{ items: BoardItem[]; total: number }> {
  const where = and(eq(participationVotes.communityCode, community.code), isNotNull(participationVotes.publishedAt));
  const [rows, [counted]] = await Promise.all([
    db.select().from(participationVotes).where(where).orderBy(desc(participationVotes.publishedAt)).limit(limit),
    db.select({ n: count() }).from(participationVotes).where(where),
  ]);
  const items = rows.map((v): BoardItem => {
    const r = v.result!;
    const byArea = v.rule === 'owners';
    return {
      kind: 'vote_result', id: v.id, title: v.title, status: r.passed ? 'passed' : r.quorumMet ? 'not_passed' : 'no_quorum', publishedAt: v.publishedAt!.toISOString(),
      facts: {
        rule: v.rule, basis: v.basis, matter: v.matter, scope: v.scopeName, electorate: r.electorate.count, participants: r.participants.count,
        for: r.choices.for.count, against: r.choices.against.count, abstain: r.choices.abstain.count,
        electorateArea: byArea ? squareMetres(r.electorate.area) : null, participantsArea: byArea ? squareMetres(r.participants.area) : null, forArea: byArea ? squareMetres(r.choices.for.area) : null,
        quorumMet: r.quorumMet ? 'yes' : 'no',
      },
    };
  });
  return { items, total: Number(counted?.n ?? 0) };
}
