// Conventions in force for the board: the title, the version and since when.
import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../../../platform/db.ts';
import type { BoardCommunity } from '../board/publishers.ts';
import type { BoardItem } from '../contract.ts';
import { participationConventionVersions, participationConventions } from './schema.ts';

export async function conventionsInForce(db: Db, community: BoardCommunity, limit: number): Promise<{ items: BoardItem[]; total: number }> {
  const v = participationConventionVersions;
  const c = participationConventions;
  const where = and(eq(c.communityCode, community.code), eq(v.status, 'in_force'));
  const [rows, [counted]] = await Promise.all([
    db.select({ c, v }).from(v).innerJoin(c, eq(c.id, v.conventionId)).where(where).orderBy(desc(v.publishedAt)).limit(limit),
    db.select({ n: count() }).from(v).innerJoin(c, eq(c.id, v.conventionId)).where(where),
  ]);
  const items = rows.map(({ c: conv, v: ver }): BoardItem => ({
    kind: 'convention', id: ver.id, title: conv.title, status: 'in_force', publishedAt: (ver.publishedAt ?? ver.createdAt).toISOString(),
    facts: { kind: conv.kind, version: ver.number, inForceFrom: ver.inForceFrom, text: ver.text },
  }));
  return { items, total: Number(counted?.n ?? 0) };
}
