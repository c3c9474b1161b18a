import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { useParams } from 'react-router';
import { useCaseActions } from '../components/action-buttons.tsx';
import { CaseStateTag, DeadlineTag, SupervisionTag, UrgencyTag } from '../components/labels.tsx';
import { CasePhotos } from '../components/photos.tsx';
import { useCaseRecord } from '../components/record.tsx';
import { MobileShell } from '../components/shells.tsx';
import { CaseTimeline } from '../components/timeline.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

/** /m/cases/:id: one task on the phone — what, where, the photos, what to do now (verify on site, feedback…), and the record. */
export function CaseMobileCasePage() {
  const { t } = useI18n();
  const { id } = useParams();
  const record = useCaseRecord(id);
  const detail = record.detail;
  const { buttons, modal } = useCaseActions({ detail, onDone: record.setFresh, onReload: record.reload, mobile: true });

  if (record.error && !detail) {
    return (
      <MobileShell title={t('case.m.caseTitle')} back="/m">
        {record.error.code === 'NOT_FOUND' || record.error.code === 'OUT_OF_SCOPE' ? (
          <Result status="404" title={t('case.detail.notFound')} />
        ) : (
          <ErrorAlert error={record.error} onRetry={record.reload} />
        )}
      </MobileShell>
    );
  }
  if (!detail) {
    return (
      <MobileShell title={t('case.m.caseTitle')} back="/m">
        <Card>
          <Skeleton active />
        </Card>
      </MobileShell>
    );
  }

  const verifying = detail.allowedActions.some((a) => a.action === 'verify_pass');
  return (
    <MobileShell title={t('case.m.caseTitle')} back="/m">
      <Flex vertical gap={12} data-testid="case-detail" data-case={detail.number} data-version={detail.version}>
        <Card size="small">
          <Flex justify="space-between" align="flex-start" gap={8}>
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Typography.Text type="secondary" copyable style={{ fontSize: 12 }} data-testid="case-number">
                {detail.number}
              </Typography.Text>
              <Typography.Text strong style={{ fontSize: 16 }}>
                {detail.title}
              </Typography.Text>
              <Flex gap={4} wrap>
                <CaseStateTag state={detail.state} />
                <UrgencyTag urgency={detail.urgency} />
                <SupervisionTag level={detail.supervisionLevel} />
              </Flex>
            </Flex>
            <DeadlineTag sla={detail.sla} />
          </Flex>
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 4, whiteSpace: 'pre-wrap' }}>{detail.description}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            <EnvironmentOutlined /> {detail.communityName ?? ''} {detail.address}
            {detail.lng !== null && detail.lat !== null && (
              <a href={`geo:${detail.lat},${detail.lng}`} style={{ marginInlineStart: 6 }}>
                {detail.lng.toFixed(5)}, {detail.lat.toFixed(5)}
              </a>
            )}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
            {detail.className} / {detail.categoryName}
            {detail.handlingUnitName ? ` · ${t('case.m.handlingUnit', { unit: detail.handlingUnitName })}` : ''}
          </Typography.Paragraph>
          {detail.attachments.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <CasePhotos ids={detail.attachments.map((a) => a.id)} attachments={detail.attachments} size={72} />
            </div>
          )}
        </Card>
        {buttons.length > 0 && (
          <Card size="small" data-testid="case-actions">
            {verifying && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('case.m.verifyHint')} />}
            <Flex vertical gap={8}>
              {buttons}
            </Flex>
          </Card>
        )}
        <Card size="small" title={t('case.detail.timeline')}>
          <CaseTimeline entries={detail.timeline} attachments={detail.attachments} compact />
        </Card>
      </Flex>
      {modal}
    </MobileShell>
  );
}
