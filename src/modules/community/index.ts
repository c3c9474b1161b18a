// What other modules may use of the community forces: functions, never tables.
/** A volunteer or a social organisation by id (who claimed a micro-wish). */
export { findVolunteerBrief, findOrganisationBrief, type ForceBrief } from './claimants.ts';
