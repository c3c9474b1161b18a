// What part one publishes on the board: proposals once sorted (title, status, supports, the
// responsible unit, progress, the share satisfied) and micro-wishes (the wish, its status, who
// claimed it if a unit or an organisation). Never a resident's name.
import { and, count, desc, eq, ne, notInArray } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { BoardItem } from '../contract.ts';
import { presentProposalItems } from '../proposals/common.ts';
import { participationMicroWishes, participationProposals } from '../schema.ts';
import type { BoardPublisher } from './publishers.ts';

// A proposal is public once sorted; one only submitted or merged away is not on the board.
const hidden = ['submitted', 'merged'] as const;

export const proposalPublisher: BoardPublisher = async (db: Db, community, limit) => {
  const where = and(eq(participationProposals.communityCode, community.code), notInArray(participationProposals.status, [...hidden]));
  const [rows, [total]] = await Promise.all([
    db.select().from(participationProposals).where(where).orderBy(desc(participationProposals.createdAt), desc(participationProposals.id)).limit(limit),
    db.select({ n: count() }).from(participationProposals).where(where),
  ]);
  const items = await presentProposalItems(db, rows);
  return {
    items: items.map((p, i): BoardItem => ({
      kind: 'proposal',
      id: p.id,
      title: p.title,
      status: p.status,
      facts: { supports: p.supportCount, progress: p.progress, responsibleUnit: rows[i]!.responsibleUnit, answer: rows[i]!.answer, proposer: p.proposerName },
      publishedAt: (rows[i]!.publishedAt ?? rows[i]!.createdAt).toISOString(),
    })),
    total: total?.n ?? 0,
  };
};

export const wishPublisher: BoardPublisher = async (db: Db, community, limit) => {
  const where = and(eq(participationMicroWishes.communityCode, community.code), ne(participationMicroWishes.status, 'withdrawn'));
  const [rows, [total]] = await Promise.all([
    db.select().from(participationMicroWishes).where(where).orderBy(desc(participationMicroWishes.createdAt), desc(participationMicroWishes.id)).limit(limit),
    db.select({ n: count() }).from(participationMicroWishes).where(where),
  ]);
  return {
    items: rows.map((w) => ({
      kind: 'micro_wish' as const,
      id: w.id,
      title: w.wish,
      status: w.status,
      // A volunteer is a resident: only units and organisations are named.
      facts: { claimantKind: w.claimantKind, claimant: w.claimantKind === 'volunteer' ? null : w.claimantName, thanked: w.thankedAt ? 1 : 0 },
      publishedAt: w.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
  };
};

