// The participation module's vocabularies and the zod schema of every request and response,
// by part (contract/*.ts; part-b's in its own folders, one line each).
export * from './contract/common.ts';
export * from './contract/board.ts';
export * from './contract/needs.ts';
export * from './contract/wishes.ts';
export * from './contract/proposals.ts';
export * from './contract/points.ts';
export * from './votes/contract.ts';
export * from './meetings/contract.ts';
export * from './budgets/contract.ts';
export * from './conventions/contract.ts';
