import { Alert, App, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FileDrop } from '../../../platform/components/file-drop.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate } from '../../../platform/query.ts';
import { facilitiesApi, importProblems, type ImportFacilitiesResult, type ImportFormat } from '../api.ts';

function formatOf(name: string): ImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return null;
}

interface Chosen {
  file: File;
  format: ImportFormat;
  /** The dry run's answer, or its failure. */
  check?: ImportFacilitiesResult;
  error?: ApiError;
}

/**
 * 导入设施: the file is checked first (dry run: counts, or every problem by row); the import
 * button writes it only once the check has passed.
 */
export function FacilityImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [busy, setBusy] = useState(false);

  const close = () => {
    setChosen(null);
    onClose();
  };
  const run = async (file: File, format: ImportFormat, dryRun: boolean) => {
    setBusy(true);
    try {
      const result = await facilitiesApi.importFile(format, file, dryRun);
      if (dryRun) setChosen({ file, format, check: result });
      else {
        void message.success(t('facilities.import.done', { created: result.created, updated: result.updated }));
        void invalidate(['facilities']);
        close();
      }
    } catch (failure) {
      setChosen({ file, format, error: toApiError(failure) });
    } finally {
      setBusy(false);
    }
  };
  const choose = (file: File) => {
    const format = formatOf(file.name);
    if (!format) void message.error(t('facilities.import.badType'));
    else void run(file, format, true);
  };
  const problems = chosen?.error ? importProblems(chosen.error) : [];

  return (
    <Modal
      title={t('facilities.import.title')}
      open={open}
      onCancel={close}
      width={720}
      destroyOnHidden
      okText={t('facilities.import.apply')}
      okButtonProps={{ disabled: !chosen?.check, loading: busy, 'data-testid': 'facility-import-apply' }}
      onOk={() => chosen && void run(chosen.file, chosen.format, false)}
    >
      <Typography.Paragraph type="secondary">{t('facilities.import.hint')}</Typography.Paragraph>
      <FileDrop accept=".xlsx,.geojson,.json" onFile={choose} disabled={busy} text={chosen ? chosen.file.name : t('facilities.import.pick')} testId="facility-import-file" />
      {chosen?.check && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          title={t('facilities.import.checked', { created: chosen.check.created, updated: chosen.check.updated })}
          data-testid="facility-import-ok"
        />
      )}
      {chosen?.error && problems.length === 0 && <ErrorAlert error={chosen.error} style={{ marginTop: 12 }} />}
      {problems.length > 0 && (
        <>
          <Alert style={{ margin: '12px 0' }} type="error" showIcon title={t('facilities.import.problems', { n: problems.length })} />
          <Table
            size="small"
            rowKey={(p) => `${p.row}/${p.field}/${p.message}`}
            dataSource={problems}
            pagination={{ pageSize: 8, hideOnSinglePage: true }}
            columns={[
              { title: t('facilities.import.row'), dataIndex: 'row', width: 70 },
              { title: t('facilities.import.field'), dataIndex: 'field', width: 140 },
              { title: t('facilities.import.message'), dataIndex: 'message' },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
