// One application as staff and its applicant see it: the facts, the materials with their
// state and files, the correction notice, and the timeline.
import { Alert, Card, Descriptions, Flex, List, Tag, Timeline, Typography } from 'antd';
import { DateTime } from '../../../platform/components/labels.tsx';
import { useI18n, type MessageKey } from '../../../platform/i18n/index.tsx';
import { servicesApi, type Application } from '../api.ts';
import { actionLabel, DeadlineTag, MaterialStateTag, StatusTag } from './labels.tsx';

export function ApplicationView({ app, applicant }: { app: Application; applicant?: Application['applicant'] | null }) {
  const { t } = useI18n();
  const who = applicant ?? app.applicant;
  const materialName = (key: string) => app.materials.find((m) => m.key === key)?.name ?? key;
  return (
    <Flex vertical gap={16}>
      <Card data-testid="application" data-status={app.status}>
        <Flex justify="space-between" wrap gap={8}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {app.itemName}
          </Typography.Title>
          <Flex gap={4}>
            <StatusTag status={app.status} />
            <DeadlineTag deadline={app.deadline} />
          </Flex>
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          style={{ marginTop: 12 }}
          items={[
            { key: 'n', label: t('services.field.number'), children: <Typography.Text copyable>{app.number}</Typography.Text> },
            { key: 'c', label: t('services.channel.counter'), children: t(`services.channel.${app.channel}` as MessageKey) },
            { key: 'a', label: t('services.field.applicant'), children: who.name },
            { key: 'i', label: t('services.field.idNumber'), children: who.idNumber },
            { key: 'p', label: t('services.field.phone'), children: who.phone },
            { key: 'u', label: t('services.field.unit'), children: app.unitName },
            { key: 'm', label: t('services.field.community'), children: app.communityName },
            { key: 's', label: t('services.field.submittedAt'), children: <DateTime value={app.submittedAt} /> },
            { key: 'd', label: t('services.field.dueAt'), children: app.dueAt ? <DateTime value={app.dueAt} /> : '—' },
            ...(app.reason ? [{ key: 'r', label: t('services.field.reason'), children: app.reason }] : []),
            ...Object.entries(app.form).map(([k, v]) => ({ key: `f-${k}`, label: k, children: String(v) })),
          ]}
        />
        {app.correction && (
          <Alert
            data-testid="correction"
            type="warning"
            showIcon
            message={t('services.field.correction')}
            description={`${app.correction.missing.map(materialName).join('、')}${app.correction.note ? `：${app.correction.note}` : ''}`}
          />
        )}
      </Card>
      <Card title={t('services.field.materials')} size="small">
        <List
          size="small"
          dataSource={app.materials}
          renderItem={(m) => (
            <List.Item data-testid="material-state" data-key={m.key} data-state={m.state}>
              <Flex gap={8} wrap align="center">
                <Typography.Text>{m.name}</Typography.Text>
                <Tag>{t(`services.rule.${m.rule}` as MessageKey)}</Tag>
                <MaterialStateTag state={m.state} />
                {m.files.map((f) => (
                  <Typography.Link key={f.id} href={servicesApi.materialUrl(app.number, f.id)}>
                    {f.filename}
                  </Typography.Link>
                ))}
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card title={t('services.field.timeline')} size="small">
        <Timeline
          items={app.timeline.map((e, i) => ({
            key: i,
            content: (
              <span data-testid="timeline-step" data-action={e.action}>
                {actionLabel(t, e.action)} · <DateTime value={e.at} />
                {e.actorName ? ` · ${e.actorName}` : ''}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Flex>
  );
}
