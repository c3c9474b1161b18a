// The grid worker's day (patrols, duty lists, work log, attendance, records): what other
// modules may use.
/** Each grid worker's figures for a period under an org path, ranked (for the assessment). */
export { workerRecords } from './use-cases/records.ts';
/** A worker's due duty items of a week in their grids. */
export { dutyItemsOf } from './use-cases/duty-items.ts';
/** Deletes tracks past the retention period (the daily job; tests and the CLI). */
export { deleteOldTracks } from './jobs.ts';
export type { WorkerRecord, DutyItem, PatrolView } from './contract.ts';
