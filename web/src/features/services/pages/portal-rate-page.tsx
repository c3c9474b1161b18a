// /portal/services/rate: the applicant rates a delivered application (好差评) by its number and
// phone, no account; a 不满意 rating tells them it will be called back and rectified by a date.
import { LikeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Radio, Rate, Result, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ratingDimensions, ratingLevels, type RatingChannel } from '#server/modules/services/contract.ts';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { CentrePortalFrame } from '../components/centre-portal-frame.tsx';
import { centreApi, type RatingReceipt } from '../centre-api.ts';

interface RateForm {
  number: string;
  phone: string;
  channel: RatingChannel;
  level: 1 | 2 | 3 | 4 | 5;
  dimensions: Record<string, number>;
  comment?: string;
}

export function PortalRatePage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const [form] = Form.useForm<RateForm>();
  const [receipt, setReceipt] = useState<RatingReceipt | null>(null);
  const action = useAction();
  const channel = Form.useWatch('channel', form) ?? 'online';
  const submit = (v: RateForm) =>
    void action.run(async () => {
      const dimensions = Object.fromEntries(ratingDimensions[v.channel].map((d) => [d, v.dimensions?.[d] ?? v.level])) as Record<string, 1 | 2 | 3 | 4 | 5>;
      setReceipt(await centreApi.rateApplication(v.number.trim().toUpperCase(), { phone: v.phone.trim(), channel: v.channel, level: v.level, dimensions, comment: v.comment?.trim() ?? '' }));
    }, form);
  return (
    <CentrePortalFrame icon={<LikeOutlined />} title={t('services.rate.title')} intro={t('services.rate.intro')}>
      <Card>
        {receipt ? (
          <Result
            status="success"
            title={t('services.rate.thanks')}
            subTitle={
              receipt.rectificationDeadline ? (
                <span data-testid="rate-rectification">
                  {t('services.rate.rectification')} <DateTime value={receipt.rectificationDeadline} />
                </span>
              ) : undefined
            }
          />
        ) : (
          <Form<RateForm> form={form} layout="vertical" initialValues={{ number: params.get('number') ?? '', channel: 'online', level: 5 }} onFinish={submit} data-testid="rate-form">
            <Form.Item name="number" label={t('services.rate.number')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item name="phone" label={t('services.book.phone')} rules={[{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('services.book.phone') }]}>
              <Input maxLength={11} inputMode="tel" />
            </Form.Item>
            <Form.Item name="channel" label={t('services.rate.channel')}>
              <Radio.Group options={(['online', 'counter'] as const).map((c) => ({ value: c, label: t(`services.rating.channel.${c}`) }))} />
            </Form.Item>
            <Form.Item name="level" label={t('services.rate.overall')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={ratingLevels.map((l) => ({ value: l, label: t(`services.rating.level.${l}`) }))} />
            </Form.Item>
            <Typography.Text type="secondary">{t('services.rate.dimensions')}</Typography.Text>
            <Flex vertical gap={4} style={{ margin: '8px 0 16px' }}>
              {ratingDimensions[channel].map((d) => (
                <Flex key={d} align="center" gap={12} wrap>
                  <span style={{ minWidth: 120 }}>{t(`services.rating.dimension.${d}`)}</span>
                  <Form.Item name={['dimensions', d]} noStyle>
                    <Rate aria-label={t(`services.rating.dimension.${d}`)} />
                  </Form.Item>
                </Flex>
              ))}
            </Flex>
            <Form.Item name="comment" label={t('services.ratings.comment')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('services.rate.promise')} />
            <Button type="primary" htmlType="submit" loading={action.busy} block>
              {t('services.rate.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </CentrePortalFrame>
  );
}
