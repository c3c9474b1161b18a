import { Tag } from 'antd';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { facilitiesApi, type FacilityKind, type LifeCircleLevel } from '../api.ts';

const levelColors: Record<LifeCircleLevel, string> = { '15min': 'geekblue', '10min': 'cyan', '5min': 'green', block: 'gold' };

/** A life-circle level as a coloured tag. */
export function LevelTag({ level }: { level: LifeCircleLevel }) {
  const { t } = useI18n();
  return <Tag color={levelColors[level]}>{t(`facilities.level.${level}`)}</Tag>;
}

// Ten distinct colours for facility kinds on maps, assigned by the kind's place in the table.
const palette = ['#1a4f9c', '#d4380d', '#389e0d', '#722ed1', '#d48806', '#08979c', '#c41d7f', '#7cb305', '#531dab', '#595959'];

/** A kind's map colour: stable while the standard table keeps its order. */
export function kindColor(kinds: readonly FacilityKind[], code: string): string {
  const index = kinds.findIndex((k) => k.code === code);
  return palette[(index < 0 ? kinds.length : index) % palette.length] ?? '#595959';
}

// One empty list while the table loads, so memos and effects keyed on it stay put.
const noKinds: FacilityKind[] = [];

/** A kind's name in the UI's language (its code when the table does not know it). */
export function kindName(kinds: readonly FacilityKind[], code: string, locale: string): string {
  const kind = kinds.find((k) => k.code === code);
  if (!kind) return code;
  return locale === 'zh-CN' ? kind.name : kind.nameEn;
}

/** The standard table (kinds change rarely: kept for a minute) and a kind's name in the UI's language. */
export function useKinds() {
  const { locale } = useI18n();
  const query = useApiQuery(['facilities', 'kinds'], (signal) => facilitiesApi.kinds(signal), { staleTime: 60_000 });
  const kinds = query.data ?? noKinds;
  return { query, kinds, locale, nameOf: (code: string) => kindName(kinds, code, locale) };
}

/** Metres as "850 米" or "1.2 公里". */
export function useDistanceText(): (meters: number) => string {
  const { t } = useI18n();
  return (meters) => (meters >= 1000 ? t('facilities.portal.km', { n: (meters / 1000).toFixed(1) }) : t('facilities.portal.m', { n: Math.round(meters) }));
}

/** A 0–1 share as "87.5%", or — when nobody counts. */
export function shareText(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}
