import { EditOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Row, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../../platform/auth.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate } from '../../../platform/query.ts';
import {
  facilitiesApi,
  facilityCategories,
  facilityKindCodePattern,
  lifeCircleLevels,
  populationGroups,
  standardWalkMeters,
  type FacilityCategory,
  type FacilityKind,
  type LifeCircleLevel,
  type PopulationGroup,
} from '../api.ts';
import { CoverageSettingsCard } from '../components/coverage-settings.tsx';
import { LevelTag, useKinds } from '../components/labels.tsx';

interface KindForm {
  code: string;
  name: string;
  nameEn: string;
  category: FacilityCategory;
  level: LifeCircleLevel;
  walkMeters?: number | null;
  required: boolean;
  group: PopulationGroup;
}

/** 配建标准: the GB 50180-2018 table of facility kinds by life circle, editable by staff who may write, and the distance settings. */
export function FacilitiesStandardPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const { query, kinds } = useKinds();
  const [editing, setEditing] = useState<FacilityKind | 'new' | null>(null);
  const writable = can('facilities.write');
  const levelOrder = (level: LifeCircleLevel) => lifeCircleLevels.indexOf(level);
  const rows = [...kinds].sort((a, b) => levelOrder(a.level) - levelOrder(b.level) || a.sort - b.sort);

  return (
    <Flex vertical gap={12}>
      <Card
        title={<><TableOutlined /> {t('facilities.standard.title')}</>}
        extra={
          writable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="kind-add">
              {t('facilities.standard.add')}
            </Button>
          )
        }
      >
        <Typography.Paragraph type="secondary">{t('facilities.standard.intro')}</Typography.Paragraph>
        {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} style={{ marginBottom: 12 }} />}
        <Table<FacilityKind>
          size="small"
          rowKey="code"
          loading={query.isFetching}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: query.data ? t('facilities.standard.empty') : <span /> }}
          data-testid="kinds-table"
          columns={[
            { title: t('facilities.field.level'), dataIndex: 'level', width: 140, render: (v: LifeCircleLevel) => <LevelTag level={v} /> },
            { title: t('facilities.standard.name'), dataIndex: 'name', render: (name: string, k) => <><Typography.Text strong>{name}</Typography.Text> <Typography.Text type="secondary">{k.nameEn}</Typography.Text></> },
            { title: t('facilities.standard.code'), dataIndex: 'code', width: 170, render: (code: string) => <Typography.Text code>{code}</Typography.Text> },
            { title: t('facilities.standard.category'), dataIndex: 'category', width: 170, render: (v: FacilityCategory) => t(`facilities.category.${v}`) },
            { title: t('facilities.standard.walkMeters'), dataIndex: 'walkMeters', width: 120, align: 'right' },
            { title: t('facilities.standard.required'), dataIndex: 'required', width: 90, render: (v: boolean) => (v ? <Tag color="red">{t('facilities.standard.required')}</Tag> : <Tag>{t('facilities.standard.optional')}</Tag>) },
            { title: t('facilities.standard.group'), dataIndex: 'group', width: 150, render: (v: PopulationGroup) => t(`facilities.group.${v}`) },
            ...(writable
              ? [{ title: t('common.actions'), key: 'actions', width: 70, render: (_: unknown, k: FacilityKind) => <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(k)} aria-label={t('facilities.standard.edit')} /> }]
              : []),
          ]}
        />
      </Card>
      <CoverageSettingsCard />
      {editing !== null && <KindFormModal kind={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

/** Adds a kind to the table or edits one (the code is fixed once made: facilities refer to it). */
function KindFormModal({ kind, onClose }: { kind: FacilityKind | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<KindForm>();
  const { message } = App.useApp();
  const level = Form.useWatch('level', form);
  const submit = async ({ code, walkMeters, ...values }: KindForm) => {
    const fields = { ...values, walkMeters: walkMeters ?? undefined };
    if (kind) await facilitiesApi.updateKind(kind.code, { version: kind.version, ...fields });
    else await facilitiesApi.createKind({ code, ...fields });
    void message.success(t('facilities.standard.saved'));
    onClose();
    void invalidate(['facilities']);
  };
  return (
    <FormModal<KindForm>
      title={kind ? t('facilities.standard.editTitle', { name: kind.name }) : t('facilities.standard.createTitle')}
      open
      onClose={onClose}
      okText={t('common.save')}
      form={form}
      onSubmit={submit}
      initialValues={kind ?? { required: true, group: 'all', category: 'public_service', level: '15min' }}
      testId="kind-form"
    >
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="code" label={t('facilities.standard.code')} rules={[{ required: true, pattern: facilityKindCodePattern, message: t('common.required', { field: t('facilities.standard.code') }) }]}>
            <Input disabled={kind !== null} maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="category" label={t('facilities.standard.category')} rules={[{ required: true }]}>
            <Select options={facilityCategories.map((v) => ({ value: v, label: t(`facilities.category.${v}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="name" label={t('facilities.standard.name')} rules={[{ required: true, message: t('common.required', { field: t('facilities.standard.name') }) }]}>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="nameEn" label={t('facilities.standard.nameEn')} rules={[{ required: true, message: t('common.required', { field: t('facilities.standard.nameEn') }) }]}>
            <Input maxLength={80} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="level" label={t('facilities.field.level')} rules={[{ required: true }]}>
            <Select options={lifeCircleLevels.map((v) => ({ value: v, label: t(`facilities.level.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="walkMeters" label={t('facilities.standard.walkMeters')} tooltip={t('facilities.standard.walkHint')}>
            <InputNumber min={50} max={5000} precision={0} placeholder={level ? String(standardWalkMeters[level]) : undefined} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="group" label={t('facilities.standard.group')} rules={[{ required: true }]}>
            <Select options={populationGroups.map((v) => ({ value: v, label: t(`facilities.group.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="required" valuePropName="checked" label=" ">
            <Checkbox>{t('facilities.standard.required')}</Checkbox>
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
