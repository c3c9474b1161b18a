// /portal/board/:code: a community's public board (居务公开), no sign-in: proposals with their
// status, micro-wishes, meeting and vote results, budgets and conventions — never a resident's name.
import { Card, Empty, Flex, List, Pagination, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { formatDateTime } from '../../../platform/components/labels.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useI18n, useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { boardApi, type BoardItem } from '../api.ts';

function Facts({ item }: { item: BoardItem }) {
  const t = useT();
  const f = item.facts;
  const parts: string[] = [];
  if (typeof f.supports === 'number') parts.push(t('participation.board.supports', { n: f.supports }));
  if (typeof f.progress === 'number' && item.kind === 'proposal' && f.responsibleUnit) parts.push(t('participation.board.progress', { n: f.progress }));
  if (typeof f.responsibleUnit === 'string') parts.push(t('participation.board.unit', { unit: f.responsibleUnit }));
  if (typeof f.claimant === 'string') parts.push(t('participation.board.claimant', { name: f.claimant }));
  return <Typography.Text type="secondary">{parts.join(' · ')}</Typography.Text>;
}

/** A status key as the item's kind names it: proposals and wishes by their labels, others as given. */
function StatusLabel({ item }: { item: BoardItem }) {
  const t = useT();
  const label =
    item.kind === 'proposal' ? t(`participation.proposalStatus.${item.status as 'submitted'}`) : item.kind === 'micro_wish' ? t(`participation.wishStatus.${item.status as 'open'}`) : item.status;
  return <Tag color="blue" data-testid="board-status">{label}</Tag>;
}

export function BoardPage() {
  const t = useT();
  const { locale } = useI18n();
  const { code = '' } = useParams();
  const [page, setPage] = useState(1);
  const board = useApiQuery(['participation', 'board', code, page], (signal) => boardApi.read(code, { page, pageSize: 20 }, signal));
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Flex vertical gap={12}>
        <Typography.Title level={3}>{t('participation.board.title', { community: board.data?.community.name ?? '' })}</Typography.Title>
        {board.isLoading && <Skeleton active />}
        {board.error && <ErrorAlert error={board.error} onRetry={() => void board.refetch()} />}
        {board.data && (
          <Card size="small">
            <List
              data-testid="board"
              locale={{ emptyText: <Empty description={t('participation.board.empty')} /> }}
              dataSource={board.data.items}
              renderItem={(item) => (
                <List.Item data-testid="board-item">
                  <List.Item.Meta
                    title={<Space wrap><Tag>{t(`participation.board.kind.${item.kind}`)}</Tag><span>{item.title}</span><StatusLabel item={item} /></Space>}
                    description={<Space wrap><Facts item={item} /><Typography.Text type="secondary">{formatDateTime(item.publishedAt, locale)}</Typography.Text></Space>}
                  />
                </List.Item>
              )}
            />
            {board.data.total > 20 && <Pagination size="small" current={page} pageSize={20} total={board.data.total} onChange={setPage} showSizeChanger={false} />}
          </Card>
        )}
      </Flex>
    </PortalFrame>
  );
}
