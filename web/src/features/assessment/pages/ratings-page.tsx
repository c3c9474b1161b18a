// 下评上: community staff rate the departments that led their community's cases in a half year
// (1–5 with a comment); the mean goes into the departments' assessment.
import { Alert, Button, Empty, Flex, Form, Input, Radio, Select, Skeleton, Table, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useScopeNodes } from '../../org/index.ts';
import { assessmentApi, type RateableUnit } from '../api.ts';

/** This half year and the three before it, newest first (YYYY-01-01 or YYYY-07-01). */
function recentHalves(now = new Date()): string[] {
  let year = now.getFullYear();
  let first = now.getMonth() < 6;
  const out: string[] = [];
  for (let i = 0; i < 4; i++) {
    out.push(`${year}-${first ? '01' : '07'}-01`);
    if (first) year -= 1;
    first = !first;
  }
  return out;
}

export function RatingsPage() {
  const t = useT();
  const scope = useScopeNodes();
  const community = scope.data?.roots.find((n) => n.level === 'community');
  const halves = recentHalves();
  const [periodStart, setPeriodStart] = useState(halves[0] as string);
  const [rating, setRating] = useState<RateableUnit | null>(null);
  const [form] = Form.useForm<{ score: number; comment: string }>();
  const list = useApiQuery(['assessment', 'ratings', community?.code, periodStart], community ? (signal) => assessmentApi.rateable({ community: community.code, periodStart }, signal) : null);
  const halfLabel = (start: string) => t(start.endsWith('-01-01') ? 'assessment.rating.half1' : 'assessment.rating.half2', { year: start.slice(0, 4) });
  return (
    <Flex vertical gap={16} data-testid="ratings-page">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.assessmentRatings')}
          {community ? ` · ${community.name}` : ''}
        </Typography.Title>
        <Select
          aria-label={t('assessment.rating.period')}
          value={periodStart}
          onChange={setPeriodStart}
          options={halves.map((h) => ({ value: h, label: halfLabel(h) }))}
          style={{ width: 180 }}
          data-testid="ratings-period"
        />
      </Flex>
      <Alert type="info" showIcon title={t('assessment.rating.hint')} />
      {!community && !scope.loading && <Alert type="warning" title={t('assessment.rating.noCommunity')} />}
      {list.error && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      {community && !list.data && !list.error && <Skeleton active />}
      {list.data && (
        <Table<RateableUnit>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={list.data.items}
          loading={list.isFetching}
          data-testid="ratings-table"
          locale={{ emptyText: <Empty description={t('assessment.rating.empty')} /> }}
          columns={[
            { key: 'unit', title: t('assessment.rating.unit'), dataIndex: 'name' },
            { key: 'score', title: t('assessment.rating.score'), render: (_, u) => (u.score === null ? '—' : t('assessment.rating.points', { n: u.score })) },
            { key: 'comment', title: t('assessment.rating.comment'), dataIndex: 'comment' },
            { key: 'at', title: t('assessment.rating.ratedAt'), render: (_, u) => (u.ratedAt ? new Date(u.ratedAt).toLocaleString('zh-CN', { hour12: false }) : '—') },
            {
              key: 'act',
              title: '',
              render: (_, u) => (
                <Button size="small" onClick={() => { setRating(u); form.setFieldsValue({ score: u.score ?? undefined, comment: u.comment }); }} data-testid="rating-open">
                  {t(u.score === null ? 'assessment.rating.rate' : 'assessment.rating.rerate')}
                </Button>
              ),
            },
          ]}
        />
      )}
      <FormModal<{ score: number; comment: string }>
        title={rating ? t('assessment.rating.title', { name: rating.name }) : ''}
        open={rating !== null}
        onClose={() => setRating(null)}
        form={form}
        keepMounted
        testId="rating-form"
        onSubmit={async ({ score, comment }) => {
          if (!rating || !community) return;
          await assessmentApi.rate({ community: community.code, unitCode: rating.code, periodStart, score, comment: comment ?? '' });
          setRating(null);
          await invalidate(['assessment', 'ratings']);
        }}
      >
        <Form.Item name="score" label={t('assessment.rating.score')} rules={[{ required: true, type: 'number', min: 1, message: t('assessment.rating.scoreRequired') }]}>
          {/* Named buttons rather than stars: each choice has a name a screen reader says. */}
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="rating-score" options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: t('assessment.rating.points', { n }) }))} />
        </Form.Item>
        <Form.Item name="comment" label={t('assessment.rating.comment')}>
          <Input.TextArea rows={3} maxLength={500} data-testid="rating-comment" />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
