// HTTP of the generated ledgers: which exist and which hand-kept ones they replace, and each as .xlsx.
import { route, routeTable } from '../../../platform/route.ts';
import { sendDownload, XLSX } from '../../../platform/download.ts';
import { generatedLedgers, ledgerCatalogue, ledgerParams, ledgerQuery } from '../contract/ledgers.ts';
import { depsOf } from '../applications/common.ts';
import { generateLedger } from './ledgers.ts';
import { replacedLedgers } from './replaced.ts';

export const ledgerRoutes = routeTable('services', [
  route({
    method: 'GET',
    url: '/api/services/ledgers',
    summary: 'The generated ledgers, and the hand-kept ledgers the platform replaces',
    access: 'services.ledgers',
    response: ledgerCatalogue,
    handle: () => ({ generated: [...generatedLedgers], replaced: replacedLedgers }),
  }),
  route({
    method: 'GET',
    url: '/api/services/ledgers/:ledger',
    summary: 'A ledger of an org unit for a month, generated as .xlsx (identifiers masked)',
    access: 'services.ledgers',
    params: ledgerParams,
    query: ledgerQuery,
    handle: async ({ actor, params, query, ctx, reply }) => {
      const file = await generateLedger(depsOf(ctx), actor, params.ledger, query);
      return sendDownload(reply, file.fileName, XLSX, file.body);
    },
  }),
]);
