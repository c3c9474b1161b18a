// Decided budgets for the board: the amount, households that chose, the winners with their
// progress and money spent (the public accounts).
import { and, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { BoardCommunity } from '../board/publishers.ts';
import type { BoardItem } from '../contract.ts';
import { presentBudgets, yuan } from './budgets.ts';
import { participationBudgets } from './schema.ts';

export async function publishedBudgets(db: Db, community: BoardCommunity, limit: number): Promise<{ items: BoardItem[]; total: number }> {
  const where = and(eq(participationBudgets.communityCode, community.code), isNotNull(participationBudgets.publishedAt));
  const [rows, [counted]] = await Promise.all([db.select().from(participationBudgets).where(where).orderBy(desc(participationBudgets.publishedAt)).limit(limit), db.select({ n: count() }).from(participationBudgets).where(where)]);
  const budgets = await presentBudgets(db, rows);
  const items = budgets.map((b): BoardItem => {
    const winners = b.projects.filter((p) => p.won);
    return {
      kind: 'budget', id: b.id, title: b.title, status: b.status, publishedAt: b.publishedAt!.toISOString(),
      facts: {
        year: b.year, amountYuan: yuan(b.amountFen), households: b.households, projects: b.projects.length, winners: winners.length,
        winnerTitles: winners.map((w) => `${w.title}（${w.votes}票，进度${w.progress}%）`).join('；'),
        costYuan: yuan(winners.reduce((s, w) => s + w.costFen, 0)), spentYuan: yuan(winners.reduce((s, w) => s + w.spentFen, 0)),
      },
    };
  });
  return { items, total: Number(counted?.n ?? 0) };
}
