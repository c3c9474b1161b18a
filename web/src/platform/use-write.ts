// One write from a screen: a busy flag for the button, a success message, the queries it
// changed refreshed, and a failure reported (on the form's fields when it has them).
import type { QueryKey } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { useReportError } from './components/feedback.tsx';
import { invalidate } from './query.ts';

export interface WriteOptions {
  /** Shown when the write succeeds. */
  success: string;
  /** Queries the write changes, refreshed after it. */
  invalidates: QueryKey;
  /** The form whose fields show the server's field errors. */
  form?: FormInstance;
  /** Runs after success, before the refresh (close a modal, reset a form). */
  then?: () => void;
}

/** Any action from a screen: a busy flag for its button while it runs, its failure reported (on the form's fields when given). */
export function useAction() {
  const reportError = useReportError();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<unknown>, form?: FormInstance): Promise<void> => {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      reportError(error, form);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

export function useWrite() {
  const { message } = App.useApp();
  const action = useAction();
  const run = (write: () => Promise<unknown>, { success, invalidates, form, then }: WriteOptions): Promise<void> =>
    action.run(async () => {
      await write();
      void message.success(success);
      then?.();
      void invalidate(invalidates);
    }, form);
  return { busy: action.busy, run };
}
