// /m/participation/need?visit=…: a grid worker takes a need down during a visit, in their grid.
import { Button, Card, Flex, Form, Input, Result, Select, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { needClasses, type NeedClass } from '#server/modules/participation/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { MobileHeader } from '../../../platform/components/mobile-header.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { needsApi } from '../api.ts';

interface NeedForm {
  orgCode: string;
  needClass: NeedClass;
  title: string;
  description?: string;
}

export function MobileNeedPage() {
  const t = useT();
  const { me } = useAuth();
  const write = useWrite();
  const [params] = useSearchParams();
  const [saved, setSaved] = useState(false);
  const [form] = Form.useForm<NeedForm>();
  // The worker's grids are the last segment of their grid grants' paths.
  const grids = [...new Set((me?.grants ?? []).filter((g) => g.role === 'grid_worker').map((g) => g.orgPath.split('.').pop() ?? ''))].filter(Boolean);
  const visitId = params.get('visit') ?? undefined;
  return (
    <>
      <MobileHeader title={t('participation.mobile.need')} back={{ to: '/m', label: t('common.backHome') }} />
      <Flex vertical gap={12} style={{ padding: 12 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('participation.mobile.needIntro')}</Typography.Paragraph>
        {saved ? (
          <Result status="success" title={t('participation.mobile.saved')} extra={<Button onClick={() => setSaved(false)}>{t('participation.mobile.need')}</Button>} data-testid="need-saved" />
        ) : (
          <Card>
            <Form
              form={form}
              layout="vertical"
              initialValues={{ orgCode: grids[0], needClass: 'environment' }}
              onFinish={(v) => void write.run(() => needsApi.record({ ...v, channel: 'mobile', ...(visitId ? { visitId } : {}) }), { success: t('participation.mobile.saved'), invalidates: ['participation'], form, then: () => { form.resetFields(); setSaved(true); } })}
            >
              <Form.Item name="orgCode" label={t('participation.mobile.grid')} rules={[{ required: true }]}><Select options={grids.map((g) => ({ value: g, label: g }))} /></Form.Item>
              <Form.Item name="needClass" label={t('participation.needs.class')} rules={[{ required: true }]}><Select options={needClasses.map((c) => ({ value: c, label: t(`participation.needClass.${c}`) }))} /></Form.Item>
              <Form.Item name="title" label={t('participation.needs.titleField')} rules={[{ required: true }]}><Input maxLength={80} /></Form.Item>
              <Form.Item name="description" label={t('participation.needs.description')}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
              <Button type="primary" htmlType="submit" block loading={write.busy}>{t('participation.mobile.need')}</Button>
            </Form>
          </Card>
        )}
      </Flex>
    </>
  );
}
