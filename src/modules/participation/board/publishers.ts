// The publishers of the public board: each lists what one part has published for a community,
// newest first. A part adds its publisher to the list below by one line.
import type { Db } from '../../../platform/db.ts';
import type { BoardItem } from '../contract.ts';
import { proposalPublisher, wishPublisher } from './part-a-publishers.ts';
import { publishedMeetings } from '../meetings/publisher.ts';
import { publishedVotes } from '../votes/publisher.ts';
import { publishedBudgets } from '../budgets/publisher.ts';
import { conventionsInForce } from '../conventions/publisher.ts';

/** The community a board is read for: its code, name and org path (rows are filtered by path). */
export interface BoardCommunity {
  code: string;
  name: string;
  orgPath: string;
}

/**
 * One part's published items for a community: the newest `limit` of them and how many there are.
 * Items carry counts, titles, statuses and units' names only, never a resident's name or number.
 */
export type BoardPublisher = (db: Db, community: BoardCommunity, limit: number) => Promise<{ items: BoardItem[]; total: number }>;

export const boardPublishers: BoardPublisher[] = [proposalPublisher, wishPublisher, publishedMeetings, publishedVotes, publishedBudgets, conventionsInForce];
