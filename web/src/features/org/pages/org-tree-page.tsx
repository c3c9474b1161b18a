import { ApartmentOutlined, EnvironmentOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Row, Select, Skeleton, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { orgApi, type OrgNode } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { communityTypes, type CommunityType, type OrgLevel } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';

const ROOT = '';
const levelColors: Record<OrgLevel, string> = {
  province: 'default',
  city: 'default',
  district: 'blue',
  street: 'cyan',
  community: 'green',
  department: 'purple',
};

/** 组织架构: the org tree (loaded a level at a time), search, and the chosen node's details. */
export function OrgTreePage() {
  const t = useT();
  const { me } = useAuth();
  const reportError = useReportError();
  const [params, setParams] = useSearchParams();
  const selected = params.get('node') ?? undefined;
  const [nodes, setNodes] = useState<Map<string, OrgNode>>(new Map());
  const [children, setChildren] = useState<Map<string, string[]>>(new Map());
  const [expanded, setExpanded] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const childrenRef = useRef(children);
  useEffect(() => {
    childrenRef.current = children;
  }, [children]);

  const loadChildren = useCallback(async (parent: string, force = false) => {
    if (!force && childrenRef.current.has(parent)) return;
    const list = await orgApi.orgChildren(parent || undefined);
    setNodes((previous) => {
      const next = new Map(previous);
      for (const node of list) next.set(node.code, node);
      return next;
    });
    setChildren((previous) => new Map(previous).set(parent, list.map((n) => n.code)));
  }, []);

  const select = useCallback(
    (code: string) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          next.set('node', code);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  /** Opens the tree down to a node (after a search or from a link) and selects it. */
  const expandTo = useCallback(
    async (code: string) => {
      const node = await orgApi.orgNode(code);
      // Open the node itself too, so a street shows its communities straight away.
      const path = [...node.ancestors.map((a) => a.code), code];
      for (const ancestor of path) await loadChildren(ancestor).catch(() => undefined);
      setExpanded((previous) => [...new Set([...previous, ...path])]);
      select(code);
    },
    [loadChildren, select],
  );

  // First load: the top of the tree, then open it down to the selected node or the user's own node.
  useEffect(() => {
    const start = async () => {
      await loadChildren(ROOT);
      const target = selected ?? me?.grants.find((g) => g.orgCode && g.role !== 'grid_worker')?.orgCode;
      if (target) await expandTo(target);
    };
    start().catch((error: unknown) => reportError(error));
    // Once per visit: later selections open the tree themselves.
  }, []);

  const search = useApiQuery(['org', 'orgSearch', query], query ? (signal) => orgApi.orgSearch(query, signal) : null);

  const toTree = (parent: string): TreeDataNode[] =>
    (children.get(parent) ?? []).flatMap((code) => {
      const node = nodes.get(code);
      if (!node) return [];
      const loaded = children.get(code);
      return [
        {
          key: code,
          title: <span>{node.name}</span>,
          isLeaf: node.childCount === 0 || (loaded !== undefined && loaded.length === 0),
          children: loaded ? toTree(code) : undefined,
        },
      ];
    });

  const rootLoaded = children.has(ROOT);

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9} xl={8}>
        <Card title={<><ApartmentOutlined /> {t('org.tree')}</>} className="gz-fill-card">
          <Input.Search
            allowClear
            placeholder={t('org.searchPlaceholder')}
            onSearch={(value) => setQuery(value.trim())}
            style={{ marginBottom: 12 }}
            data-testid="org-search"
          />
          {query ? (
            <SearchResults nodes={search.data} loading={search.isFetching} onPick={(node) => void expandTo(node.code).then(() => setQuery(''))} />
          ) : !rootLoaded ? (
            <Skeleton active paragraph={{ rows: 8 }} />
          ) : (
            <div className="gz-tree-scroll">
              <Tree
                showLine={{ showLeafIcon: false }}
                blockNode
                treeData={toTree(ROOT)}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => {
                  const key = keys[0];
                  if (key !== undefined) select(String(key));
                }}
                loadData={async ({ key }) => {
                  await loadChildren(String(key)).catch((error: unknown) => reportError(error));
                }}
                data-testid="org-tree"
              />
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {selected ? (
          <NodeDetail
            code={selected}
            onChanged={(node) => setNodes((previous) => new Map(previous).set(node.code, { ...previous.get(node.code), ...node }))}
            onDepartmentAdded={async (parent) => {
              await loadChildren(parent, true);
              setExpanded((previous) => [...new Set([...previous, parent])]);
            }}
            onNavigate={(code) => void expandTo(code)}
          />
        ) : (
          <Card className="gz-fill-card">
            <Empty description={t('org.selectHint')} style={{ marginTop: 80 }} />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function SearchResults({ nodes, loading, onPick }: { nodes: OrgNode[] | undefined; loading: boolean; onPick: (node: OrgNode) => void }) {
  const t = useT();
  if (loading && !nodes) return <Spin style={{ display: 'block', margin: 24 }} />;
  return (
    <List<OrgNode>
      size="small"
      header={<Typography.Text type="secondary">{t('org.searchResults', { n: nodes?.length ?? 0 })}</Typography.Text>}
      dataSource={nodes ?? []}
      locale={{ emptyText: t('org.noResults') }}
      className="gz-tree-scroll"
      renderItem={(node) => (
        <List.Item onClick={() => onPick(node)} className="gz-clickable" data-testid="org-search-result">
          <Flex justify="space-between" style={{ width: '100%' }} gap={8}>
            <span>{node.name}</span>
            <span>
              <Tag color={levelColors[node.level]}>{t(`level.${node.level}`)}</Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {node.code}
              </Typography.Text>
            </span>
          </Flex>
        </List.Item>
      )}
    />
  );
}

interface NodeDetailProps {
  code: string;
  onChanged: (node: OrgNode) => void;
  onDepartmentAdded: (parentCode: string) => Promise<void>;
  onNavigate: (code: string) => void;
}

function NodeDetail({ code, onChanged, onDepartmentAdded, onNavigate }: NodeDetailProps) {
  const t = useT();
  const { can } = useAuth();
  const { message } = App.useApp();
  const reportError = useReportError();
  const detail = useApiQuery(['org', 'orgNode', code], (signal) => orgApi.orgNode(code, signal));
  const gridTotal = useApiQuery(['org', 'grids', 'gridTotal', code], (signal) => orgApi.grids({ under: code, pageSize: 1 }, signal).then((r) => r.total));
  const [savingType, setSavingType] = useState(false);
  const [addingDepartment, setAddingDepartment] = useState(false);

  if (detail.error) return <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />;
  const node = detail.data;
  if (!node || node.code !== code) return <Card className="gz-fill-card"><Skeleton active /></Card>;

  const canWrite = can('org.write');
  const hasGrids = node.level === 'street' || node.level === 'community' || node.level === 'district';

  const saveType = async (communityType: CommunityType | null) => {
    setSavingType(true);
    try {
      const updated = await orgApi.updateOrgNode(node.code, { communityType });
      onChanged(updated);
      void invalidate(['org']);
      void message.success(t('org.typeSaved'));
    } catch (error) {
      reportError(error);
    } finally {
      setSavingType(false);
    }
  };

  return (
    <Card
      className="gz-fill-card"
      title={
        <Flex align="center" gap={8}>
          <span>{node.name}</span>
          <Tag color={levelColors[node.level]}>{t(`level.${node.level}`)}</Tag>
        </Flex>
      }
      extra={
        <Flex gap={8} wrap>
          {hasGrids && (
            <Link to={`/console/map?node=${node.code}`}>
              <Button icon={<EnvironmentOutlined />} data-testid="org-view-map">{t('org.viewMap')}</Button>
            </Link>
          )}
          {hasGrids && (
            <Link to={`/console/roster?under=${node.code}`}>
              <Button icon={<TeamOutlined />}>{t('org.viewRoster')}</Button>
            </Link>
          )}
          {canWrite && (node.level === 'district' || node.level === 'street') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAddingDepartment(true)}>
              {t('org.addDepartment')}
            </Button>
          )}
        </Flex>
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={[...node.ancestors, node].map((a) => ({
          key: a.code,
          title: a.code === node.code ? a.name : <a onClick={() => onNavigate(a.code)}>{a.name}</a>,
        }))}
        data-testid="org-breadcrumb"
      />
      <Descriptions
        bordered
        column={{ xs: 1, md: 2 }}
        size="middle"
        items={[
          { key: 'name', label: t('org.name'), children: node.name },
          { key: 'fullName', label: t('org.fullName'), children: node.fullName },
          { key: 'level', label: t('org.level'), children: t(`level.${node.level}`) },
          { key: 'code', label: t('org.code'), children: <Typography.Text copyable>{node.code}</Typography.Text> },
          {
            key: 'grids',
            label: t('org.gridCount'),
            children: gridTotal.isFetching ? <Spin size="small" /> : (gridTotal.data ?? '—'),
          },
          { key: 'path', label: t('org.path'), children: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{node.orgPath}</Typography.Text> },
          ...(node.level === 'community'
            ? [
                {
                  key: 'type',
                  label: t('org.communityType'),
                  span: 2,
                  children: canWrite ? (
                    <Select<CommunityType>
                      value={node.communityType ?? undefined}
                      placeholder={t('org.typePlaceholder')}
                      aria-label={t('org.communityType')}
                      loading={savingType}
                      disabled={savingType}
                      allowClear
                      onChange={(value) => void saveType(value ?? null)}
                      style={{ width: 240 }}
                      options={communityTypes.map((type) => ({ value: type, label: t(`communityType.${type}`) }))}
                      data-testid="org-community-type"
                    />
                  ) : node.communityType ? (
                    t(`communityType.${node.communityType}`)
                  ) : (
                    <Typography.Text type="secondary">{t('common.notSet')}</Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AddDepartmentModal
        parent={addingDepartment ? node : null}
        onClose={() => setAddingDepartment(false)}
        onCreated={async (department) => {
          setAddingDepartment(false);
          void message.success(t('org.departmentCreated', { name: department.name }));
          await onDepartmentAdded(node.code);
        }}
      />
    </Card>
  );
}

function AddDepartmentModal({ parent, onClose, onCreated }: { parent: OrgNode | null; onClose: () => void; onCreated: (node: OrgNode) => Promise<void> }) {
  const t = useT();
  const [form] = Form.useForm<{ name: string }>();
  const submit = async ({ name }: { name: string }) => {
    if (!parent) return;
    await onCreated(await orgApi.createDepartment({ parentCode: parent.code, name: name.trim() }));
  };
  return (
    <FormModal<{ name: string }>
      title={parent ? t('org.addDepartmentTitle', { name: parent.name }) : ''}
      open={parent !== null}
      onClose={onClose}
      okText={t('common.save')}
      form={form}
      onSubmit={submit}
    >
      <Form.Item name="name" label={t('org.departmentName')} rules={[{ required: true, whitespace: true, max: 60, message: t('common.required', { field: t('org.departmentName') }) }]}>
        <Input maxLength={60} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
