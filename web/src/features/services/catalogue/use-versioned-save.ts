// Saving a versioned record from an editor (an item, a bundle): the success message and the
// refresh, the server's field errors on their fields, and VERSION_CONFLICT kept as the version
// someone else saved, for the editor to show and reload.
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { toApiError } from '../../../platform/api-client.ts';
import { invalidate } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { showFieldErrors } from '../components/field-errors.ts';

export function useVersionedSave(form: FormInstance, onSaved: () => void) {
  const { message } = App.useApp();
  const saving = useAction();
  const [conflict, setConflict] = useState<number | null>(null);
  const save = (write: () => Promise<{ version: number }>, success: (version: number) => string, readVersion: number | undefined) =>
    saving.run(async () => {
      try {
        const saved = await write();
        void message.success(success(saved.version));
        void invalidate(['services']);
        onSaved();
      } catch (error) {
        const apiError = toApiError(error);
        const current = apiError.details.currentVersion;
        if (apiError.code === 'VERSION_CONFLICT') setConflict(typeof current === 'number' ? current : (readVersion ?? 0) + 1);
        else if (!showFieldErrors(form, apiError)) void message.error(apiError.message);
      }
    });
  return { busy: saving.busy, conflict, setConflict, save };
}
