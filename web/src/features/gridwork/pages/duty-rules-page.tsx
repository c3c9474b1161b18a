// 职责清单 in the console: a district's duty rule table (九必访 / 六必到 / 九必报), filtered by
// kind, edited by district staff (gridwork.manage); community staff announce occasions here.
import { EditOutlined, NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { FilterBar } from '../../../platform/components/list-filters.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { dutyKinds, type DutyKind } from '#server/modules/gridwork/contract.ts';
import { gridworkApi, type DutyRule } from '../api.ts';
import { DutyRuleModal } from '../components/duty-rule-modal.tsx';
import { OccasionModal } from '../components/occasion-modal.tsx';

const kindColor: Record<DutyKind, string> = { visit: 'blue', attend: 'purple', report: 'gold' };

export function DutyRulesPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const scope = useScopeNodes();
  const [district, setDistrict] = useState<string | undefined>();
  const [kind, setKind] = useState<DutyKind | 'all'>('all');
  const [editing, setEditing] = useState<DutyRule | 'new' | null>(null);
  const [announcing, setAnnouncing] = useState(false);
  const rules = useApiQuery(['gridwork', 'duty-rules', district ?? ''], (signal) => gridworkApi.dutyRules({ district }, signal));
  const all = rules.data?.items ?? [];
  const rows = kind === 'all' ? all : all.filter((r) => r.kind === kind);
  const tableDistrict = district ?? all[0]?.districtCode;
  const manage = can('gridwork.manage');

  const requirement = (r: DutyRule) => {
    if (r.kind === 'visit') return t('gridwork.rules.visitReq', { kinds: r.keyGroupKinds.join('、') || '—', days: r.everyDays ?? '—' });
    if (r.kind === 'report') return t('gridwork.rules.reportReq', { categories: r.categories.join('、') || '—', hours: r.hoursAllowed ?? '—' });
    return r.hoursAllowed ? t('gridwork.rules.attendReq', { hours: r.hoursAllowed }) : '—';
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('gridwork.rules.title')}
        </Typography.Title>
        <Space wrap>
          {can('gridwork.write') && (
            <Button icon={<NotificationOutlined />} onClick={() => setAnnouncing(true)} disabled={!rules.data} data-testid="occasion-add">
              {t('gridwork.occasion.add')}
            </Button>
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} disabled={!tableDistrict} data-testid="rule-add">
              {t('gridwork.rules.add')}
            </Button>
          )}
        </Space>
      </Flex>
      <Typography.Text type="secondary">{t('gridwork.rules.hint')}</Typography.Text>
      <FilterBar>
        <OrgNodeSelect value={district} onChange={(code) => setDistrict(code)} levels={['district']} suggestions={scope.data?.suggestions.filter((n) => n.level === 'district')} placeholder={t('gridwork.rules.district')} allowClear style={{ width: 240 }} testId="rules-district" />
        <Segmented<DutyKind | 'all'>
          aria-label={t('gridwork.rules.kind')}
          value={kind}
          onChange={setKind}
          options={[{ value: 'all', label: t('common.all') }, ...dutyKinds.map((k) => ({ value: k, label: t(`gridwork.dutyKindLong.${k}`) }))]}
        />
      </FilterBar>
      <QueryTable<DutyRule>
        query={rules}
        rows={rows}
        rowKey="id"
        pagination={false}
        data-testid="rules-table"
        locale={{ emptyText: t('gridwork.rules.empty') }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'kind', title: t('gridwork.rules.kind'), width: 100, render: (_, r) => <Tag color={kindColor[r.kind]}>{t(`gridwork.dutyKindLong.${r.kind}`)}</Tag> },
          { key: 'name', title: t('gridwork.rules.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
          { key: 'req', title: t('gridwork.rules.requirement'), render: (_, r) => requirement(r) },
          { key: 'active', title: t('gridwork.rules.active'), width: 90, render: (_, r) => (r.active ? <Tag color="green">{t('gridwork.rules.on')}</Tag> : <Tag>{t('gridwork.rules.off')}</Tag>) },
          { key: 'sort', title: t('gridwork.rules.sort'), dataIndex: 'sort', width: 70 },
          ...(manage
            ? [
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 90,
                  render: (_: unknown, r: DutyRule) => (
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(r)}>
                      {t('gridwork.rules.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <DutyRuleModal rule={editing} district={tableDistrict} onClose={() => setEditing(null)} />
      <OccasionModal open={announcing} rules={all} onClose={() => setAnnouncing(false)} />
    </Flex>
  );
}
