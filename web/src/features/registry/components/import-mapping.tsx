import { ApiOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ledgerFields, requiredLedgerFields, type LedgerField } from '../api.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';

export interface HeaderChoice {
  header: string;
  field: string | null;
}

function isLedgerField(value: string | null): value is LedgerField {
  return value !== null && (ledgerFields as readonly string[]).includes(value);
}

/**
 * 列对应: the file's headers, each with the ledger field it goes into. Columns the server
 * recognised keep their field unless changed; only the changes are sent back as the mapping
 * (the server maps the rest by the template's headers and their usual aliases).
 */
export function ImportMapping({ headers, busy, onSubmit, onCancel }: { headers: HeaderChoice[]; busy: boolean; onSubmit: (mapping: Record<string, string>) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const columns = headers.filter((h) => h.header.trim() !== '');
  const [choices, setChoices] = useState<(LedgerField | null)[]>(() => columns.map((h) => (isLedgerField(h.field) ? h.field : null)));

  const chosen = choices.filter((c): c is LedgerField => c !== null);
  const missing = requiredLedgerFields.filter((f) => !chosen.includes(f));
  const duplicated = [...new Set(chosen.filter((f, i) => chosen.indexOf(f) !== i))];
  const mapping: Record<string, string> = {};
  columns.forEach((column, i) => {
    const choice = choices[i] ?? null;
    if (choice !== null && choice !== column.field) mapping[column.header] = choice;
  });
  const changed = Object.keys(mapping).length > 0;

  return (
    <div data-testid="import-mapping">
      <Alert type="info" showIcon title={t('registry.import.mappingTitle')} description={t('registry.import.mappingIntro')} style={{ marginBottom: 12 }} />
      <Table<HeaderChoice & { index: number }>
        rowKey="index"
        size="small"
        pagination={false}
        scroll={{ y: 360 }}
        dataSource={columns.map((c, index) => ({ ...c, index }))}
        columns={[
          { title: '#', dataIndex: 'index', width: 56, render: (i: number) => i + 1 },
          { title: t('registry.import.fileHeader'), dataIndex: 'header', render: (h: string) => <Typography.Text strong>{h}</Typography.Text> },
          {
            title: t('registry.import.field'),
            key: 'field',
            width: 280,
            render: (_: unknown, row) => {
              const value = choices[row.index] ?? null;
              // The server cannot be told to skip a column it recognises: only unknown columns may stay unmapped.
              const maySkip = !isLedgerField(row.field);
              return (
                <Select<LedgerField | ''>
                  value={value ?? ''}
                  style={{ width: 250 }}
                  showSearch={{ optionFilterProp: 'title' }}
                  virtual={false}
                  status={value && duplicated.includes(value) ? 'error' : undefined}
                  onChange={(next) => setChoices((previous) => previous.map((c, i) => (i === row.index ? (next === '' ? null : next) : c)))}
                  aria-label={row.header}
                  data-testid={`mapping-${row.header}`}
                  options={[
                    ...(maySkip || value === null
                      ? [{ value: '' as const, title: t('registry.import.skipColumn'), label: <Typography.Text type="secondary">{t('registry.import.skipColumn')}</Typography.Text> }]
                      : []),
                    ...ledgerFields.map((f) => ({
                      value: f,
                      title: t(`registry.ledger.${f}`),
                      label: (
                        <Flex justify="space-between" gap={8}>
                          <span>{t(`registry.ledger.${f}`)}</span>
                          {(requiredLedgerFields as readonly LedgerField[]).includes(f) && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('registry.ledger.required')}</Tag>}
                        </Flex>
                      ),
                    })),
                  ]}
                />
              );
            },
          },
        ]}
      />
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          title={t('registry.import.mappingMissing', { fields: missing.map((f) => t(`registry.ledger.${f}`)).join('、') })}
        />
      )}
      {duplicated.map((f) => (
        <Alert key={f} type="error" showIcon style={{ marginTop: 12 }} title={t('registry.import.mappingDuplicated', { field: t(`registry.ledger.${f}`) })} />
      ))}
      <Flex gap={8} justify="flex-end" style={{ marginTop: 16 }}>
        {onCancel && <Button onClick={onCancel}>{t('common.cancel')}</Button>}
        <Button
          type="primary"
          icon={<ApiOutlined />}
          loading={busy}
          disabled={missing.length > 0 || duplicated.length > 0 || !changed}
          onClick={() => onSubmit(mapping)}
          data-testid="mapping-submit"
        >
          {t('registry.import.recheck')}
        </Button>
      </Flex>
    </div>
  );
}
