// /console/community/funds/:id: one fund's donations, board-voted grants, expenses, trial
// balance and ledger (exported as .xlsx).
import { ArrowLeftOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Form, Input, InputNumber, Select, Skeleton, Space, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../../platform/components/feedback.tsx';
import { FormModal } from '../../../../platform/components/form-modal.tsx';
import { ListTable } from '../../../../platform/components/list-table.tsx';
import { downloadFile } from '../../../../platform/download.ts';
import { useT } from '../../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../../platform/query.ts';
import { useListPage } from '../../../../platform/use-list-page.tsx';
import { useWrite } from '../../../../platform/use-write.ts';
import { boardVotes, donorKinds } from '#server/modules/community/contract/foundations.ts';
import { fundsApi, toFen, yuan, type FundDetail, type LedgerLine } from '../../projects/api.ts';

type Open = 'donation' | 'grant' | 'expense' | { pay: string } | null;
const today = () => new Date().toISOString().slice(0, 10);

export function FundPage() {
  const t = useT();
  const id = useParams().id ?? '';
  const write = useWrite();
  const [open, setOpen] = useState<Open>(null);
  const [donationForm] = Form.useForm<{ donorName: string; donorKind: 'person' | 'organisation'; anonymous: boolean; amount: number; purpose: string; receiptNumber: string; receivedOn: string }>();
  const [grantForm] = Form.useForm<{ title: string; recipient: string; amount: number; decidedOn: string; votes: Record<string, 'for' | 'against' | 'abstain' | undefined> }>();
  const [expenseForm] = Form.useForm<{ description: string; amount: number; voucherNumber: string; spentOn: string }>();
  const [payForm] = Form.useForm<{ voucherNumber: string; paidOn: string }>();
  const fund = useApiQuery(['community', 'funds', 'one', id], (signal) => fundsApi.get(id, signal));
  const ledger = useListPage({ queryKey: ['community', 'funds', 'ledger', id], filters: () => ({}), load: (_f, paging, signal) => fundsApi.ledger(id, paging, signal) });
  const close = () => setOpen(null);
  const done = { invalidates: ['community', 'funds'], then: close };
  const f: FundDetail | undefined = fund.data;
  return (
    <Flex vertical gap={12}>
      <Link to="/console/community/funds"><Button icon={<ArrowLeftOutlined />} type="link" style={{ paddingLeft: 0 }}>{t('community.projects.back')}</Button></Link>
      {fund.isLoading && <Skeleton active />}
      {fund.error && <ErrorAlert error={fund.error} onRetry={() => void fund.refetch()} />}
      {f && (
        <>
          <Card size="small">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Title level={4} style={{ margin: 0 }}>{f.name}</Typography.Title>
              <Space wrap>
                <Button onClick={() => setOpen('donation')} data-testid="donation-open">{t('community.funds.addDonation')}</Button>
                <Button onClick={() => setOpen('grant')}>{t('community.funds.addGrant')}</Button>
                <Button onClick={() => setOpen('expense')}>{t('community.funds.addExpense')}</Button>
                <Button icon={<DownloadOutlined />} onClick={() => downloadFile(fundsApi.ledgerUrl(f.id))}>{t('community.funds.exportLedger')}</Button>
              </Space>
            </Flex>
            <Descriptions size="small" style={{ marginTop: 12 }} column={{ xs: 1, sm: 2, lg: 4 }} items={[
              { key: 'org', label: t('community.projects.orgUnit'), children: f.orgName },
              { key: 'bank', label: t('community.funds.custodianBank'), children: f.custodianBank },
              { key: 'balance', label: t('community.funds.balance'), children: <span data-testid="fund-balance">{yuan(f.balanceFen)}</span> },
              { key: 'payable', label: t('community.funds.payable'), children: yuan(f.payableFen) },
              { key: 'board', label: t('community.funds.board'), children: f.board.map((m) => `${m.name}（${m.title}）`).join('、') },
              { key: 'trial', label: t('community.funds.trialBalance'), children: f.trialBalance.differenceFen === 0 ? <Tag color="green">{t('community.funds.balanced', { total: yuan(f.trialBalance.debitFen) })}</Tag> : <Tag color="red">{yuan(f.trialBalance.differenceFen)}</Tag> },
            ]} />
          </Card>
          <Tabs items={[
            { key: 'd', label: t('community.funds.donations'), children: <Table size="small" rowKey="id" dataSource={f.donations} pagination={{ pageSize: 20 }} locale={{ emptyText: t('community.funds.none') }} columns={[
              { title: t('community.funds.receivedOn'), dataIndex: 'receivedOn', width: 110 },
              { title: t('community.funds.donor'), dataIndex: 'donor' },
              { title: t('community.funds.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('community.funds.purpose'), dataIndex: 'purpose' },
              { title: t('community.funds.receiptNumber'), dataIndex: 'receiptNumber' },
            ]} /> },
            { key: 'g', label: t('community.funds.grants'), children: <Table size="small" rowKey="id" dataSource={f.grants} pagination={{ pageSize: 20 }} locale={{ emptyText: t('community.funds.none') }} columns={[
              { title: t('community.funds.decidedOn'), dataIndex: 'decidedOn', width: 110 },
              { title: t('community.funds.grantTitle'), dataIndex: 'title' },
              { title: t('community.funds.recipient'), dataIndex: 'recipient' },
              { title: t('community.funds.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('community.funds.vote'), key: 'vote', render: (_, g) => t('community.funds.voteCount', { for: g.votesFor, against: g.votesAgainst, abstain: g.abstentions }) },
              { title: t('community.projects.status'), key: 'status', render: (_, g) => t(`community.funds.grantStatus.${g.status}`) },
              { title: t('common.actions'), key: 'act', render: (_, g) => g.status === 'approved' && <Button size="small" onClick={() => setOpen({ pay: g.id })}>{t('community.projects.pay')}</Button> },
            ]} /> },
            { key: 'e', label: t('community.funds.expenses'), children: <Table size="small" rowKey="id" dataSource={f.expenses} pagination={{ pageSize: 20 }} locale={{ emptyText: t('community.funds.none') }} columns={[
              { title: t('community.funds.spentOn'), dataIndex: 'spentOn', width: 110 },
              { title: t('community.funds.description'), dataIndex: 'description' },
              { title: t('community.funds.amount'), dataIndex: 'amountFen', render: (v: number) => yuan(v) },
              { title: t('community.projects.voucher'), dataIndex: 'voucherNumber' },
            ]} /> },
            { key: 'l', label: t('community.funds.ledger'), children: <ListTable<LedgerLine> list={ledger} size="small" emptyText={t('community.funds.none')} columns={[
              { key: 'on', title: t('community.funds.date'), dataIndex: 'on', width: 110 },
              { key: 'account', title: t('community.funds.account'), render: (_, l) => t(`community.funds.account.${l.account}`) },
              { key: 'debit', title: t('community.funds.debit'), render: (_, l) => (l.debitFen ? yuan(l.debitFen) : '') },
              { key: 'credit', title: t('community.funds.credit'), render: (_, l) => (l.creditFen ? yuan(l.creditFen) : '') },
              { key: 'memo', title: t('community.funds.memo'), dataIndex: 'memo' },
            ]} /> },
          ]} />
          <FormModal title={t('community.funds.addDonation')} open={open === 'donation'} onClose={close} form={donationForm} testId="donation-form" initialValues={{ donorKind: 'person', anonymous: false, receivedOn: today() }}
            onSubmit={(v) => write.run(() => fundsApi.donate(f.id, { ...v, amountFen: toFen(v.amount) }), { success: t('community.funds.saved'), form: donationForm, ...done })}>
            <Form.Item name="donorName" label={t('community.funds.donor')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="donorKind" label={t('community.funds.donorKind')}><Select options={donorKinds.map((k) => ({ value: k, label: t(`community.funds.donorKind.${k}`) }))} /></Form.Item>
            <Form.Item name="anonymous" label={t('community.funds.anonymous')} valuePropName="checked"><Switch /></Form.Item>
            <Form.Item name="amount" label={t('community.projects.amountYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="purpose" label={t('community.funds.purpose')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="receiptNumber" label={t('community.funds.receiptNumber')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="receivedOn" label={t('community.funds.receivedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          </FormModal>
          <FormModal title={t('community.funds.addGrant')} open={open === 'grant'} onClose={close} form={grantForm} initialValues={{ decidedOn: today(), votes: {} }}
            onSubmit={(v) => write.run(() => fundsApi.grant(f.id, { title: v.title, recipient: v.recipient, amountFen: toFen(v.amount), decidedOn: v.decidedOn, votes: Object.entries(v.votes).flatMap(([member, vote]) => (vote ? [{ member, vote }] : [])) }), { success: t('community.funds.saved'), form: grantForm, ...done })}>
            <Form.Item name="title" label={t('community.funds.grantTitle')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="recipient" label={t('community.funds.recipient')} rules={[{ required: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="amount" label={t('community.projects.amountYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="decidedOn" label={t('community.funds.decidedOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
            {f.board.map((m) => (
              <Form.Item key={m.name} name={['votes', m.name]} label={`${m.name}（${m.title}）`}>
                <Select allowClear options={boardVotes.map((b) => ({ value: b, label: t(`community.funds.vote.${b}`) }))} placeholder={t('community.funds.absent')} />
              </Form.Item>
            ))}
          </FormModal>
          <FormModal title={t('community.funds.addExpense')} open={open === 'expense'} onClose={close} form={expenseForm} initialValues={{ spentOn: today() }}
            onSubmit={(v) => write.run(() => fundsApi.expense(f.id, { description: v.description, amountFen: toFen(v.amount), voucherNumber: v.voucherNumber, spentOn: v.spentOn }), { success: t('community.funds.saved'), form: expenseForm, ...done })}>
            <Form.Item name="description" label={t('community.funds.description')} rules={[{ required: true }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="amount" label={t('community.projects.amountYuan')} rules={[{ required: true }]}><InputNumber min={0.01} precision={2} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="voucherNumber" label={t('community.projects.voucher')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="spentOn" label={t('community.funds.spentOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          </FormModal>
          <FormModal title={t('community.projects.pay')} open={typeof open === 'object' && open !== null} onClose={close} form={payForm} initialValues={{ paidOn: today() }}
            onSubmit={(v) => write.run(() => fundsApi.payGrant(f.id, typeof open === 'object' && open ? open.pay : '', v), { success: t('community.funds.saved'), form: payForm, ...done })}>
            <Form.Item name="voucherNumber" label={t('community.projects.voucher')} rules={[{ required: true }]}><Input maxLength={60} /></Form.Item>
            <Form.Item name="paidOn" label={t('community.funds.paidOn')} rules={[{ required: true }]}><Input type="date" /></Form.Item>
          </FormModal>
        </>
      )}
    </Flex>
  );
}
