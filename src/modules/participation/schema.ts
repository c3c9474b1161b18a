// The participation module's tables, by part (schema/*.ts; part-b's in its own folders, one line each).
export * from './schema/needs.ts';
export * from './schema/proposals.ts';
export * from './schema/points.ts';
export * from './votes/schema.ts';
export * from './meetings/schema.ts';
export * from './budgets/schema.ts';
export * from './conventions/schema.ts';
