// 差评整改: every bad rating's record with its 15-working-day deadline; the centre calls the
// rater back and rectifies, or appeals; the district decides appeals.
import { Alert, Button, Flex, Form, Input, Select, Space, Switch, Tag, Typography } from 'antd';
import { useState } from 'react';
import { rectificationStatuses, type RectificationAction } from '#server/modules/services/contract.ts';
import { EnumFilter, FilterBar, ListSearch } from '../../../platform/components/list-filters.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useWrite } from '../../../platform/use-write.ts';
import { UnderFilter } from '../../org/index.ts';
import { centreApi, type Rectification } from '../centre-api.ts';
import { RatingLevelTag } from '../components/rating-level-tag.tsx';

interface ActionForm {
  note: string;
  appealReason?: 'mistaken' | 'malicious';
}

export function RectificationsPage() {
  const { t } = useI18n();
  const [acting, setActing] = useState<{ record: Rectification; action: RectificationAction } | null>(null);
  const [form] = Form.useForm<ActionForm>();
  const write = useWrite();
  const list = useListPage({
    queryKey: ['services', 'rectifications'],
    filters: (params) => ({ status: params.get('status') ?? undefined, under: params.get('under') ?? undefined, overdue: params.get('overdue') ?? undefined, number: params.get('number') ?? undefined }),
    load: (filters, paging, signal) => centreApi.rectifications({ ...filters, ...paging }, signal),
  });
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('services.rect.title')}
      </Typography.Title>
      <Alert type="info" showIcon title={t('services.rect.rule')} />
      <FilterBar>
        <EnumFilter list={list} param="status" values={rectificationStatuses} placeholder={t('services.rect.status')} label={(s) => t(`services.rect.status.${s}`)} width={180} />
        <UnderFilter list={list} placeholder={t('services.centre.under')} width={240} />
        <ListSearch list={list} param="number" placeholder={t('services.rect.number')} aria-label={t('services.rect.number')} style={{ width: 220 }} />
        <Space>
          <Switch checked={list.params.get('overdue') === 'true'} onChange={(on) => list.update({ overdue: on ? 'true' : undefined })} aria-label={t('services.rect.onlyOverdue')} />
          <span>{t('services.rect.onlyOverdue')}</span>
        </Space>
      </FilterBar>
      <ListTable<Rectification>
        list={list}
        data-testid="rectifications-table"
        emptyText={t('services.rect.empty')}
        columns={[
          {
            key: 'rating',
            title: t('services.rect.rating'),
            render: (_, r) => (
              <Flex vertical gap={2}>
                <Space wrap>
                  <RatingLevelTag level={r.rating.level} />
                  <Typography.Text>{r.rating.subjectNumber}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.rating.itemName} · {r.rating.centreName}
                </Typography.Text>
                {r.rating.comment && <Typography.Text>“{r.rating.comment}”</Typography.Text>}
              </Flex>
            ),
          },
          { key: 'status', title: t('services.rect.status'), render: (_, r) => <Tag data-testid="rect-status">{t(`services.rect.status.${r.status}`)}</Tag> },
          {
            key: 'deadline',
            title: t('services.rect.deadline'),
            render: (_, r) => (
              <Space direction="vertical" size={0} data-testid="rect-deadline">
                <DateTime value={r.deadline} />
                {r.isOverdue && <Tag color="red">{t('services.rect.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'progress',
            title: t('services.rect.progress'),
            render: (_, r) => (
              <Flex vertical gap={2} style={{ maxWidth: 320 }}>
                {r.callbackNote && <Typography.Text>{`${t('services.rect.action.callback')}：${r.callbackNote}`}</Typography.Text>}
                {r.rectificationNote && <Typography.Text>{`${t('services.rect.action.rectify')}：${r.rectificationNote}`}</Typography.Text>}
                {r.appealNote && <Typography.Text>{`${t('services.rect.action.appeal')}：${r.appealNote}`}</Typography.Text>}
                {r.appealDecisionNote && <Typography.Text type="secondary">{r.appealDecisionNote}</Typography.Text>}
              </Flex>
            ),
          },
          {
            key: 'actions',
            title: '',
            render: (_, r) => (
              <Space wrap>
                {r.allowedActions.map((action) => (
                  <Button key={action} size="small" onClick={() => setActing({ record: r, action })} data-testid={`rect-${action}`}>
                    {t(`services.rect.action.${action}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <FormModal<ActionForm>
        title={acting ? t(`services.rect.action.${acting.action}`) : ''}
        open={acting !== null}
        onClose={() => setActing(null)}
        form={form}
        testId="rect-action-modal"
        onSubmit={(values) =>
          acting
            ? write.run(() => centreApi.actOnRectification(acting.record.id, { action: acting.action, version: acting.record.version, note: values.note, appealReason: values.appealReason }), {
                success: t('services.rect.done'),
                invalidates: ['services'],
                form,
                then: () => setActing(null),
              })
            : Promise.resolve()
        }
      >
        {acting?.action === 'appeal' && (
          <Form.Item name="appealReason" label={t('services.rect.appealReason')} rules={[{ required: true }]}>
            <Select options={(['mistaken', 'malicious'] as const).map((v) => ({ value: v, label: t(`services.rect.appealReason.${v}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('services.centre.note')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
