// The registry (一户一档, 以房管人): buildings, houses, households, residents, key groups
// and visits, ledger import and export. Identifiers are encrypted at rest and masked in
// every response unless revealed (and audited).
export { registryRoutes } from './routes/index.ts';
/** Seeds the demo district's buildings, houses, households and residents. */
export { seedRegistryDemo } from './demo.ts';
export {
  /** Starts a ledger import job for a community (CLI). */
  createImportJob,
  /** The row-level problems of an import (CLI). */
  importErrors,
} from './import/jobs.ts';
/** Checks a ledger file into the staging table: the dry run (CLI). */
export { checkImport } from './import/check.ts';
export {
  /** Commits a checked import in one transaction (CLI). */
  commitImport,
  /** The steps of a commit, for progress display. */
  commitSteps,
} from './import/commit.ts';
export type { ImportProgress, ImportView } from './contract.ts';
export {
  /** Writes the ledger template (.xlsx) to a stream (CLI). */
  writeTemplate,
  /** Writes the error report of an import (.xlsx) to a stream (CLI). */
  writeImportReport,
} from './export.ts';
/** Reads the format of a ledger file from its name. */
export { ledgerFormatOf } from './ledger-reader.ts';
export { validateIdNumber, makeIdNumber, type Gender } from './id-number.ts';
export { maskIdNumber, maskMobile, maskName } from './mask.ts';
export {
  /** Runs a look-up of people by a whole ID or phone number under the per-account limit, audited (the hotline's caller history). */
  withIdentifierLookup,
  type IdentifierTerm,
} from './use-cases/identifier-lookups.ts';
export {
  /** Households of a community with their members of age (18+), for votes by household. */
  householdsWithAdults,
  /** Houses of a community with their floor areas, for votes weighed by area. */
  houseAreas,
  type HouseholdWithAdults,
  type HouseArea,
} from './use-cases/participation.ts';
/** Key-group members with their visits, and the visits some users recorded (the grid workers' duty lists and records). */
export { keyGroupVisitStatus, visitsRecordedBy, type MemberVisitStatus } from './key-groups/visit-duty.ts';
/** Adds a building to a grid (test factories; the HTTP API is the way in otherwise). */
export { createBuilding } from './use-cases/buildings.ts';
/** Adds a house to a building (test factories). */
export { createHouse } from './use-cases/houses.ts';
/** Registers a resident (test factories). */
export { createResident } from './use-cases/residents.ts';
/** The placed buildings under a node with their residents, elderly and children, for the facilities' coverage. */
export { buildingPopulationUnder, type BuildingPopulation } from './use-cases/coverage-population.ts';
/** The registry's best building (and house) for a typed address or a building/house id, with its grid and point (Open311 placement). */
export { matchAddress, type AddressMatch } from './use-cases/match-address.ts';
/** Residents by id (name, place), and active residents and adults per community: participation's needs and index. */
export { residentBriefs, residentCountsByCommunity, type ResidentBrief } from './use-cases/participation-people.ts';
/** One resident by a whole ID number, without scope (a service applicant recognised at the counter). */
export { findResidentByIdNumber, type KnownResident } from './use-cases/find-by-id-number.ts';
