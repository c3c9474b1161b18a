// The message keys of the library's vocabularies (sources, themes, Gongzhi features), built
// from the names the contract holds, so the two languages and the server's export agree.
import { gongzhiFeatures, practiceSourceLabels, practiceThemeLabels, type GongzhiFeature, type PracticeSource, type PracticeTheme } from '#server/modules/practices/contract/vocabulary.ts';

type Lang = 'zh' | 'en';

const featureNames: Record<GongzhiFeature, { zh: string; en: string }> = {
  org_tree: { zh: '组织架构', en: 'Org tree' },
  grid_map: { zh: '网格地图', en: 'Grid map' },
  grid_roster: { zh: '网格人员', en: 'Grid rosters' },
  public_roster: { zh: '网格员公示', en: 'Public roster' },
  cases: { zh: '事件办理', en: 'Cases' },
  hotline: { zh: '热线受理', en: 'Hotline' },
  supervision: { zh: '督办', en: 'Supervision' },
  case_indicators: { zh: '事件指标', en: 'Case indicators' },
  portal_report: { zh: '居民上报', en: 'Resident reports' },
  residents: { zh: '实有人口', en: 'Residents' },
  housing: { zh: '房屋户档', en: 'Houses and households' },
  key_groups: { zh: '重点人群', en: 'Key groups' },
  ledger_import: { zh: '台账导入', en: 'Ledger import' },
  services: { zh: '便民服务', en: 'Services' },
  participation: { zh: '居民参与', en: 'Participation' },
  community: { zh: '三社联动', en: 'Social forces' },
  assessment: { zh: '考核评价', en: 'Assessment' },
  facilities: { zh: '服务设施', en: 'Facilities' },
};

function keyed<P extends string, K extends string>(prefix: P, labels: Record<K, { zh: string; en: string }>, lang: Lang): Record<`${P}.${K}`, string> {
  return Object.fromEntries(Object.entries<{ zh: string; en: string }>(labels).map(([key, label]) => [`${prefix}.${key}`, label[lang]])) as Record<`${P}.${K}`, string>;
}

/** The vocabulary's messages in one language. */
export function vocabularyMessages(lang: Lang) {
  return {
    ...keyed('practices.source', practiceSourceLabels as Record<PracticeSource, { zh: string; en: string }>, lang),
    ...keyed('practices.theme', practiceThemeLabels as Record<PracticeTheme, { zh: string; en: string }>, lang),
    ...keyed('practices.feature', featureNames, lang),
  };
}

/** Whether a feature is a console page already built (else a module still planned). */
export function isBuilt(feature: GongzhiFeature): boolean {
  return gongzhiFeatures[feature].path !== null;
}
