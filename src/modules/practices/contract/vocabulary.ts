// The practice library's vocabularies: sources, themes, the Gongzhi features a practice links
// to, and the shape of a shipped record. Plain data, no zod, so the web's message files can read
// them without pulling the schema library into the first chunk.

/** Where a practice is recorded: the Ministry of Civil Affairs' lists, the case studies, or added locally. */
export const practiceSources = ['top_ten_2013', 'nominee_2013', 'top_ten_2014', 'nominee_2014', 'zone_2015', 'zone_2019', 'case_study', 'local'] as const;
export type PracticeSource = (typeof practiceSources)[number];

/** The themes a practice is filed under (a small controlled vocabulary; labels in the i18n files). */
export const practiceThemes = [
  'grid_management',
  'consultation',
  'three_social',
  'public_service',
  'burden_reduction',
  'self_governance',
  'smart_community',
  'rule_of_law',
  'party_building',
  'social_organisations',
  'volunteering',
  'purchased_services',
  'classification',
  'service_circle',
  'evaluation',
  'needs_discovery',
  'community_funds',
  'rural_community',
  'workforce',
] as const;
export type PracticeTheme = (typeof practiceThemes)[number];

type Label = { readonly zh: string; readonly en: string };

/** The names of the sources (the web's i18n files and the server's export read them). */
export const practiceSourceLabels: Record<PracticeSource, Label> = {
  top_ten_2013: { zh: '2013年度十大创新成果', en: 'Top ten of 2013' },
  nominee_2013: { zh: '2013年度提名成果', en: 'Nominee of 2013' },
  top_ten_2014: { zh: '2014年度十大创新成果', en: 'Top ten of 2014' },
  nominee_2014: { zh: '2014年度提名成果', en: 'Nominee of 2014' },
  zone_2015: { zh: '2015年确认的实验区', en: 'Experimental zone of 2015' },
  zone_2019: { zh: '2019年确认的实验区', en: 'Experimental zone of 2019' },
  case_study: { zh: '案例研究', en: 'Case study' },
  local: { zh: '本地实践', en: 'Local practice' },
};

/** The names of the themes. */
export const practiceThemeLabels: Record<PracticeTheme, Label> = {
  grid_management: { zh: '网格化管理', en: 'Grid management' },
  consultation: { zh: '社区协商', en: 'Consultation' },
  three_social: { zh: '三社联动', en: 'Joint social work' },
  public_service: { zh: '公共服务', en: 'Public services' },
  burden_reduction: { zh: '减负增效', en: 'Lighter burdens' },
  self_governance: { zh: '居民自治', en: 'Self-governance' },
  smart_community: { zh: '智慧社区', en: 'Smart community' },
  rule_of_law: { zh: '法治', en: 'Rule of law' },
  party_building: { zh: '党建引领', en: 'Party building' },
  social_organisations: { zh: '社会组织', en: 'Social organisations' },
  volunteering: { zh: '志愿服务', en: 'Volunteering' },
  purchased_services: { zh: '政府购买服务', en: 'Purchased services' },
  classification: { zh: '分类治理', en: 'Governing by type' },
  service_circle: { zh: '生活服务圈', en: 'Service circles' },
  evaluation: { zh: '考核评价', en: 'Evaluation' },
  needs_discovery: { zh: '需求发现', en: 'Finding needs' },
  community_funds: { zh: '社区基金', en: 'Community funds' },
  rural_community: { zh: '农村社区', en: 'Rural communities' },
  workforce: { zh: '社区工作者队伍', en: 'Community workforce' },
};

/** The Gongzhi features a practice may link to: a console page that exists, or a module still planned. */
export const gongzhiFeatures = {
  org_tree: { path: '/console/org', module: 'org' },
  grid_map: { path: '/console/map', module: 'org' },
  grid_roster: { path: '/console/roster', module: 'org' },
  public_roster: { path: '/portal', module: 'org' },
  cases: { path: '/console/cases', module: 'cases' },
  hotline: { path: '/console/hotline', module: 'cases' },
  supervision: { path: '/console/supervision', module: 'cases' },
  case_indicators: { path: '/console/indicators', module: 'cases' },
  portal_report: { path: '/portal/report', module: 'cases' },
  residents: { path: '/console/registry/residents', module: 'registry' },
  housing: { path: '/console/registry/housing', module: 'registry' },
  key_groups: { path: '/console/registry/key-groups', module: 'registry' },
  ledger_import: { path: '/console/registry/import', module: 'registry' },
  services: { path: null, module: 'services' },
  participation: { path: null, module: 'participation' },
  community: { path: null, module: 'community' },
  assessment: { path: null, module: 'assessment' },
  facilities: { path: null, module: 'facilities' },
} as const satisfies Record<string, { path: string | null; module: string }>;
export type GongzhiFeature = keyof typeof gongzhiFeatures;
export const gongzhiFeatureKeys = Object.keys(gongzhiFeatures) as GongzhiFeature[];

/** A county-level, city or province division code (GB/T 2260). */
export const divisionCodePattern = /^\d{6}$/;

/** One practice as the shipped record files (records/) hold it (without what the database adds). */
export interface PracticeRecord {
  /** A stable slug: source, year and a short name. */
  id: string;
  source: PracticeSource;
  year: number;
  /** Its number in the seed's list (0 where the seed gives none). */
  seq: number;
  /** The Chinese name as the seed gives it. */
  title: string;
  titleEn: string;
  /** The place as the seed names it. */
  placeName: string;
  /** null where the seed names no place. */
  divisionCode: string | null;
  /** Who submitted it, where the seed says. */
  submitter: string | null;
  themes: readonly PracticeTheme[];
  /** Written afresh for Gongzhi, 2–4 sentences. */
  summary: string;
  summaryEn: string;
  features: readonly GongzhiFeature[];
}
