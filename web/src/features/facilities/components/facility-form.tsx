import { EnvironmentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Col, Form, Input, InputNumber, Row, Select, Spin, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { platformApi } from '../../../platform/api-client.ts';
import { FormModal } from '../../../platform/components/form-modal.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { invalidate, useApiQuery } from '../../../platform/query.ts';
import { OrgNodeSelect, useScopeNodes } from '../../org/index.ts';
import { facilitiesApi, lifeCircleLevels, operatorTypes, type Facility, type LifeCircleLevel, type OperatorType } from '../api.ts';
import { useKinds } from './labels.tsx';

const FacilitiesMap = lazy(() => import('./facilities-map.tsx').then((m) => ({ default: m.FacilitiesMap })));

interface FacilityForm {
  name: string;
  kind: string;
  level?: LifeCircleLevel;
  communityCode: string;
  lng: number;
  lat: number;
  address?: string;
  openingHours?: string;
  capacity?: number | null;
  operatorType: OperatorType;
  operatorName: string;
  operatorCode?: string;
  contact?: string;
}

const blankToNull = (value: string | undefined | null) => (value && value.trim() ? value.trim() : null);

/** Adds a facility (facility null) or edits one; the point is typed or picked on a map of the community. */
export function FacilityFormModal({ facility, onClose }: { facility: Facility | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FacilityForm>();
  const { message } = App.useApp();
  const scope = useScopeNodes();
  const { kinds, nameOf } = useKinds();
  const [mapOpen, setMapOpen] = useState(false);
  const communityCode = Form.useWatch('communityCode', form);
  const operatorType = Form.useWatch('operatorType', form);
  const lng = Form.useWatch('lng', form);
  const lat = Form.useWatch('lat', form);
  const ownCommunity = scope.data?.roots.length === 1 && scope.data.roots[0]?.level === 'community' ? scope.data.roots[0].code : undefined;

  const submit = async (values: FacilityForm) => {
    const fields = {
      name: values.name,
      kind: values.kind,
      level: values.level,
      communityCode: values.communityCode,
      lng: values.lng,
      lat: values.lat,
      address: blankToNull(values.address),
      openingHours: blankToNull(values.openingHours),
      capacity: values.capacity ?? null,
      operatorType: values.operatorType,
      operatorName: values.operatorName,
      operatorCode: values.operatorType === 'department' || values.operatorType === 'community' ? (values.operatorCode ?? null) : null,
      contact: blankToNull(values.contact),
    };
    if (facility) await facilitiesApi.update(facility.id, { version: facility.version, ...fields });
    else await facilitiesApi.create(fields);
    void message.success(facility ? t('facilities.form.saved') : t('facilities.form.created'));
    onClose();
    void invalidate(['facilities']);
  };

  const initialValues: Partial<FacilityForm> = facility
    ? {
        ...facility,
        address: facility.address ?? undefined,
        openingHours: facility.openingHours ?? undefined,
        operatorCode: facility.operatorCode ?? undefined,
        contact: facility.contact ?? undefined,
      }
    : { operatorType: 'community', communityCode: ownCommunity };

  return (
    <FormModal<FacilityForm>
      title={facility ? t('facilities.form.editTitle') : t('facilities.form.createTitle')}
      open
      onClose={onClose}
      okText={t('common.save')}
      form={form}
      onSubmit={submit}
      initialValues={initialValues}
      testId="facility-form"
    >
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="name" label={t('facilities.field.name')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.name') }) }]}>
            <Input maxLength={60} data-testid="facility-name" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="kind" label={t('facilities.field.kind')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.kind') }) }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={kinds.map((k) => ({ value: k.code, label: nameOf(k.code) }))} data-testid="facility-kind" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="communityCode" label={t('facilities.field.community')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.community') }) }]}>
            <OrgNodeSelect levels={['community']} suggestions={scope.data?.suggestions} testId="facility-community" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="level" label={t('facilities.field.level')} tooltip={t('facilities.form.levelHint')}>
            <Select allowClear options={lifeCircleLevels.map((v) => ({ value: v, label: t(`facilities.level.${v}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12} align="bottom">
        <Col span={9}>
          <Form.Item name="lng" label={t('facilities.field.lng')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.lng') }) }]}>
            <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: '100%' }} data-testid="facility-lng" />
          </Form.Item>
        </Col>
        <Col span={9}>
          <Form.Item name="lat" label={t('facilities.field.lat')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.lat') }) }]}>
            <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: '100%' }} data-testid="facility-lat" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item>
            <Button icon={<EnvironmentOutlined />} onClick={() => setMapOpen((open) => !open)} block>
              {mapOpen ? t('facilities.form.hideMap') : t('facilities.form.pickOnMap')}
            </Button>
          </Form.Item>
        </Col>
      </Row>
      {mapOpen && <PointPicker community={communityCode ?? null} point={typeof lng === 'number' && typeof lat === 'number' ? { lng, lat } : null} onPick={(point) => form.setFieldsValue(point)} />}
      <Form.Item name="address" label={t('facilities.field.address')}>
        <Input maxLength={120} />
      </Form.Item>
      <Row gutter={12}>
        <Col span={14}>
          <Form.Item name="openingHours" label={t('facilities.field.openingHours')}>
            <Input maxLength={120} placeholder="周一至周日 08:00–20:00" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="capacity" label={t('facilities.field.capacity')}>
            <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item name="operatorType" label={t('facilities.field.operatorType')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.operatorType') }) }]}>
            <Select options={operatorTypes.map((v) => ({ value: v, label: t(`facilities.operatorType.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="operatorName" label={t('facilities.field.operatorName')} rules={[{ required: true, message: t('common.required', { field: t('facilities.field.operatorName') }) }]}>
            <Input maxLength={60} data-testid="facility-operator" />
          </Form.Item>
        </Col>
      </Row>
      {(operatorType === 'department' || operatorType === 'community') && (
        <Form.Item name="operatorCode" label={t('facilities.field.operatorCode')}>
          <OrgNodeSelect levels={operatorType === 'department' ? ['department'] : ['community']} allowClear suggestions={scope.data?.suggestions} />
        </Form.Item>
      )}
      <Form.Item name="contact" label={t('facilities.field.contact')}>
        <Input maxLength={40} />
      </Form.Item>
    </FormModal>
  );
}

/** The community's map under the form: a click sets the point (without WebGL, a warning: the fields still take it). */
function PointPicker({ community, point, onPick }: { community: string | null; point: { lng: number; lat: number } | null; onPick: (point: { lng: number; lat: number }) => void }) {
  const { t } = useI18n();
  const [mapError, setMapError] = useState<string | null>(null);
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  if (mapError) return <Alert type="warning" showIcon title={t('facilities.form.mapError', { reason: mapError })} style={{ marginBottom: 16 }} />;
  return (
    <div style={{ marginBottom: 16 }}>
      <Suspense fallback={<Spin />}>
        <FacilitiesMap community={community} tileUrl={config.data?.mapTileUrl ?? null} height={260} picked={point} onPick={onPick} onError={setMapError} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('facilities.form.pickHint')}
        </Typography.Text>
      </Suspense>
    </div>
  );
}
