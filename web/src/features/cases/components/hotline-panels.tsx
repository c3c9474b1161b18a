// The hotline form's side panels: who is calling (their earlier cases, their registry record)
// and open cases of the same kind nearby, so a duplicate is not opened twice.
import { HistoryOutlined, IdcardOutlined, WarningOutlined } from '@ant-design/icons';
import type { UseQueryResult } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { openCaseStates } from '#server/modules/cases/contract.ts';
import type { ApiError } from '../../../platform/api-client.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { casesApi, type CaseListItem, type RegisteredCaller } from '../api.ts';
import { CaseStateTag } from './labels.tsx';

interface CallerPanelProps {
  /** The number looked up (null before the first lookup). */
  lookedUp: string | null;
  history: UseQueryResult<Awaited<ReturnType<typeof casesApi.callerHistory>>, ApiError>;
  /** Fill the form from the caller's registry record. */
  onUse: (person: RegisteredCaller) => void;
}

export function CallerPanel({ lookedUp, history, onUse }: CallerPanelProps) {
  const { t } = useI18n();
  const { can } = useAuth();
  // The registry (一户一档) knows residents by phone: who is calling, and where they live.
  const registered = useApiQuery(['cases', 'registeredCallers', 'registered', lookedUp], lookedUp && can('registry.read') ? (signal) => casesApi.registeredCallers(lookedUp, signal).catch(() => null) : null);
  return (
    <Card size="small" title={<><HistoryOutlined /> {t('case.hotline.history', { n: history.data?.cases.length ?? 0 })}</>} data-testid="hotline-history">
      {history.error && <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />}
      {!lookedUp ? (
        <Typography.Text type="secondary">{t('case.hotline.phonePlaceholder')}</Typography.Text>
      ) : (
        <>
          {history.data?.callerName && (
            <Tag color="blue" style={{ marginBottom: 8 }}>
              {t('case.hotline.knownCaller', { name: history.data.callerName })}
            </Tag>
          )}
          {(registered.data?.items ?? []).map((person) => (
            <Alert
              key={person.id}
              type="info"
              showIcon
              icon={<IdcardOutlined />}
              style={{ marginBottom: 8 }}
              title={t('case.hotline.registered', { name: person.name })}
              description={person.address ?? undefined}
              data-testid="hotline-registered"
              action={
                <Button size="small" onClick={() => onUse(person)}>
                  {t('case.hotline.useRegistered')}
                </Button>
              }
            />
          ))}
          <CaseLines loading={history.isFetching} items={history.data?.cases ?? []} empty={t('case.hotline.noHistory')} />
        </>
      )}
    </Card>
  );
}

/** Open cases of the category in the place, reported within the duplicate window. */
export function DuplicatesPanel({ categoryCode, orgCode, days }: { categoryCode: string | undefined; orgCode: string | undefined; days: number }) {
  const { t } = useI18n();
  const since = new Date(Date.now() - days * 86_400_000);
  since.setMinutes(0, 0, 0);
  const duplicates = useApiQuery(
    ['cases', 'list', 'duplicates', categoryCode, orgCode, days],
    categoryCode && orgCode
      ? (signal) => casesApi.list({ categoryCode, under: orgCode, state: openCaseStates.join(','), from: since.toISOString(), sort: 'created_desc', page: 1, pageSize: 5 }, signal)
      : null,
  );
  return (
    <Card size="small" title={<><WarningOutlined /> {t('case.hotline.duplicates')}</>} data-testid="hotline-duplicates">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('case.hotline.duplicatesHint', { days })}
      </Typography.Paragraph>
      {duplicates.error && <ErrorAlert error={duplicates.error} onRetry={() => void duplicates.refetch()} />}
      {categoryCode && orgCode ? (
        <CaseLines loading={duplicates.isFetching} items={duplicates.data?.items ?? []} empty={t('case.hotline.noDuplicates')} />
      ) : null}
    </Card>
  );
}

/** A short list of cases (a caller's, the likely duplicates), or a small note when there are none. */
function CaseLines({ loading, items, empty }: { loading: boolean; items: CaseListItem[]; empty: string }) {
  return (
    <List
      size="small"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
      renderItem={(item) => <CaseLine item={item} />}
    />
  );
}

function CaseLine({ item }: { item: CaseListItem }) {
  return (
    <List.Item>
      <Flex vertical gap={2} style={{ width: '100%' }}>
        <Flex justify="space-between" gap={8}>
          <Link to={`/console/cases/${item.id}`} target="_blank">
            {item.number}
          </Link>
          <CaseStateTag state={item.state} />
        </Flex>
        <Typography.Text>{item.title}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.categoryName} · {item.communityName ?? item.streetName ?? ''} · <DateTime value={item.createdAt} />
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}
