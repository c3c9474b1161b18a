// Participatory budgets (民生微实事): the yearly amount, projects, one choice per household.
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { AccountLine, BudgetStatus, Feasibility } from './contract.ts';

export const participationBudgets = pgTable('participation_budgets', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgPath: text('org_path').notNull(),
  communityCode: text('community_code').notNull(),
  year: integer('year').notNull(),
  title: text('title').notNull(),
  amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
  status: text('status').notNull().$type<BudgetStatus>().default('collecting'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const participationBudgetProjects = pgTable('participation_budget_projects', {
  id: uuid('id').primaryKey().defaultRandom(),
  budgetId: uuid('budget_id').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  costFen: bigint('cost_fen', { mode: 'number' }).notNull(),
  feasibility: text('feasibility').notNull().$type<Feasibility>().default('pending'),
  reviewNote: text('review_note'),
  votes: integer('votes').notNull().default(0),
  won: boolean('won').notNull().default(false),
  progress: integer('progress').notNull().default(0),
  spentFen: bigint('spent_fen', { mode: 'number' }).notNull().default(0),
  accounts: jsonb('accounts').notNull().$type<AccountLine[]>().default([]),
});

export const participationBudgetChoices = pgTable(
  'participation_budget_choices',
  {
    budgetId: uuid('budget_id').notNull(),
    householdId: uuid('household_id').notNull(),
    projectIds: jsonb('project_ids').notNull().$type<string[]>(),
    totalFen: bigint('total_fen', { mode: 'number' }).notNull(),
    chosenByResidentId: uuid('chosen_by_resident_id'),
    chosenAt: timestamp('chosen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.budgetId, t.householdId] })],
);
