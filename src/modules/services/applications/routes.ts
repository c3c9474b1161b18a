// HTTP routes of applications: online applying and the counter's intake, the list by status,
// one application with its timeline, actions, materials, reveal, export, bundles, and the
// public follow-up by number and phone.
import { z } from 'zod';
import { sendDownload, stamp, XLSX } from '../../../platform/download.ts';
import { AppError } from '../../../platform/errors.ts';
import { route, routeTable } from '../../../platform/route.ts';
import {
  actionBody,
  applicantLookup,
  applicantLookupBody,
  applicantView,
  application,
  applicationNumberParams,
  applicationPage,
  applyBody,
  applyBundleBody,
  bundleApplication,
  counterIntakeBody,
  counterStreets,
  listApplicationsQuery,
  materialInput,
  materialUploaded,
  revealBody,
  trackedApplication,
  trackQuery,
} from '../contract.ts';
import { actOnApplication } from './act.ts';
import { applyForBundle, applyOnline, intakeAtCounter, lookupApplicant } from './apply.ts';
import { getBundleApplication } from './bundle-view.ts';
import { counterCommunities } from './counter-places.ts';
import { depsOf } from './common.ts';
import { exportApplications } from './export.ts';
import { readMaterial, uploadMaterial } from './materials.ts';
import { getApplication, listApplications } from './present.ts';
import { revealApplicant } from './reveal.ts';
import { supplyMaterials } from './supply.ts';
import { trackApplication } from './track.ts';

const fileParams = applicationNumberParams.extend({ fileId: z.uuid() });
const numberOnly = z.object({ number: z.string().trim().regex(/^[A-Z]{1,4}\d{8}-\d{5}$/) });
const listFilter = (q: z.infer<typeof listApplicationsQuery>) => ({ ...q, mine: q.mine === 'true' });

/** Applications, for residents (their own) and staff (in scope). */
export const applicationRoutes = routeTable('services', [
  route({
    method: 'POST',
    url: '/api/services/materials',
    summary: 'Upload a material file (multipart "file"; images or PDF, checked by content); attach it when applying or acting',
    access: 'signed-in',
    response: materialUploaded,
    status: 201,
    openapi: { consumes: ['multipart/form-data'] },
    handle: async ({ ctx, actor, req }) => {
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', message: '请选择文件' }] });
      return uploadMaterial(depsOf(ctx), actor, { bytes: await file.toBuffer(), filename: file.filename });
    },
  }),
  route({
    method: 'GET',
    url: '/api/services/counter/communities',
    summary: 'The communities the counter may pick: the streets of its district, each with its communities (pinyin search keys)',
    access: 'services.intake',
    response: counterStreets,
    handle: ({ db, actor }) => counterCommunities(db, actor),
  }),
  route({
    method: 'POST',
    url: '/api/services/applications',
    summary: 'Apply online (a resident): submitted to the centre that accepts the item for the community',
    access: 'services.apply',
    body: applyBody,
    response: application,
    status: 201,
    idempotent: true,
    handle: async ({ ctx, actor, body }) => getApplication(depsOf(ctx), actor, await applyOnline(depsOf(ctx), actor, body)),
  }),
  route({
    method: 'POST',
    url: '/api/services/applications/counter',
    summary: "The counter's intake (收件): received at once at the counter's unit",
    access: 'services.intake',
    body: counterIntakeBody,
    response: application,
    status: 201,
    idempotent: true,
    handle: async ({ ctx, actor, body }) => getApplication(depsOf(ctx), actor, await intakeAtCounter(depsOf(ctx), actor, body)),
  }),
  route({
    method: 'POST',
    url: '/api/services/applicants/lookup',
    summary: 'Recognise an applicant in the registry by ID number (limited and audited); the phone comes masked',
    access: 'services.intake',
    body: applicantLookupBody,
    response: applicantLookup,
    handle: ({ ctx, actor, body }) => lookupApplicant(depsOf(ctx), actor, body.idNumber),
  }),
  route({
    method: 'GET',
    url: '/api/services/applications',
    summary: 'Applications by status (staff: in scope; mine=true: the resident’s own), newest first',
    access: 'signed-in',
    query: listApplicationsQuery,
    response: applicationPage,
    handle: ({ ctx, actor, query }) => listApplications(depsOf(ctx), actor, listFilter(query)),
  }),
  route({
    method: 'GET',
    url: '/api/services/applications/export.xlsx',
    summary: 'The applications ledger as .xlsx (identifiers masked)',
    access: 'services.export',
    query: listApplicationsQuery,
    handle: async ({ ctx, actor, query, reply }) => sendDownload(reply, `办件台账-${stamp()}.xlsx`, XLSX, await exportApplications(depsOf(ctx), actor, listFilter(query))),
  }),
  route({
    method: 'GET',
    url: '/api/services/applications/:number',
    summary: 'One application with its materials, timeline, deadline and the actions the reader may take',
    access: 'signed-in',
    params: applicationNumberParams,
    response: application,
    handle: ({ ctx, actor, params }) => getApplication(depsOf(ctx), actor, params.number),
  }),
  route({
    method: 'POST',
    url: '/api/services/applications/:number/actions',
    summary: 'Take one step: receive, accept, not_accept, request_correction, supply_correction, start_review, approve, refuse, deliver',
    access: 'signed-in',
    params: applicationNumberParams,
    body: actionBody,
    response: application,
    idempotent: true,
    handle: async ({ ctx, actor, params, body }) => {
      await actOnApplication(depsOf(ctx), actor, params.number, body);
      return getApplication(depsOf(ctx), actor, params.number);
    },
  }),
  route({
    method: 'POST',
    url: '/api/services/applications/:number/materials',
    summary: 'Bring materials to an open application (容缺 materials owed leave the list)',
    access: 'signed-in',
    params: applicationNumberParams,
    body: z.object({ materials: z.array(materialInput).min(1).max(40) }),
    response: application,
    handle: async ({ ctx, actor, params, body }) => {
      await supplyMaterials(depsOf(ctx), actor, params.number, body.materials);
      return getApplication(depsOf(ctx), actor, params.number);
    },
  }),
  route({
    method: 'GET',
    url: '/api/services/applications/:number/materials/:fileId',
    summary: 'A material file (audited)',
    access: 'signed-in',
    params: fileParams,
    handle: async ({ ctx, actor, params, reply }) => {
      const file = await readMaterial(depsOf(ctx), actor, params.number, params.fileId);
      return reply.header('content-type', file.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`).header('x-content-type-options', 'nosniff').send(file.bytes);
    },
  }),
  route({
    method: 'POST',
    url: '/api/services/applications/:number/reveal',
    summary: "The applicant's ID number and phone in clear, with a reason (audited)",
    access: 'services.reveal',
    params: applicationNumberParams,
    body: revealBody,
    response: applicantView,
    handle: ({ ctx, actor, params, body }) => revealApplicant(depsOf(ctx), actor, params.number, body.reason),
  }),
  route({
    method: 'POST',
    url: '/api/services/bundle-applications',
    summary: 'Apply for a "one thing" bundle: one form and one set of materials, fanned out to its items',
    access: 'signed-in',
    body: applyBundleBody,
    response: bundleApplication,
    status: 201,
    idempotent: true,
    handle: async ({ ctx, actor, body }) => getBundleApplication(depsOf(ctx), actor, await applyForBundle(depsOf(ctx), actor, body)),
  }),
  route({
    method: 'GET',
    url: '/api/services/bundle-applications/:number',
    summary: "A bundle's application followed as one: complete only when each item's is",
    access: 'signed-in',
    params: numberOnly,
    response: bundleApplication,
    handle: ({ ctx, actor, params }) => getBundleApplication(depsOf(ctx), actor, params.number),
  }),
]);

/** Following an application by number and phone, without an account (rate-limited). */
export const publicApplicationRoutes = routeTable('public', [
  route({
    method: 'GET',
    url: '/api/public/applications/:number',
    summary: 'The progress of an application, given its number and the phone given when applying (办理过程可查询)',
    access: 'public',
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    params: numberOnly,
    query: trackQuery,
    response: trackedApplication,
    handle: ({ ctx, params, query }) => trackApplication(depsOf(ctx), params.number, query.phone),
  }),
]);
