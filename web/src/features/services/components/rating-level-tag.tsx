import { Tag } from 'antd';
import { useI18n } from '../../../platform/i18n/index.tsx';

const colours: Record<number, string> = { 5: 'green', 4: 'green', 3: 'blue', 2: 'orange', 1: 'red' };

/** A rating's level (非常满意 … 非常不满意) as a coloured tag. */
export function RatingLevelTag({ level }: { level: number }) {
  const { t } = useI18n();
  const key = `services.rating.level.${Math.min(5, Math.max(1, level)) as 1 | 2 | 3 | 4 | 5}` as const;
  return <Tag color={colours[level]}>{t(key)}</Tag>;
}
