// HTTP of votes: staff declare, open, close and publish; staff and grid workers enter paper
// ballots that a second person confirms; verified residents vote on /portal.
import { z } from 'zod';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { idParam } from '../contract/common.ts';
import { versionBody } from '../contract/wishes.ts';
import {
  ballotBody, createVoteBody, myVoteList, myVoteView, paperBallotBody, paperBallotList, paperBallotView, representativeBody, voteListQuery, votePage, voteUnitPage, voteUnitQuery, voteView,
} from './contract.ts';
import { castBallot, decidePaperBallot, enterPaperBallot, listPaperBallots, myVotes } from './ballots.ts';
import { voteCountsWorkbook } from './export.ts';
import { closeVote, createVote, getVote, listVoteUnits, listVotes, nameRepresentative, openVote, publishVote } from './votes.ts';
import { verifiedResidentOf, verifiedResidentOrNull } from '../residents.ts';

const base = '/api/participation/votes';
const paperParam = z.object({ id: z.uuid(), paperId: z.uuid() });

export const voteRoutes = routeTable('participation votes', [
  route({ method: 'GET', url: base, summary: 'Votes in my part of the tree', access: 'participation.read', query: voteListQuery, response: votePage, handle: ({ actor, db, query }) => listVotes(db, actor, query) }),
  route({ method: 'POST', url: base, summary: 'Declare a vote: rule, electorate basis, matter, scope, secret or named', access: 'participation.manage', body: createVoteBody, response: voteView, status: 201, handle: ({ actor, db, body }) => createVote(db, actor, body) }),
  route({ method: 'GET', url: `${base}/:id`, summary: 'A vote with its turnout and, once closed, its result', access: 'participation.read', params: idParam, response: voteView, handle: ({ actor, db, params }) => getVote(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/open`, summary: 'Open a vote: its electorate is taken from the registry now', access: 'participation.manage', params: idParam, body: versionBody, response: voteView, handle: ({ actor, db, params, body }) => openVote(db, actor, params.id, body.version) }),
  route({ method: 'POST', url: `${base}/:id/close`, summary: 'Close a vote and count it against its quorum; no ballot changes after', access: 'participation.manage', params: idParam, body: versionBody, response: voteView, handle: ({ actor, db, params, body }) => closeVote(db, actor, params.id, body.version) }),
  route({ method: 'POST', url: `${base}/:id/publish`, summary: "Publish a closed vote's result on the community's board", access: 'participation.manage', params: idParam, response: voteView, handle: ({ actor, db, params }) => publishVote(db, actor, params.id) }),
  route({ method: 'GET', url: `${base}/:id/units`, summary: 'The electorate with who voted (and, in a named vote, how)', access: 'participation.read', params: idParam, query: voteUnitQuery, response: voteUnitPage, handle: ({ actor, db, params, query }) => listVoteUnits(db, actor, params.id, query) }),
  route({ method: 'POST', url: `${base}/:id/representatives`, summary: 'Name the owner of a house the registry cannot name', access: 'participation.manage', params: idParam, body: representativeBody, response: voteView, handle: ({ actor, db, params, body }) => nameRepresentative(db, actor, params.id, body) }),
  route({ method: 'GET', url: `${base}/:id/paper-ballots`, summary: 'Paper ballots entered, pending and decided', access: 'participation.record', params: idParam, response: paperBallotList, handle: ({ actor, db, params }) => listPaperBallots(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/paper-ballots`, summary: 'Enter a paper ballot (counts once a second person confirms it)', access: 'participation.record', params: idParam, body: paperBallotBody, response: paperBallotView, status: 201, idempotent: true, handle: ({ actor, db, params, body }) => enterPaperBallot(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/paper-ballots/:paperId/confirm`, summary: 'Confirm a paper ballot someone else entered', access: 'participation.record', params: paperParam, response: paperBallotView, handle: ({ actor, db, params }) => decidePaperBallot(db, actor, params.id, params.paperId, 'confirm') }),
  route({ method: 'POST', url: `${base}/:id/paper-ballots/:paperId/reject`, summary: 'Reject a paper ballot someone else entered', access: 'participation.record', params: paperParam, response: paperBallotView, handle: ({ actor, db, params }) => decidePaperBallot(db, actor, params.id, params.paperId, 'reject') }),
  route({
    method: 'GET', url: `${base}/:id/counts.xlsx`, summary: "A vote's counts and electorate as .xlsx", access: 'participation.read', params: idParam,
    handle: async ({ actor, db, params, reply }) => sendDownload(reply, `表决计票-${stamp()}.xlsx`, XLSX, await voteCountsWorkbook(db, await getVote(db, actor, params.id))),
  }),
  route({ method: 'GET', url: '/api/participation/my/votes', summary: 'The votes I am in (open, or published)', access: 'participation.take_part', response: myVoteList, handle: async ({ actor, db }) => {
    const voter = await verifiedResidentOrNull(db, actor);
    return { verified: voter !== null, items: voter ? await myVotes(db, voter.residentId) : [] };
  } }),
  route({
    method: 'POST', url: '/api/participation/my/votes/:id/ballot', summary: 'Cast my unit’s ballot', access: 'participation.take_part', params: idParam, body: ballotBody, response: myVoteView, status: 201,
    handle: async ({ actor, db, params, body }) => castBallot(db, actor, (await verifiedResidentOf(db, actor)).residentId, params.id, body),
  }),
]);
