// Assessment (考核): topics of the month, assessment schemes and rankings, surveys and the
// units' reports. What other modules may use.
/** Open topics of the month under some org paths (the leaders' to-do, the command centre). */
export { openTopicsUnder } from './use-cases/topics.ts';
/** Adds an indicator data source: a function (units, period) → value per org unit with its source rows. */
export { registerDataSource, type DataSource, type Measured, type MeasureContext } from './sources.ts';
/** Lets the command module give the units' reports their early warnings. */
export { setWarningReader, type WarningReader } from './use-cases/reports.ts';
/** Lets the command module tell which departments led a community's cases (the two-way rating). */
export { setHandlerReader, type HandlerReader } from './use-cases/ratings.ts';
/** Normalisation, weights and ranking (pure), for other rankings that should score alike. */
export { normalise, rankByTotal, scoreUnits } from './scoring.ts';
export type { TopicSummary, UnitReport } from './contract.ts';
