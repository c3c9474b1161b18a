import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import { pageOf, pageQuery, requireActor } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { customFieldDefinition } from './key-groups.ts';
import { ledgerFormatOf } from './ledger-reader.ts';
import { addMembership, createKind, endMembership, listKinds, listMembers, listVisits, myGridSummary, recordVisit, updateMembership } from './care.ts';
import { exportBuildings, exportMembers, exportResidents, householdFile, writeImportReport, writeTemplate } from './export.ts';
import { assertMayImport, checkImport, commitImport, createImportJob, discardImport, getImport, importErrors, listImports, prepareCommit, presentImport, runInBackground } from './import.ts';
import {
  buildingUses,
  educations,
  houseTenures,
  importStatuses,
  politicalStatuses,
  relations,
  residenceTypes,
  residentStatuses,
  visitMethods,
} from './schema.ts';
import {
  createBuilding,
  createHouse,
  createHousehold,
  createResident,
  deleteBuilding,
  deleteHouse,
  deleteHousehold,
  endResidence,
  getBuilding,
  getHouse,
  getHousehold,
  getResident,
  listBuildings,
  listHouses,
  moveResident,
  residentSorts,
  revealRequest,
  searchResidents,
  updateBuilding,
  updateHouse,
  updateHousehold,
  updateResident,
} from './service.ts';

const tags = ['registry'];
const id = z.uuid();
const idParams = z.object({ id });
const code = z.string().min(1).max(40);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / use YYYY-MM-DD');
const version = z.number().int().min(1);
const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true').optional();
// ?reveal=true&reason=…: identifiers in clear, for holders of registry.reveal, audited with the reason.
const revealQuery = { reveal: boolQuery, reason: z.string().max(200).optional() };

const keyGroupTag = z.object({ id: z.string(), kind: z.string(), name: z.string(), nextVisitDue: z.string().nullable() });
const resident = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(['male', 'female']),
  birthDate: z.string(),
  age: z.number().int(),
  idNumber: z.string(),
  phone: z.string().nullable(),
  revealed: z.boolean(),
  ethnicity: z.string().nullable(),
  residenceType: z.enum(residenceTypes),
  arrivedOn: z.string().nullable(),
  employer: z.string().nullable(),
  education: z.enum(educations).nullable(),
  politicalStatus: z.enum(politicalStatuses).nullable(),
  notes: z.string().nullable(),
  status: z.enum(residentStatuses),
  gridCode: z.string(),
  orgPath: z.string(),
  houseId: z.string().nullable(),
  householdId: z.string().nullable(),
  relation: z.enum(relations).nullable(),
  address: z.string().nullable(),
  keyGroups: z.array(keyGroupTag),
  version: z.number().int(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
const building = z.object({
  id: z.string(),
  communityCode: z.string(),
  gridCode: z.string(),
  orgPath: z.string(),
  name: z.string(),
  address: z.string(),
  floors: z.number().int().nullable(),
  units: z.number().int().nullable(),
  use: z.enum(buildingUses),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  version: z.number().int(),
});
const house = z.object({
  id: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  gridCode: z.string(),
  orgPath: z.string(),
  unit: z.string(),
  floor: z.number().int().nullable(),
  number: z.string(),
  tenure: z.enum(houseTenures),
  address: z.string(),
  version: z.number().int(),
});
const household = z.object({
  id: z.string(),
  houseId: z.string(),
  gridCode: z.string(),
  orgPath: z.string(),
  number: z.string(),
  headResidentId: z.string().nullable(),
  version: z.number().int(),
});
const membership = z.object({
  id: z.string(),
  residentId: z.string(),
  kind: z.string(),
  name: z.string(),
  orgPath: z.string(),
  sensitive: z.boolean(),
  fields: z.record(z.string(), z.unknown()),
  since: z.string(),
  until: z.string().nullable(),
  visitEveryDays: z.number().int().nullable(),
  lastVisitedOn: z.string().nullable(),
  nextVisitDue: z.string().nullable(),
  version: z.number().int(),
});
const kind = z.object({
  code: z.string(),
  name: z.string(),
  sensitive: z.boolean(),
  visitEveryDays: z.number().int().nullable(),
  builtIn: z.boolean(),
  orgPath: z.string(),
  fieldDefinitions: z.array(customFieldDefinition).nullable(),
});
const visit = z.object({
  id: z.string(),
  residentId: z.string(),
  membershipId: z.string().nullable(),
  visitedOn: z.string(),
  method: z.enum(visitMethods),
  visitorName: z.string(),
  notes: z.string().nullable(),
});
const importJob = z.object({
  id: z.string(),
  communityCode: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  actorName: z.string(),
  status: z.enum([...importStatuses, 'interrupted']),
  headers: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  onlyValid: z.boolean().nullable(),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errorRows: z.number().int(),
  newRows: z.number().int(),
  changedRows: z.number().int(),
  unchangedRows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  skippedRows: z.array(z.number().int()),
  failure: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }).nullable(),
  progress: z.object({ phase: z.string(), rows: z.number().int(), step: z.string().optional(), stepNo: z.number().int().optional(), steps: z.number().int().optional() }).nullable(),
  createdAt: z.date(),
  checkedAt: z.date().nullable(),
  committedAt: z.date().nullable(),
});

const residentBody = {
  name: trimmed(30),
  gender: z.enum(['male', 'female']).optional(),
  birthDate: isoDate.optional(),
  phone: z.string().trim().max(20).nullable().optional(),
  ethnicity: optionalText(10),
  residenceType: z.enum(residenceTypes).optional(),
  arrivedOn: isoDate.nullable().optional(),
  employer: optionalText(100),
  education: z.enum(educations).nullable().optional(),
  politicalStatus: z.enum(politicalStatuses).nullable().optional(),
  notes: optionalText(500),
};

const residentSearch = z.object({
  q: z.string().trim().max(50).optional(),
  name: z.string().trim().max(30).optional(),
  idNumber: z.string().trim().max(30).optional(),
  phone: z.string().trim().max(20).optional(),
  address: z.string().trim().max(60).optional(),
  buildingId: id.optional(),
  houseId: id.optional(),
  householdId: id.optional(),
  under: code.optional(),
  keyGroup: z.string().max(50).optional(),
  overdue: boolQuery,
  residenceType: z.enum(residenceTypes).optional(),
  gender: z.enum(['male', 'female']).optional(),
  status: z.enum([...residentStatuses, 'any']).optional(),
  ageMin: z.coerce.number().int().min(0).max(150).optional(),
  ageMax: z.coerce.number().int().min(0).max(150).optional(),
  sort: z.enum(residentSorts).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  ...revealQuery,
});

const memberQuery = z.object({
  kind: z.string().max(50).optional(),
  under: code.optional(),
  overdue: boolQuery,
  dueWithinDays: z.coerce.number().int().min(0).max(366).optional(),
  ...revealQuery,
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Sends a generated file as a download; a failure half-way ends the stream. */
function sendFile(reply: FastifyReply, fileName: string, type: string, write: (out: PassThrough) => Promise<void>) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    reply.log.error({ err: error }, 'export failed');
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${encodeURIComponent(fileName)}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(out);
}

const stamp = () => new Date().toISOString().slice(0, 10).replaceAll('-', '');

// Uploads are removed after their check; one left by a process that died is removed a day later.
function removeStaleUploads(dir: string): void {
  const dayAgo = Date.now() - 86_400_000;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (name.endsWith('.upload') && fs.statSync(file).mtimeMs < dayAgo) fs.rmSync(file, { force: true });
  }
}

/** HTTP routes of the registry: records, search, key groups and visits, import and export. */
export async function registryRoutes(base: FastifyInstance): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { database, pii, config } = base.ctx;
  const db = database.db;
  // Ledgers of 200,000 rows are some tens of megabytes; one file per upload.
  await base.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1, fields: 5 } });

  // ------------------------------------------------------------------ buildings
  app.get(
    '/api/registry/buildings',
    {
      schema: {
        tags,
        summary: 'Buildings in scope, with house and resident counts (search by name or address)',
        querystring: z.object({ under: code.optional(), q: z.string().trim().max(50).optional(), ...pageQuery }),
        response: { 200: pageOf(building.extend({ houseCount: z.number().int(), residentCount: z.number().int() })) },
      },
    },
    async (req) => listBuildings(db, requireActor(req, 'registry.read'), req.query),
  );

  app.get(
    '/api/registry/buildings/export',
    { schema: { tags, summary: 'Buildings as .xlsx (audited)', querystring: z.object({ under: code.optional(), q: z.string().trim().max(50).optional() }) } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      return sendFile(reply, `楼栋-${stamp()}.xlsx`, XLSX, (out) => exportBuildings(db, actor, req.query, out));
    },
  );

  app.get(
    '/api/registry/buildings/:id',
    {
      schema: {
        tags,
        summary: 'One building with its houses',
        params: idParams,
        response: {
          200: building.extend({
            houses: z.array(
              z.object({ id: z.string(), unit: z.string(), floor: z.number().int().nullable(), number: z.string(), tenure: z.enum(houseTenures), householdCount: z.number().int(), residentCount: z.number().int() }),
            ),
          }),
        },
      },
    },
    async (req) => getBuilding(db, requireActor(req, 'registry.read'), req.params.id),
  );

  const buildingFields = {
    name: trimmed(60),
    address: z.string().trim().max(120).optional(),
    floors: z.number().int().min(1).max(200).nullable().optional(),
    units: z.number().int().min(1).max(100).nullable().optional(),
    use: z.enum(buildingUses).optional(),
    lng: z.number().min(73).max(136).nullable().optional(),
    lat: z.number().min(3).max(54).nullable().optional(),
  };

  app.post(
    '/api/registry/buildings',
    { schema: { tags, summary: 'Add a building to a grid', body: z.object({ gridCode: code, ...buildingFields }).strict(), response: { 201: building } } },
    async (req, reply) => reply.status(201).send(await createBuilding(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.patch(
    '/api/registry/buildings/:id',
    {
      schema: {
        tags,
        summary: "Change a building (moving it to another grid of the community moves everyone in it)",
        params: idParams,
        body: z.object({ version, gridCode: code.optional(), ...buildingFields, name: trimmed(60).optional() }).strict(),
        response: { 200: building },
      },
    },
    async (req) => updateBuilding(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.delete(
    '/api/registry/buildings/:id',
    { schema: { tags, summary: 'Delete a building without houses', params: idParams } },
    async (req, reply) => {
      await deleteBuilding(db, requireActor(req, 'registry.write'), req.params.id);
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------------ houses
  app.get(
    '/api/registry/houses',
    {
      schema: {
        tags,
        summary: 'Houses in scope (of a building, or found by "building number", e.g. "3号楼 302")',
        querystring: z.object({ buildingId: id.optional(), under: code.optional(), q: z.string().trim().max(60).optional(), tenure: z.enum(houseTenures).optional(), ...pageQuery }),
        response: { 200: pageOf(house.extend({ residentCount: z.number().int() })) },
      },
    },
    async (req) => listHouses(db, requireActor(req, 'registry.read'), req.query),
  );

  app.get(
    '/api/registry/houses/:id',
    {
      schema: {
        tags,
        summary: 'One house with its households and the people in each (以房管人)',
        params: idParams,
        querystring: z.object(revealQuery),
        response: {
          200: house.extend({
            area: z.number().nullable(),
            notes: z.string().nullable(),
            households: z.array(household.extend({ members: z.array(resident) })),
            others: z.array(resident),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      return getHouse(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
    },
  );

  const houseFields = {
    unit: z.string().trim().max(10).optional(),
    floor: z.number().int().min(-5).max(200).nullable().optional(),
    number: trimmed(20),
    area: z.number().min(0).max(100_000).nullable().optional(),
    tenure: z.enum(houseTenures).optional(),
    notes: optionalText(500),
  };

  app.post(
    '/api/registry/houses',
    { schema: { tags, summary: 'Add a house to a building', body: z.object({ buildingId: id, ...houseFields }).strict(), response: { 201: house } } },
    async (req, reply) => reply.status(201).send(await createHouse(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.patch(
    '/api/registry/houses/:id',
    { schema: { tags, summary: 'Change a house', params: idParams, body: z.object({ version, ...houseFields, number: trimmed(20).optional() }).strict(), response: { 200: house } } },
    async (req) => updateHouse(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.delete(
    '/api/registry/houses/:id',
    { schema: { tags, summary: 'Delete a house nobody lives or lived in', params: idParams } },
    async (req, reply) => {
      await deleteHouse(db, requireActor(req, 'registry.write'), req.params.id);
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------------ households
  app.post(
    '/api/registry/households',
    { schema: { tags, summary: 'Register a household in a house', body: z.object({ houseId: id, number: z.string().trim().max(10).optional() }).strict(), response: { 201: household } } },
    async (req, reply) => reply.status(201).send(await createHousehold(db, requireActor(req, 'registry.write'), req.body)),
  );

  const householdFileSchema = household.extend({
    address: z.string(),
    house: z.object({ id: z.string(), buildingId: z.string(), buildingName: z.string(), unit: z.string(), floor: z.number().int().nullable(), number: z.string(), tenure: z.enum(houseTenures) }),
    members: z.array(resident),
    history: z.array(z.object({ residentId: z.string(), name: z.string(), relation: z.string().nullable(), movedInOn: z.string(), movedOutOn: z.string().nullable(), reason: z.string().nullable() })),
  });

  app.get(
    '/api/registry/households/:id',
    { schema: { tags, summary: 'A household file (一户一档): house, members, history', params: idParams, querystring: z.object(revealQuery), response: { 200: householdFileSchema } } },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      return getHousehold(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
    },
  );

  app.get(
    '/api/registry/households/:id/file',
    { schema: { tags, summary: 'The printable household file (户档) as HTML (audited)', params: idParams, querystring: z.object(revealQuery) } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      const html = await householdFile(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
      return reply.header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
    },
  );

  app.patch(
    '/api/registry/households/:id',
    {
      schema: {
        tags,
        summary: "Set a household's head (a member) or number",
        params: idParams,
        body: z.object({ version, headResidentId: id.nullable().optional(), number: z.string().trim().min(1).max(10).optional() }).strict(),
        response: { 200: household },
      },
    },
    async (req) => updateHousehold(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.delete(
    '/api/registry/households/:id',
    { schema: { tags, summary: 'Delete an empty household', params: idParams } },
    async (req, reply) => {
      await deleteHousehold(db, requireActor(req, 'registry.write'), req.params.id);
      return reply.status(204).send();
    },
  );

  // ------------------------------------------------------------------ residents
  app.get(
    '/api/registry/residents',
    {
      schema: {
        tags,
        summary: 'Search residents: name (汉字, pinyin, initials), whole ID or phone number, address, building/house, key group, grid',
        querystring: residentSearch.extend(pageQuery),
        response: { 200: pageOf(resident) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      const { reveal, reason, ...q } = req.query;
      return searchResidents(db, pii, actor, q, await revealRequest(db, actor, { reveal, reason }));
    },
  );

  // The same search with the filters in the body: URLs are written to access logs, so a
  // client looking people up by ID or phone number should use this one.
  app.post(
    '/api/registry/residents/search',
    {
      schema: {
        tags,
        summary: 'Search residents (as GET /api/registry/residents), filters in the body so identifiers stay out of URLs and logs',
        body: residentSearch.extend(pageQuery),
        response: { 200: pageOf(resident) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      const { reveal, reason, ...q } = req.body;
      return searchResidents(db, pii, actor, q, await revealRequest(db, actor, { reveal, reason }));
    },
  );

  app.get(
    '/api/registry/residents/export',
    { schema: { tags, summary: 'A resident search as .xlsx (masked unless revealed; audited)', querystring: residentSearch } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      const { reveal, reason, ...q } = req.query;
      const revealed = await revealRequest(db, actor, { reveal, reason });
      return sendFile(reply, `居民-${stamp()}.xlsx`, XLSX, (out) => exportResidents(db, pii, actor, q, revealed, out));
    },
  );

  app.post(
    '/api/registry/residents',
    {
      schema: {
        tags,
        summary: 'Register a person in a household, a house (head of a new household) or a grid',
        body: z
          .object({
            ...residentBody,
            idNumber: trimmed(30),
            householdId: id.optional(),
            houseId: id.optional(),
            gridCode: code.optional(),
            relation: z.enum(relations).optional(),
            movedInOn: isoDate.optional(),
          })
          .strict(),
        response: { 201: resident },
      },
    },
    async (req, reply) => reply.status(201).send(await createResident(db, pii, requireActor(req, 'registry.write'), req.body)),
  );

  app.get(
    '/api/registry/residents/:id',
    {
      schema: {
        tags,
        summary: "A person's file: record, residence history, key groups, recent visits",
        params: idParams,
        querystring: z.object(revealQuery),
        response: {
          200: resident.extend({
            history: z.array(
              z.object({ id: z.string(), houseId: z.string().nullable(), householdId: z.string().nullable(), relation: z.string().nullable(), movedInOn: z.string(), movedOutOn: z.string().nullable(), reason: z.string().nullable(), address: z.string().nullable() }),
            ),
            memberships: z.array(membership),
            visits: z.array(z.object({ id: z.string(), membershipId: z.string().nullable(), visitedOn: z.string(), method: z.string(), visitorName: z.string(), notes: z.string().nullable() })),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      return getResident(db, pii, actor, req.params.id, await revealRequest(db, actor, req.query));
    },
  );

  app.patch(
    '/api/registry/residents/:id',
    {
      schema: {
        tags,
        summary: "Change a person's record (optimistic version check)",
        params: idParams,
        body: z.object({ version, ...residentBody, name: trimmed(30).optional(), idNumber: trimmed(30).optional(), relation: z.enum(relations).optional() }).strict(),
        response: { 200: resident },
      },
    },
    async (req) => updateResident(db, pii, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.post(
    '/api/registry/residents/:id/move',
    {
      schema: {
        tags,
        summary: 'Move a person to another household (or a new one in a house); kept in the residence history',
        params: idParams,
        body: z.object({ version, householdId: id.optional(), houseId: id.optional(), relation: z.enum(relations).optional(), movedOn: isoDate.optional(), reason: z.string().trim().max(200).optional() }).strict(),
        response: { 200: resident },
      },
    },
    async (req) => moveResident(db, pii, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.post(
    '/api/registry/residents/:id/end',
    {
      schema: {
        tags,
        summary: 'Record that a person moved away or died (the record stays)',
        params: idParams,
        body: z.object({ version, status: z.enum(['moved_out', 'deceased']), on: isoDate.optional(), reason: z.string().trim().max(200).optional() }).strict(),
        response: { 200: resident },
      },
    },
    async (req) => endResidence(db, pii, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  // ------------------------------------------------------------------ key groups and visits
  app.get(
    '/api/registry/key-group-kinds',
    { schema: { tags, summary: 'Kinds of key group the user may use (sensitive ones need registry.sensitive)', response: { 200: z.array(kind) } } },
    async (req) => listKinds(db, requireActor(req, 'registry.read')),
  );

  app.post(
    '/api/registry/key-group-kinds',
    {
      schema: {
        tags,
        summary: 'Add a kind of key group under a node, with its own fields and visit interval',
        body: z.object({ under: code, name: trimmed(30), sensitive: z.boolean().default(false), visitEveryDays: z.number().int().min(1).max(366).nullable().optional(), fields: z.array(customFieldDefinition).max(20).default([]) }).strict(),
        response: { 201: kind },
      },
    },
    async (req, reply) => reply.status(201).send(await createKind(db, requireActor(req, 'registry.write'), req.body)),
  );

  app.post(
    '/api/registry/residents/:id/key-groups',
    {
      schema: {
        tags,
        summary: 'Put a person in a key group, with the details that group records',
        params: idParams,
        body: z.object({ kind: z.string().min(1).max(50), fields: z.record(z.string(), z.unknown()).optional(), since: isoDate.optional(), visitEveryDays: z.number().int().min(1).max(366).nullable().optional() }).strict(),
        response: { 201: membership },
      },
    },
    async (req, reply) => reply.status(201).send(await addMembership(db, requireActor(req, 'registry.write'), req.params.id, req.body)),
  );

  app.get(
    '/api/registry/key-groups',
    {
      schema: {
        tags,
        summary: 'Key-group members with their visit schedule; ?overdue=true lists who is overdue for a visit',
        querystring: memberQuery.extend(pageQuery),
        response: { 200: pageOf(membership.extend({ daysOverdue: z.number().int(), resident })) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'registry.read');
      const { reveal, reason, ...q } = req.query;
      return listMembers(db, pii, actor, q, await revealRequest(db, actor, { reveal, reason }));
    },
  );

  app.get(
    '/api/registry/key-groups/export',
    { schema: { tags, summary: 'Key-group members as .xlsx (masked unless revealed; audited)', querystring: memberQuery } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.export');
      const { reveal, reason, ...q } = req.query;
      const revealed = await revealRequest(db, actor, { reveal, reason });
      return sendFile(reply, `重点人群-${stamp()}.xlsx`, XLSX, (out) => exportMembers(db, pii, actor, q, revealed, out));
    },
  );

  app.patch(
    '/api/registry/key-groups/:id',
    {
      schema: {
        tags,
        summary: "Change a membership's details or visit interval",
        params: idParams,
        body: z.object({ version, fields: z.record(z.string(), z.unknown()).optional(), visitEveryDays: z.number().int().min(1).max(366).nullable().optional() }).strict(),
        response: { 200: membership },
      },
    },
    async (req) => updateMembership(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.post(
    '/api/registry/key-groups/:id/end',
    {
      schema: { tags, summary: 'End a membership (the record stays)', params: idParams, body: z.object({ until: isoDate.optional(), reason: trimmed(200) }).strict(), response: { 200: membership.omit({ name: true }) } },
    },
    async (req) => endMembership(db, requireActor(req, 'registry.write'), req.params.id, req.body),
  );

  app.get(
    '/api/registry/visits',
    {
      schema: {
        tags,
        summary: 'Visits in scope, newest first',
        querystring: z.object({ residentId: id.optional(), under: code.optional(), ...pageQuery }),
        response: { 200: pageOf(visit.extend({ residentName: z.string(), orgPath: z.string(), createdAt: z.date() })) },
      },
    },
    async (req) => listVisits(db, requireActor(req, 'registry.read'), req.query),
  );

  app.post(
    '/api/registry/visits',
    {
      schema: {
        tags,
        summary: 'Record a visit (grid workers, phone view); moves the next due date on',
        body: z.object({ residentId: id, membershipId: id.optional(), visitedOn: isoDate.optional(), method: z.enum(visitMethods), notes: z.string().trim().max(1000).optional() }).strict(),
        response: { 201: visit },
      },
    },
    async (req, reply) => reply.status(201).send(await recordVisit(db, requireActor(req, 'registry.write'), req.body)),
  );

  // ------------------------------------------------------------------ grid workers' phone view
  app.get(
    '/api/registry/my-grid',
    {
      schema: {
        tags,
        summary: "A grid worker's start screen: my grids, counts, visits overdue and due this week",
        response: {
          200: z.object({
            grids: z.array(z.object({ code: z.string(), name: z.string() })),
            counts: z.object({ buildings: z.number().int(), houses: z.number().int(), residents: z.number().int(), keyGroupMembers: z.number().int(), overdue: z.number().int(), dueThisWeek: z.number().int() }),
          }),
        },
      },
    },
    async (req) => myGridSummary(db, requireActor(req, 'registry.read')),
  );

  const lookup = {
    tags,
    summary: 'Look up a house ("3号楼 302") or a person (name, pinyin, initials, whole ID or phone) in my grid',
    response: { 200: z.object({ houses: z.array(house.extend({ residentCount: z.number().int() })), residents: z.array(resident) }) },
  };
  const lookUp = async (actor: ReturnType<typeof requireActor>, q: string) => {
    const [houses, residents] = await Promise.all([
      listHouses(db, actor, { q, page: 1, pageSize: 10 }),
      searchResidents(db, pii, actor, { q, page: 1, pageSize: 20 }, null),
    ]);
    return { houses: houses.items, residents: residents.items };
  };
  const lookupTerm = z.object({ q: z.string().trim().min(1).max(50) });
  app.get('/api/registry/my-grid/lookup', { schema: { ...lookup, querystring: lookupTerm } }, async (req) => lookUp(requireActor(req, 'registry.read'), req.query.q));
  // The same in the body, for an ID or phone number (kept out of URLs and logs).
  app.post('/api/registry/my-grid/lookup', { schema: { ...lookup, body: lookupTerm } }, async (req) => lookUp(requireActor(req, 'registry.read'), req.body.q));

  // ------------------------------------------------------------------ import
  app.get(
    '/api/registry/imports/template',
    { schema: { tags, summary: 'The ledger template (.xlsx with Chinese headers and instructions)' } },
    async (req, reply) => {
      requireActor(req, 'registry.import');
      return sendFile(reply, '实有人口台账模板.xlsx', XLSX, (out) => writeTemplate(out));
    },
  );

  app.post(
    '/api/registry/imports',
    {
      schema: {
        tags,
        summary: 'Upload a ledger (.xlsx or .csv, multipart field "file") for a community; it is checked in the background (dry run)',
        consumes: ['multipart/form-data'],
        querystring: z.object({
          communityCode: code,
          // {"原表头": "field"} when the file's headers differ from the template's.
          mapping: z
            .string()
            .max(4000)
            .optional()
            .transform((text, ctx) => {
              if (!text) return undefined;
              const parsed = z.record(z.string(), z.string()).safeParse((() => { try { return JSON.parse(text) as unknown; } catch { return undefined; } })());
              if (!parsed.success) {
                ctx.addIssue({ code: 'custom', message: 'mapping 须为 {"表头": "字段"} 的 JSON' });
                return z.NEVER;
              }
              return parsed.data;
            }),
        }),
        response: { 202: importJob },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.import');
      await assertMayImport(db, actor, req.query.communityCode);
      const dir = path.join(config.dataDir, 'imports');
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      removeStaleUploads(dir);
      const file = path.join(dir, `${crypto.randomUUID()}.upload`);
      let fileName: string;
      try {
        const part = await req.file();
        if (!part) throw new AppError('REGISTRY_IMPORT_FORMAT');
        fileName = part.filename;
        // The upload holds identifiers in clear: owner-only, and removed after the check.
        await pipeline(part.file, fs.createWriteStream(file, { mode: 0o600 }));
      } catch (error) {
        fs.rmSync(file, { force: true });
        if (error instanceof AppError || (error as { statusCode?: number }).statusCode) throw error;
        // A torn or malformed multipart body.
        throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'file', message: '上传的文件不完整' }], summary: 'file: 上传的文件不完整 / the upload is incomplete' });
      }
      try {
        const head = Buffer.alloc(4);
        const fd = fs.openSync(file, 'r');
        fs.readSync(fd, head, 0, 4, 0);
        fs.closeSync(fd);
        const format = ledgerFormatOf(fileName, head);
        if (!format || (format === 'xlsx' && !(head[0] === 0x50 && head[1] === 0x4b))) throw new AppError('REGISTRY_IMPORT_FORMAT');
        const job = await createImportJob(db, actor, { communityCode: req.query.communityCode, fileName, format, mapping: req.query.mapping });
        runInBackground(checkImport(database, pii, actor, job.id, file, { deleteFile: true }), (error) => req.log.error({ err: error }, 'import check failed'));
        return reply.status(202).send(await presentImport(db, job));
      } catch (error) {
        fs.rmSync(file, { force: true });
        throw error;
      }
    },
  );

  app.get(
    '/api/registry/imports',
    { schema: { tags, summary: 'Import jobs in scope, newest first', querystring: z.object(pageQuery), response: { 200: pageOf(importJob) } } },
    async (req) => listImports(db, requireActor(req, 'registry.import'), req.query),
  );

  app.get(
    '/api/registry/imports/:id',
    { schema: { tags, summary: 'An import job with its counts and progress (poll while it runs)', params: idParams, response: { 200: importJob } } },
    async (req) => getImport(db, requireActor(req, 'registry.import'), req.params.id),
  );

  app.get(
    '/api/registry/imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'The row-level problems of an import (row, column, reason in Chinese)',
        params: idParams,
        querystring: z.object(pageQuery),
        response: { 200: pageOf(z.object({ rowNo: z.number().int(), column: z.string(), message: z.string(), name: z.string().nullable() })) },
      },
    },
    async (req) => importErrors(db, requireActor(req, 'registry.import'), req.params.id, req.query),
  );

  app.get(
    '/api/registry/imports/:id/report',
    { schema: { tags, summary: 'The error report as .xlsx', params: idParams } },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.import');
      const job = await getImport(db, actor, req.params.id);
      return sendFile(reply, `导入错误报告-${job.fileName.replace(/\.\w+$/, '')}.xlsx`, XLSX, (out) => writeImportReport(db, actor, job.id, out));
    },
  );

  app.post(
    '/api/registry/imports/:id/commit',
    {
      schema: {
        tags,
        summary: 'Commit a checked import in one transaction (onlyValid: import the good rows and skip the bad ones)',
        params: idParams,
        body: z.object({ onlyValid: z.boolean().default(false) }).strict(),
        response: { 202: importJob },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'registry.import');
      const options = { onlyValid: req.body.onlyValid };
      const job = await prepareCommit(db, actor, req.params.id, options);
      runInBackground(commitImport(database, actor, job.id, options, {}, { prepared: job }), (error) => req.log.error({ err: error }, 'import commit failed'));
      return reply.status(202).send(await presentImport(db, job));
    },
  );

  app.delete(
    '/api/registry/imports/:id',
    { schema: { tags, summary: 'Discard a checked import', params: idParams } },
    async (req, reply) => {
      await discardImport(db, requireActor(req, 'registry.import'), req.params.id);
      return reply.status(204).send();
    },
  );
}
