import { Flex, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../platform/i18n/index.tsx';
import { gongzhiFeatures, type GongzhiFeature, type PracticeSource, type PracticeTheme } from '../api.ts';

const sourceColors: Record<PracticeSource, string> = {
  top_ten_2013: 'gold',
  nominee_2013: 'orange',
  top_ten_2014: 'gold',
  nominee_2014: 'orange',
  zone_2015: 'blue',
  zone_2019: 'geekblue',
  case_study: 'purple',
  local: 'green',
};

export function SourceTag({ source }: { source: PracticeSource }) {
  const t = useT();
  return <Tag color={sourceColors[source]}>{t(`practices.source.${source}`)}</Tag>;
}

export function ThemeTags({ themes }: { themes: readonly PracticeTheme[] }) {
  const t = useT();
  return (
    <Flex gap={4} wrap>
      {themes.map((theme) => (
        <Tag key={theme} bordered={false}>
          {t(`practices.theme.${theme}`)}
        </Tag>
      ))}
    </Flex>
  );
}

/** The Gongzhi features of a practice: links into the console, or the name of a planned module. */
export function FeatureLinks({ features }: { features: readonly GongzhiFeature[] }) {
  const t = useT();
  if (features.length === 0) return <Typography.Text type="secondary">{t('practices.featuresEmpty')}</Typography.Text>;
  return (
    <Flex gap={8} wrap data-testid="practice-features">
      {features.map((feature) => {
        const path = gongzhiFeatures[feature].path;
        return path ? (
          <Link key={feature} to={path}>
            <Tag color="blue">{t(`practices.feature.${feature}`)}</Tag>
          </Link>
        ) : (
          <Tag key={feature} color="default">
            {t(`practices.feature.${feature}`)}（{t('practices.planned')}）
          </Tag>
        );
      })}
    </Flex>
  );
}
