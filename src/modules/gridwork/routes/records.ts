// HTTP of each worker's record (ranked, paged and as .xlsx) and the module's settings.
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, XLSX } from '../../../platform/download.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { gridworkSettings, recordPage, recordQuery } from '../contract.ts';
import { listWorkerRecords, workerRecordsWorkbook } from '../use-cases/records.ts';
import { loadSettings, saveSettings } from '../use-cases/common.ts';

export const recordRoutes = routeTable('gridwork', [
  route({
    method: 'GET',
    url: '/api/gridwork/records',
    summary: "Each worker's record for a period, ranked within my area (or a community or street under it)",
    access: 'gridwork.read',
    query: recordQuery,
    response: recordPage,
    handle: ({ actor, query, db }) => listWorkerRecords(db, actor, query),
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/records.xlsx',
    summary: "Each worker's record for a period, ranked (.xlsx)",
    access: 'gridwork.read',
    query: recordQuery,
    handle: async ({ actor, query, db, reply }) => {
      const file = await workerRecordsWorkbook(db, actor, query);
      return sendDownload(reply, file.fileName, XLSX, file.bytes);
    },
  }),
  route({
    method: 'GET',
    url: '/api/gridwork/settings',
    summary: 'Track retention and check-in tolerance in force',
    access: 'signed-in',
    response: gridworkSettings,
    handle: ({ db }) => loadSettings(db),
  }),
  route({
    method: 'PUT',
    url: '/api/gridwork/settings',
    summary: 'Change track retention and check-in tolerance (district staff)',
    access: 'gridwork.manage',
    body: gridworkSettings,
    response: gridworkSettings,
    handle: async ({ actor, body, db }) => {
      const saved = await saveSettings(db, body);
      await recordAudit(db, actor, { action: 'gridwork.settings.update', details: { ...body } });
      return saved;
    },
  }),
]);
