// Warnings of the area: paged, by state; each acknowledged and closed with a note; exported.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { invalidate } from '../../../platform/query.ts';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { commandApi, type AreaPeriod, type Warning, type WarningState } from '../api.ts';

const stateColours: Record<WarningState, string> = { open: 'red', acknowledged: 'orange', closed: 'default' };

export function WarningsPanel({ area }: { area: AreaPeriod }) {
  const t = useT();
  const { can } = useAuth();
  const [handling, setHandling] = useState<{ warning: Warning; to: 'acknowledge' | 'close' } | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const list = useListPage({
    queryKey: ['command', 'warnings'],
    filters: (params) => ({ under: params.get('under') ?? undefined, state: (params.get('warningState') as WarningState | null) ?? undefined }),
    load: (filters, paging, signal) => commandApi.warnings({ ...filters, ...paging }, signal),
  });
  const state = list.filters.state;
  return (
    <Card
      size="small"
      title={t('command.warn.title')}
      extra={
        <Flex gap={8}>
          <Segmented<WarningState | 'all'>
            size="small"
            value={state ?? 'all'}
            onChange={(v) => list.update({ warningState: v === 'all' ? undefined : v })}
            options={[{ value: 'all', label: '全部' }, ...(['open', 'acknowledged', 'closed'] as const).map((s) => ({ value: s, label: t(`command.warn.state.${s}`) }))]}
          />
          <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadFile(commandApi.exportUrl('warnings', area))} data-testid="command-export-warnings">
            {t('command.export')}
          </Button>
        </Flex>
      }
    >
      <ListTable<Warning>
        list={list}
        size="small"
        data-testid="command-warnings"
        emptyText={t('command.warn.empty')}
        columns={[
          { key: 'at', title: t('command.warn.detectedAt'), render: (_, w) => new Date(w.detectedAt).toLocaleString('zh-CN', { hour12: false }) },
          { key: 'kind', title: t('command.warn.title'), render: (_, w) => <Tag color="volcano">{t(`command.warn.kind.${w.kind}`)}</Tag> },
          { key: 'place', title: t('command.warn.place'), dataIndex: 'placeName' },
          {
            key: 'what',
            title: '',
            render: (_, w) => (
              <>
                <Typography.Text>{w.title}</Typography.Text>
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('command.warn.cases', { n: w.caseIds.length })}
                  {w.caseIds.slice(0, 3).map((id) => (
                    <Link key={id} to={`/console/cases/${id}`} style={{ marginLeft: 6 }}>#{id.slice(0, 6)}</Link>
                  ))}
                </Typography.Text>
                {w.note && <><br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{w.note}</Typography.Text></>}
              </>
            ),
          },
          { key: 'state', title: '', render: (_, w) => <Tag color={stateColours[w.state]}>{t(`command.warn.state.${w.state}`)}</Tag> },
          {
            key: 'act',
            title: '',
            render: (_, w) =>
              can('command.warning.handle') && w.state !== 'closed' ? (
                <Flex gap={4}>
                  {w.state === 'open' && (
                    <Button size="small" onClick={() => setHandling({ warning: w, to: 'acknowledge' })} data-testid="warning-acknowledge">{t('command.warn.acknowledge')}</Button>
                  )}
                  <Button size="small" onClick={() => setHandling({ warning: w, to: 'close' })} data-testid="warning-close">{t('command.warn.close')}</Button>
                </Flex>
              ) : null,
          },
        ]}
      />
      <FormModal<{ note: string }>
        title={handling ? t(handling.to === 'acknowledge' ? 'command.warn.acknowledge' : 'command.warn.close') : ''}
        open={handling !== null}
        onClose={() => setHandling(null)}
        form={form}
        testId="warning-note-modal"
        onSubmit={async ({ note }) => {
          if (!handling) return;
          const { warning, to } = handling;
          await (to === 'acknowledge' ? commandApi.acknowledge(warning.id, note, warning.version) : commandApi.close(warning.id, note, warning.version));
          setHandling(null);
          form.resetFields();
          await invalidate(['command']);
        }}
      >
        <Form.Item name="note" label={t('command.warn.note')} rules={[{ required: true, whitespace: true, message: t('command.warn.noteRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} data-testid="warning-note" />
        </Form.Item>
      </FormModal>
    </Card>
  );
}
