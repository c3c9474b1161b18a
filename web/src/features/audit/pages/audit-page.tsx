import { AuditOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { auditApi, type AuditEntry, type AuditQuery } from '../api.ts';
import { useAction } from '../../../platform/use-write.ts';
import { auditActionLabel, AuditResultTag } from '../components/audit-labels.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { ListTable } from '../../../platform/components/list-table.tsx';
import { auditResults, type AuditResult } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface FilterForm {
  actor?: string;
  action?: string;
  result?: AuditResult;
  // Two fields, not antd's RangePicker: the Tab key is trapped in it.
  from?: Dayjs | null;
  to?: Dayjs | null;
}

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

function readFilters(params: URLSearchParams): Filters {
  const result = params.get('result');
  return {
    actor: params.get('actor') ?? undefined,
    action: params.get('action') ?? undefined,
    result: auditResults.find((r) => r === result),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
}

/** 审计日志 (auditor): search the append-only log and verify its hash chain. */
export function AuditPage() {
  const { t } = useI18n();
  const { modal } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const verifying = useAction();
  const list = useListPage({
    queryKey: ['audit', 'audit'],
    filters: readFilters,
    load: (filters, paging, signal) => auditApi.audit({ ...filters, ...paging }, signal),
    pageSizeOptions: [20, 50, 100],
  });
  const { filters } = list;

  const apply = (values: FilterForm) => {
    const { from, to } = values;
    list.update({
      actor: values.actor?.trim() || undefined,
      action: values.action?.trim() || undefined,
      result: values.result,
      from: from ? from.toISOString() : undefined,
      to: to ? to.toISOString() : undefined,
    });
  };

  const verify = () =>
    verifying.run(async () => {
      const result = await auditApi.verifyAudit();
      // What the check rested on: the last checkpoint outside the database, and entries too new to be covered.
      const anchor = (
        <>
          <p>{result.checkpoint ? t('audit.verifyAnchor', { seq: result.checkpoint.seq, at: dayjs(result.checkpoint.at).format('YYYY-MM-DD HH:mm:ss') }) : t('audit.verifyNoAnchor')}</p>
          {result.unsealed > 0 && <Typography.Text type="secondary">{t('audit.verifyUnsealed', { n: result.unsealed })}</Typography.Text>}
        </>
      );
      if (result.ok) {
        modal.success({
          title: t('audit.verifyTitle'),
          content: <div data-testid="audit-verify-result"><p>{t('audit.verifyOk', { checked: result.checked })}</p>{anchor}</div>,
          okText: t('common.close'),
        });
      } else {
        modal.error({
          title: t('audit.verifyTitle'),
          okText: t('common.close'),
          content: (
            <div data-testid="audit-verify-result">
              <p>{t('audit.verifyBad', { checked: result.checked, id: result.firstBadSeq ?? result.firstBadId ?? '?' })}</p>
              {result.reason && <p><Typography.Text type="danger">{t(`audit.reason.${result.reason}`)}</Typography.Text></p>}
              {anchor}
            </div>
          ),
        });
      }
      void list.query.refetch();
    });

  return (
    <Card
      title={<><AuditOutlined /> {t('menu.audit')}</>}
      extra={
        <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={verifying.busy} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      <Form<FilterForm>
        form={form}
        layout="inline"
        onFinish={apply}
        className="gz-filter-form"
        initialValues={{ ...filters, from: filters.from ? dayjs(filters.from) : null, to: filters.to ? dayjs(filters.to) : null }}
      >
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear maxLength={64} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.actionPrefix')}>
          <Input allowClear maxLength={64} placeholder={t('audit.actionPlaceholder')} style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="result" label={t('audit.result')}>
          <Select<AuditResult>
            allowClear
            placeholder={t('common.all')}
            style={{ width: 110 }}
            options={auditResults.map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="from" label={t('filter.from', { field: t('audit.timeRange') })}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="to" label={t('filter.to', { field: t('audit.timeRange') })}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                // Not resetFields: the form's initial values are the filters it was opened with.
                form.setFieldsValue({ actor: undefined, action: undefined, result: undefined, from: null, to: null });
                apply({});
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <ListTable<AuditEntry>
        list={list}
        data-testid="audit-table"
        expandable={{ expandedRowRender: (entry) => <AuditEntryDetails entry={entry} /> }}
        columns={[
          { title: '#', dataIndex: 'id', width: 72 },
          { title: t('audit.at'), dataIndex: 'at', width: 180, render: (v: string) => <DateTime value={v} /> },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 120, render: (v: string | null) => v ?? '—' },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => {
              const label = auditActionLabel(t, action);
              return (
                <span>
                  {label && <span style={{ marginInlineEnd: 6 }}>{label}</span>}
                  <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                    {action}
                  </Typography.Text>
                </span>
              );
            },
          },
          {
            title: t('audit.target'),
            key: 'target',
            render: (_: unknown, entry) =>
              entry.targetType ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {entry.targetType}
                  {entry.targetId ? `:${entry.targetId}` : ''}
                </Typography.Text>
              ) : (
                '—'
              ),
          },
          { title: t('audit.result'), dataIndex: 'result', width: 90, render: (v: string) => <AuditResultTag result={v} /> },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}

/** An entry's particulars: its details as JSON, where, the request and the chain hash. */
function AuditEntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      items={[
        {
          key: 'details',
          label: t('audit.details'),
          children: <pre className="gz-json">{JSON.stringify(entry.details, null, 2)}</pre>,
        },
        { key: 'orgPath', label: t('audit.orgPath'), children: entry.orgPath ?? '—' },
        { key: 'requestId', label: t('common.requestId'), children: entry.requestId ?? '—' },
        {
          key: 'hash',
          label: t('audit.hash'),
          // Entries wait a few seconds for the sealer: until then they have no place in the chain.
          children: entry.hash === null
            ? <Tag color="warning" data-testid="audit-unsealed">{t('audit.unsealed')}</Tag>
            : <><Typography.Text type="secondary">#{entry.seq} </Typography.Text><Typography.Text code style={{ fontSize: 12 }}>{entry.hash}</Typography.Text></>,
        },
      ]}
    />
  );
}
