import { DeleteOutlined, DownloadOutlined, FileSearchOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { casesApi, type CaseListQuery } from '../api.ts';
import { caseSorts, caseSources, caseStates, caseTiers, matterClasses } from '#server/modules/cases/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CaseListFilters } from '../components/list-filters.tsx';
import { pick } from '../../../platform/components/list-filters.tsx';
import { downloadBlob } from '../../../platform/download.ts';
import { useAction } from '../../../platform/use-write.ts';
import { CaseTable } from '../components/table.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useListPage } from '../../../platform/use-list-page.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface SavedView {
  name: string;
  /** The list's URL query, without paging. */
  query: string;
}

function storageKey(userId: string): string {
  return `gongzhi.caseViews.${userId}`;
}

function readViews(userId: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((v): v is SavedView => typeof v?.name === 'string' && typeof v?.query === 'string') : [];
  } catch {
    return [];
  }
}

function writeViews(userId: string, views: SavedView[]): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(views));
  } catch {
    // Storage refused (private mode): the views last for this page only.
  }
}

/** The list query a URL describes (the URL is the state: shareable, and what a saved view stores). */
function queryOf(params: URLSearchParams): CaseListQuery {
  const category = params.get('cat')?.split(',').filter(Boolean) ?? [];
  const states = (params.get('state') ?? '').split(',').filter((s) => (caseStates as readonly string[]).includes(s));
  const from = params.get('from');
  const to = params.get('to');
  return {
    state: states.length ? states.join(',') : undefined,
    classCode: category.length === 1 ? category[0] : undefined,
    categoryCode: category.length === 2 ? category[1] : undefined,
    matterClass: pick(params.get('matter'), matterClasses),
    source: pick(params.get('source'), caseSources),
    tier: pick(params.get('tier'), caseTiers),
    under: params.get('under') ?? undefined,
    overdue: params.get('overdue') === '1' || undefined,
    supervised: params.get('supervised') === '1' || undefined,
    from: from ? dayjs(from).startOf('day').toISOString() : undefined,
    to: to ? dayjs(to).add(1, 'day').startOf('day').toISOString() : undefined,
    q: params.get('q') ?? undefined,
    sort: pick(params.get('sort'), caseSorts),
  };
}

/** 案件列表: every case in scope, filtered, paged and exported, with named views kept in this browser. */
export function CaseListPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const list = useListPage({
    queryKey: ['cases', 'list'],
    filters: queryOf,
    load: (query, paging, signal) => casesApi.list({ ...query, ...paging }, signal),
  });
  const { params } = list;
  const [views, setViews] = useState<SavedView[]>(() => (me ? readViews(me.id) : []));
  const [naming, setNaming] = useState(false);
  const exporting = useAction();
  const [viewForm] = Form.useForm<{ name: string }>();
  const filterKey = useMemo(() => {
    const copy = new URLSearchParams(params);
    copy.delete('page');
    copy.delete('pageSize');
    copy.sort();
    return copy.toString();
  }, [params]);
  const query = list.filters;
  const activeView = views.find((v) => v.query === filterKey)?.name;


  const saveView = (name: string) => {
    if (!me) return;
    const next = [...views.filter((v) => v.name !== name), { name, query: filterKey }];
    setViews(next);
    writeViews(me.id, next);
    setNaming(false);
    viewForm.resetFields();
    void message.success(t('case.list.viewSaved', { name }));
  };

  const deleteView = (name: string) => {
    if (!me) return;
    const next = views.filter((v) => v.name !== name);
    setViews(next);
    writeViews(me.id, next);
    void message.success(t('case.list.viewDeleted', { name }));
  };

  const exportList = () =>
    exporting.run(async () => {
      const { blob, name } = await casesApi.exportXlsx(query);
      downloadBlob(blob, name);
      void message.success(t('case.list.exported', { name }));
    });

  return (
    <Card
      title={<><FileSearchOutlined /> {t('case.list.title')}</>}
      extra={
        <Space wrap>
          <Select<string>
            value={activeView}
            placeholder={t('case.list.viewsPlaceholder')}
            style={{ width: 220 }}
            allowClear
            onChange={(name) => {
              const view = views.find((v) => v.name === name);
              list.replace(new URLSearchParams(view?.query ?? ''));
            }}
            options={views.map((v) => ({ value: v.name, label: v.name }))}
            notFoundContent={null}
            data-testid="case-views"
          />
          {activeView && (
            <Popconfirm title={t('case.list.deleteViewConfirm', { name: activeView })} okButtonProps={{ danger: true }} onConfirm={() => deleteView(activeView)}>
              <Tooltip title={t('case.common.delete')}>
                <Button icon={<DeleteOutlined />} aria-label={t('case.common.delete')} />
              </Tooltip>
            </Popconfirm>
          )}
          <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} data-testid="case-save-view">
            {t('case.list.saveView')}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportList()} loading={exporting.busy} disabled={!list.query.data?.total} data-testid="case-export">
            {t('case.list.export')}
          </Button>
        </Space>
      }
    >
      <CaseListFilters list={list} />
      {list.query.error && <ErrorAlert error={list.query.error} onRetry={() => void list.query.refetch()} style={{ marginBottom: 16 }} />}
      <CaseTable
        list={list}
        testId="case-list-table"
      />
      <Modal
        title={t('case.list.saveView')}
        open={naming}
        onCancel={() => setNaming(false)}
        onOk={() => viewForm.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Form form={viewForm} layout="vertical" onFinish={(values) => saveView(values.name.trim())} preserve={false}>
          <Form.Item
            name="name"
            label={t('case.list.viewName')}
            initialValue={activeView}
            rules={[{ required: true, whitespace: true, max: 40, message: t('common.required', { field: t('case.list.viewName') }) }]}
          >
            <Input maxLength={40} placeholder={t('case.list.viewNamePlaceholder')} autoFocus data-testid="case-view-name" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
