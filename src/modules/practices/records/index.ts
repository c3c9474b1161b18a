// Every practice shipped with Gongzhi, from the five seed documents, in list order.
import type { PracticeRecord, PracticeSource } from '../contract.ts';
import { caseStudies } from './case-studies.ts';
import { nominees2013, topTen2013 } from './top-ten-2013.ts';
import { nominees2014, topTen2014 } from './top-ten-2014.ts';
import { zones2015 } from './zones-2015.ts';
import { zones2019 } from './zones-2019.ts';

export const shippedPractices: readonly PracticeRecord[] = [...topTen2013, ...nominees2013, ...topTen2014, ...nominees2014, ...zones2015, ...zones2019, ...caseStudies];

/** How many practices each source records (the seeds' own counts, checked by a test). */
export const shippedCounts: Record<Exclude<PracticeSource, 'local'>, number> = {
  top_ten_2013: 10,
  nominee_2013: 1,
  top_ten_2014: 11,
  nominee_2014: 9,
  zone_2015: 40,
  zone_2019: 31,
  case_study: 4,
};
