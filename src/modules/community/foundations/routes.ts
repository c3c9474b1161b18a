// HTTP of the community foundations: staff keep the funds (community.foundation); anyone reads
// the yearly public report.
import { sendDownload, XLSX } from '../../../platform/download.ts';
import { route, routeTable } from '../../../platform/route.ts';
import {
  createFundBody, donationBody, expenseBody, fundDetail, fundListQuery, fundPage, fundParam, fundReport as fundReportSchema, grantBody, grantParam,
  ledgerPage, payGrantBody, publicFundList, reportParams,
} from '../contract/foundations.ts';
import { ledgerWorkbook } from './export.ts';
import { createFund, decideGrant, getFund, listFunds, listLedger, payGrant, recordDonation, recordExpense } from './funds.ts';
import { fundReport, listPublicFunds } from './public-report.ts';

const base = '/api/community/funds';

export const fundRoutes = routeTable('community foundations', [
  route({ method: 'GET', url: base, summary: 'Funds in my part of the tree', access: 'community.foundation', query: fundListQuery, response: fundPage, handle: ({ actor, db, query }) => listFunds(db, actor, query) }),
  route({ method: 'POST', url: base, summary: 'Set up a fund with its board', access: 'community.foundation', body: createFundBody, response: fundDetail, status: 201, handle: ({ actor, db, body }) => createFund(db, actor, body) }),
  route({ method: 'GET', url: `${base}/:id`, summary: 'A fund: donations, grants, expenses, trial balance', access: 'community.foundation', params: fundParam, response: fundDetail, handle: ({ actor, db, params }) => getFund(db, actor, params.id) }),
  route({ method: 'POST', url: `${base}/:id/donations`, summary: 'Record a donation', access: 'community.foundation', params: fundParam, body: donationBody, response: fundDetail, status: 201, handle: ({ actor, db, params, body }) => recordDonation(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/grants`, summary: "Record a grant and the board's vote on it", access: 'community.foundation', params: fundParam, body: grantBody, response: fundDetail, status: 201, handle: ({ actor, db, params, body }) => decideGrant(db, actor, params.id, body) }),
  route({ method: 'POST', url: `${base}/:id/grants/:grantId/pay`, summary: 'Pay an approved grant', access: 'community.foundation', params: grantParam, body: payGrantBody, response: fundDetail, handle: ({ actor, db, params, body }) => payGrant(db, actor, params.id, params.grantId, body) }),
  route({ method: 'POST', url: `${base}/:id/expenses`, summary: 'Record an expense with its voucher', access: 'community.foundation', params: fundParam, body: expenseBody, response: fundDetail, status: 201, handle: ({ actor, db, params, body }) => recordExpense(db, actor, params.id, body) }),
  route({ method: 'GET', url: `${base}/:id/ledger`, summary: "The fund's double-entry ledger", access: 'community.foundation', params: fundParam, query: fundListQuery, response: ledgerPage, handle: ({ actor, db, params, query }) => listLedger(db, actor, params.id, query) }),
  route({
    method: 'GET', url: `${base}/:id/ledger.xlsx`, summary: "The fund's ledger as .xlsx", access: 'community.foundation', params: fundParam,
    handle: async ({ actor, db, params, reply }) => {
      const fund = await getFund(db, actor, params.id);
      return sendDownload(reply, `fund-ledger-${new Date().toISOString().slice(0, 10)}.xlsx`, XLSX, await ledgerWorkbook(db, fund.id, fund.name));
    },
  }),
  route({ method: 'GET', url: '/api/public/community/funds', summary: 'Community funds and the years they report (public)', access: 'public', response: publicFundList, handle: ({ db }) => listPublicFunds(db) }),
  route({
    method: 'GET', url: '/api/public/community/funds/:id/reports/:year', summary: "A fund's public report for a year: income, grants, expenses, balance (public)", access: 'public',
    params: reportParams, response: fundReportSchema, handle: ({ db, params }) => fundReport(db, params.id, params.year),
  }),
]);
