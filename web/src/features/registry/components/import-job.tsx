// The ledger import's job: its status, the check's result with the rows in error, and the
// choices that follow (commit clean or valid rows, remap, discard).
import { DeleteOutlined, DownloadOutlined, FileExcelOutlined, ReloadOutlined, RollbackOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Popconfirm, Progress, Radio, Result, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { registryApi, type ImportError, type ImportJob, type ImportStatus } from '../api.ts';

import { ImportMapping, type HeaderChoice } from './import-mapping.tsx';
import { downloadFile } from '../../../platform/download.ts';
import { residentsPath } from './paths.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { QueryTable } from '../../../platform/components/list-table.tsx';

export type Stage =
  | { kind: 'choose' }
  | { kind: 'uploading'; file: File; fraction: number; mapping: Record<string, string> }
  | { kind: 'job'; job: ImportJob; file: File | null; mapping: Record<string, string> };

export type Mode = 'clean' | 'valid';

export const running: ImportStatus[] = ['checking', 'committing'];
const statusColors: Record<ImportStatus, string> = {
  checking: 'processing',
  checked: 'blue',
  committing: 'processing',
  committed: 'success',
  failed: 'error',
  discarded: 'default',
  interrupted: 'warning',
};

/** A job's status as a tag; a file whose headers need mapping is not shown as a failure. */
export function StatusTag({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const needsMapping = job.status === 'failed' && job.failure?.code === 'REGISTRY_IMPORT_HEADERS';
  const undone = job.status === 'discarded' && job.undone;
  const undoing = job.status === 'committing' && job.progress?.phase === 'undoing';
  const name = needsMapping ? 'needsMapping' : undone ? 'undone' : undoing ? 'undoing' : job.status;
  return (
    <Tag color={needsMapping ? 'warning' : statusColors[job.status]} data-testid="import-status" data-status={job.status}>
      {t(`registry.import.statusName.${name}`)}
    </Tag>
  );
}

export function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * 台账导入: choose the community and a ledger (.xlsx / .csv), let the server check every row
 * (dry run), map columns when the headers differ, read the row-level report, then import
 * either only a clean file or just its valid rows, with progress, and see what changed.
 */
interface JobViewProps {
  stage: Extract<Stage, { kind: 'job' }>;
  mode: Mode | null;
  onMode: (mode: Mode) => void;
  busy: boolean;
  editingMapping: boolean;
  onEditMapping: (editing: boolean) => void;
  onRemap: (changes: Record<string, string>) => void;
  onCommit: (onlyValid: boolean) => void;
  onDiscard: () => void;
  /** Undoes what an interrupted commit wrote. */
  onUndo: () => void;
  onRestart: () => void;
}

export function JobView({ stage, mode, onMode, busy, editingMapping, onEditMapping, onRemap, onCommit, onDiscard, onUndo, onRestart }: JobViewProps) {
  const { t } = useI18n();
  const { job, file } = stage;
  const fileLine = (
    <Typography.Paragraph strong>
      <FileExcelOutlined style={{ color: '#1d6f42', marginInlineEnd: 6 }} />
      {t('registry.import.file', { name: file ? `${job.fileName}（${formatSize(file.size)}）` : job.fileName })}
      <span style={{ marginInlineStart: 8 }}>
        <StatusTag job={job} />
      </span>
    </Typography.Paragraph>
  );
  const again = (
    <Button icon={<ReloadOutlined />} onClick={onRestart} data-testid="import-restart">
      {t('registry.import.again')}
    </Button>
  );

  if (job.status === 'checking') {
    return (
      <div data-testid="import-checking">
        {fileLine}
        <Spin>
          <Alert
            type="info"
            title={job.progress ? t('registry.import.checking', { rows: job.progress.rows }) : t('registry.import.checkingStart')}
            style={{ maxWidth: 720 }}
          />
        </Spin>
      </div>
    );
  }

  const headerProblem = job.status === 'failed' && job.failure?.code === 'REGISTRY_IMPORT_HEADERS';
  if (headerProblem || (editingMapping && job.status === 'checked')) {
    const headers = (Array.isArray(job.failure?.details?.headers) ? (job.failure.details.headers as HeaderChoice[]) : job.headers).filter(
      (h) => typeof h.header === 'string',
    );
    return (
      <div style={{ maxWidth: 880 }}>
        {fileLine}
        {headerProblem && <Alert type="error" showIcon title={job.failure?.message} style={{ marginBottom: 12 }} data-testid="import-header-problem" />}
        {file ? (
          <ImportMapping headers={headers} busy={busy} onSubmit={onRemap} onCancel={editingMapping ? () => onEditMapping(false) : undefined} />
        ) : (
          again
        )}
      </div>
    );
  }

  if (job.status === 'failed' || job.status === 'discarded') {
    return (
      <div style={{ maxWidth: 880 }}>
        {fileLine}
        {job.status === 'discarded' && job.undone && <Alert type="success" showIcon title={t('registry.import.undone')} style={{ marginBottom: 16 }} data-testid="import-undone" />}
        {job.failure && <Alert type="error" showIcon title={t('registry.import.failed')} description={job.failure.message} style={{ marginBottom: 16 }} data-testid="import-failed" />}
        {again}
      </div>
    );
  }

  if (job.status === 'committing') {
    const { progress } = job;
    const percent = progress?.steps ? Math.round(((progress.stepNo ?? 0) / progress.steps) * 100) : 0;
    const undoing = progress?.phase === 'undoing';
    return (
      <div style={{ maxWidth: 720 }} data-testid={undoing ? 'import-undoing' : 'import-committing'}>
        {fileLine}
        <Typography.Paragraph>
          {undoing
            ? t('registry.import.undoing', { done: progress.stepNo ?? 0, total: progress.steps ?? 0 })
            : progress?.step
              ? t('registry.import.committing', { step: progress.step })
              : t('registry.import.committingStart')}
        </Typography.Paragraph>
        <Progress percent={percent} status="active" data-testid="import-progress" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t(undoing ? 'registry.import.undoingNote' : 'registry.import.atomic')}
        </Typography.Paragraph>
      </div>
    );
  }

  if (job.status === 'committed') return <CommittedResult job={job} again={again} />;

  // checked or interrupted: the dry-run report and the choice of how to import.
  return <CheckedReport {...{ job, file, fileLine, again, mode, onMode, busy, onEditMapping, onCommit, onDiscard, onUndo }} />;
}

/** A finished import: what changed, the rows skipped, and where to go next. */
function CommittedResult({ job, again }: { job: ImportJob; again: ReactNode }) {
  const { t } = useI18n();
  const unchanged = Math.max(0, job.validRows - job.inserted - job.updated);
  return (
    <Result
      status="success"
      title={t('registry.import.done')}
      subTitle={
        <span data-testid="import-done">
          {t('registry.import.doneSummary', { inserted: job.inserted, updated: job.updated, unchanged, skipped: job.skipped })}
          {job.skipped > 0 && job.skippedRows.length > 0 && (
            <>
              <br />
              {t('registry.import.skippedRows', { rows: job.skippedRows.slice(0, 50).join('、') })}
            </>
          )}
        </span>
      }
      extra={[
        <Link key="residents" to={`${residentsPath}?under=${encodeURIComponent(job.communityCode)}`}>
          <Button type="primary">{t('registry.import.viewResidents')}</Button>
        </Link>,
        job.skipped > 0 && (
          <Button key="report" icon={<DownloadOutlined />} onClick={() => downloadFile(registryApi.importReportUrl(job.id))}>
            {t('registry.import.downloadReport')}
          </Button>
        ),
        <span key="again">{again}</span>,
      ]}
    />
  );
}

interface CheckedReportProps extends Pick<JobViewProps, 'mode' | 'onMode' | 'busy' | 'onEditMapping' | 'onCommit' | 'onDiscard' | 'onUndo'> {
  job: ImportJob;
  file: File | null;
  fileLine: ReactNode;
  again: ReactNode;
}

/** The dry run's report and the choice of how to import (a job checked, or interrupted while committing). */
function CheckedReport({ job, file, fileLine, again, mode, onMode, busy, onEditMapping, onCommit, onDiscard, onUndo }: CheckedReportProps) {
  const { t } = useI18n();
  const hasErrors = job.errorRows > 0;
  const unmapped = job.headers.filter((h) => h.field === null && h.header.trim() !== '').map((h) => h.header);
  return (
    <div data-testid="import-report">
      {fileLine}
      {job.status === 'interrupted' && (
        <Alert type="warning" showIcon title={t('registry.import.interrupted')} description={job.failure?.message} style={{ marginBottom: 16 }} data-testid="import-interrupted" />
      )}
      <ImportSummary job={job} />
      {hasErrors ? (
        <Alert type="warning" showIcon title={t('registry.import.hasErrors', { errorRows: job.errorRows, total: job.totalRows })} style={{ marginBottom: 12 }} data-testid="import-has-errors" />
      ) : (
        <Alert type="success" showIcon title={t('registry.import.clean', { total: job.totalRows })} style={{ marginBottom: 12 }} data-testid="import-clean" />
      )}
      {unmapped.length > 0 && (
        <Typography.Paragraph type="secondary">
          {t('registry.import.unmapped', { headers: unmapped.join('、') })}
          {file && (
            <Button type="link" size="small" onClick={() => onEditMapping(true)}>
              {t('registry.import.adjustMapping')}
            </Button>
          )}
        </Typography.Paragraph>
      )}
      {hasErrors && <ErrorsTable jobId={job.id} />}
      <ModeChoice job={job} mode={mode} onMode={onMode} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('registry.import.atomic')}
      </Typography.Paragraph>
      <Flex gap={8} wrap>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          loading={busy}
          disabled={mode === null || (mode === 'clean' && hasErrors) || job.validRows === 0}
          onClick={() => onCommit(mode === 'valid')}
          data-testid="import-commit"
        >
          {job.status === 'interrupted' ? t('registry.import.resume') : t('registry.import.commit')}
        </Button>
        {job.status === 'interrupted' && (
          <Popconfirm title={t('registry.import.undoConfirm')} okText={t('registry.import.undo')} okButtonProps={{ danger: true }} onConfirm={onUndo}>
            <Button icon={<RollbackOutlined />} danger disabled={busy} data-testid="import-undo">
              {t('registry.import.undo')}
            </Button>
          </Popconfirm>
        )}
        {job.status === 'checked' && (
          <Button icon={<DeleteOutlined />} danger onClick={onDiscard} disabled={busy} data-testid="import-discard">
            {t('registry.import.discard')}
          </Button>
        )}
        {again}
      </Flex>
    </div>
  );
}

/** The dry run's counts: total, valid, in error, new, changed, unchanged. */
function ImportSummary({ job }: { job: ImportJob }) {
  const { t } = useI18n();
  const hasErrors = job.errorRows > 0;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="import-summary">
      {(
        [
          ['totalRows', job.totalRows, undefined],
          ['validRows', job.validRows, '#2b9348'],
          ['errorRows', job.errorRows, hasErrors ? '#cf1322' : undefined],
          ['newRows', job.newRows, undefined],
          ['changedRows', job.changedRows, undefined],
          ['unchangedRows', job.unchangedRows, undefined],
        ] as const
      ).map(([key, value, color]) => (
        <Col key={key} xs={12} sm={8} md={4}>
          <Card size="small">
            <Statistic title={t(`registry.import.${key}`)} value={value} styles={{ content: color ? { color } : {} }} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Import a clean file as is, or only the valid rows of a file with errors. */
function ModeChoice({ job, mode, onMode }: { job: ImportJob; mode: Mode | null; onMode: (mode: Mode) => void }) {
  const { t } = useI18n();
  const hasErrors = job.errorRows > 0;
  const rowsText = job.skippedRows.slice(0, 20).join('、') + (job.skippedRows.length > 20 ? '…' : '');
  return (
    <Descriptions
      bordered
      size="small"
      column={1}
      style={{ marginTop: 16, maxWidth: 880 }}
      items={[
        {
          key: 'mode',
          label: t('registry.import.mode'),
          children: (
            <Radio.Group value={mode} onChange={(event) => onMode(event.target.value as Mode)} data-testid="import-mode">
              <Space orientation="vertical">
                <Radio value="clean" disabled={hasErrors}>
                  {t('registry.import.modeClean')}
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {t('registry.import.modeCleanHint')}
                  </Typography.Text>
                </Radio>
                <Radio value="valid" disabled={!hasErrors || job.validRows === 0} data-testid="import-mode-valid">
                  {t('registry.import.modeValid')}
                  {hasErrors && (
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                      {t('registry.import.modeValidHint', { errorRows: job.errorRows, rows: rowsText, validRows: job.validRows })}
                    </Typography.Text>
                  )}
                </Radio>
              </Space>
            </Radio.Group>
          ),
        },
      ]}
    />
  );
}

/** The dry run's row-level problems (row, column, reason), paged, with the .xlsx report. */
function ErrorsTable({ jobId }: { jobId: string }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const errors = useApiQuery(['registry', 'importErrors', jobId, page], (signal) => registryApi.importErrors(jobId, { page, pageSize: 10 }, signal));
  return (
    <Card
      size="small"
      title={t('registry.import.errors')}
      extra={
        <Button icon={<DownloadOutlined />} size="small" onClick={() => downloadFile(registryApi.importReportUrl(jobId))} data-testid="import-report-download">
          {t('registry.import.downloadReport')}
        </Button>
      }
      style={{ maxWidth: 880 }}
    >
      <QueryTable<ImportError>
        query={errors}
        rows={errors.data?.items ?? []}
        errorStyle={{ marginBottom: 12 }}
        rowKey={(e) => `${e.rowNo}:${e.column}:${e.message}`}
        size="small"
        data-testid="import-errors"
        pagination={{ current: page, pageSize: 10, total: errors.data?.total ?? 0, hideOnSinglePage: true, onChange: setPage, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('registry.import.row'), dataIndex: 'rowNo', width: 100, render: (v: number) => t('registry.import.rowValue', { row: v }) },
          { title: t('registry.import.column'), dataIndex: 'column', width: 140, render: (v: string) => <Tag>{v}</Tag> },
          { title: t('registry.name'), dataIndex: 'name', width: 120, render: (v: string | null) => v ?? '—' },
          { title: t('registry.import.reason'), dataIndex: 'message', render: (v: string) => <Typography.Text type="danger">{v}</Typography.Text> },
        ]}
      />
    </Card>
  );
}
