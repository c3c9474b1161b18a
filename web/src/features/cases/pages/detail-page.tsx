import { ArrowLeftOutlined, EnvironmentOutlined, FileTextOutlined, HistoryOutlined, PaperClipOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Input, Result, Row, Skeleton, Space, Spin, Tag, Typography, type DescriptionsProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { platformApi, toApiError } from '../../../platform/api-client.ts';
import { orgApi } from '../../org/index.ts';
import { casesApi } from '../api.ts';
import { useCaseActions } from '../components/action-buttons.tsx';
import { CaseStateTag, DeadlineTag, MatterTag, RatingTag, SupervisionTag, UrgencyTag, workingTimeLabel } from '../components/labels.tsx';
import { CasePhotos } from '../components/photos.tsx';
import { useCaseRecord } from '../components/record.tsx';
import { CaseTimeline } from '../components/timeline.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

// MapLibre is large: the case map is its own chunk, fetched when a case page opens.
const CasePointMap = lazy(() => import('../components/map.tsx').then((m) => ({ default: m.CasePointMap })));

/** 案件详情: header with number, state and time limit; record; map; photos; the whole timeline; the actions I may take. */
export function CaseDetailPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const reportError = useReportError();
  const record = useCaseRecord(id);
  const detail = record.detail;
  const { buttons, modal } = useCaseActions({ detail, onDone: record.setFresh, onReload: record.reload });
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const gridCode = detail?.gridCode;
  // Departments may not read the grid layer: the map then shows the point alone.
  const grid = useApiQuery(['org', 'grid', 'grid', gridCode], gridCode ? (signal) => orgApi.grid(gridCode, signal).catch(() => null) : null);

  if (record.error && !detail) {
    const missing = record.error.code === 'NOT_FOUND' || record.error.code === 'OUT_OF_SCOPE';
    return missing ? (
      <Result
        status="404"
        title={t('case.detail.notFound')}
        extra={
          <Button type="primary" onClick={() => void navigate('/console/cases')}>
            {t('case.detail.backToList')}
          </Button>
        }
      />
    ) : (
      <ErrorAlert error={record.error} onRetry={record.reload} />
    );
  }
  if (!detail) {
    return (
      <Card title={t('case.detail.loadingTitle')}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }

  const sendComment = async () => {
    if (!comment.trim()) return;
    setSending(true);
    try {
      record.setFresh(await casesApi.act(detail.id, { action: 'comment', text: comment.trim(), version: detail.version }));
      setComment('');
      void message.success(t('case.detail.commentSent'));
    } catch (error) {
      const apiError = toApiError(error);
      reportError(apiError);
      if (apiError.code === 'VERSION_CONFLICT') record.reload();
    } finally {
      setSending(false);
    }
  };

  const point = detail.lng !== null && detail.lat !== null ? { lng: detail.lng, lat: detail.lat } : null;
  const dash = <Typography.Text type="secondary">—</Typography.Text>;
  const info: DescriptionsProps['items'] = [
    { key: 'category', label: t('case.field.category'), children: `${detail.className} / ${detail.categoryName}` },
    { key: 'matter', label: t('case.field.matterClass'), children: <MatterTag matter={detail.matterClass} /> },
    { key: 'source', label: t('case.field.source'), children: t(`case.source.${detail.source}`) },
    { key: 'tier', label: t('case.field.tier'), children: t(`case.tier.${detail.tier}`) },
    { key: 'urgency', label: t('case.field.urgency'), children: t(`case.urgency.${detail.urgency}`) },
    { key: 'created', label: t('case.field.createdAt'), children: <DateTime value={detail.createdAt} /> },
    {
      key: 'reporter',
      label: t('case.field.reporter'),
      children: detail.reporter ? (
        <Space size={4} wrap>
          <span>{detail.reporter.name ?? dash}</span>
          {detail.reporter.phone && <Typography.Text copyable>{detail.reporter.phone}</Typography.Text>}
        </Space>
      ) : detail.reporterHidden ? (
        <Typography.Text type="secondary">{t('case.field.reporterHidden')}</Typography.Text>
      ) : (
        dash
      ),
    },
    { key: 'dispatcher', label: t('case.field.dispatcher'), children: detail.dispatcherUnitName ?? dash },
    {
      key: 'handling',
      label: t('case.field.handlingUnit'),
      children: detail.handlingUnitName ? (
        <Space size={4} wrap>
          <span>{detail.handlingUnitName}</span>
          {detail.coUnits.length > 0 && (
            <Typography.Text type="secondary">
              {t('case.timeline.co', { units: detail.coUnits.map((u) => u.name).join('、') })}
            </Typography.Text>
          )}
        </Space>
      ) : (
        dash
      ),
    },
    {
      key: 'counts',
      label: t('case.field.counts'),
      children: `${detail.reopenCount} / ${detail.reworkCount} / ${detail.extensionCount}`,
    },
    ...(detail.pendingExtension
      ? [{ key: 'pending', label: t('case.field.pendingExtension'), children: <Tag color="orange">{workingTimeLabel(t, detail.pendingExtension)}</Tag> }]
      : []),
    ...(detail.closedAt ? [{ key: 'closed', label: t('case.field.closedAt'), children: <DateTime value={detail.closedAt} /> }] : []),
    ...(detail.rating
      ? [
          {
            key: 'rating',
            label: t('case.field.rating'),
            children: (
              <Space size={4}>
                <RatingTag rating={detail.rating} />
                {detail.resolved !== null && (
                  <Typography.Text type="secondary">
                    {t('case.detail.resolved', { answer: detail.resolved ? t('case.common.yes') : t('case.common.no') })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
        ]
      : []),
    ...(detail.peopleInvolved !== null ? [{ key: 'people', label: t('case.field.peopleInvolved'), children: detail.peopleInvolved }] : []),
    ...(detail.amountInvolved !== null ? [{ key: 'amount', label: t('case.field.amountInvolved'), children: detail.amountInvolved.toLocaleString() }] : []),
    ...(Object.keys(detail.attributes).length > 0
      ? [
          {
            key: 'attributes',
            label: t('case.field.attributes'),
            span: 2,
            children: Object.entries(detail.attributes)
              .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('、') : v}`)
              .join('；'),
          },
        ]
      : []),
    ...(detail.parent
      ? [{ key: 'parent', label: t('case.field.parent'), span: 2, children: <Link to={`/console/cases/${detail.parent.id}`}>{`${detail.parent.number} ${detail.parent.title}`}</Link> }]
      : []),
    ...(detail.mergedCases.length > 0
      ? [
          {
            key: 'merged',
            label: t('case.field.mergedCases'),
            span: 2,
            children: (
              <Flex vertical gap={2}>
                {detail.mergedCases.map((c) => (
                  <Link key={c.id} to={`/console/cases/${c.id}`}>{`${c.number} ${c.title}`}</Link>
                ))}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="case-detail" data-case={detail.number} data-version={detail.version}>
      <Card size="small">
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <Flex vertical gap={6} style={{ minWidth: 0, flex: 1 }}>
            <Flex align="center" gap={8} wrap>
              <Button type="text" size="small" icon={<ArrowLeftOutlined />} onClick={() => void navigate(-1)} aria-label={t('case.common.back')} />
              <Typography.Text copyable strong style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace', fontSize: 15 }} data-testid="case-number">
                {detail.number}
              </Typography.Text>
              <CaseStateTag state={detail.state} />
              <Tag style={{ marginInlineEnd: 0 }}>{t(`case.tierShort.${detail.tier}`)}</Tag>
              <UrgencyTag urgency={detail.urgency} />
              <SupervisionTag level={detail.supervisionLevel} />
              {detail.reworkCount > 0 && <Tag color="volcano">{t('case.detail.reworks', { n: detail.reworkCount })}</Tag>}
            </Flex>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {detail.title}
            </Typography.Title>
            <Typography.Text type="secondary">
              {detail.streetName ?? ''} {detail.communityName ?? ''} · {detail.address || '—'}
            </Typography.Text>
          </Flex>
          <Flex vertical align="flex-end" gap={6}>
            <DeadlineTag sla={detail.sla} />
            {detail.sla.deadlineAt && detail.sla.stage && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`case.stage.${detail.sla.stage}`)} · <DateTime value={detail.sla.deadlineAt} />
              </Typography.Text>
            )}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('case.detail.version', { n: detail.version })}
            </Typography.Text>
          </Flex>
        </Flex>
        <Flex align="center" gap={8} wrap style={{ marginTop: 12, paddingTop: 12, borderTop: '1px solid #f0f0f0' }} data-testid="case-actions">
          <Typography.Text type="secondary">{t('case.detail.actions')}</Typography.Text>
          {buttons.length === 0 && <Typography.Text type="secondary">{t('case.detail.noActions')}</Typography.Text>}
          {buttons}
          <div style={{ flex: 1 }} />
          <Button icon={<ReloadOutlined />} onClick={record.reload} loading={record.loading}>
            {t('case.common.refresh')}
          </Button>
        </Flex>
      </Card>
      {record.error && <ErrorAlert error={record.error} onRetry={record.reload} />}

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={<><FileTextOutlined /> {t('case.detail.info')}</>}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="case-description">
                {detail.description}
              </Typography.Paragraph>
              <Descriptions size="small" bordered column={{ xs: 1, md: 2 }} items={info} />
            </Card>
            <Card
              size="small"
              title={
                <>
                  <HistoryOutlined /> {t('case.detail.timeline')}
                  <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400, marginInlineStart: 8 }}>
                    {t('case.detail.timelineCount', { n: detail.timeline.length })}
                  </Typography.Text>
                </>
              }
            >
              <div style={{ paddingTop: 8 }}>
                <CaseTimeline entries={detail.timeline} attachments={detail.attachments} />
              </div>
              {detail.allowedActions.some((a) => a.action === 'comment') && (
                <Flex gap={8} align="flex-end">
                  <Input.TextArea
                    value={comment}
                    onChange={(event) => setComment(event.target.value)}
                    placeholder={t('case.detail.commentPlaceholder')}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    maxLength={4000}
                    onPressEnter={(event) => {
                      if (event.ctrlKey || event.metaKey) void sendComment();
                    }}
                    data-testid="case-comment"
                  />
                  <Button icon={<SendOutlined />} onClick={() => void sendComment()} loading={sending} disabled={!comment.trim()}>
                    {t('case.detail.commentSend')}
                  </Button>
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <Card size="small" title={<><EnvironmentOutlined /> {t('case.detail.location')}</>}>
              {mapError ? (
                <Alert type="warning" showIcon title={t('case.detail.mapError', { reason: mapError })} />
              ) : !point && !detail.gridCode ? null : (
                <Suspense fallback={<Flex align="center" justify="center" style={{ height: 280 }}><Spin /></Flex>}>
                  {!config.isFetching && !grid.isFetching && (
                    <CasePointMap point={point} grid={grid.data?.geometry ?? null} tileUrl={config.data?.mapTileUrl ?? null} onError={setMapError} />
                  )}
                </Suspense>
              )}
              <Descriptions
                size="small"
                column={1}
                style={{ marginTop: 12 }}
                items={[
                  { key: 'address', label: t('case.field.address'), children: detail.address || '—' },
                  { key: 'grid', label: t('case.field.grid'), children: detail.gridName ? `${detail.gridName}（${detail.gridCode}）` : '—' },
                  { key: 'community', label: t('case.field.community'), children: detail.communityName ?? '—' },
                  { key: 'street', label: t('case.field.street'), children: detail.streetName ?? '—' },
                  ...(point ? [{ key: 'point', label: 'GPS', children: `${point.lng.toFixed(6)}, ${point.lat.toFixed(6)}` }] : []),
                ]}
              />
              {!point && <Typography.Text type="secondary">{t('case.detail.noLocation')}</Typography.Text>}
            </Card>
            <Card size="small" title={<><PaperClipOutlined /> {t('case.common.attachments')}</>}>
              {detail.attachments.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.common.noPhotos')} />
              ) : (
                <CasePhotos ids={detail.attachments.map((a) => a.id)} attachments={detail.attachments} />
              )}
            </Card>
          </Flex>
        </Col>
      </Row>

      {modal}
    </Flex>
  );
}
