import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import multipart from '@fastify/multipart';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { pageOf, pageQuery, requireActor, type AppContext } from '../../platform/http.ts';
import { AppError } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/auth/scope.ts';
import { maxUploadBytes } from '../../platform/storage.ts';
import { caseActions, caseRatings, caseStates, caseTiers, supervisionLevels } from './workflow.ts';
import { slaStages } from './sla.ts';
import { caseSources, caseUrgencies, matterClasses } from './schema.ts';
import {
  actOnCase,
  callerHistory,
  casesForExport,
  createCase,
  findDuplicates,
  getCase,
  listCases,
  presentCreated,
  proposeDispatch,
  rateTrackedCase,
  readAttachment,
  trackCase,
  uploadAttachment,
  type CaseDeps,
} from './service.ts';
import {
  deleteRoutingRule,
  deleteTimeLimit,
  getCaseSettings,
  listCalendarYears,
  listCategories,
  listRoutingRules,
  listTimeLimits,
  resetCalendarYear,
  saveCalendarYear,
  saveCategory,
  saveRoutingRule,
  saveTimeLimit,
  searchCategories,
  updateCaseSettings,
} from './settings.ts';
import { caseIndicators } from './indicators.ts';

const tags = ['cases'];
const uuidParams = z.object({ id: z.uuid() });
const amount = z.object({ unit: z.enum(['working_days', 'working_hours']), amount: z.number().positive() });
const unitCode = z.string().min(1).max(40);

const sla = z.object({
  stage: z.enum(slaStages).nullable(),
  stageStartedAt: z.date().nullable(),
  warnAt: z.date().nullable(),
  redAt: z.date().nullable(),
  deadlineAt: z.date().nullable(),
  level: z.enum(['normal', 'yellow', 'red']),
  isOverdue: z.boolean(),
  overdueCount: z.number().int(),
});

const listItem = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  state: z.enum(caseStates),
  tier: z.enum(caseTiers),
  version: z.number().int(),
  categoryCode: z.string(),
  categoryName: z.string(),
  classCode: z.string(),
  className: z.string(),
  matterClass: z.enum(matterClasses),
  urgency: z.enum(caseUrgencies),
  source: z.enum(caseSources),
  address: z.string(),
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  gridCode: z.string().nullable(),
  communityCode: z.string().nullable(),
  communityName: z.string().nullable(),
  streetCode: z.string().nullable(),
  streetName: z.string().nullable(),
  dispatcherUnit: z.string().nullable(),
  handlingUnit: z.string().nullable(),
  handlingUnitName: z.string().nullable(),
  supervisionLevel: z.enum(supervisionLevels).nullable(),
  rating: z.enum(caseRatings).nullable(),
  sla,
  createdAt: z.date(),
  updatedAt: z.date(),
  closedAt: z.date().nullable(),
});

const timelineEntry = z.object({
  version: z.number().int(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  fromTier: z.string().nullable(),
  toTier: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  actorUnit: z.string().nullable(),
  actorUnitName: z.string().nullable(),
  at: z.date(),
  reason: z.string().nullable(),
  text: z.string().nullable(),
  photos: z.array(z.string()),
  targetUnit: z.string().nullable(),
  targetUnitName: z.string().nullable(),
  coUnits: z.array(z.string()),
  rating: z.string().nullable(),
  extension: amount.nullable(),
  supervisionLevel: z.string().nullable(),
  parentCaseId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

const caseRef = z.object({ id: z.string(), number: z.string(), title: z.string() });
const caseDetail = listItem.extend({
  description: z.string(),
  districtCode: z.string().nullable(),
  gridName: z.string().nullable(),
  dispatcherUnitName: z.string().nullable(),
  coUnits: z.array(z.object({ code: z.string(), name: z.string() })),
  reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable(), userId: z.string().nullable() }).nullable(),
  reporterHidden: z.boolean(),
  reporterShared: z.boolean(),
  residentIds: z.array(z.string()),
  houseIds: z.array(z.string()),
  peopleInvolved: z.number().int().nullable(),
  amountInvolved: z.number().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  mediaUrl: z.string().nullable(),
  isPublic: z.boolean(),
  reopenCount: z.number().int(),
  reworkCount: z.number().int(),
  extensionCount: z.number().int(),
  pendingExtension: amount.nullable(),
  resolved: z.boolean().nullable(),
  parent: caseRef.nullable(),
  mergedCases: z.array(caseRef.extend({ createdAt: z.date() })),
  attachments: z.array(z.object({ id: z.string(), mime: z.string(), size: z.number().int(), originalName: z.string(), hasThumbnail: z.boolean(), createdAt: z.date() })),
  timeline: z.array(timelineEntry),
  availableActions: z.array(z.enum(caseActions)),
});

const duplicate = z.object({ id: z.string(), number: z.string(), title: z.string(), state: z.enum(caseStates), address: z.string(), createdAt: z.date(), distance: z.number() });

const attribute = z.object({
  code: z.string().regex(/^[A-Za-z0-9_]{1,32}$/),
  description: z.string().max(200),
  datatype: z.enum(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']),
  required: z.boolean(),
  order: z.number().int(),
  values: z.array(z.object({ key: z.string().max(40), name: z.string().max(100) })).optional(),
});
const category = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  name: z.string(),
  namePinyin: z.string(),
  nameInitials: z.string(),
  description: z.string(),
  keywords: z.string(),
  defaultMatterClass: z.enum(matterClasses),
  attributes: z.array(attribute),
  sort: z.number().int(),
  active: z.boolean(),
});

const listQuery = z.object({
  state: z.string().regex(/^[a-z_,]+$/).optional(),
  categoryCode: z.string().max(32).optional(),
  classCode: z.string().max(32).optional(),
  matterClass: z.enum(matterClasses).optional(),
  source: z.enum(caseSources).optional(),
  tier: z.enum(caseTiers).optional(),
  urgency: z.enum(caseUrgencies).optional(),
  under: unitCode.optional(),
  handlingUnit: unitCode.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  slaLevel: z.enum(['normal', 'yellow', 'red']).optional(),
  supervised: z.enum(['true', 'false']).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  q: z.string().max(100).optional(),
  todo: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  sort: z.enum(['created_desc', 'deadline_asc', 'updated_desc']).optional(),
});

function listFilters(q: z.infer<typeof listQuery>) {
  const states = q.state?.split(',').filter(Boolean);
  const bad = states?.find((s) => !(caseStates as readonly string[]).includes(s));
  if (bad) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'querystring.state', message: bad }], summary: `state: ${bad}` });
  return {
    states: states as (typeof caseStates)[number][] | undefined,
    categoryCode: q.categoryCode,
    classCode: q.classCode,
    matterClass: q.matterClass,
    source: q.source,
    tier: q.tier,
    urgency: q.urgency,
    under: q.under,
    handlingUnit: q.handlingUnit,
    overdue: q.overdue === 'true',
    slaLevel: q.slaLevel,
    supervised: q.supervised === 'true',
    from: q.from,
    to: q.to,
    q: q.q,
    todo: q.todo === 'true',
    mine: q.mine === 'true',
    sort: q.sort,
  };
}

const stateNames: Record<string, string> = {
  reported: '已上报', accepted: '已受理', rejected: '不予受理', registered: '已立案', dispatched: '已派遣', handling: '处置中',
  handled: '待核查', closed: '已结案', rated: '已评价', suspended: '挂起', merged: '已合并',
};
const matterNames: Record<string, string> = { government: '政府大事', community: '社区小事', private: '居民私事' };
const sourceNames: Record<string, string> = { grid_patrol: '网格员巡查', resident: '居民上报', hotline: '热线', open311: 'Open311', department: '部门', staff: '工作人员' };
const EXPORT_MAX = 50_000;

/** HTTP routes of cases: intake, the workflow, lists and export, settings, indicators, hotline and public follow-up. */
export async function caseRoutes(base: FastifyInstance, ctx: AppContext): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;
  const deps: CaseDeps = { db, pii: ctx.pii, dataDir: ctx.config.dataDir };
  await base.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1 } });

  // ------------------------------------------------------------------ intake and reading

  app.post(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Report a case (resident, grid worker, hotline operator, staff); the grid is found from the point',
        body: z
          .object({
            title: z.string().trim().min(1).max(100),
            description: z.string().trim().min(1).max(4000),
            categoryCode: z.string().min(1).max(32),
            matterClass: z.enum(matterClasses).optional(),
            urgency: z.enum(caseUrgencies).optional(),
            source: z.enum(caseSources).optional(),
            lng: z.number().min(-180).max(180).optional(),
            lat: z.number().min(-90).max(90).optional(),
            address: z.string().trim().max(200).optional(),
            orgCode: unitCode.optional(),
            reporter: z.object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().max(20).optional() }).optional(),
            residentIds: z.array(z.string().max(64)).max(50).optional(),
            houseIds: z.array(z.string().max(64)).max(50).optional(),
            peopleInvolved: z.number().int().min(0).max(1_000_000).optional(),
            amountInvolved: z.number().min(0).max(1e12).optional(),
            attachmentIds: z.array(z.uuid()).max(20).optional(),
            attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
            isPublic: z.boolean().optional(),
            acceptNow: z.boolean().optional(),
          })
          .strict(),
        response: { 201: z.object({ case: listItem, duplicates: z.array(duplicate) }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req, 'case.report');
      const { row, duplicates } = await createCase(deps, actor, req.body);
      return reply.status(201).send({ case: await presentCreated(deps, row), duplicates });
    },
  );

  app.get(
    '/api/cases',
    {
      schema: {
        tags,
        summary: 'Cases in scope, with filters and paging (todo=true: my to-do); total is counted up to 10,000 (totalCapped: more)',
        querystring: listQuery.extend(pageQuery),
        response: { 200: pageOf(listItem).extend({ totalCapped: z.boolean() }) },
      },
    },
    async (req) => listCases(deps, requireActor(req, 'case.read'), { ...listFilters(req.query), page: req.query.page, pageSize: req.query.pageSize }),
  );

  app.get(
    '/api/cases/export.xlsx',
    { schema: { tags, summary: `The case list as an Excel file (at most ${EXPORT_MAX} rows)`, querystring: listQuery } },
    async (req, reply) => {
      const actor = requireActor(req, 'case.read');
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('案件');
      sheet.columns = [
        { header: '案件编号', key: 'number', width: 20 },
        { header: '标题', key: 'title', width: 30 },
        { header: '状态', key: 'state', width: 10 },
        { header: '大类', key: 'className', width: 12 },
        { header: '小类', key: 'categoryName', width: 14 },
        { header: '三事分流', key: 'matterClass', width: 10 },
        { header: '来源', key: 'source', width: 10 },
        { header: '街道', key: 'streetName', width: 14 },
        { header: '社区', key: 'communityName', width: 16 },
        { header: '地址', key: 'address', width: 30 },
        { header: '承办单位', key: 'handlingUnitName', width: 20 },
        { header: '截止时间', key: 'deadline', width: 18 },
        { header: '超期', key: 'overdue', width: 6 },
        { header: '督办', key: 'supervision', width: 8 },
        { header: '上报时间', key: 'createdAt', width: 18 },
        { header: '结案时间', key: 'closedAt', width: 18 },
      ];
      sheet.getRow(1).font = { bold: true };
      sheet.views = [{ state: 'frozen', ySplit: 1 }];
      const bj = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
      for await (const batch of casesForExport(deps, actor, listFilters(req.query), EXPORT_MAX)) {
        for (const c of batch) {
          sheet.addRow({
            ...c,
            state: stateNames[c.state] ?? c.state,
            matterClass: matterNames[c.matterClass],
            source: sourceNames[c.source],
            deadline: bj(c.sla.deadlineAt),
            overdue: c.sla.isOverdue ? '是' : '',
            supervision: c.supervisionLevel ?? '',
            createdAt: bj(c.createdAt),
            closedAt: bj(c.closedAt),
          });
        }
      }
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="cases-${new Date().toISOString().slice(0, 10)}.xlsx"`)
        .send(buffer);
    },
  );

  app.get(
    '/api/cases/duplicates',
    {
      schema: {
        tags,
        summary: 'Likely duplicates at intake: same category, open, recent, nearby',
        querystring: z.object({ categoryCode: z.string().max(32), lng: z.coerce.number().min(-180).max(180), lat: z.coerce.number().min(-90).max(90) }),
        response: { 200: z.array(duplicate) },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'case.report');
      requirePermission(actor, 'case.read');
      return findDuplicates(db, actor, req.query);
    },
  );

  app.get(
    '/api/cases/:id',
    { schema: { tags, summary: 'One case: record, time limit, timeline, attachments and the actions you may take', params: uuidParams, response: { 200: caseDetail } } },
    async (req) => getCase(deps, requireActor(req, 'case.read'), req.params.id),
  );

  app.post(
    '/api/cases/:id/actions',
    {
      schema: {
        tags,
        summary: 'Take a workflow action (accept, reject, register, dispatch, acknowledge, return, feedback, verify_pass, verify_fail, rate, reopen, extensions, suspend, resume, supervise, escalate, merge, instruct, comment)',
        params: uuidParams,
        body: z
          .object({
            action: z.string().max(40),
            version: z.number().int().min(1).optional(),
            reason: z.string().trim().max(2000).optional(),
            text: z.string().trim().max(4000).optional(),
            photos: z.array(z.uuid()).max(20).optional(),
            targetUnitId: unitCode.optional(),
            coUnitIds: z.array(unitCode).max(10).optional(),
            rating: z.enum(caseRatings).optional(),
            extension: amount.optional(),
            supervisionLevel: z.enum(supervisionLevels).optional(),
            parentCaseId: z.uuid().optional(),
            shareReporterContact: z.boolean().optional(),
            resolved: z.boolean().optional(),
          })
          .strict(),
        response: { 200: caseDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req, 'case.read');
      await actOnCase(deps, actor, req.params.id, req.body);
      return getCase(deps, actor, req.params.id);
    },
  );

  app.get(
    '/api/cases/:id/dispatch-proposal',
    {
      schema: {
        tags,
        summary: 'Who should handle the case: the responsibility matrix for government matters, the community for community and private matters',
        params: uuidParams,
        response: {
          200: z.object({
            matterClass: z.enum(matterClasses),
            basis: z.enum(['matrix', 'matter_class', 'none']),
            unit: z.object({ code: z.string(), name: z.string() }).nullable(),
            coUnits: z.array(z.object({ code: z.string(), name: z.string() })),
            ruleId: z.string().nullable(),
            ruleNode: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => proposeDispatch(deps, requireActor(req, 'case.dispatch'), req.params.id),
  );

  // ------------------------------------------------------------------ attachments

  app.post(
    '/api/cases/attachments',
    {
      schema: {
        tags,
        summary: 'Upload a photo or document (multipart "file"; type checked by content); attach it when reporting or acting',
        querystring: z.object({ caseId: z.uuid().optional() }),
        response: { 201: z.object({ id: z.string(), mime: z.string(), size: z.number().int(), hasThumbnail: z.boolean() }) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const file = await req.file();
      if (!file) throw new AppError('VALIDATION_FAILED', { summary: 'file: 请选择文件 / no file' });
      const bytes = await file.toBuffer();
      return reply.status(201).send(await uploadAttachment(deps, actor, { bytes, filename: file.filename, caseId: req.query.caseId }));
    },
  );

  app.get(
    '/api/cases/attachments/:id',
    { schema: { tags, summary: 'An attachment (thumb=1: its thumbnail when there is one)', params: uuidParams, querystring: z.object({ thumb: z.enum(['1', 'true']).optional() }) } },
    async (req, reply) => {
      const file = await readAttachment(deps, requireActor(req, 'case.read'), req.params.id, req.query.thumb !== undefined);
      // Only images are shown inline; anything else (PDF) downloads.
      if (!file.mime.startsWith('image/')) void reply.header('content-disposition', `attachment; filename="${req.params.id}"`);
      return reply.header('content-type', file.mime).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(file.bytes);
    },
  );

  // ------------------------------------------------------------------ hotline

  app.get(
    '/api/cases/hotline/caller',
    {
      schema: {
        tags,
        summary: "A caller's earlier cases, by phone (hotline intake)",
        querystring: z.object({ phone: z.string().min(5).max(20) }),
        response: { 200: z.object({ phone: z.string(), callerName: z.string().nullable(), cases: z.array(listItem) }) },
      },
    },
    async (req) => callerHistory(deps, requireActor(req, 'case.report'), req.query.phone),
  );

  app.get(
    '/api/cases/categories',
    {
      schema: {
        tags,
        summary: 'The category tree; q= searches subclasses by Chinese, pinyin (lajiluandui) or initials (ljld)',
        querystring: z.object({ q: z.string().max(40).optional(), all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.array(category.extend({ children: z.array(category).optional(), className: z.string().optional() })) },
      },
    },
    async (req) => {
      requireActor(req);
      if (req.query.q !== undefined) return searchCategories(db, req.query.q);
      return listCategories(db, { includeInactive: req.query.all === 'true' });
    },
  );

  // ------------------------------------------------------------------ settings

  app.put(
    '/api/cases/categories/:code',
    {
      schema: {
        tags,
        summary: 'Add or change a category (class or subclass) with its default matter class and Open311 attributes',
        params: z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) }),
        body: z
          .object({
            parentCode: z.string().max(32).nullable().optional(),
            name: z.string().trim().min(1).max(40),
            defaultMatterClass: z.enum(matterClasses),
            description: z.string().max(500).optional(),
            keywords: z.string().max(200).optional(),
            attributes: z.array(attribute).max(20).optional(),
            sort: z.number().int().optional(),
            active: z.boolean().optional(),
          })
          .strict(),
        response: { 200: category },
      },
    },
    async (req) => saveCategory(db, requireActor(req, 'case.configure'), { ...req.body, code: req.params.code }),
  );

  const timeLimit = z.object({ id: z.string(), categoryCode: z.string().nullable(), stage: z.enum(slaStages), unit: amount.shape.unit, amount: z.number(), yellowAt: z.number(), redAt: z.number(), updatedAt: z.date() });
  app.get('/api/cases/time-limits', { schema: { tags, summary: 'Time limits per category and stage', response: { 200: z.array(timeLimit) } } }, async (req) => {
    requireActor(req, 'case.read');
    return listTimeLimits(db);
  });
  app.put(
    '/api/cases/time-limits',
    {
      schema: {
        tags,
        summary: 'Set the time limit of a stage for a category (categoryCode null: the default)',
        body: z.object({ categoryCode: z.string().max(32).nullable(), stage: z.enum(slaStages), limit: amount, yellowAt: z.number(), redAt: z.number() }).strict(),
        response: { 200: timeLimit },
      },
    },
    async (req) => saveTimeLimit(db, requireActor(req, 'case.configure'), req.body),
  );
  app.delete('/api/cases/time-limits/:id', { schema: { tags, summary: "Remove a category's own time limit", params: uuidParams } }, async (req, reply) => {
    await deleteTimeLimit(db, requireActor(req, 'case.configure'), req.params.id);
    return reply.status(204).send();
  });

  const calendarYear = z.object({ year: z.number().int(), holidays: z.array(z.string()), workdays: z.array(z.string()), provisional: z.boolean(), source: z.string(), edited: z.boolean() });
  app.get('/api/cases/calendar', { schema: { tags, summary: 'The working-day calendar: holidays and make-up working days (调休) per year', response: { 200: z.array(calendarYear) } } }, async (req) => {
    requireActor(req, 'case.read');
    return listCalendarYears(db);
  });
  app.put(
    '/api/cases/calendar/:year',
    {
      schema: {
        tags,
        summary: "Replace a year's holidays and make-up working days (when the State Council's notice is published)",
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        body: z.object({ holidays: z.array(z.string()).max(366), workdays: z.array(z.string()).max(366), provisional: z.boolean().optional(), source: z.string().trim().min(1).max(200) }).strict(),
        response: { 200: calendarYear.omit({ edited: true }).extend({ edited: z.boolean(), updatedAt: z.date(), updatedBy: z.string().nullable() }) },
      },
    },
    async (req) => saveCalendarYear(db, requireActor(req, 'case.configure'), req.params.year, req.body),
  );
  app.delete('/api/cases/calendar/:year', { schema: { tags, summary: 'Go back to the shipped arrangement of a year', params: z.object({ year: z.coerce.number().int() }) } }, async (req, reply) => {
    await resetCalendarYear(db, requireActor(req, 'case.configure'), req.params.year);
    return reply.status(204).send();
  });

  const settings = z.object({
    maxReopens: z.number().int().min(0).max(10),
    maxExtensions: z.number().int().min(0).max(10),
    reopenOnUnsatisfied: z.boolean(),
    duplicateRadiusMetres: z.number().int().min(10).max(5000),
    duplicateDays: z.number().int().min(1).max(365),
    workingHours: z.array(z.tuple([z.string(), z.string()])).min(1).max(4),
    autoSupervise: z.boolean(),
    redSupervisionAfterWorkingDays: z.number().int().min(0).max(30),
    numberPrefixes: z.record(z.string(), z.string().regex(/^[A-Z]{1,4}$/)),
  });
  app.get('/api/cases/settings', { schema: { tags, summary: 'Settings of the cases module', response: { 200: settings } } }, async (req) => {
    requireActor(req, 'case.read');
    return getCaseSettings(db);
  });
  app.patch(
    '/api/cases/settings',
    { schema: { tags, summary: 'Change settings (reopen limit, duplicate radius, working hours, auto-supervision…)', body: settings.partial().strict(), response: { 200: settings } } },
    async (req) => updateCaseSettings(db, requireActor(req, 'case.configure'), req.body),
  );

  const rule = z.object({ id: z.string(), nodeCode: z.string(), nodePath: z.string(), categoryCode: z.string().nullable(), unitCode: z.string(), coUnitCodes: z.array(z.string()), note: z.string(), createdAt: z.date() });
  app.get(
    '/api/cases/routing-rules',
    { schema: { tags, summary: 'The responsibility matrix (node × category → unit)', querystring: z.object({ node: unitCode.optional() }), response: { 200: z.array(rule) } } },
    async (req) => listRoutingRules(db, requireActor(req, 'case.read'), req.query.node),
  );
  app.put(
    '/api/cases/routing-rules',
    {
      schema: {
        tags,
        summary: 'Set which unit handles a category (null: any) on a node and below',
        body: z.object({ nodeCode: unitCode, categoryCode: z.string().max(32).nullable(), unitCode, coUnitCodes: z.array(unitCode).max(10).optional(), note: z.string().max(200).optional() }).strict(),
        response: { 200: rule },
      },
    },
    async (req) => saveRoutingRule(db, requireActor(req, 'case.configure'), req.body),
  );
  app.delete('/api/cases/routing-rules/:id', { schema: { tags, summary: 'Remove a rule of the matrix', params: uuidParams } }, async (req, reply) => {
    await deleteRoutingRule(db, requireActor(req, 'case.configure'), req.params.id);
    return reply.status(204).send();
  });

  // ------------------------------------------------------------------ indicators

  const metrics = z.object({
    reported: z.number().int(),
    accepted: z.number().int(),
    registered: z.number().int(),
    dispatched: z.number().int(),
    closed: z.number().int(),
    onTimeClosureRate: z.number().nullable(),
    reworkRate: z.number().nullable(),
    extensionRate: z.number().nullable(),
    overdueCount: z.number().int(),
    averageHandlingHours: z.number().nullable(),
    rated: z.number().int(),
    satisfied: z.number().int(),
    basicallySatisfied: z.number().int(),
    unsatisfied: z.number().int(),
    satisfactionRate: z.number().nullable(),
    responseRate: z.number().nullable(),
    resolutionRate: z.number().nullable(),
    satisfiedRate: z.number().nullable(),
  });
  app.get(
    '/api/cases/indicators',
    {
      schema: {
        tags,
        summary: 'Indicators per unit and period, from the timeline (children of a node, or its departments)',
        querystring: z.object({ under: unitCode.optional(), groupBy: z.enum(['children', 'departments']).default('children'), from: z.coerce.date().optional(), to: z.coerce.date().optional() }),
        response: {
          200: z.object({
            under: z.object({ code: z.string(), name: z.string(), level: z.string() }),
            groupBy: z.enum(['children', 'departments']),
            from: z.date(),
            to: z.date(),
            units: z.array(metrics.extend({ code: z.string(), name: z.string(), level: z.string() })),
            total: metrics,
          }),
        },
      },
    },
    async (req) => {
      const now = new Date();
      // Default period: this month, Beijing time.
      const bjNow = new Date(now.getTime() + 8 * 3_600_000);
      const monthStart = new Date(Date.UTC(bjNow.getUTCFullYear(), bjNow.getUTCMonth(), 1) - 8 * 3_600_000);
      return caseIndicators(db, requireActor(req, 'case.indicators'), { under: req.query.under, groupBy: req.query.groupBy, from: req.query.from ?? monthStart, to: req.query.to ?? now });
    },
  );

  // ------------------------------------------------------------------ public follow-up (no account)

  const tracked = z.object({
    number: z.string(),
    title: z.string(),
    state: z.enum(caseStates),
    categoryName: z.string(),
    address: z.string(),
    createdAt: z.date(),
    handlingUnitName: z.string().nullable(),
    expectedAt: z.date().nullable(),
    rating: z.enum(caseRatings).nullable(),
    canRate: z.boolean(),
    steps: z.array(z.object({ action: z.string(), at: z.date(), unitName: z.string().nullable(), targetUnitName: z.string().nullable(), text: z.string().nullable(), photos: z.number().int() })),
  });
  const trackLimit = { rateLimit: { max: 20, timeWindow: '1 minute' } };
  app.post(
    '/api/public/cases/track',
    {
      config: trackLimit,
      schema: { tags: ['public'], summary: 'Follow a case by its number and the phone given when reporting (办理过程可查询)', body: z.object({ number: z.string().trim().min(5).max(30), phone: z.string().trim().min(5).max(20) }).strict(), response: { 200: tracked } },
    },
    async (req) => trackCase(deps, req.body.number, req.body.phone),
  );
  app.post(
    '/api/public/cases/rate',
    {
      config: trackLimit,
      schema: {
        tags: ['public'],
        summary: 'Rate a closed case by its number and phone (unsatisfied reopens it once by default)',
        body: z.object({ number: z.string().trim().min(5).max(30), phone: z.string().trim().min(5).max(20), rating: z.enum(caseRatings), text: z.string().trim().max(500).optional(), resolved: z.boolean().optional() }).strict(),
        response: { 200: tracked },
      },
    },
    async (req) => rateTrackedCase(deps, req.body),
  );
}
