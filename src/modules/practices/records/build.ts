// How the record files state a practice: its themes bring their usual Gongzhi features
// (a table, so a new feature is linked once), and an entry adds any others it needs.
import fs from 'node:fs';
import { z } from 'zod';
import type { GongzhiFeature, PracticeRecord, PracticeTheme } from '../contract.ts';
import { gongzhiFeatureKeys, practiceSources, practiceThemes } from '../contract/vocabulary.ts';

/** The features that usually implement a theme. */
export const featuresOfTheme: Record<PracticeTheme, readonly GongzhiFeature[]> = {
  grid_management: ['grid_map', 'grid_roster', 'cases'],
  consultation: ['participation'],
  three_social: ['community'],
  public_service: ['services'],
  burden_reduction: ['services', 'ledger_import'],
  self_governance: ['participation'],
  smart_community: ['cases', 'residents', 'case_indicators'],
  rule_of_law: ['participation'],
  party_building: ['org_tree', 'participation'],
  social_organisations: ['community'],
  volunteering: ['community'],
  purchased_services: ['community'],
  classification: ['org_tree', 'services'],
  service_circle: ['facilities'],
  evaluation: ['assessment', 'case_indicators'],
  needs_discovery: ['participation'],
  community_funds: ['community'],
  rural_community: ['org_tree', 'participation'],
  workforce: ['community', 'assessment'],
};

/** A practice as a record file states it: its features beyond those of its themes in `also`. */
const practiceEntry = z.strictObject({
  seq: z.number().int().positive(),
  /** A slug part; the place's code (or the seq) otherwise. */
  slug: z.string().optional(),
  title: z.string().min(1),
  titleEn: z.string().min(1),
  placeName: z.string(),
  divisionCode: z.string().nullable(),
  submitter: z.string().optional(),
  themes: z.array(z.enum(practiceThemes)).min(1),
  summary: z.string().min(1),
  summaryEn: z.string().min(1),
  also: z.array(z.enum(gongzhiFeatureKeys as [GongzhiFeature, ...GongzhiFeature[]])).optional(),
});

/** A record file: groups of entries of one source and year, in the seed's order. */
const recordFile = z.array(z.strictObject({ source: z.enum(practiceSources), year: z.number().int(), entries: z.array(practiceEntry) }));

/** The records of a file in records/ (JSON: the texts are data), checked against the vocabulary. */
export function readRecordFile(name: string): PracticeRecord[] {
  const groups = recordFile.parse(JSON.parse(fs.readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')));
  return groups.flatMap(({ source, year, entries }) =>
    entries.map((e) => {
      const features = new Set<GongzhiFeature>([...e.themes.flatMap((t) => featuresOfTheme[t]), ...(e.also ?? [])]);
      return {
        id: `${source.replaceAll('_', '-')}-${e.slug ?? e.divisionCode ?? String(e.seq)}`,
        source,
        year,
        seq: e.seq,
        title: e.title,
        titleEn: e.titleEn,
        placeName: e.placeName,
        divisionCode: e.divisionCode,
        submitter: e.submitter ?? null,
        themes: e.themes,
        summary: e.summary,
        summaryEn: e.summaryEn,
        features: [...features],
      };
    }),
  );
}
