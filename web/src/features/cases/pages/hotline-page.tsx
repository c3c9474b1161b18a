import { PhoneOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Space, Typography, type InputRef, type RefSelectProps } from 'antd';
import { useRef, useState, type KeyboardEvent } from 'react';
import { casesApi, type CaseCategory, type CaseListItem, type RegisteredCaller } from '../api.ts';
import type { CaseUrgency, MatterClass } from '#server/modules/cases/contract.ts';
import { CallerPanel, DuplicatesPanel } from '../components/hotline-panels.tsx';
import { CreatedAlert, HotlineCaseFields } from '../components/hotline-fields.tsx';
import { reportBody, reporterOf, type ReportText } from '../components/report-form.tsx';
import { useAction } from '../../../platform/use-write.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface HotlineForm extends ReportText {
  phone?: string;
  callerName?: string;
  categoryCode?: string;
  orgCode?: string;
  urgency: CaseUrgency;
  matterClass?: MatterClass;
  acceptNow: boolean;
}

const initial: HotlineForm = { urgency: 'normal', acceptNow: true };

/** Ctrl+Enter submits from any field; Alt+N starts the next call. */
function onHotlineKeys(event: KeyboardEvent<HTMLDivElement>, submit: () => void, next: () => void) {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    submit();
  } else if (event.altKey && (event.key === 'n' || event.key === 'N')) {
    event.preventDefault();
    next();
  }
}

/**
 * 热线受理: a call becomes a case in one form, by keyboard. The caller's number brings up
 * their earlier cases; the category is found by pinyin; open cases of the same kind in the
 * same community are shown before submitting, so a duplicate is not opened twice.
 */
export function CaseHotlinePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<HotlineForm>();
  const phoneRef = useRef<InputRef>(null);
  const categoryRef = useRef<RefSelectProps>(null);
  const [lookedUp, setLookedUp] = useState<string | null>(null);
  const saving = useAction();
  const [created, setCreated] = useState<CaseListItem | null>(null);
  const settings = useApiQuery(['cases', 'settings', 'settings'], (signal) => casesApi.settings(signal).catch(() => null));
  const days = settings.data?.duplicateDays ?? 7;

  // A POST (the number stays out of URLs), rate-limited and audited by the server. The
  // caller's name comes back masked (张*), so it is shown, never copied into the form.
  const history = useApiQuery(['cases', 'callerHistory', lookedUp], lookedUp ? (signal) => casesApi.callerHistory(lookedUp, signal) : null);

  const categoryCode = Form.useWatch('categoryCode', form);
  const orgCode = Form.useWatch('orgCode', form);

  const lookUp = () => {
    const phone = String(form.getFieldValue('phone') ?? '').replace(/\s+/g, '');
    if (phone.length >= 5) setLookedUp(phone);
    categoryRef.current?.focus();
  };

  // The caller's name, community and address from their registry record.
  const fillFromRegistry = (person: RegisteredCaller) => {
    const path = person.orgPath.split('.');
    form.setFieldsValue({
      callerName: form.getFieldValue('callerName') || person.name,
      orgCode: path.at(-2) ?? form.getFieldValue('orgCode'),
      address: form.getFieldValue('address') || person.address || undefined,
    });
  };

  const onCategory = (_code: string | undefined, category: CaseCategory | undefined) => {
    if (!category) return;
    if (!form.getFieldValue('title')) form.setFieldValue('title', category.name);
    form.setFieldValue('matterClass', category.defaultMatterClass);
  };

  const startNext = () => {
    form.resetFields();
    setLookedUp(null);
    window.setTimeout(() => phoneRef.current?.focus(), 0);
  };

  const submit = (values: HotlineForm) =>
    saving.run(async () => {
      const result = await casesApi.create({
        ...reportBody(values, values.categoryCode ?? ''),
        matterClass: values.matterClass,
        urgency: values.urgency,
        source: 'hotline',
        orgCode: values.orgCode,
        reporter: reporterOf(values.callerName, values.phone),
        acceptNow: values.acceptNow,
      });
      setCreated(result.case);
      void message.success(t('case.hotline.created', { number: result.case.number }));
      startNext();
    }, form);

  return (
    <Row gutter={[16, 16]} onKeyDown={(event) => onHotlineKeys(event, () => form.submit(), startNext)} data-testid="hotline">
      <Col xs={24} xl={14}>
        <Card
          title={<><PhoneOutlined /> {t('case.hotline.title')}</>}
          extra={
            <Button icon={<PlusOutlined />} onClick={startNext}>
              {t('case.hotline.next')} <Typography.Text keyboard>Alt+N</Typography.Text>
            </Button>
          }
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {t('case.hotline.subtitle')}
          </Typography.Paragraph>
          {created && <CreatedAlert created={created} onClose={() => setCreated(null)} />}
          <Form<HotlineForm> form={form} layout="vertical" initialValues={initial} onFinish={(values) => void submit(values)} requiredMark>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="phone" label={t('case.hotline.phone')}>
                  <Input
                    ref={phoneRef}
                    autoFocus
                    inputMode="tel"
                    maxLength={20}
                    prefix={<PhoneOutlined />}
                    placeholder={t('case.hotline.phonePlaceholder')}
                    onPressEnter={(event) => {
                      event.preventDefault();
                      lookUp();
                    }}
                    suffix={<SearchOutlined onClick={lookUp} style={{ cursor: 'pointer' }} />}
                    data-testid="hotline-phone"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="callerName" label={t('case.hotline.callerName')}>
                  <Input maxLength={50} data-testid="hotline-name" />
                </Form.Item>
              </Col>
            </Row>
            <HotlineCaseFields categoryRef={categoryRef} onCategory={onCategory} />
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Form.Item name="acceptNow" valuePropName="checked" noStyle>
                <Checkbox>{t('case.hotline.acceptNow')}</Checkbox>
              </Form.Item>
              <Space>
                <Typography.Text type="secondary">
                  <Typography.Text keyboard>Ctrl</Typography.Text>+<Typography.Text keyboard>Enter</Typography.Text>
                </Typography.Text>
                <Button type="primary" htmlType="submit" loading={saving.busy} data-testid="hotline-submit">
                  {t('case.hotline.submit')}
                </Button>
              </Space>
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Flex vertical gap={16}>
          <CallerPanel lookedUp={lookedUp} history={history} onUse={fillFromRegistry} />
          <DuplicatesPanel categoryCode={categoryCode} orgCode={orgCode} days={days} />
        </Flex>
      </Col>
    </Row>
  );
}
