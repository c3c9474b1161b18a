// The command centre (指挥中心): figures, trends, map and rankings of an area for its leaders,
// backed by a daily rollup of the case timeline; early warnings and the leaders' to-do.
/** Runs the early-warning rules once (the job command.detect). */
export { detectWarnings } from './use-cases/detect.ts';
/** An area's figures: overview, trend, categories and rankings (reports of other modules may show them; the benchmark times them). */
export { commandOverview, commandTrend, commandCategories, commandRankings } from './use-cases/figures.ts';
/** Live cases and grid load for the map (the benchmark times it). */
export { commandMap } from './use-cases/live.ts';
/** Warnings of an area (reports list them). */
export { listWarnings } from './use-cases/warnings.ts';
