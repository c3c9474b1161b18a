import { AimOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Spin, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { platformApi } from '../../../platform/api-client.ts';
import { orgApi } from '../../org/index.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';

const CasePointMap = lazy(() => import('./map.tsx').then((m) => ({ default: m.CasePointMap })));

export interface CaseLocation {
  /** The point, from GPS or picked on the map; null when only an area is known. */
  point: { lng: number; lat: number } | null;
  /** The area (grid or community) when there is no point. */
  orgCode?: string;
  source: 'gps' | 'map' | 'area';
  accuracy?: number;
}

interface LocationPickerProps {
  value?: CaseLocation | null;
  onChange?: (value: CaseLocation | null) => void;
  /** The worker's grid: drawn on the map, and offered when there is no GPS. */
  grid?: { code: string; name: string } | null;
  /** Ask for the position as soon as the picker shows. */
  locateAtOnce?: boolean;
}

type Status = { kind: 'idle' } | { kind: 'locating' } | { kind: 'failed'; reason: string };

/**
 * Where the problem is: the phone's GPS (navigator.geolocation) first; when that fails or is
 * refused, a point tapped on the map, or the worker's own grid.
 */
export function LocationPicker({ value, onChange, grid, locateAtOnce = true }: LocationPickerProps) {
  const t = useT();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [manual, setManual] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);
  const notify = useRef(onChange);
  useEffect(() => {
    notify.current = onChange;
  });
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const gridCode = grid?.code;
  const geometry = useApiQuery(['org', 'grid', 'geometry', gridCode], gridCode ? (signal) => orgApi.grid(gridCode, signal).then((g) => g.geometry, () => null) : null);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setStatus({ kind: 'failed', reason: t('case.m.locateUnsupported') });
      setManual(true);
      return;
    }
    setStatus({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setStatus({ kind: 'idle' });
        notify.current?.({
          point: { lng: Number(position.coords.longitude.toFixed(6)), lat: Number(position.coords.latitude.toFixed(6)) },
          source: 'gps',
          accuracy: Math.round(position.coords.accuracy),
        });
      },
      (error) => {
        setStatus({ kind: 'failed', reason: error.message || String(error.code) });
        setManual(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  }, [t]);

  const asked = useRef(false);
  useEffect(() => {
    if (locateAtOnce && !asked.current && !value) {
      asked.current = true;
      locate();
    }
  }, [locateAtOnce, locate, value]);

  const point = value?.point ?? null;
  let summary: string | null = null;
  if (value?.source === 'gps' && point) summary = t('case.m.located', { lng: point.lng, lat: point.lat, accuracy: value.accuracy ?? '?' });
  else if (value?.source === 'map' && point) summary = t('case.m.pickedPoint', { lng: point.lng, lat: point.lat });
  else if (value?.source === 'area') summary = t('case.m.pickedGrid', { name: grid?.name ?? value.orgCode ?? '' });

  const showMap = manual || point !== null;
  return (
    <Flex vertical gap={8} data-testid="location-picker" data-source={value?.source ?? ''}>
      {status.kind === 'locating' && (
        <Typography.Text type="secondary">
          <LoadingOutlined /> {t('case.m.locating')}
        </Typography.Text>
      )}
      {status.kind === 'failed' && <Alert type="warning" showIcon title={t('case.m.locateFailed', { reason: status.reason })} />}
      {summary && (
        <Typography.Text data-testid="location-summary">
          <EnvironmentOutlined style={{ color: '#c41d1d' }} /> {summary}
        </Typography.Text>
      )}
      {showMap &&
        (mapError ? (
          <Alert type="warning" showIcon title={t('case.detail.mapError', { reason: mapError })} />
        ) : (
          <Suspense fallback={<Flex align="center" justify="center" style={{ height: 220 }}><Spin /></Flex>}>
            {!config.isFetching && !geometry.isFetching && (
              <CasePointMap
                point={point}
                grid={geometry.data ?? null}
                tileUrl={config.data?.mapTileUrl ?? null}
                height={220}
                onPick={manual ? (picked) => onChange?.({ point: picked, source: 'map' }) : undefined}
                onError={setMapError}
              />
            )}
          </Suspense>
        ))}
      {manual && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('case.map.pickHint')}</Typography.Text>}
      <Flex gap={8} wrap>
        <Button icon={<AimOutlined />} onClick={locate} loading={status.kind === 'locating'} data-testid="locate-again">
          {t('case.m.locateAgain')}
        </Button>
        {!manual && (
          <Button icon={<EnvironmentOutlined />} onClick={() => setManual(true)}>
            {t('case.m.manualPick')}
          </Button>
        )}
        {grid && (
          <Button onClick={() => onChange?.({ point: null, orgCode: grid.code, source: 'area' })} data-testid="use-my-grid">
            {t('case.m.useMyGrid', { name: grid.name })}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}
