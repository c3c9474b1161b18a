import { ArrowLeftOutlined, FileTextOutlined, HistoryOutlined, PaperClipOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { useCaseActions } from '../components/action-buttons.tsx';
import { CaseStateTag, DeadlineTag, SupervisionTag, UrgencyTag } from '../components/labels.tsx';
import { CasePhotos } from '../components/photos.tsx';
import { useCaseRecord } from '../components/record.tsx';
import { CaseTimeline } from '../components/timeline.tsx';
import { caseInfoItems, CaseLocationCard } from '../components/case-info.tsx';
import { CaseCommentBox } from '../components/comment-box.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** 案件详情: header with number, state and time limit; record; map; photos; the whole timeline; the actions I may take. */
export function CaseDetailPage() {
  const { t } = useI18n();
  const { id } = useParams();
  const navigate = useNavigate();
  const record = useCaseRecord(id);
  const detail = record.detail;
  const { buttons, modal } = useCaseActions({ detail, onDone: record.setFresh, onReload: record.reload });

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

  const info = caseInfoItems(t, detail);

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
                <CaseCommentBox detail={detail} onDone={record.setFresh} onReload={record.reload} />
              )}
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <Flex vertical gap={16}>
            <CaseLocationCard detail={detail} />
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
