// What other modules may use of participation: functions, never tables.
/** Awards a resident the points a community's rule gives an action (meetings, votes, …); once per source. */
export { awardParticipationPoints, type PointsAward } from './points/award.ts';
