// HTTP of the command centre: figures, map, warnings and rules, the leader's to-do, exports
// and the wall's live stream (SSE, written like the notifications stream).
import type { RouteModule } from '../../platform/http.ts';
import { route, routeTable } from '../../platform/route.ts';
import { sendDownload, XLSX } from '../../platform/download.ts';
import {
  areaPeriodQuery, categoriesView, gridContextParams, gridContextView, commandStreamQuery, exportParams, exportQuery, leaderTodoView, listWarningsQuery, mapQuery, mapView,
  overviewView, rankingQuery, rankingView, resetRuleQuery, ruleParamsPath, rulesQuery, trendQuery, trendView, updateRuleBody, warningList, warningNoteBody, warningParams,
  warningRuleList, warningRuleView, warningView,
} from './contract.ts';
import { commandCategories, commandOverview, commandRankings, commandTrend } from './use-cases/figures.ts';
import { commandMap, leaderTodo } from './use-cases/live.ts';
import { acknowledgeWarning, closeWarning, listWarnings } from './use-cases/warnings.ts';
import { listRules, resetRule, updateRule } from './use-cases/rules.ts';
import { exportCommandTable } from './use-cases/export.ts';
import { streamNewCases } from './stream.ts';
import { gridContext } from './use-cases/grid-context.ts';
import { ReportWake } from './wake.ts';

export const commandRoutes: RouteModule = (base, ctx) => {
  const open = new Set<() => void>();
  const wake = new ReportWake(ctx.database, (error) => base.log.warn({ err: error }, 'command stream: no wake-ups, polling only'));
  base.addHook('onClose', async () => {
    for (const close of open) close();
    await wake.close();
  });
  return routeTable('command', [
    route({
      method: 'GET', url: '/api/command/overview', summary: "An area's figures: now, today, the period and the one before", access: 'command.read',
      query: areaPeriodQuery, response: overviewView, handle: ({ actor, query, db }) => commandOverview(db, actor, query),
    }),
    route({
      method: 'GET', url: '/api/command/trend', summary: 'Reported, closed and overdue by day, week or month', access: 'command.read',
      query: trendQuery, response: trendView, handle: ({ actor, query, db }) => commandTrend(db, actor, query),
    }),
    route({
      method: 'GET', url: '/api/command/categories', summary: 'Top categories and the places where they grow', access: 'command.read',
      query: areaPeriodQuery, response: categoriesView, handle: ({ actor, query, db }) => commandCategories(db, actor, query),
    }),
    route({
      method: 'GET', url: '/api/command/rankings', summary: 'Child areas or departments ranked on the indicators, with movement', access: 'command.read',
      query: rankingQuery, response: rankingView, handle: ({ actor, query, db }) => commandRankings(db, actor, query),
    }),
    route({
      method: 'GET', url: '/api/command/map', summary: 'Live cases as points and the load of each grid', access: 'command.read',
      query: mapQuery, response: mapView, handle: ({ actor, query, db }) => commandMap(db, actor, query.under),
    }),
    route({
      method: 'GET', url: '/api/command/grids/:code', summary: "One grid's polygon as map context (a department: the grid of a case it leads)", access: 'command.read',
      params: gridContextParams, response: gridContextView, handle: ({ actor, params, db }) => gridContext(db, actor, params.code),
    }),
    route({
      method: 'GET', url: '/api/command/stream', summary: 'Cases reported in the area, live (SSE, event "case"; reconnect with Last-Event-ID)', access: 'command.read',
      query: commandStreamQuery, handle: ({ actor, query, db, req, reply }) => streamNewCases({ db, wake, actor, open, under: query.under, after: query.after, req, reply }),
    }),
    route({
      method: 'GET', url: '/api/command/export/:table', summary: 'A table of the command centre as .xlsx', access: 'command.read',
      params: exportParams, query: exportQuery,
      handle: async ({ actor, params, query, db, reply }) => {
        const file = await exportCommandTable(db, actor, params.table, query);
        return sendDownload(reply, file.fileName, XLSX, file.bytes);
      },
    }),
    route({
      method: 'GET', url: '/api/command/warnings', summary: 'Warnings of an area, newest first', access: 'command.read',
      query: listWarningsQuery, response: warningList, handle: ({ actor, query, db }) => listWarnings(db, actor, query),
    }),
    route({
      method: 'POST', url: '/api/command/warnings/:id/acknowledge', summary: 'Acknowledge a warning with a note', access: 'command.warning.handle',
      params: warningParams, body: warningNoteBody, response: warningView, handle: ({ actor, params, body, db }) => acknowledgeWarning(db, actor, params.id, body),
    }),
    route({
      method: 'POST', url: '/api/command/warnings/:id/close', summary: 'Close a warning with a note saying what was done', access: 'command.warning.handle',
      params: warningParams, body: warningNoteBody, response: warningView, handle: ({ actor, params, body, db }) => closeWarning(db, actor, params.id, body),
    }),
    route({
      method: 'GET', url: '/api/command/rules', summary: 'The early-warning rules in force for a district or street (default: the installation)', access: 'command.read',
      query: rulesQuery, response: warningRuleList, handle: ({ actor, query, db }) => listRules(db, actor, query.under),
    }),
    route({
      method: 'PATCH', url: '/api/command/rules/:kind', summary: "Switch a rule on or off or change its parameters (a district's or street's own rule with `under`)", access: 'command.rules.write',
      params: ruleParamsPath, body: updateRuleBody, response: warningRuleView, handle: ({ actor, params, body, db }) => updateRule(db, actor, params.kind, body),
    }),
    route({
      method: 'DELETE', url: '/api/command/rules/:kind', summary: "Drop a district's or street's own rule: the rule from above applies again", access: 'command.rules.write',
      params: ruleParamsPath, query: resetRuleQuery, response: warningRuleView, handle: ({ actor, params, query, db }) => resetRule(db, actor, params.kind, query.under),
    }),
    route({
      method: 'GET', url: '/api/command/todo', summary: "The leader's to-do: cases awaiting instruction, red supervision, open warnings, topics", access: 'case.instruct',
      response: leaderTodoView, handle: ({ actor, db }) => leaderTodo(db, actor),
    }),
  ])(base, ctx);
};
