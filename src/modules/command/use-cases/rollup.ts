// The daily rollup is the cases module's now (the job cases.rollup); the command centre's demo,
// tests and benchmark roll through it.
export { rollFinishedDays } from '../../cases/index.ts';
