// The hotline form's case fields (category by pinyin, title, description, place, urgency,
// matter class) and the notice of the case just created.
import { CheckCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, Radio, Row, Select, type RefSelectProps } from 'antd';
import type { Ref } from 'react';
import { Link } from 'react-router';
import { caseUrgencies, matterClasses, type MatterClass } from '#server/modules/cases/contract.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import type { CaseCategory, CaseListItem } from '../api.ts';
import { CategoryAttributeFields } from './attribute-fields.tsx';
import { CategorySearch } from './category-select.tsx';
import { useRequiredRules } from './report-form.tsx';

interface HotlineCaseFieldsProps {
  categoryRef: Ref<RefSelectProps>;
  onCategory: (code: string | undefined, category: CaseCategory | undefined) => void;
}

export function HotlineCaseFields({ categoryRef, onCategory }: HotlineCaseFieldsProps) {
  const { t } = useI18n();
  const scope = useScopeNodes();
  const rules = useRequiredRules();
  const categoryCode = Form.useWatch<string | undefined>('categoryCode');
  return (
    <>
      <Form.Item name="categoryCode" label={t('case.hotline.categorySearch')} rules={[rules.choice(t('case.field.category'))]}>
        <CategorySearch selectRef={categoryRef} onChange={onCategory} testId="hotline-category" />
      </Form.Item>
      <CategoryAttributeFields categoryCode={categoryCode} />
      <Form.Item name="title" label={t('case.field.title')} rules={[rules.text(t('case.field.title'))]}>
        <Input maxLength={100} showCount data-testid="hotline-title" />
      </Form.Item>
      <Form.Item name="description" label={t('case.field.description')} rules={[rules.text(t('case.field.description'))]}>
        <Input.TextArea rows={4} maxLength={4000} showCount data-testid="hotline-description" />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="orgCode" label={t('case.hotline.place')} rules={[rules.choice(t('case.hotline.place'))]}>
            <OrgNodeSelect levels={['community', 'street']} suggestions={scope.data?.suggestions} placeholder={t('case.hotline.placePlaceholder')} testId="hotline-place" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="address" label={t('case.field.address')}>
            <Input maxLength={200} data-testid="hotline-address" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="urgency" label={t('case.field.urgency')}>
            <Radio.Group optionType="button" options={caseUrgencies.map((u) => ({ value: u, label: t(`case.urgency.${u}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="matterClass" label={t('case.field.matterClass')}>
            <Select<MatterClass> allowClear options={matterClasses.map((m) => ({ value: m, label: t(`case.matter.${m}`) }))} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

export function CreatedAlert({ created, onClose }: { created: CaseListItem; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
        type="success"
        showIcon
        icon={<CheckCircleOutlined />}
        style={{ marginBottom: 16 }}
        title={t('case.hotline.created', { number: created.number })}
        data-testid="hotline-created"
        action={
          <Link to={`/console/cases/${created.id}`}>
            <Button size="small">{t('case.hotline.openCase')}</Button>
          </Link>
        }
        closable={{ onClose }}
      />
  );
}
