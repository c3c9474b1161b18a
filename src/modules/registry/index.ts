// The registry (一户一档, 以房管人): buildings, houses, households, residents, key groups
// and visits, ledger import and export. Identifiers are encrypted at rest and masked in
// every response unless revealed (and audited).
export { registryRoutes } from './routes.ts';
/** Seeds the demo district's buildings, houses, households and residents. */
export { seedRegistryDemo } from './demo.ts';
export {
  /** Starts a ledger import job for a community (CLI). */
  createImportJob,
  /** Checks a ledger file into the staging table: the dry run (CLI). */
  checkImport,
  /** Commits a checked import in one transaction (CLI). */
  commitImport,
  /** The row-level problems of an import (CLI). */
  importErrors,
  /** The steps of a commit, for progress display. */
  commitSteps,
  type ImportProgress,
  type ImportView,
} from './import.ts';
export {
  /** Writes the ledger template (.xlsx) to a stream (CLI). */
  writeTemplate,
  /** Writes the error report of an import (.xlsx) to a stream (CLI). */
  writeImportReport,
} from './export.ts';
/** Reads the format of a ledger file from its name. */
export { ledgerFormatOf } from './ledger-reader.ts';
export { validateIdNumber, makeIdNumber, type Gender } from './id-number.ts';
export { maskIdNumber, maskMobile } from './mask.ts';
