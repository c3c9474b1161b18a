import { Alert, App, Button, type FormInstance } from 'antd';
import type { CSSProperties } from 'react';
import { toApiError, type ApiError } from '../api-client.ts';
import { useT } from '../i18n/index.tsx';

/** A failed load or action: the server's localised message, with the request id for support. */
export function ErrorAlert({ error, onRetry, style }: { error: ApiError; onRetry?: () => void; style?: CSSProperties }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      style={style}
      title={error.message}
      description={error.requestId ? `${t('common.requestId')}: ${error.requestId}` : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

/** Shows an action's failure as a toast; field errors go onto the form when one is given. */
export function useReportError(): (error: unknown, form?: FormInstance) => ApiError {
  const { message } = App.useApp();
  return (error, form) => {
    const apiError = toApiError(error);
    const fields = apiError.fields;
    if (form && fields.length > 0) {
      const known = new Set(Object.keys(form.getFieldsValue(true) as Record<string, unknown>));
      const matched = fields
        .map((f) => ({ name: f.field.replace(/^body\./, ''), errors: [f.message] }))
        .filter((f) => known.has(f.name));
      if (matched.length > 0) {
        form.setFields(matched);
        return apiError;
      }
    }
    void message.error(apiError.message);
    return apiError;
  };
}
