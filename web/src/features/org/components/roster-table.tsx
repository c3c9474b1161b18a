import { DeleteOutlined, PhoneOutlined, UserAddOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { orgApi, type GridStaff } from '../api.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { duties, gridStaffPhonePattern, type Duty } from '../api.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { DutyTag } from './org-labels.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';

interface StaffForm {
  name: string;
  duty: Duty;
  phone?: string;
}

/** A grid's team (一格多员): who serves it, with add and remove for those allowed to. */
export function RosterTable({ gridCode, editable, compact = false }: { gridCode: string; editable: boolean; compact?: boolean }) {
  const t = useT();
  const { me } = useAuth();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<StaffForm>();
  const staff = useApiQuery(['org', 'gridStaff', gridCode], (signal) => orgApi.gridStaff(gridCode, signal));

  const add = async (values: StaffForm) => {
    const phone = values.phone?.trim();
    await orgApi.addGridStaff(gridCode, { name: values.name.trim(), duty: values.duty, ...(phone ? { phone } : {}) });
    void message.success(t('roster.added', { name: values.name }));
    setAdding(false);
    form.resetFields();
    void invalidate(['org']);
  };

  const remove = async (member: GridStaff) => {
    try {
      await orgApi.removeGridStaff(member.id);
      void message.success(t('roster.removed', { name: member.name }));
      void invalidate(['org']);
    } catch (error) {
      reportError(error);
    }
  };

  if (staff.error) return <ErrorAlert error={staff.error} onRetry={() => void staff.refetch()} />;

  return (
    <>
      {editable && (
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button size="small" type="primary" ghost icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="roster-add">
            {t('roster.add')}
          </Button>
        </Flex>
      )}
      <Table<GridStaff>
        rowKey="id"
        size={compact ? 'small' : 'middle'}
        loading={staff.isFetching}
        dataSource={staff.data ?? []}
        pagination={false}
        locale={{ emptyText: t('roster.empty') }}
        columns={[
          {
            title: t('roster.duty'),
            dataIndex: 'duty',
            width: compact ? 110 : 130,
            render: (duty: Duty) => <DutyTag duty={duty} />,
          },
          {
            title: t('roster.name'),
            dataIndex: 'name',
            render: (name: string, member) => (
              <Flex gap={4} align="center">
                <span>{name}</span>
                {member.userId && member.userId === me?.id && <Tag color="gold">{t('roster.me')}</Tag>}
              </Flex>
            ),
          },
          {
            title: t('roster.phone'),
            dataIndex: 'phone',
            render: (phone: string | null) =>
              phone ? (
                <Typography.Link href={`tel:${phone}`} style={{ whiteSpace: 'nowrap' }}>
                  {!compact && <PhoneOutlined />} {phone}
                </Typography.Link>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          ...(editable
            ? [
                {
                  title: compact ? '' : t('common.actions'),
                  key: 'actions',
                  width: compact ? 48 : 80,
                  render: (_: unknown, member: GridStaff) => (
                    <Popconfirm
                      title={t('roster.removeConfirm', { name: member.name })}
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove(member)}
                    >
                      <Button type="link" danger size="small" icon={<DeleteOutlined />} title={t('roster.remove')} aria-label={t('roster.remove')}>
                        {compact ? null : t('roster.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      <FormModal<StaffForm>
        title={t('roster.addTitle')}
        open={adding}
        onClose={() => setAdding(false)}
        okText={t('common.save')}
        form={form}
        onSubmit={add}
        initialValues={{ duty: 'grid_worker' }}
      >
        <Form.Item name="name" label={t('roster.name')} rules={[{ required: true, whitespace: true, max: 30, message: t('common.required', { field: t('roster.name') }) }]}>
          <Input maxLength={30} autoFocus />
        </Form.Item>
        <Form.Item name="duty" label={t('roster.duty')} rules={[{ required: true }]}>
          <Select options={duties.map((d) => ({ value: d, label: t(`duty.${d}`) }))} />
        </Form.Item>
        <Form.Item name="phone" label={t('roster.phone')} rules={[{ pattern: gridStaffPhonePattern, message: t('roster.phoneInvalid') }]}>
          <Input maxLength={20} inputMode="tel" />
        </Form.Item>
      </FormModal>
    </>
  );
}
