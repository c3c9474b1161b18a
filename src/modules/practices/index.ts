// The practice library: the community-governance innovations the seed documents record, and
// local ones staff add. Other modules use these functions; the table stays inside the module.
export {
  /** Loads or refreshes the shipped practices (staff edits kept). */
  loadPracticeLibrary,
} from './library.ts';
export {
  /** One practice by id, as the public sees it. */
  getPractice,
} from './use-cases/read.ts';
