// The community module's vocabularies and the zod schema of every request and response, by part
// (contract/*.ts); routes validate with them, use cases return them, the web imports them.
export * from './contract/common.ts';
export * from './contract/credit-code.ts';
export * from './contract/stars.ts';
export * from './contract/organisations.ts';
export * from './contract/workers.ts';
export * from './contract/volunteers.ts';
export * from './contract/points.ts';
export * from './contract/projects.ts';
export * from './contract/foundations.ts';
