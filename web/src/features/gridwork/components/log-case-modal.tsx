// 转为案件: an entry of the work log made into a case through the cases' intake. The title and
// description default (server side) to the entry's text; the category (and the extra fields it
// asks for) is what must be given.
import { App, Form, Input, Select } from 'antd';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { attributesBody, CategoryAttributeFields } from '../../cases/index.ts';
import { gridworkApi, type WorkLog } from '../api.ts';
import { codeOptions } from './format.ts';

interface CaseForm {
  categoryCode: string;
  title?: string;
  description?: string;
  attributes?: Parameters<typeof attributesBody>[0];
}

export function LogCaseModal({ entry, onClose }: { entry: WorkLog | null; onClose: () => void }) {
  const { t } = useI18n();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<CaseForm>();
  const categoryCode = Form.useWatch('categoryCode', form);
  const categories = useApiQuery(['gridwork', 'case-categories'], entry ? (signal) => gridworkApi.caseCategories(signal) : null);
  // Thrown errors land on the form's fields (FormModal); on success the case is one click away.
  const save = async (values: CaseForm) => {
    if (!entry) return;
    const created = await gridworkApi.logToCase(entry.id, {
      categoryCode: values.categoryCode,
      title: values.title?.trim() || undefined,
      description: values.description?.trim() || undefined,
      attributes: attributesBody(values.attributes),
    });
    const key = `log-case-${created.caseId}`;
    notification.success({
      key,
      title: t('gridwork.logs.caseCreatedNo', { no: created.caseNo }),
      duration: 15,
      // The notification renders outside the router, so the link navigates by hand.
      description: (
        <a
          href={`/console/cases/${created.caseId}`}
          data-testid="log-case-created"
          onClick={(event) => {
            event.preventDefault();
            notification.destroy(key);
            void navigate(`/console/cases/${created.caseId}`);
          }}
        >
          {t('gridwork.logs.openCase')}
        </a>
      ),
    });
    void invalidate(['gridwork', 'logs']);
    onClose();
  };
  return (
    <FormModal<CaseForm>
      open={entry !== null}
      title={t('gridwork.logs.toCase')}
      okText={t('gridwork.logs.toCaseOk')}
      form={form}
      onClose={onClose}
      onSubmit={save}
      testId="log-case-form"
      before={categories.error && <ErrorAlert error={categories.error} onRetry={() => void categories.refetch()} style={{ marginBottom: 12 }} />}
    >
      <Form.Item name="categoryCode" label={t('gridwork.logs.category')} rules={[{ required: true, message: t('common.required', { field: t('gridwork.logs.category') }) }]}>
        <Select showSearch optionFilterProp="label" loading={categories.isFetching} options={codeOptions(categories.data)} placeholder={t('gridwork.logs.categoryHint')} />
      </Form.Item>
      <CategoryAttributeFields categoryCode={categoryCode} />
      <Form.Item name="title" label={t('gridwork.logs.caseTitle')} extra={t('gridwork.logs.caseTitleHint')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="description" label={t('gridwork.logs.caseDescription')} extra={t('gridwork.logs.caseDescriptionHint')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}
