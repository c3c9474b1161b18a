// The practice library's contract: the vocabularies (contract/vocabulary.ts) and the zod schema
// of every request and response. The web imports it.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../platform/paging.ts';

export * from './contract/vocabulary.ts';
import { gongzhiFeatureKeys, practiceSources, practiceThemes, divisionCodePattern, type GongzhiFeature } from './contract/vocabulary.ts';

const themeList = z.array(z.enum(practiceThemes)).min(1).max(6);
const featureList = z.array(z.enum(gongzhiFeatureKeys as [GongzhiFeature, ...GongzhiFeature[]])).max(12);

export const practiceFilter = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  source: z.enum(practiceSources).optional(),
  theme: z.enum(practiceThemes).optional(),
  /** A division code: the practices at or below it (110000 a province, 110100 a city, 110108 a district). */
  division: z.string().regex(divisionCodePattern, '行政区划代码为 6 位数字').optional(),
  /** Words in the title, summary or place. */
  q: z.string().trim().max(50).optional(),
});
export type PracticeFilter = z.infer<typeof practiceFilter>;

export const practiceListQuery = practiceFilter.extend(pageQuery);
export type PracticeListQuery = z.infer<typeof practiceListQuery>;

export const practiceView = z.object({
  id: z.string(),
  source: z.enum(practiceSources),
  year: z.number().int(),
  seq: z.number().int(),
  title: z.string(),
  titleEn: z.string(),
  placeName: z.string(),
  divisionCode: z.string().nullable(),
  provinceCode: z.string().nullable(),
  provinceName: z.string().nullable(),
  submitter: z.string().nullable(),
  themes: z.array(z.enum(practiceThemes)),
  summary: z.string(),
  summaryEn: z.string(),
  features: z.array(z.enum(gongzhiFeatureKeys as [GongzhiFeature, ...GongzhiFeature[]])),
  /** Shipped with Gongzhi (from the seed documents), or added by staff. */
  isShipped: z.boolean(),
  /** Where the map places it: the division's centroid, or its city's or province's; null without a place. */
  lng: z.number().nullable(),
  lat: z.number().nullable(),
  version: z.number().int(),
  updatedAt: z.date(),
});
export type PracticeView = z.infer<typeof practiceView>;

export const practicePage = pageOf(practiceView);
export type PracticePage = z.infer<typeof practicePage>;

export const practiceIdParams = z.object({ id: z.string().min(1).max(80) });

const facetCount = z.object({ key: z.string(), label: z.string().nullable(), count: z.number().int() });
export const practiceFacets = z.object({
  total: z.number().int(),
  years: z.array(facetCount),
  sources: z.array(facetCount),
  themes: z.array(facetCount),
  provinces: z.array(facetCount),
});
export type PracticeFacets = z.infer<typeof practiceFacets>;

export const practicePoint = z.object({
  id: z.string(),
  title: z.string(),
  year: z.number().int(),
  source: z.enum(practiceSources),
  placeName: z.string(),
  lng: z.number(),
  lat: z.number(),
});
export type PracticePoint = z.infer<typeof practicePoint>;
export const practicePoints = z.object({ points: z.array(practicePoint), unplaced: z.number().int() });
export type PracticePoints = z.infer<typeof practicePoints>;

/** Staff edit a practice's feature links and themes (optimistic concurrency on `version`). */
export const updatePracticeBody = z.object({
  version: z.number().int().min(1),
  features: featureList,
  themes: themeList.optional(),
});
export type UpdatePracticeBody = z.infer<typeof updatePracticeBody>;

/** A local practice staff add for a node of their own org tree. */
export const createPracticeBody = z.object({
  title: z.string().trim().min(2).max(80),
  titleEn: z.string().trim().max(160).default(''),
  year: z.number().int().min(2000).max(2100),
  /** An org unit of the tree (district, street or community) within the caller's scope. */
  orgCode: z.string().trim().min(6).max(20),
  submitter: z.string().trim().max(80).nullable().default(null),
  themes: themeList,
  summary: z.string().trim().min(10).max(600),
  summaryEn: z.string().trim().max(400).default(''),
  features: featureList.default([]),
});
export type CreatePracticeBody = z.input<typeof createPracticeBody>;
export type CreatePracticeInput = z.output<typeof createPracticeBody>;
