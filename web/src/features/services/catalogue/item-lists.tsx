// The repeating parts of an item's editor: its materials (each with its form, copies and rule:
// required, 容缺, 告知承诺 or optional) and its online form's fields (data, not code).
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { formFieldTypes, materialForms, materialRules } from '#server/modules/services/contract.ts';
import { useT, type MessageKey } from '../../../platform/i18n/index.tsx';

export function MaterialsList() {
  const t = useT();
  return (
    <Form.List name="materials">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, i) => (
            <Card key={row.key} size="small" style={{ marginBottom: 8 }} data-testid="edit-material">
              <Row gutter={8} align="bottom">
                <Col xs={12} md={4}>
                  <Form.Item name={[row.name, 'key']} label={t('services.edit.materialKey')} rules={[{ required: true, pattern: /^[a-z0-9_]{1,40}$/ }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[row.name, 'name']} label={t('services.edit.materialName')} rules={[{ required: true, max: 80 }]}>
                    <Input maxLength={80} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item name={[row.name, 'form']} label={t('services.edit.materialForm')} rules={[{ required: true }]}>
                    <Select aria-label={`${t('services.edit.materialForm')} ${i + 1}`} options={materialForms.map((f) => ({ value: f, label: t(`services.form.${f}` as MessageKey) }))} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={2}>
                  <Form.Item name={[row.name, 'count']} label={t('services.edit.materialCount')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={8} md={3}>
                  <Form.Item name={[row.name, 'rule']} label={t('services.edit.materialRule')} rules={[{ required: true }]}>
                    <Select aria-label={`${t('services.edit.materialRule')} ${i + 1}`} options={materialRules.map((r) => ({ value: r, label: t(`services.rule.${r}` as MessageKey) }))} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={5}>
                  <Form.Item name={[row.name, 'note']} label={t('services.edit.materialNote')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={`${t('services.edit.remove')} ${i + 1}`} onClick={() => remove(row.name)} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ key: '', name: '', form: 'copy', count: 1, rule: 'required', note: '' })} data-testid="edit-add-material">
            {t('services.edit.addMaterial')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

export function FormFieldsList() {
  const t = useT();
  return (
    <Form.List name="formFields">
      {(rows, { add, remove }) => (
        <>
          {rows.map((row, i) => (
            <Card key={row.key} size="small" style={{ marginBottom: 8 }}>
              <Row gutter={8} align="bottom">
                <Col xs={12} md={4}>
                  <Form.Item name={[row.name, 'key']} label={t('services.edit.fieldKey')} rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/ }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={5}>
                  <Form.Item name={[row.name, 'label']} label={t('services.edit.fieldLabel')} rules={[{ required: true, max: 40 }]}>
                    <Input maxLength={40} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item name={[row.name, 'type']} label={t('services.edit.fieldType')} rules={[{ required: true }]}>
                    <Select aria-label={`${t('services.edit.fieldType')} ${i + 1}`} options={formFieldTypes.map((f) => ({ value: f, label: t(`services.edit.fieldType.${f}` as MessageKey) }))} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={2}>
                  <Form.Item name={[row.name, 'required']} valuePropName="checked" label={t('services.edit.fieldRequired')}>
                    <Checkbox />
                  </Form.Item>
                </Col>
                <Col xs={20} md={8}>
                  <Form.Item name={[row.name, 'options']} label={t('services.edit.fieldOptions')}>
                    <Select mode="tags" aria-label={`${t('services.edit.fieldOptions')} ${i + 1}`} tokenSeparators={['、', ',', '，']} open={false} />
                  </Form.Item>
                </Col>
                <Col xs={4} md={1}>
                  <Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={`${t('services.edit.remove')} ${i + 1}`} onClick={() => remove(row.name)} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<PlusOutlined />} onClick={() => add({ key: '', label: '', type: 'text', required: false, options: [] })}>
            {t('services.edit.addField')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
