import { SendOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../../platform/api-client.ts';
import { useReportError } from '../../../platform/components/feedback.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { casesApi, type CaseDetail } from '../api.ts';

interface CaseCommentBoxProps {
  detail: CaseDetail;
  /** The case after the comment (the API answers with the whole record). */
  onDone: (next: CaseDetail) => void;
  /** Load the case again (after a version conflict). */
  onReload: () => void;
}

/** A comment under the timeline, sent with Ctrl+Enter or the button. */
export function CaseCommentBox({ detail, onDone, onReload }: CaseCommentBoxProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const reportError = useReportError();
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);

  const sendComment = async () => {
    if (!comment.trim()) return;
    setSending(true);
    try {
      onDone(await casesApi.act(detail.id, { action: 'comment', text: comment.trim(), version: detail.version }));
      setComment('');
      void message.success(t('case.detail.commentSent'));
    } catch (error) {
      const apiError = toApiError(error);
      reportError(apiError);
      if (apiError.code === 'VERSION_CONFLICT') onReload();
    } finally {
      setSending(false);
    }
  };

  return (
    <Flex gap={8} align="flex-end">
      <Input.TextArea
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        placeholder={t('case.detail.commentPlaceholder')}
        autoSize={{ minRows: 1, maxRows: 4 }}
        maxLength={4000}
        onPressEnter={(event) => {
          if (event.ctrlKey || event.metaKey) void sendComment();
        }}
        data-testid="case-comment"
      />
      <Button icon={<SendOutlined />} onClick={() => void sendComment()} loading={sending} disabled={!comment.trim()}>
        {t('case.detail.commentSend')}
      </Button>
    </Flex>
  );
}
