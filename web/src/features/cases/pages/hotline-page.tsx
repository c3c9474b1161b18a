import { CheckCircleOutlined, HistoryOutlined, IdcardOutlined, PhoneOutlined, PlusOutlined, SearchOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Flex, Form, Input, List, Radio, Row, Select, Space, Tag, Typography, type InputRef, type RefSelectProps } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { toApiError } from '../../../platform/api-client.ts';
import { casesApi, type CaseCategory, type CaseListItem, type RegisteredCaller } from '../api.ts';
import { caseUrgencies, matterClasses, openCaseStates, type CaseUrgency, type MatterClass } from '../../../../../src/modules/cases/contract.ts';
import { useAuth } from '../../../platform/auth.tsx';
import { CategorySearch } from '../components/category-select.tsx';
import { CaseStateTag } from '../components/labels.tsx';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

interface HotlineForm {
  phone?: string;
  callerName?: string;
  categoryCode?: string;
  title?: string;
  description?: string;
  orgCode?: string;
  address?: string;
  urgency: CaseUrgency;
  matterClass?: MatterClass;
  acceptNow: boolean;
}

const initial: HotlineForm = { urgency: 'normal', acceptNow: true };

/**
 * 热线受理: a call becomes a case in one form, by keyboard. The caller's number brings up
 * their earlier cases; the category is found by pinyin; open cases of the same kind in the
 * same community are shown before submitting, so a duplicate is not opened twice.
 */
export function CaseHotlinePage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { can } = useAuth();
  const reportError = useReportError();
  const scope = useScopeNodes();
  const [form] = Form.useForm<HotlineForm>();
  const phoneRef = useRef<InputRef>(null);
  const categoryRef = useRef<RefSelectProps>(null);
  const [lookedUp, setLookedUp] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [created, setCreated] = useState<CaseListItem | null>(null);
  const settings = useApiQuery(['cases', 'settings', 'settings'], (signal) => casesApi.settings(signal).catch(() => null));
  const days = settings.data?.duplicateDays ?? 7;

  const history = useApiQuery(['cases', 'callerHistory', lookedUp], lookedUp ? (signal) => casesApi.callerHistory(lookedUp, signal) : null);
  // The registry (一户一档) knows residents by phone: who is calling, and where they live.
  const registered = useApiQuery(['cases', 'registeredCallers', 'registered', lookedUp], lookedUp && can('registry.read') ? (signal) => casesApi.registeredCallers(lookedUp, signal).catch(() => null) : null);
  useEffect(() => {
    if (history.data?.callerName && !form.getFieldValue('callerName')) form.setFieldValue('callerName', history.data.callerName);
  }, [history.data, form]);

  const categoryCode = Form.useWatch('categoryCode', form);
  const orgCode = Form.useWatch('orgCode', form);
  const since = new Date(Date.now() - days * 86_400_000);
  since.setMinutes(0, 0, 0);
  const duplicates = useApiQuery(
    ['cases', 'list', 'duplicates', categoryCode, orgCode, days],
    categoryCode && orgCode
      ? (signal) => casesApi.list({ categoryCode, under: orgCode, state: openCaseStates.join(','), from: since.toISOString(), sort: 'created_desc', page: 1, pageSize: 5 }, signal)
      : null,
  );

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

  const submit = async (values: HotlineForm) => {
    setSaving(true);
    try {
      const phone = values.phone?.replace(/\s+/g, '') || undefined;
      const name = values.callerName?.trim() || undefined;
      const result = await casesApi.create({
        title: (values.title ?? '').trim(),
        description: (values.description ?? '').trim(),
        categoryCode: values.categoryCode ?? '',
        matterClass: values.matterClass,
        urgency: values.urgency,
        source: 'hotline',
        orgCode: values.orgCode,
        address: values.address?.trim() || undefined,
        reporter: phone || name ? { phone, name } : undefined,
        acceptNow: values.acceptNow,
      });
      setCreated(result.case);
      void message.success(t('case.hotline.created', { number: result.case.number }));
      startNext();
    } catch (error) {
      reportError(toApiError(error), form);
    } finally {
      setSaving(false);
    }
  };

  // Ctrl+Enter submits from any field; Alt+N starts the next call.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.submit();
    } else if (event.altKey && (event.key === 'n' || event.key === 'N')) {
      event.preventDefault();
      startNext();
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('common.required', { field }) });
  return (
    <Row gutter={[16, 16]} onKeyDown={onKeyDown} data-testid="hotline">
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
          {created && (
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
              closable={{ onClose: () => setCreated(null) }}
            />
          )}
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
            <Form.Item name="categoryCode" label={t('case.hotline.categorySearch')} rules={[{ required: true, message: t('common.required', { field: t('case.field.category') }) }]}>
              <CategorySearch selectRef={categoryRef} onChange={onCategory} testId="hotline-category" />
            </Form.Item>
            <Form.Item name="title" label={t('case.field.title')} rules={[required(t('case.field.title'))]}>
              <Input maxLength={100} showCount data-testid="hotline-title" />
            </Form.Item>
            <Form.Item name="description" label={t('case.field.description')} rules={[required(t('case.field.description'))]}>
              <Input.TextArea rows={4} maxLength={4000} showCount data-testid="hotline-description" />
            </Form.Item>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="orgCode" label={t('case.hotline.place')} rules={[{ required: true, message: t('common.required', { field: t('case.hotline.place') }) }]}>
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
            <Flex justify="space-between" align="center" wrap gap={12}>
              <Form.Item name="acceptNow" valuePropName="checked" noStyle>
                <Checkbox>{t('case.hotline.acceptNow')}</Checkbox>
              </Form.Item>
              <Space>
                <Typography.Text type="secondary">
                  <Typography.Text keyboard>Ctrl</Typography.Text>+<Typography.Text keyboard>Enter</Typography.Text>
                </Typography.Text>
                <Button type="primary" htmlType="submit" loading={saving} data-testid="hotline-submit">
                  {t('case.hotline.submit')}
                </Button>
              </Space>
            </Flex>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Flex vertical gap={16}>
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
                      <Button size="small" onClick={() => fillFromRegistry(person)}>
                        {t('case.hotline.useRegistered')}
                      </Button>
                    }
                  />
                ))}
                <List
                  size="small"
                  loading={history.isFetching}
                  dataSource={history.data?.cases ?? []}
                  locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.hotline.noHistory')} /> }}
                  renderItem={(item) => <CaseLine item={item} />}
                />
              </>
            )}
          </Card>
          <Card size="small" title={<><WarningOutlined /> {t('case.hotline.duplicates')}</>} data-testid="hotline-duplicates">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('case.hotline.duplicatesHint', { days })}
            </Typography.Paragraph>
            {duplicates.error && <ErrorAlert error={duplicates.error} onRetry={() => void duplicates.refetch()} />}
            {categoryCode && orgCode ? (
              <List
                size="small"
                loading={duplicates.isFetching}
                dataSource={duplicates.data?.items ?? []}
                locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.hotline.noDuplicates')} /> }}
                renderItem={(item) => <CaseLine item={item} />}
              />
            ) : null}
          </Card>
        </Flex>
      </Col>
    </Row>
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
