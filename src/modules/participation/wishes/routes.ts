// HTTP of micro-wishes; the multipart parser (the fulfilment photo) is registered for these routes only.
import multipart from '@fastify/multipart';
import type { RouteModule } from '../../../platform/http.ts';
import { route, routeTable } from '../../../platform/route.ts';
import { maxUploadBytes } from '../../../platform/storage.ts';
import { claimWishBody, createWishBody, fulfilWishQuery, idParam, thankWishBody, versionBody, wishListQuery, wishPage, wishView } from '../contract.ts';
import { claimWish, communityWishes, createWish, fulfilWish, listWishes, releaseWish, thankWish, wishPhoto, withdrawWish } from './wishes.ts';

const base = '/api/participation/wishes';

const wishTable = routeTable('participation', [
  route({ method: 'GET', url: base, summary: 'The micro-wish board of my area', access: 'participation.read', query: wishListQuery, response: wishPage, handle: ({ actor, db, query }) => listWishes(db, actor, query) }),
  route({ method: 'POST', url: base, summary: 'Publish a micro-wish (from a need, or taken down directly); no personal data is shown', access: 'participation.manage', body: createWishBody, response: wishView, status: 201, handle: ({ actor, db, body }) => createWish(db, actor, body) }),
  route({ method: 'POST', url: `${base}/:id/claim`, summary: 'Record who claimed a wish: a volunteer, a unit or a social organisation', access: 'participation.manage', params: idParam, body: claimWishBody, response: wishView, handle: ({ actor, db, params, body }) => claimWish(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/release`, summary: 'Give a claimed wish back to the board', access: 'participation.manage', params: idParam, body: versionBody, response: wishView, handle: ({ actor, db, params, body }) => releaseWish(db, actor, params.id, body.version) }),
  route({ method: 'POST', url: `${base}/:id/withdraw`, summary: 'Withdraw an open wish', access: 'participation.manage', params: idParam, body: versionBody, response: wishView, handle: ({ actor, db, params, body }) => withdrawWish(db, actor, params.id, body.version) }),
  route({
    method: 'POST',
    url: `${base}/:id/fulfil`,
    summary: 'Mark a claimed wish fulfilled with a photo (multipart "file", images only)',
    access: 'participation.manage',
    params: idParam,
    query: fulfilWishQuery,
    response: wishView,
    openapi: { consumes: ['multipart/form-data'] },
    handle: async ({ actor, ctx, params, query, req }) => {
      const file = req.isMultipart() ? await req.file() : undefined;
      return fulfilWish(ctx.database.db, ctx.config.dataDir, actor, params.id, { version: query.version, note: query.note, photo: file ? await file.toBuffer() : null });
    },
  }),
  route({
    method: 'GET',
    url: `${base}/:id/photo`,
    summary: 'The photo of a fulfilled wish (staff of its area, residents of its community)',
    access: 'signed-in',
    params: idParam,
    handle: async ({ actor, ctx, params, reply }) => {
      const photo = await wishPhoto(ctx.database.db, ctx.config.dataDir, actor, params.id);
      return reply.header('content-type', photo.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(photo.bytes);
    },
  }),
  route({ method: 'GET', url: '/api/participation/my/wishes', summary: 'The micro-wishes of my community (mine marked)', access: 'participation.take_part', query: wishListQuery, response: wishPage, handle: ({ actor, db, query }) => communityWishes(db, actor, query) }),
  route({ method: 'POST', url: '/api/participation/my/wishes/:id/thank', summary: 'Thank whoever fulfilled my wish', access: 'participation.take_part', params: idParam, body: thankWishBody, response: wishView, handle: ({ actor, db, params, body }) => thankWish(db, actor, params.id, body) }),
]);

/** Micro-wishes, with the multipart parser for the fulfilment photo. */
export const wishRoutes: RouteModule = async (base, ctx) => {
  await base.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1 } });
  await wishTable(base, ctx);
};
