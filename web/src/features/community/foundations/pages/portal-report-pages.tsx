// /portal/funds and /portal/funds/:id/:year: the community funds' yearly public reports
// (income, grants, expenses, balance), open to anyone, with no personal data.
import { Card, Col, Empty, Flex, List, Result, Row, Select, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../../platform/components/portal-frame.tsx';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { fundsApi, yuan } from '../../projects/api.ts';

/** /portal/funds: every fund, with a link to each year it reports. */
export function PortalFundsPage() {
  const t = useT();
  const funds = useApiQuery(['community', 'funds', 'public'], (signal) => fundsApi.publicFunds(signal));
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Typography.Title level={3}>{t('community.funds.publicTitle')}</Typography.Title>
      {funds.isLoading && <Skeleton active />}
      {funds.error && <ErrorAlert error={funds.error} onRetry={() => void funds.refetch()} />}
      {funds.data && (
        <List
          data-testid="public-funds"
          locale={{ emptyText: <Empty description={t('community.funds.publicEmpty')} /> }}
          dataSource={funds.data.items}
          renderItem={(f) => (
            <List.Item>
              <Flex vertical gap={4}>
                <Typography.Text strong>{f.name}</Typography.Text>
                <Typography.Text type="secondary">{f.orgName} · {t(`community.funds.kind.${f.kind}`)}</Typography.Text>
                <Flex gap={8} wrap>
                  {f.years.length === 0 && <Typography.Text type="secondary">{t('community.funds.noReports')}</Typography.Text>}
                  {f.years.map((y) => <Link key={y} to={`/portal/funds/${f.id}/${y}`} data-testid="public-report-link"><Tag color="blue">{t('community.funds.yearReport', { year: y })}</Tag></Link>)}
                </Flex>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </PortalFrame>
  );
}

/** /portal/funds/:id/:year */
export function PortalFundReportPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id = '', year = '' } = useParams();
  const y = Number(year);
  const report = useApiQuery(['community', 'funds', 'report', id, y], (signal) => fundsApi.report(id, y, signal));
  const funds = useApiQuery(['community', 'funds', 'public'], (signal) => fundsApi.publicFunds(signal));
  const years = funds.data?.items.find((f) => f.id === id)?.years ?? [y];
  const r = report.data;
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Link to="/portal/funds">{t('community.funds.allFunds')}</Link>
        <Select aria-label={t('community.funds.year')} value={y} style={{ width: 120 }} options={years.map((v) => ({ value: v, label: String(v) }))} onChange={(v) => void navigate(`/portal/funds/${id}/${v}`)} />
      </Flex>
      {report.isLoading && <Skeleton active />}
      {report.error?.code === 'NOT_FOUND' && <Result status="404" title={t('community.funds.notFound')} />}
      {report.error && report.error.code !== 'NOT_FOUND' && <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />}
      {r && (
        <Flex vertical gap={12} style={{ marginTop: 12 }} data-testid="public-report">
          <Typography.Title level={3} style={{ margin: 0 }}>{t('community.funds.reportTitle', { name: r.fundName, year: r.year })}</Typography.Title>
          <Typography.Text type="secondary">{r.orgName} · {t('community.funds.custodianBank')}：{r.custodianBank}</Typography.Text>
          <Row gutter={[12, 12]}>
            {([['opening', r.openingFen], ['income', r.incomeFen], ['grantsTotal', r.grantsFen], ['expensesTotal', r.expensesFen], ['closing', r.balanceFen]] as const).map(([k, v]) => (
              <Col key={k} xs={12} sm={8} md={4}><Card size="small"><Statistic title={t(`community.funds.report.${k}`)} value={yuan(v)} /></Card></Col>
            ))}
          </Row>
          <Card size="small" title={t('community.funds.donations')}>
            <Table size="small" rowKey={(_, i) => String(i)} dataSource={r.donations} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('community.funds.none') }} data-testid="public-donations" columns={[
              { title: t('community.funds.receivedOn'), dataIndex: 'receivedOn' },
              { title: t('community.funds.donor'), dataIndex: 'donor' },
              { title: t('community.funds.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('community.funds.purpose'), dataIndex: 'purpose' },
            ]} />
          </Card>
          <Card size="small" title={t('community.funds.grants')}>
            <Table size="small" rowKey={(_, i) => String(i)} dataSource={r.grants} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('community.funds.none') }} columns={[
              { title: t('community.funds.decidedOn'), dataIndex: 'decidedOn' },
              { title: t('community.funds.grantTitle'), dataIndex: 'title' },
              { title: t('community.funds.recipient'), dataIndex: 'recipient' },
              { title: t('community.funds.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('community.funds.vote'), key: 'v', render: (_, g) => t('community.funds.voteCount', { for: g.votesFor, against: g.votesAgainst, abstain: g.abstentions }) },
            ]} />
          </Card>
          <Card size="small" title={t('community.funds.expenses')}>
            <Table size="small" rowKey={(_, i) => String(i)} dataSource={r.expenses} pagination={{ pageSize: 20 }} scroll={{ x: 'max-content' }} locale={{ emptyText: t('community.funds.none') }} columns={[
              { title: t('community.funds.spentOn'), dataIndex: 'spentOn' },
              { title: t('community.funds.description'), dataIndex: 'description' },
              { title: t('community.funds.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
            ]} />
          </Card>
        </Flex>
      )}
    </PortalFrame>
  );
}
