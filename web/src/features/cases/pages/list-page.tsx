import { DeleteOutlined, DownloadOutlined, FileSearchOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Modal, Popconfirm, Select, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { casesApi, type CaseListQuery } from '../api.ts';
import { caseSorts, caseSources, caseStates, caseTiers, matterClasses, type CaseSort, type CaseSource, type CaseTier, type MatterClass } from '../../../../../src/modules/cases/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CategoryCascader } from '../components/category-select.tsx';
import { CaseTable } from '../components/table.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
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

function pick<T extends string>(value: string | null, allowed: readonly T[]): T | undefined {
  return allowed.find((v) => v === value);
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
  const reportError = useReportError();
  const scope = useScopeNodes();
  const list = useListPage({
    queryKey: ['cases', 'list'],
    filters: queryOf,
    load: (query, paging, signal) => casesApi.list({ ...query, ...paging }, signal),
  });
  const { params, update } = list;
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [views, setViews] = useState<SavedView[]>(() => (me ? readViews(me.id) : []));
  const [naming, setNaming] = useState(false);
  const [exporting, setExporting] = useState(false);
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

  const exportList = async () => {
    setExporting(true);
    try {
      const { blob, name } = await casesApi.exportXlsx(query);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      void message.success(t('case.list.exported', { name }));
    } catch (error) {
      reportError(error);
    } finally {
      setExporting(false);
    }
  };

  const states = (params.get('state') ?? '').split(',').filter(Boolean);
  const category = params.get('cat')?.split(',').filter(Boolean);
  const from = params.get('from');
  const to = params.get('to');

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
              setSearch(new URLSearchParams(view?.query ?? '').get('q') ?? '');
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
          <Button icon={<DownloadOutlined />} onClick={() => void exportList()} loading={exporting} disabled={!list.query.data?.total} data-testid="case-export">
            {t('case.list.export')}
          </Button>
        </Space>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="case-filters">
        <Input.Search
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onSearch={(value) => update({ q: value.trim() || undefined })}
          allowClear
          placeholder={t('case.list.searchPlaceholder')}
          style={{ width: 260 }}
          enterButton={t('common.search')}
          data-testid="case-search"
        />
        <Select<string[]>
          mode="multiple"
          value={states}
          onChange={(value) => update({ state: value.join(',') || undefined })}
          placeholder={t('case.list.statePlaceholder')}
          maxTagCount="responsive"
          allowClear
          style={{ width: 220 }}
          options={caseStates.map((s) => ({ value: s, label: t(`case.state.${s}`) }))}
          data-testid="case-filter-state"
        />
        <CategoryCascader value={category} onChange={(value) => update({ cat: value?.join(',') })} style={{ width: 200 }} />
        <Select<MatterClass>
          value={pick(params.get('matter'), matterClasses)}
          onChange={(value) => update({ matter: value })}
          allowClear
          placeholder={t('case.field.matterClass')}
          style={{ width: 130 }}
          options={matterClasses.map((m) => ({ value: m, label: t(`case.matter.${m}`) }))}
        />
        <Select<CaseSource>
          value={pick(params.get('source'), caseSources)}
          onChange={(value) => update({ source: value })}
          allowClear
          placeholder={t('case.field.source')}
          style={{ width: 140 }}
          options={caseSources.map((s) => ({ value: s, label: t(`case.source.${s}`) }))}
        />
        <Select<CaseTier>
          value={pick(params.get('tier'), caseTiers)}
          onChange={(value) => update({ tier: value })}
          allowClear
          placeholder={t('case.field.tier')}
          style={{ width: 130 }}
          options={caseTiers.map((tier) => ({ value: tier, label: t(`case.tierShort.${tier}`) }))}
        />
        <OrgNodeSelect
          value={params.get('under') ?? undefined}
          onChange={(code) => update({ under: code })}
          suggestions={scope.data?.suggestions}
          placeholder={t('case.common.allScope')}
          allowClear
          style={{ width: 220 }}
          testId="case-filter-under"
        />
        <DatePicker.RangePicker
          value={from && to ? [dayjs(from), dayjs(to)] : null}
          onChange={(range) => {
            const [start, end] = range ?? [];
            update({ from: start ? start.format('YYYY-MM-DD') : undefined, to: end ? end.format('YYYY-MM-DD') : undefined });
          }}
          placeholder={[t('case.field.dateRange'), t('case.field.dateRange')]}
          presets={[
            { label: t('case.indicators.thisMonth'), value: [dayjs().startOf('month'), dayjs()] },
            { label: t('case.indicators.lastMonth'), value: [dayjs().subtract(1, 'month').startOf('month'), dayjs().subtract(1, 'month').endOf('month')] },
            { label: t('case.indicators.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
          ]}
        />
        <Checkbox checked={params.get('overdue') === '1'} onChange={(event) => update({ overdue: event.target.checked ? '1' : undefined })} style={{ alignSelf: 'center' }}>
          {t('case.field.overdueOnly')}
        </Checkbox>
        <Checkbox checked={params.get('supervised') === '1'} onChange={(event) => update({ supervised: event.target.checked ? '1' : undefined })} style={{ alignSelf: 'center' }}>
          {t('case.field.supervisedOnly')}
        </Checkbox>
        <Select<CaseSort>
          value={pick(params.get('sort'), caseSorts) ?? 'created_desc'}
          onChange={(value) => update({ sort: value === 'created_desc' ? undefined : value })}
          style={{ width: 140 }}
          options={caseSorts.map((s) => ({ value: s, label: t(`case.list.sort.${s}`) }))}
        />
        <Button
          onClick={() => {
            setSearch('');
            list.replace(new URLSearchParams());
          }}
        >
          {t('common.reset')}
        </Button>
      </Flex>
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
