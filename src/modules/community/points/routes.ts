// HTTP of the time bank's points and the points mall.
import { route, routeTable } from '../../../platform/route.ts';
import { familyView, idParam, mallItemBody, mallItemView, mallPage, mallQuery, pointsAccount, pointsQuery, redeemBody, reverseBody, transferBody } from '../contract.ts';
import { addMallItem, listMall, withdrawMallItem } from './mall.ts';
import { myFamily, myPoints, pointsOfVolunteer, redeem, reverseEntry, transfer } from './points.ts';

export const pointsRoutes = routeTable('community', [
  route({
    method: 'GET', url: '/api/community/points/me', summary: 'My points balance and ledger',
    access: 'community.volunteer', query: pointsQuery, response: pointsAccount,
    handle: ({ actor, query, db }) => myPoints(db, actor, query),
  }),
  route({
    method: 'POST', url: '/api/community/points/me/redeem', summary: 'Exchange points for an item of the mall (never below zero)',
    access: 'community.volunteer', body: redeemBody, response: pointsAccount,
    handle: ({ actor, body, db }) => redeem(db, actor, body),
  }),
  route({
    method: 'GET', url: '/api/community/points/me/family', summary: 'The members of my household I may give points to (names masked)',
    access: 'community.volunteer', response: familyView,
    handle: ({ actor, db }) => myFamily(db, actor),
  }),
  route({
    method: 'POST', url: '/api/community/points/me/transfer', summary: 'Give points to a member of my household (when the settings allow)',
    access: 'community.volunteer', body: transferBody, response: pointsAccount,
    handle: ({ actor, body, db }) => transfer(db, actor, body),
  }),
  route({
    method: 'GET', url: '/api/community/points/accounts/:id', summary: "A volunteer's points ledger",
    access: 'community.read', params: idParam, query: pointsQuery, response: pointsAccount,
    handle: ({ actor, params, query, db }) => pointsOfVolunteer(db, actor, params.id, query),
  }),
  route({
    method: 'POST', url: '/api/community/points/entries/:id/reverse', summary: 'Reverse an entry by a counter entry',
    access: 'community.write', params: idParam, body: reverseBody, response: pointsAccount,
    handle: ({ actor, params, body, db }) => reverseEntry(db, actor, params.id, body.reason),
  }),
  route({
    method: 'GET', url: '/api/public/community/mall', summary: 'The points mall: items and prices (public)',
    access: 'public', query: mallQuery, response: mallPage,
    handle: ({ query, db }) => listMall(db, query),
  }),
  route({
    method: 'POST', url: '/api/community/mall', summary: 'Put an item in the points mall',
    access: 'community.write', body: mallItemBody, response: mallItemView, status: 201,
    handle: ({ actor, body, db }) => addMallItem(db, actor, body),
  }),
  route({
    method: 'POST', url: '/api/community/mall/:id/withdraw', summary: 'Take an item off the mall',
    access: 'community.write', params: idParam, response: mallItemView,
    handle: ({ actor, params, db }) => withdrawMallItem(db, actor, params.id),
  }),
]);
