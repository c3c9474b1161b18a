// Every practice shipped with Gongzhi, from the five seed documents, in list order.
import type { PracticeRecord, PracticeSource } from '../contract.ts';
import { readRecordFile } from './build.ts';

// The files, with what each holds:
// - top-ten-2013: 2013年度中国社区治理十大创新成果 and its nominees (seed 001, a magazine report
//   in traditional characters). The report names only the first winner (“四位一体”社区减负增效
//   治理改革) and one of the five nominees (“2+N”); the other winners' titles are the report's
//   own words for each practice. It names no place for the nominee.
// - top-ten-2014: 2014年度中国社区治理十大创新成果 and its nominees (seed 000). The list numbers
//   eleven winners; the nominees are nine.
// - zones-2015: 全国社区治理和服务创新实验区 confirmed in 2015 (seed 003): forty zones,
//   experimenting from July 2015 to June 2018; the title is each zone's task in a few words.
//   Places keep the seed's names; a district merged since is coded as the district that
//   absorbed it (杭州市下城区 → 拱墅区 330105).
// - zones-2019: the experimental zones of 2019 (seed 002, 民函〔2019〕41号): the thirty-one of its
//   annex, twenty-nine newly confirmed and two earlier zones (徐汇, 雨花台) with new themes;
//   the title is the zone's theme as the annex states it. 杭州市江干区 was merged into 上城区
//   (330102) in 2021; 崇川区 has been 320613 since 2020.
// - case-studies: the four case studies of seed 004. The year is the year of the study's text
//   (the Jiaxing and Haidian teaching cases of 2020, the Xuanwu thesis of 2016; the Shanghai
//   chapter reports 2013 figures).
// Every summary is written afresh for Gongzhi (a test checks that none copies the seeds).
export const shippedPractices: readonly PracticeRecord[] = ['top-ten-2013', 'top-ten-2014', 'zones-2015', 'zones-2019', 'case-studies'].flatMap(readRecordFile);

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
