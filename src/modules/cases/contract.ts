// The cases module's contract: its vocabulary (`as const` enums) and the zod schema of every
// request and response of /api/cases and /api/public/cases, with the types inferred from
// them. Routes validate and serialise with these schemas, services return the inferred
// types, and the web imports them; nothing here does I/O, so the browser can load it.
export * from './contract/vocabulary.ts';
export * from './contract/cases.ts';
export * from './contract/actions.ts';
export * from './contract/settings.ts';
