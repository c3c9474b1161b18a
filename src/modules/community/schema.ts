// The community module's tables, by part (schema/*.ts).
export * from './schema/organisations.ts';
export * from './schema/workers.ts';
export * from './schema/volunteers.ts';
export * from './schema/points.ts';
export * from './schema/projects.ts';
export * from './schema/foundations.ts';
