import { z } from 'zod';
import { route, routeTable } from '../../../platform/route.ts';
import {
  answerProposalBody,
  evaluateProposalBody,
  idParam,
  mergeProposalBody,
  milestoneParams,
  openReviewBody,
  proposalListQuery,
  proposalPage,
  proposalVersionBody,
  proposalView,
  scoreProposalBody,
  sortProposalBody,
  startProposalBody,
  submitProposalBody,
} from '../contract.ts';
import { closeProposal, completeMilestone, completeProposal, evaluateProposal, startProposal, supportProposal } from './delivery.ts';
import { communityProposals, enterProposal, listProposals, readProposal, submitProposal } from './proposals.ts';
import { answerProposal, mergeProposal, openReview, reviewerCandidates, scoreProposal, sortProposal } from './review.ts';

const base = '/api/participation/proposals';
const reviewers = z.array(z.object({ userId: z.uuid(), name: z.string(), username: z.string() }));

/** Proposals (社区提案): submission, sorting, review, answer, implementation, evaluation. */
export const proposalRoutes = routeTable('participation', [
  route({ method: 'GET', url: base, summary: 'Proposals of my area', access: 'participation.read', query: proposalListQuery, response: proposalPage, handle: ({ actor, db, query }) => listProposals(db, actor, query) }),
  route({ method: 'POST', url: base, summary: "Enter a council's or unit's proposal, or turn a need into one", access: 'participation.manage', body: submitProposalBody, response: proposalView, status: 201, handle: ({ actor, db, body }) => enterProposal(db, actor, body) }),
  route({ method: 'GET', url: `${base}/:id`, summary: 'One proposal (staff of its area, its reviewers, residents of its community)', access: 'signed-in', params: idParam, response: proposalView, handle: ({ actor, db, params }) => readProposal(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/sort`, summary: 'Sort: government, community or private matter', access: 'participation.manage', params: idParam, body: sortProposalBody, response: proposalView, handle: ({ actor, db, params, body }) => sortProposal(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/merge`, summary: 'Merge a duplicate into another proposal of the community', access: 'participation.manage', params: idParam, body: mergeProposalBody, response: proposalView, handle: ({ actor, db, params, body }) => mergeProposal(db, actor, params.id, body) }),
  route({ method: 'GET', url: `${base}/:id/reviewers`, summary: 'Who may sit on the review panel', access: 'participation.manage', params: idParam, response: reviewers, handle: ({ actor, db, params }) => reviewerCandidates(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/review`, summary: 'Open the review: criteria and panel', access: 'participation.manage', params: idParam, body: openReviewBody, response: proposalView, handle: ({ actor, db, params, body }) => openReview(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/scores`, summary: 'Score feasibility, benefit and cost (a panel member, once)', access: 'participation.review', params: idParam, body: scoreProposalBody, response: proposalView, handle: ({ actor, db, params, body }) => scoreProposal(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/answer`, summary: 'The official answer (a reason unless accepted); publishes the proposal', access: 'participation.manage', params: idParam, body: answerProposalBody, response: proposalView, handle: ({ actor, db, params, body }) => answerProposal(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/start`, summary: 'Start implementation: responsible unit and milestones', access: 'participation.manage', params: idParam, body: startProposalBody, response: proposalView, handle: ({ actor, db, params, body }) => startProposal(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/milestones/:seq/done`, summary: 'Mark a milestone done', access: 'participation.manage', params: milestoneParams, body: proposalVersionBody, response: proposalView, handle: ({ actor, db, params, body }) => completeMilestone(db, actor, params.id, params.seq, body.version) }),
  route({ method: 'POST', url: `${base}/:id/complete`, summary: 'Complete implementation (every milestone done)', access: 'participation.manage', params: idParam, body: proposalVersionBody, response: proposalView, handle: ({ actor, db, params, body }) => completeProposal(db, actor, params.id, body.version) }),
  route({ method: 'POST', url: `${base}/:id/close`, summary: 'Close a completed proposal', access: 'participation.manage', params: idParam, body: proposalVersionBody, response: proposalView, handle: ({ actor, db, params, body }) => closeProposal(db, actor, params.id, body.version) }),
  route({ method: 'GET', url: '/api/participation/my/proposals', summary: "My community's proposals", access: 'participation.take_part', query: proposalListQuery, response: proposalPage, handle: ({ actor, db, query }) => communityProposals(db, actor, query) }),
  route({ method: 'POST', url: '/api/participation/my/proposals', summary: 'Submit a proposal (a verified resident)', access: 'participation.take_part', body: submitProposalBody, response: proposalView, status: 201, handle: ({ actor, db, body }) => submitProposal(db, actor, body) }),
  route({ method: 'POST', url: `${base}/:id/support`, summary: 'Support a proposal (a verified resident of its community, once)', access: 'participation.take_part', params: idParam, response: proposalView, handle: ({ actor, db, params }) => supportProposal(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/evaluate`, summary: 'Evaluate what was done (a verified resident of its community, once)', access: 'participation.take_part', params: idParam, body: evaluateProposalBody, response: proposalView, handle: ({ actor, db, params, body }) => evaluateProposal(db, actor, params.id, body) }),
]);
