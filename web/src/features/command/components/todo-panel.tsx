// The leader's to-do: cases awaiting instruction (批示), red supervision, open warnings, topics.
import { Badge, Card, Col, List, Row, Typography } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { commandApi } from '../api.ts';

export function TodoPanel() {
  const t = useT();
  const todo = useApiQuery(['command', 'todo'], (signal) => commandApi.todo(signal));
  if (todo.error) return <ErrorAlert error={todo.error} onRetry={() => void todo.refetch()} />;
  const data = todo.data;
  const column = (key: string, title: string, total: number, items: { id: string; label: string; href: string }[]) => (
    <Col xs={24} md={12} xl={6} key={key}>
      <Card size="small" title={<>{title} <Badge count={total} showZero color={total ? '#cf1322' : '#bfbfbf'} /></>} loading={todo.isPending} data-testid={`command-todo-${key}`}>
        <List
          size="small"
          dataSource={items}
          locale={{ emptyText: <Typography.Text>{t('command.todo.none')}</Typography.Text> }}
          renderItem={(item) => (
            <List.Item>
              <Link to={item.href}>{item.label}</Link>
            </List.Item>
          )}
        />
      </Card>
    </Col>
  );
  return (
    <Card size="small" title={t('command.todo.title')}>
      <Row gutter={[12, 12]}>
        {column('instruction', t('command.todo.instruction'), data?.awaitingInstruction.total ?? 0, (data?.awaitingInstruction.items ?? []).map((c) => ({ id: c.id, label: `${c.number} ${c.title}`, href: `/console/cases/${c.id}` })))}
        {column('red', t('command.todo.red'), data?.redSupervised.total ?? 0, (data?.redSupervised.items ?? []).map((c) => ({ id: c.id, label: `${c.number} ${c.title}`, href: `/console/cases/${c.id}` })))}
        {column('warnings', t('command.todo.warnings'), data?.openWarnings.total ?? 0, (data?.openWarnings.items ?? []).map((w) => ({ id: w.id, label: `${w.placeName}：${w.title}`, href: '/console/command' })))}
        {column('topics', t('command.todo.topics'), data?.topics.total ?? 0, (data?.topics.items ?? []).map((tp) => ({ id: tp.id, label: tp.title, href: `/console/topics/${tp.id}` })))}
      </Row>
    </Card>
  );
}
