import { Tag } from 'antd';
import { useI18n, type Translate } from '../../../platform/i18n/index.tsx';
import { isDuty, isGridKind, type GridKind } from '../api.ts';

/** Fill colours of the grid kinds on the map and in the legend. */
export const gridKindColors: Record<GridKind, string> = {
  community: '#2f6fde',
  key_unit: '#e8590c',
  road: '#2b9348',
};

// The tags' preset colours, of the map's hues: their text meets 4.5:1 where the map's fills would not.
const gridKindTagColors: Record<GridKind, string> = { community: 'blue', key_unit: 'orange', road: 'green' };

export function dutyLabel(t: Translate, duty: string): string {
  return isDuty(duty) ? t(`duty.${duty}`) : duty;
}

export function gridKindLabel(t: Translate, kind: string): string {
  return isGridKind(kind) ? t(`gridKind.${kind}`) : kind;
}

export function GridKindTag({ kind }: { kind: string }) {
  const { t } = useI18n();
  const color = isGridKind(kind) ? gridKindTagColors[kind] : undefined;
  return (
    <Tag color={color} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {gridKindLabel(t, kind)}
    </Tag>
  );
}

export function DutyTag({ duty }: { duty: string }) {
  const { t } = useI18n();
  const color = duty === 'grid_leader' ? 'red' : duty === 'police' ? 'blue' : duty === 'volunteer' ? 'green' : 'default';
  return <Tag color={color}>{dutyLabel(t, duty)}</Tag>;
}
