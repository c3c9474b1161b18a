import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Progress, Steps, Typography } from 'antd';
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { toApiError, type ApiError } from '../../../platform/api-client.ts';
import { registryApi, type ImportJob, type ImportStatus } from '../api.ts';
import { ErrorAlert, useReportError } from '../../../platform/components/feedback.tsx';
import { DateTime } from '../../../platform/components/labels.tsx';
import { FileDrop } from '../../../platform/components/file-drop.tsx';
import { OrgNodeSelect, useScopeNodes, type OrgNode } from '../../org/index.ts';
import { downloadFile } from '../../../platform/download.ts';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { formatSize, JobView, running, StatusTag, type Mode, type Stage } from '../components/import-job.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

/** The history lists every import: it changes when one is uploaded, settles or is discarded. */
const reloadImportHistory = () => void invalidate(['registry', 'imports']);

export function RegistryImportPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const scope = useScopeNodes();
  const [community, setCommunity] = useState<string | undefined>(undefined);
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  const [modeChoice, setModeChoice] = useState<{ jobId: string; mode: Mode } | null>(null);
  const [editingMapping, setEditingMapping] = useState(false);
  const [busy, setBusy] = useState(false);

  // Staff of one community import into it without choosing.
  const ownCommunity = scope.data?.roots.length === 1 && scope.data.roots[0]?.level === 'community' ? scope.data.roots[0].code : undefined;
  const communityCode = community ?? ownCommunity;
  const job = stage.kind === 'job' ? stage.job : null;
  const historyReload = reloadImportHistory;
  // A clean file imports as is; with bad rows the user must say to skip them.
  const mode: Mode | null = job && modeChoice?.jobId === job.id ? modeChoice.mode : job && job.errorRows === 0 ? 'clean' : null;

  usePollJob(job, setStage, setUploadError);

  const upload = async (file: File, mapping: Record<string, string>) => {
    if (!communityCode) {
      void message.warning(t('registry.import.communityRequired'));
      return;
    }
    setUploadError(null);
    setEditingMapping(false);
    setStage({ kind: 'uploading', file, fraction: 0, mapping });
    try {
      const created = await registryApi.uploadLedger({ file, communityCode, mapping }, (fraction) =>
        setStage((previous) => (previous.kind === 'uploading' ? { ...previous, fraction } : previous)),
      );
      setStage({ kind: 'job', job: created, file, mapping });
      historyReload();
    } catch (error) {
      setUploadError(toApiError(error));
      setStage({ kind: 'choose' });
    }
  };

  // Commit and undo run in the background: the job polls until it settles.
  const start = async (run: (jobId: string) => Promise<ImportJob>) => {
    if (stage.kind !== 'job') return;
    setBusy(true);
    try {
      const next = await run(stage.job.id);
      setStage({ ...stage, job: next });
      historyReload();
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  // Discarding a checked job and undoing an interrupted one both end it and go back to the start.
  const endJob = async (end: (jobId: string) => Promise<unknown>, done: string) => {
    if (stage.kind !== 'job') return;
    setBusy(true);
    try {
      await end(stage.job.id);
      void message.success(done);
      setStage({ kind: 'choose' });
      void invalidate(['registry']);
    } catch (error) {
      reportError(error);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setUploadError(null);
    setEditingMapping(false);
    setStage({ kind: 'choose' });
  };

  const { current, status: stepStatus } = importStep(stage);

  return (
    <>
      <Card
        title={<><CloudUploadOutlined /> {t('registry.import.title')}</>}
        extra={
          <Button icon={<DownloadOutlined />} onClick={() => downloadFile(registryApi.importTemplateUrl())} data-testid="import-template">
            {t('registry.import.template')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('registry.import.intro')}</Typography.Paragraph>
        <Steps
          size="small"
          current={current}
          status={stepStatus}
          style={{ margin: '8px 0 24px', maxWidth: 880 }}
          items={[
            { title: t('registry.import.stepChoose') },
            { title: t('registry.import.stepCheck') },
            { title: t('registry.import.stepCommit') },
            { title: t('registry.import.stepDone') },
          ]}
        />
        {uploadError && <ErrorAlert error={uploadError} style={{ marginBottom: 16 }} />}

        {stage.kind === 'choose' && (
          <ChooseLedger
            communityCode={communityCode}
            onCommunity={setCommunity}
            suggestions={scope.data?.suggestions.filter((n) => n.level === 'community')}
            onFile={(file) => void upload(file, {})}
          />
        )}

        {stage.kind === 'uploading' && (
          <div style={{ maxWidth: 720 }} data-testid="import-uploading">
            <Typography.Paragraph>{t('registry.import.uploading', { name: `${stage.file.name}（${formatSize(stage.file.size)}）` })}</Typography.Paragraph>
            <Progress percent={Math.round(stage.fraction * 100)} status="active" />
          </div>
        )}

        {stage.kind === 'job' && (
          <JobView
            stage={stage}
            mode={mode}
            onMode={(next) => setModeChoice({ jobId: stage.job.id, mode: next })}
            busy={busy}
            editingMapping={editingMapping}
            onEditMapping={setEditingMapping}
            onRemap={(changes) => stage.file && void upload(stage.file, { ...stage.mapping, ...changes })}
            onCommit={(onlyValid) => void start((jobId) => registryApi.commitImport(jobId, onlyValid))}
            onDiscard={() => void endJob(registryApi.discardImport, t('registry.import.discarded'))}
            onUndo={() => void start(registryApi.undoImport)}
            onRestart={restart}
          />
        )}
      </Card>

      <ImportHistory onOpen={(j) => setStage({ kind: 'job', job: j, file: null, mapping: {} })} />
    </>
  );
}


/** Every import so far, newest first; a settled or running one opens again. */
function ImportHistory({ onOpen }: { onOpen: (job: ImportJob) => void }) {
  const { t } = useI18n();
  const [historyPage, setHistoryPage] = useState(1);
  const history = useApiQuery(['registry', 'imports', historyPage], (signal) => registryApi.imports({ page: historyPage, pageSize: 10 }, signal));
  return (
  <Card title={t('registry.import.history')} style={{ marginTop: 16 }} size="small">
    <QueryTable<ImportJob>
      query={history}
      rows={history.data?.items ?? []}
      errorStyle={{ marginBottom: 12 }}
      rowKey="id"
      size="small"
      locale={{ emptyText: t('registry.import.historyEmpty') }}
      data-testid="import-history"
      pagination={{
        current: historyPage,
        pageSize: 10,
        total: history.data?.total ?? 0,
        hideOnSinglePage: true,
        showTotal: (total) => t('common.total', { total }),
        onChange: setHistoryPage,
      }}
      columns={[
        { title: t('registry.import.createdAt'), dataIndex: 'createdAt', width: 180, render: (v: string) => <DateTime value={v} /> },
        {
          title: t('registry.import.fileName'),
          dataIndex: 'fileName',
          render: (v: string) => (
            <span>
              <FileExcelOutlined style={{ color: '#1d6f42', marginInlineEnd: 6 }} />
              {v}
            </span>
          ),
        },
        { title: t('registry.import.community'), dataIndex: 'communityCode', width: 140 },
        { title: t('registry.import.actor'), dataIndex: 'actorName', width: 120 },
        { title: t('registry.status'), dataIndex: 'status', width: 100, render: (_: ImportStatus, j) => <StatusTag job={j} /> },
        {
          title: t('registry.import.result'),
          key: 'result',
          render: (_: unknown, j) =>
            j.status === 'committed'
              ? t('registry.import.resultCounts', { total: j.totalRows, inserted: j.inserted, updated: j.updated, skipped: j.skipped })
              : j.status === 'failed'
                ? (j.failure?.message ?? '—')
                : t('registry.import.checkedCounts', { total: j.totalRows, valid: j.validRows, errors: j.errorRows }),
        },
        {
          title: t('common.actions'),
          key: 'actions',
          width: 80,
          render: (_: unknown, j) =>
            (j.status === 'checked' || j.status === 'interrupted' || j.status === 'committed' || j.status === 'committing') && (
              <Button type="link" size="small" onClick={() => onOpen(j)}>
                {t('registry.open')}
              </Button>
            ),
        },
      ]}
    />
  </Card>
  );
}

interface ChooseLedgerProps {
  communityCode: string | undefined;
  onCommunity: (code: string | undefined) => void;
  suggestions: OrgNode[] | undefined;
  onFile: (file: File) => void;
}

/** The first step: the community to import into and the file. */
function ChooseLedger({ communityCode, onCommunity, suggestions, onFile }: ChooseLedgerProps) {
  const { t } = useI18n();
  return (
    <div style={{ maxWidth: 720 }}>
      <Form layout="vertical">
        <Form.Item label={t('registry.import.community')} required>
          <OrgNodeSelect
            value={communityCode}
            onChange={(code) => onCommunity(code)}
            levels={['community']}
            suggestions={suggestions}
            placeholder={t('registry.import.community')}
            style={{ width: 320 }}
            testId="import-community"
          />
        </Form.Item>
      </Form>
      <FileDrop
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        onFile={onFile}
        disabled={!communityCode}
        text={t('registry.import.drop')}
        hint={t('registry.import.dropHint')}
        testId="import-upload"
      />
    </div>
  );
}

/** Where the steps bar stands: choose, check, commit, done. */
function importStep(stage: Stage): { current: number; status: 'error' | 'finish' | 'process' } {
  const job = stage.kind === 'job' ? stage.job : null;
  const headersFailed = job?.status === 'failed' && job.failure?.code === 'REGISTRY_IMPORT_HEADERS';
  const current =
    stage.kind === 'choose'
      ? 0
      : stage.kind === 'uploading' || job?.status === 'checking' || headersFailed
        ? 1
        : job?.status === 'committed'
          ? 3
          : 2;
  return { current, status: job?.status === 'failed' ? 'error' : job?.status === 'committed' ? 'finish' : 'process' };
}

/** Polls a running job (check or commit) once a second until it settles. */
function usePollJob(job: ImportJob | null, setStage: Dispatch<SetStateAction<Stage>>, onError: (error: ApiError) => void) {
  const jobId = job?.id;
  const jobStatus = job?.status;
  useEffect(() => {
    if (!jobId || !jobStatus || !running.includes(jobStatus)) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      registryApi.importJob(jobId, controller.signal).then(
        (next) => {
          setStage((previous) => (previous.kind === 'job' && previous.job.id === next.id ? { ...previous, job: next } : previous));
          if (!running.includes(next.status)) reloadImportHistory();
        },
        (error: unknown) => {
          if (controller.signal.aborted) return;
          // Try again on the next tick; a lasting failure shows as an error.
          onError(toApiError(error));
          setStage((previous) => (previous.kind === 'job' ? { ...previous, job: { ...previous.job } } : previous));
        },
      );
    }, 1000);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
    // `job` changes identity to poll again after a failed tick; the setters are stable.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [jobId, jobStatus, job]);
}
