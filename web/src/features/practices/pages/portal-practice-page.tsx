import { Card, Descriptions, Flex, Result, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { practicesApi } from '../api.ts';
import { LibraryFrame } from '../components/frame.tsx';
import { FeatureLinks, SourceTag, ThemeTags } from '../components/labels.tsx';

/** /portal/practices/:id: one practice, where it is, what it is, and where Gongzhi does it. */
export function PracticePage() {
  const { t, locale } = useI18n();
  const id = useParams().id ?? '';
  const practice = useApiQuery(['practices', 'one', id], (signal) => practicesApi.get(id, signal));
  const p = practice.data;
  return (
    <LibraryFrame back="/portal/practices">
      <Card style={{ marginTop: 40 }} data-testid="practice-detail">
        {practice.isLoading && <Skeleton active />}
        {practice.error?.code === 'NOT_FOUND' && <Result status="404" title={t('practices.notFound')} />}
        {practice.error && practice.error.code !== 'NOT_FOUND' && <ErrorAlert error={practice.error} onRetry={() => void practice.refetch()} />}
        {p && (
          <Flex vertical gap={12}>
            <Flex gap={8} align="center" wrap>
              <SourceTag source={p.source} />
              <Typography.Text type="secondary">{p.year}</Typography.Text>
            </Flex>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="practice-title">
              {p.title}
            </Typography.Title>
            {locale === 'en-US' && <Typography.Text type="secondary">{p.titleEn}</Typography.Text>}
            <Typography.Paragraph style={{ fontSize: 15, margin: 0 }}>{locale === 'en-US' ? p.summaryEn : p.summary}</Typography.Paragraph>
            <ThemeTags themes={p.themes} />
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'place', label: t('practices.place'), children: p.placeName },
                { key: 'code', label: t('practices.divisionCode'), children: p.divisionCode ?? '—' },
                { key: 'province', label: t('practices.province'), children: p.provinceName ?? '—' },
                { key: 'submitter', label: t('practices.submitter'), children: p.submitter ?? '—' },
              ]}
            />
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('practices.features')}
            </Typography.Title>
            <FeatureLinks features={p.features} />
          </Flex>
        )}
      </Card>
    </LibraryFrame>
  );
}
