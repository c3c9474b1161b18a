// The public board of a community: every publisher's items merged, newest first, one page.
import type { Db } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';
import { findOrgUnit } from '../../org/index.ts';
import type { BoardPage, BoardQuery } from '../contract.ts';
import { boardPublishers, type BoardCommunity, type BoardPublisher } from './publishers.ts';

/** A community by its 12-digit code, or COMMUNITY_UNKNOWN. */
export async function boardCommunity(db: Db, code: string): Promise<BoardCommunity> {
  const unit = await findOrgUnit(db, code);
  if (!unit || unit.level !== 'community') throw new AppError('PARTICIPATION_COMMUNITY_UNKNOWN', { code });
  return { code: unit.code, name: unit.name, orgPath: unit.orgPath };
}

/** One page of the board; each publisher gives its newest page × size items, so the merge is exact. */
export async function readBoard(db: Db, code: string, query: BoardQuery, publishers: readonly BoardPublisher[] = boardPublishers): Promise<BoardPage> {
  const community = await boardCommunity(db, code);
  const limit = query.page * query.pageSize;
  const parts = await Promise.all(publishers.map((publish) => publish(db, community, limit)));
  const all = parts
    .flatMap((p) => p.items)
    .filter((item) => !query.kind || item.kind === query.kind)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id.localeCompare(b.id)));
  const total = query.kind ? all.length : parts.reduce((sum, p) => sum + p.total, 0);
  const start = (query.page - 1) * query.pageSize;
  return { community: { code: community.code, name: community.name }, items: all.slice(start, start + query.pageSize), total, page: query.page, pageSize: query.pageSize };
}
