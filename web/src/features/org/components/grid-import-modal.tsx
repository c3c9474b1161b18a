import { Alert, App, Button, Modal, Spin, Steps, Table, Typography } from 'antd';
import { useState } from 'react';
import { orgApi, importProblems, type ImportProblem, type ImportResult } from '../api.ts';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FileDrop } from '../../../platform/components/file-drop.tsx';

type Phase =
  | { step: 'choose' }
  | { step: 'checking'; file: string }
  | { step: 'problems'; file: string; error: ApiError; problems: ImportProblem[] }
  | { step: 'failed'; file: string; error: ApiError }
  | { step: 'ready'; file: string; text: string; check: ImportResult }
  | { step: 'importing'; file: string; text: string; check: ImportResult };

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 导入网格: choose a GeoJSON file, let the server check it (dry run), list every problem by
 * feature index, and import only after the user confirms a clean file.
 */
export function GridImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: (result: ImportResult) => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });

  const reset = () => setPhase({ step: 'choose' });
  const close = () => {
    reset();
    onClose();
  };

  const check = async (file: File) => {
    const label = t('import.file', { name: file.name, size: formatSize(file.size) });
    setPhase({ step: 'checking', file: label });
    const text = await file.text();
    try {
      JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      setPhase({ step: 'failed', file: label, error: toApiError(new Error(t('import.notJson', { reason }))) });
      return;
    }
    try {
      const result = await orgApi.importGrids(text, true);
      setPhase({ step: 'ready', file: label, text, check: result });
    } catch (failure) {
      const error = toApiError(failure);
      const problems = error.code === 'GEOJSON_INVALID' ? importProblems(error) : [];
      setPhase(problems.length > 0 ? { step: 'problems', file: label, error, problems } : { step: 'failed', file: label, error });
    }
  };

  const confirm = async () => {
    if (phase.step !== 'ready') return;
    setPhase({ ...phase, step: 'importing' });
    try {
      const result = await orgApi.importGrids(phase.text, false);
      void message.success(t('import.done', { created: result.created, updated: result.updated }));
      onImported(result);
      close();
    } catch (failure) {
      const error = toApiError(failure);
      const problems = error.code === 'GEOJSON_INVALID' ? importProblems(error) : [];
      setPhase(problems.length > 0 ? { step: 'problems', file: phase.file, error, problems } : { step: 'failed', file: phase.file, error });
    }
  };

  const current = phase.step === 'choose' ? 0 : phase.step === 'ready' || phase.step === 'importing' ? 2 : 1;
  const status = phase.step === 'problems' || phase.step === 'failed' ? 'error' : 'process';

  return (
    <Modal
      title={t('import.title')}
      open={open}
      onCancel={close}
      width={760}
      destroyOnHidden
      footer={[
        phase.step !== 'choose' && (
          <Button key="again" onClick={reset} disabled={phase.step === 'checking' || phase.step === 'importing'}>
            {t('import.chooseAgain')}
          </Button>
        ),
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={phase.step !== 'ready' && phase.step !== 'importing'}
          loading={phase.step === 'importing'}
          onClick={() => void confirm()}
          data-testid="import-confirm"
        >
          {t('import.confirm')}
        </Button>,
      ]}
    >
      <Steps
        size="small"
        current={current}
        status={status}
        style={{ marginBottom: 20 }}
        items={[{ title: t('import.stepChoose') }, { title: t('import.stepCheck') }, { title: t('import.stepImport') }]}
      />
      {phase.step === 'choose' ? (
        <>
          <FileDrop accept=".geojson,.json,application/geo+json,application/json" onFile={(file) => void check(file)} text={t('import.drop')} testId="import-upload" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 13 }}>
            {t('import.hint')}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          <Typography.Paragraph strong>{phase.file}</Typography.Paragraph>
          {phase.step === 'checking' && <Spin tip={t('import.checking')}><div style={{ height: 80 }} /></Spin>}
          {phase.step === 'failed' && <ErrorAlert error={phase.error} />}
          {(phase.step === 'ready' || phase.step === 'importing') && (
            <Alert type="success" showIcon title={t('import.checkOk', { created: phase.check.created, updated: phase.check.updated })} data-testid="import-ok" />
          )}
          {phase.step === 'problems' && (
            <>
              <Alert type="error" showIcon title={t('import.problems', { count: phase.problems.length })} style={{ marginBottom: 12 }} />
              <Table<ImportProblem>
                size="small"
                rowKey={(problem) => `${problem.index}:${problem.field}:${problem.message}`}
                dataSource={phase.problems}
                pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
                data-testid="import-problems"
                columns={[
                  {
                    title: t('import.feature'),
                    dataIndex: 'index',
                    width: 100,
                    render: (index: number) => (index < 0 ? t('import.wholeFile') : `#${index}`),
                  },
                  { title: t('map.gridCode'), dataIndex: 'code', width: 130, render: (code?: string) => code ?? '—' },
                  { title: t('import.field'), dataIndex: 'field', width: 210, render: (field: string) => <Typography.Text code>{field}</Typography.Text> },
                  {
                    title: t('import.reason'),
                    key: 'reason',
                    render: (_: unknown, problem) => (locale === 'en-US' ? problem.messageEn : problem.message),
                  },
                ]}
              />
            </>
          )}
        </>
      )}
    </Modal>
  );
}
