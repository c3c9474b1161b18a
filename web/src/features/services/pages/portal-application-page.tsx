// /portal/services/applications/:number: the resident's own application; when the counter
// asked for a correction, the missing materials can be sent here.
import { Button, Card, Result, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { PortalFrame } from '../../../platform/components/portal-frame.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useAction } from '../../../platform/use-write.ts';
import { servicesApi } from '../api.ts';
import { ApplicationView } from '../components/application-view.tsx';
import { MaterialPicker, materialsOf, type MaterialChoice } from '../components/material-picker.tsx';

export function PortalApplicationPage() {
  const { t } = useI18n();
  const { number = '' } = useParams();
  const app = useApiQuery(['services', 'application', number], (signal) => servicesApi.application(number, signal));
  const [materials, setMaterials] = useState<MaterialChoice[]>([]);
  const { busy, run } = useAction();
  const data = app.data;
  return (
    <PortalFrame linkHome loginLabel={t('portal.staffLogin')}>
      {app.error ? <ErrorAlert error={app.error} onRetry={() => void app.refetch()} /> : null}
      {app.isPending && <Skeleton active />}
      {data && <ApplicationView app={data} />}
      {data?.allowedActions.includes('supply_correction') && data.correction && (
        <Card style={{ marginTop: 16 }} title={t('services.portal.supply')}>
          <MaterialPicker specs={data.materials.map(({ key, name, form, count, rule }) => ({ key, name, form, count, rule, note: '' }))} only={data.correction.missing} value={materials} onChange={setMaterials} />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={busy}
            onClick={() =>
              void run(async () => {
                await servicesApi.act(number, { action: 'supply_correction', materials: materialsOf(materials) });
                setMaterials([]);
                await app.refetch();
              })
            }
          >
            {t('services.portal.supply')}
          </Button>
        </Card>
      )}
      {data && data.status === 'received' && data.timeline.at(-1)?.action === 'supply_correction' && (
        <Result status="success" title={<Typography.Text>{t('services.portal.supplied')}</Typography.Text>} />
      )}
    </PortalFrame>
  );
}
