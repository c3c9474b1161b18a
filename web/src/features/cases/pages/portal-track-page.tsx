import { CheckCircleOutlined, FileSearchOutlined, PictureOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Descriptions, Flex, Form, Input, Radio, Result, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { casesApi, type TrackedCase } from '../api.ts';
import { caseRatings, type CaseRating } from '#server/modules/cases/contract.ts';
import { caseActionLabel, CaseStateTag, RatingTag } from '../components/labels.tsx';
import { PortalHero, PortalShell } from '../components/shells.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface TrackForm {
  number: string;
  phone: string;
}

interface RateForm {
  rating: CaseRating;
  text?: string;
  resolved: boolean;
}

/** The public view of a followed case: its steps by unit (no staff names), and the rating form once it is closed. */
export function TrackedCaseView({ tracked, onRate }: { tracked: TrackedCase; onRate?: (values: RateForm) => Promise<void> }) {
  const { t } = useI18n();
  const [saving, setSaving] = useState(false);
  const [rated, setRated] = useState(false);
  return (
    <Card data-testid="tracked-case" data-state={tracked.state}>
      <Flex justify="space-between" align="flex-start" gap={8} wrap>
        <Flex vertical gap={4}>
          <Typography.Text type="secondary" copyable>
            {tracked.number}
          </Typography.Text>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {tracked.title}
          </Typography.Title>
        </Flex>
        <CaseStateTag state={tracked.state} />
      </Flex>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginTop: 12 }}
        items={[
          { key: 'category', label: t('case.field.category'), children: tracked.categoryName },
          { key: 'created', label: t('case.field.createdAt'), children: <DateTime value={tracked.createdAt} /> },
          { key: 'address', label: t('case.field.address'), children: tracked.address || '—' },
          { key: 'unit', label: t('case.portal.handlingUnit'), children: tracked.handlingUnitName ?? '—' },
          ...(tracked.expectedAt ? [{ key: 'expected', label: t('case.portal.expected'), children: <DateTime value={tracked.expectedAt} /> }] : []),
          ...(tracked.rating ? [{ key: 'rating', label: t('case.field.rating'), children: <RatingTag rating={tracked.rating} /> }] : []),
        ]}
      />
      <Typography.Title level={5}>{t('case.portal.progress')}</Typography.Title>
      <Timeline
        data-testid="tracked-steps"
        items={tracked.steps.map((step, i) => ({
          key: i,
          color: i === tracked.steps.length - 1 ? 'blue' : 'gray',
          content: (
            <Flex vertical gap={2} data-testid="tracked-step" data-action={step.action}>
              <Flex gap={8} wrap align="baseline">
                <Typography.Text strong>{caseActionLabel(t, step.action)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <DateTime value={step.at} />
                </Typography.Text>
              </Flex>
              {(step.unitName || step.targetUnitName) && (
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {step.unitName ?? ''}
                  {step.targetUnitName ? ` → ${step.targetUnitName}` : ''}
                </Typography.Text>
              )}
              {step.text && <Typography.Text>{step.text}</Typography.Text>}
              {step.photos > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <PictureOutlined /> {t('case.portal.photosCount', { n: step.photos })}
                </Typography.Text>
              )}
            </Flex>
          ),
        }))}
      />
      {tracked.canRate && onRate && !rated && (
        <Card size="small" type="inner" title={<><SmileOutlined /> {t('case.portal.rateTitle')}</>} data-testid="rate-card">
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('case.act.unsatisfiedHint')} />
          <Form<RateForm>
            layout="vertical"
            initialValues={{ resolved: true }}
            onFinish={async (values) => {
              setSaving(true);
              try {
                await onRate(values);
                setRated(true);
              } finally {
                setSaving(false);
              }
            }}
          >
            <Form.Item name="rating" label={t('case.act.rating')} rules={[{ required: true, message: t('common.required', { field: t('case.act.rating') }) }]}>
              <Radio.Group optionType="button" buttonStyle="solid" size="large" options={caseRatings.map((r) => ({ value: r, label: t(`case.rating.${r}`) }))} data-testid="rate-options" />
            </Form.Item>
            <Form.Item name="resolved" valuePropName="checked">
              <Checkbox>{t('case.act.resolved')}</Checkbox>
            </Form.Item>
            <Form.Item name="text" label={t('case.portal.rateComment')}>
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="rate-text" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} block size="large" data-testid="rate-submit">
              {t('case.portal.rateSubmit')}
            </Button>
          </Form>
        </Card>
      )}
      {rated && <Result status="success" icon={<CheckCircleOutlined />} title={t('case.portal.rated')} data-testid="rate-done" />}
    </Card>
  );
}

/** /portal/track: anyone follows a case by its number and the phone given when reporting (办理过程可查询), and rates it. */
export function CasePortalTrackPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [form] = Form.useForm<TrackForm>();
  const [tracked, setTracked] = useState<TrackedCase | null>(null);
  const [proof, setProof] = useState<TrackForm | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  const track = async (values: TrackForm) => {
    setLoading(true);
    setError(null);
    try {
      const next = { number: values.number.trim().toUpperCase(), phone: values.phone.replace(/\s+/g, '') };
      setTracked(await casesApi.track(next.number, next.phone));
      setProof(next);
    } catch (failure) {
      setTracked(null);
      setError(toApiError(failure));
    } finally {
      setLoading(false);
    }
  };

  const rate = async (values: RateForm) => {
    if (!proof) return;
    try {
      setTracked(await casesApi.rateTracked({ ...proof, rating: values.rating, text: values.text?.trim() || undefined, resolved: values.resolved }));
    } catch (failure) {
      setError(toApiError(failure));
      throw failure;
    }
  };

  return (
    <PortalShell hero={<PortalHero icon={<FileSearchOutlined />} title={t('case.portal.trackTitle')} description={t('case.portal.trackDesc')} />}>
      <Card style={{ marginBottom: 16 }}>
        <Form<TrackForm> form={form} layout="vertical" initialValues={{ number: params.get('number') ?? '' }} onFinish={(values) => void track(values)} data-testid="track-form">
          <Form.Item name="number" label={t('case.portal.number')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('case.portal.number') }) }]}>
            <Input size="large" maxLength={30} placeholder={t('case.portal.numberPlaceholder')} data-testid="track-number" />
          </Form.Item>
          <Form.Item name="phone" label={t('case.portal.phone')} rules={[{ required: true, pattern: /^[\d\s+-]{5,20}$/, message: t('common.required', { field: t('case.portal.phone') }) }]}>
            <Input size="large" inputMode="tel" maxLength={20} placeholder={t('case.portal.phonePlaceholder')} data-testid="track-phone" />
          </Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={loading} data-testid="track-submit">
            {t('case.portal.track')}
          </Button>
        </Form>
      </Card>
      {error && (
        <Alert
          type={error.code === 'CASE_TRACKING_FAILED' ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={error.code === 'CASE_TRACKING_FAILED' ? t('case.portal.trackFailed') : error.message}
          data-testid="track-error"
        />
      )}
      {tracked && <TrackedCaseView key={tracked.number} tracked={tracked} onRate={rate} />}
    </PortalShell>
  );
}
