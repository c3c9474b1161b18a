// Votes: requests and responses (the web imports these through the module's contract.ts).
import { z } from 'zod';
import { pageOf, pageQuery } from '../../../platform/paging.ts';
import { electorateBases, isBasisAllowed, ownersMatters, voteRules } from './quorum.ts';

export { electorateBases, ownersMatters, voteRules, basesOf, quorumTable, type ElectorateBasis, type OwnersMatter, type VoteRule } from './quorum.ts';

/** What part of the community votes: a building, a grid (居民小组), the whole community, or a council's members. */
export const voteScopeKinds = ['community', 'grid', 'building', 'council'] as const;
export type VoteScopeKind = (typeof voteScopeKinds)[number];
export const voteStatuses = ['draft', 'open', 'closed'] as const;
export type VoteStatus = (typeof voteStatuses)[number];
export const ballotChoices = ['for', 'against', 'abstain'] as const;
export type BallotChoice = (typeof ballotChoices)[number];
export const voteChannels = ['online', 'paper'] as const;
export type VoteChannel = (typeof voteChannels)[number];
export const paperBallotStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type PaperBallotStatus = (typeof paperBallotStatuses)[number];
/** What a vote decides, when it belongs to another record (a convention's version, a meeting's resolution). */
export const voteSubjectKinds = ['convention', 'meeting', 'proposal', 'other'] as const;
export type VoteSubjectKind = (typeof voteSubjectKinds)[number];

const int = z.number().int();
const measure = z.object({ count: int, area: int });
const share = z.object({ num: int, den: int, strict: z.boolean() });
export const quorumCheck = z.object({ stage: z.enum(['participation', 'decision']), measure: z.enum(['count', 'area']), part: int, whole: int, share, met: z.boolean() });

/** A closed vote's result: the quorum's checks and the counts and areas (areas in hundredths of m²). */
export const voteResult = z.object({
  quorumMet: z.boolean(),
  passed: z.boolean(),
  checks: z.array(quorumCheck),
  electorate: measure,
  participants: measure,
  choices: z.object({ for: measure, against: measure, abstain: measure }),
});
export type StoredVoteResult = z.infer<typeof voteResult>;

export const createVoteBody = z
  .object({
    communityCode: z.string().trim().min(1).max(40),
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(4000).default(''),
    rule: z.enum(voteRules),
    basis: z.enum(electorateBases),
    matter: z.enum(ownersMatters).default('ordinary'),
    scopeKind: z.enum(voteScopeKinds),
    /** The grid's code, the building's id or the council's id; the community's code for the whole community. */
    scopeRef: z.string().trim().min(1).max(60),
    secret: z.boolean(),
    subjectKind: z.enum(voteSubjectKinds).optional(),
    subjectId: z.uuid().optional(),
  })
  .superRefine((b, ctx) => {
    if (!isBasisAllowed(b.rule, b.basis)) ctx.addIssue({ code: 'custom', path: ['basis'], message: `该表决规则不按此计票单位 / ${b.rule} does not count by ${b.basis}` });
    if (b.matter !== 'ordinary' && b.rule !== 'owners') ctx.addIssue({ code: 'custom', path: ['matter'], message: '只有业主共同决定区分事项 / only owners distinguish matters' });
    if ((b.rule === 'council') !== (b.scopeKind === 'council')) ctx.addIssue({ code: 'custom', path: ['scopeKind'], message: '议事会表决的范围是议事会成员 / a council votes among its members' });
  });
export type CreateVoteBody = z.infer<typeof createVoteBody>;

export const voteView = z.object({
  id: z.string(),
  communityCode: z.string(),
  title: z.string(),
  description: z.string(),
  rule: z.enum(voteRules),
  basis: z.enum(electorateBases),
  matter: z.enum(ownersMatters),
  scopeKind: z.enum(voteScopeKinds),
  scopeName: z.string(),
  secret: z.boolean(),
  status: z.enum(voteStatuses),
  electorate: measure,
  turnout: measure,
  pendingPaper: int,
  result: voteResult.nullable(),
  openedAt: z.date().nullable(),
  closedAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  version: int,
});
export type VoteView = z.infer<typeof voteView>;
export const votePage = pageOf(voteView);

export const voteListQuery = z.object({ status: z.enum(voteStatuses).optional(), communityCode: z.string().max(40).optional(), ...pageQuery });
export type VoteListQuery = z.infer<typeof voteListQuery>;

export const voteUnitView = z.object({
  id: z.string(),
  unitKind: z.enum(['person', 'household', 'house']),
  label: z.string(),
  area: int,
  representativeName: z.string().nullable(),
  voted: z.boolean(),
  channel: z.enum(voteChannels).nullable(),
  /** Named votes only: what the unit chose. */
  choice: z.enum(ballotChoices).nullable(),
});
export type VoteUnitView = z.infer<typeof voteUnitView>;
export const voteUnitPage = pageOf(voteUnitView);
export const voteUnitQuery = z.object({ voted: z.enum(['yes', 'no']).optional(), q: z.string().trim().max(60).optional(), ...pageQuery });
export type VoteUnitQuery = z.infer<typeof voteUnitQuery>;

export const ballotBody = z.object({ choice: z.enum(ballotChoices) });
export type BallotBody = z.infer<typeof ballotBody>;
export const paperBallotBody = z.object({ unitId: z.uuid(), choice: z.enum(ballotChoices) });
export type PaperBallotBody = z.infer<typeof paperBallotBody>;
export const representativeBody = z.object({ unitId: z.uuid(), representativeName: z.string().trim().min(1).max(60) });
export type RepresentativeBody = z.infer<typeof representativeBody>;

export const paperBallotView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitLabel: z.string(),
  /** Shown only while pending (a secret vote's confirmed entries keep no choice). */
  choice: z.enum(ballotChoices).nullable(),
  status: z.enum(paperBallotStatuses),
  enteredByName: z.string(),
  enteredAt: z.date(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.date().nullable(),
});
export type PaperBallotView = z.infer<typeof paperBallotView>;
export const paperBallotList = z.object({ items: z.array(paperBallotView) });

/** A resident's view of a vote on /portal: the vote, whether they may vote, and whether their unit has. */
export const myVoteView = z.object({
  vote: voteView,
  unitLabel: z.string().nullable(),
  mayVote: z.boolean(),
  voted: z.boolean(),
});
export type MyVoteView = z.infer<typeof myVoteView>;
/** `verified` false: the account is not linked to a registry resident yet (nothing to vote in until it is). */
export const myVoteList = z.object({ verified: z.boolean(), items: z.array(myVoteView) });
