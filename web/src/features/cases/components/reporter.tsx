// The reporter on a case page: masked (张*, 138******78) for everyone who may see the
// reporter, with 查看 to show the contact in clear after giving a reason (the server audits
// it); "hidden" for those who may not see the reporter at all.
import { Space, Typography } from 'antd';
import { useState } from 'react';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { RevealButton } from '../../../platform/components/reveal.tsx';
import { useT } from '../../../platform/i18n/index.tsx';
import { casesApi, type CaseDetail } from '../api.ts';

type Reporter = NonNullable<CaseDetail['reporter']>;

export function ReporterContact({ detail }: { detail: Pick<CaseDetail, 'id' | 'reporter' | 'reporterHidden'> }) {
  const t = useT();
  const reportError = useReportError();
  const [clear, setClear] = useState<{ caseId: string; reporter: Reporter } | null>(null);
  if (!detail.reporter) {
    if (detail.reporterHidden) return <Typography.Text type="secondary">{t('case.field.reporterHidden')}</Typography.Text>;
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  // A reveal is for the case it was asked on; another case starts masked again.
  const shown = clear?.caseId === detail.id ? clear.reporter : detail.reporter;
  const hasContact = detail.reporter.name !== null || detail.reporter.phone !== null;
  return (
    <Space size={4} wrap data-testid="case-reporter">
      <span>{shown.name ?? '—'}</span>
      {shown.phone && (shown.revealed ? <Typography.Text copyable>{shown.phone}</Typography.Text> : <span>{shown.phone}</span>)}
      <RevealButton
        allowed={hasContact && !detail.reporter.revealed}
        revealed={shown.revealed}
        size="small"
        label={t('case.reporter.reveal')}
        notice={t('case.reporter.revealNotice')}
        placeholder={t('case.reporter.revealPlaceholder')}
        onReveal={async (reason) => {
          try {
            setClear({ caseId: detail.id, reporter: await casesApi.revealReporter(detail.id, reason) });
          } catch (error) {
            reportError(error);
            throw error;
          }
        }}
        onHide={() => setClear(null)}
      />
    </Space>
  );
}
