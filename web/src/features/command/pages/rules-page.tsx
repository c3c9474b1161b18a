// 预警规则: the early-warning rules of a district or street. Each rule shows whether the area has
// its own or follows the one above; saving gives the area its own (checked by the server, the bad
// field named on the form); 恢复上级规则 drops it again.
import { Alert, Button, Card, Col, Flex, Form, InputNumber, Row, Skeleton, Switch, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useWrite } from '../../../platform/use-write.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { commandApi, type WarningKind, type WarningRule } from '../api.ts';
import type { CommandMessageKey } from '../i18n.zh-CN.ts';

/** The parameters each rule shows, in order, with their input bounds (the server checks them again). */
const fieldsOf: Record<WarningKind, { name: string; min: number; max: number; step: number }[]> = {
  category_surge: [
    { name: 'baselineDays', min: 7, max: 180, step: 1 },
    { name: 'pValue', min: 0.0001, max: 0.49, step: 0.001 },
    { name: 'minCount', min: 1, max: 1000, step: 1 },
  ],
  repeated_place: [
    { name: 'days', min: 1, max: 90, step: 1 },
    { name: 'minReports', min: 2, max: 1000, step: 1 },
    { name: 'radiusMeters', min: 20, max: 2000, step: 10 },
  ],
  overdue_jump: [
    { name: 'days', min: 3, max: 90, step: 1 },
    { name: 'minRise', min: 0.01, max: 0.99, step: 0.05 },
    { name: 'minCases', min: 1, max: 10000, step: 1 },
  ],
};

type RuleForm = Record<string, number | boolean>;

function RuleCard({ under, rule }: { under: string; rule: WarningRule }) {
  const t = useT();
  const [form] = Form.useForm<RuleForm>();
  const save = useWrite();
  const reset = useWrite();
  // Field names are flat strings (`params.minCount`) so the server's field errors land on them.
  const values: RuleForm = { enabled: rule.enabled, ...Object.fromEntries(Object.entries(rule.params).map(([k, v]) => [`params.${k}`, v])) };
  useEffect(() => {
    form.setFieldsValue(values);
    // The rule as loaded is what the form starts from; it changes when the rule is saved or the area changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rule, form]);
  const source = rule.own ? t('command.rules.own') : rule.from ? t('command.rules.followsArea', { name: rule.from.name }) : t('command.rules.followsDefault');
  return (
    <Card
      size="small"
      title={t(`command.warn.kind.${rule.kind}` as CommandMessageKey)}
      extra={<Tag color={rule.own ? 'blue' : 'default'}>{source}</Tag>}
      data-testid={`rule-${rule.kind}`}
    >
      <Form<RuleForm>
        form={form}
        layout="vertical"
        initialValues={values}
        onFinish={(v) => {
          const params = Object.fromEntries(fieldsOf[rule.kind].map((f) => [f.name, Number(v[`params.${f.name}`])]));
          return save.run(() => commandApi.updateRule(rule.kind, { under, enabled: Boolean(v.enabled), params, version: rule.version }), {
            success: t('command.rules.saved'), invalidates: ['command', 'rules'], form,
          });
        }}
      >
        <Form.Item name="enabled" label={t('command.rules.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {fieldsOf[rule.kind].map((f) => (
          <Form.Item
            key={f.name}
            name={`params.${f.name}`}
            label={t(`command.rules.param.${rule.kind}.${f.name}` as CommandMessageKey)}
            rules={[{ required: true, message: t('command.rules.required') }]}
          >
            <InputNumber min={f.min} max={f.max} step={f.step} style={{ width: '100%' }} data-testid={`rule-${rule.kind}-${f.name}`} />
          </Form.Item>
        ))}
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.busy} data-testid={`rule-${rule.kind}-save`}>
            {t('command.rules.save')}
          </Button>
          {rule.own && (
            <Button
              loading={reset.busy}
              onClick={() => reset.run(() => commandApi.resetRule(rule.kind, under), { success: t('command.rules.resetDone'), invalidates: ['command', 'rules'] })}
              data-testid={`rule-${rule.kind}-reset`}
            >
              {t('command.rules.reset')}
            </Button>
          )}
        </Flex>
      </Form>
    </Card>
  );
}

export function RulesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const scope = useScopeNodes();
  const under = params.get('under') ?? scope.data?.roots[0]?.code;
  const rules = useApiQuery(['command', 'rules', under], under ? (signal) => commandApi.rules(under, signal) : null);
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('menu.commandRules')}
        </Typography.Title>
        <OrgNodeSelect
          value={under}
          onChange={(code) => setParams(code ? { under: code } : {}, { replace: true })}
          levels={['district', 'street']}
          suggestions={scope.data?.suggestions}
          placeholder={t('command.area')}
          style={{ width: 240 }}
          testId="rules-area"
        />
      </Flex>
      <Alert type="info" showIcon title={t('command.rules.hint')} />
      {rules.error && <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />}
      {!rules.data && !rules.error && (scope.loading || rules.isFetching ? <Skeleton active /> : <Alert type="warning" title={t('command.rules.noArea')} />)}
      {rules.data && (
        <Row gutter={[12, 12]} data-testid="rules-list">
          {rules.data.items.map((rule) => (
            <Col key={rule.kind} xs={24} lg={8}>
              <RuleCard under={under as string} rule={rule} />
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}
