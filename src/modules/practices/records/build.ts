// How the record files state a practice: its themes bring their usual Gongzhi features
// (a table, so a new feature is linked once), and an entry adds any others it needs.
import type { GongzhiFeature, PracticeRecord, PracticeSource, PracticeTheme } from '../contract.ts';

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

export interface PracticeEntry {
  seq: number;
  title: string;
  titleEn: string;
  placeName: string;
  divisionCode: string | null;
  submitter?: string | null;
  themes: readonly PracticeTheme[];
  summary: string;
  summaryEn: string;
  /** Features beyond those of its themes. */
  also?: readonly GongzhiFeature[];
  /** A slug part; the place's code (or the seq) otherwise. */
  slug?: string;
}

/** The records of one source and year, in the seed's order. */
export function practicesOf(source: PracticeSource, year: number, entries: readonly PracticeEntry[]): PracticeRecord[] {
  return entries.map((e) => {
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
  });
}

/** An experimental zone in one line: its number, place, code, theme, themes and summaries. */
export function zone(
  seq: number,
  placeName: string,
  divisionCode: string,
  title: string,
  titleEn: string,
  themes: readonly PracticeTheme[],
  summary: string,
  summaryEn: string,
  also: readonly GongzhiFeature[] = [],
): PracticeEntry {
  return { seq, placeName, divisionCode, title, titleEn, themes, summary, summaryEn, also };
}
