import { AimOutlined, ArrowLeftOutlined, ClockCircleOutlined, EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Card, Empty, Flex, Input, List, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../platform/components/feedback.tsx';
import { LanguageSwitch } from '../../../platform/components/language-switch.tsx';
import { useI18n } from '../../../platform/i18n/index.tsx';
import { useApiQuery } from '../../../platform/query.ts';
import { useDebouncedSearch } from '../../../platform/use-debounced-search.ts';
import { facilitiesApi, type NearFacility, type NearResult, type Place } from '../api.ts';
import { useDistanceText, useKinds } from '../components/labels.tsx';

type Locating = { kind: 'idle' } | { kind: 'locating' } | { kind: 'failed'; reason: string };

/** Kinds in the answer's order, each with its facilities nearest first. */
function byKind(items: NearFacility[]): [string, NearFacility[]][] {
  const groups = new Map<string, NearFacility[]>();
  for (const item of items) groups.set(item.kind, [...(groups.get(item.kind) ?? []), item]);
  return [...groups.entries()];
}

/** 身边服务: facilities by kind near a building picked by address, or near the browser's location; laid out for phones. */
export function FacilitiesNearMePage() {
  const { t } = useI18n();
  const { kinds, nameOf } = useKinds();
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('label') ?? '');
  const [places, setPlaces] = useState<Place[] | null>(null);
  const [locating, setLocating] = useState<Locating>({ kind: 'idle' });
  const buildingId = params.get('building') ?? undefined;
  const lng = params.get('lng') ? Number(params.get('lng')) : undefined;
  const lat = params.get('lat') ? Number(params.get('lat')) : undefined;
  const kind = params.get('kind') ?? undefined;
  const hasOrigin = buildingId !== undefined || (lng !== undefined && lat !== undefined);

  const { searching, onSearch } = useDebouncedSearch((q, signal) => facilitiesApi.places(q, signal), setPlaces);
  const near = useApiQuery(['facilities', 'near', buildingId, lng, lat, kind], hasOrigin ? (signal) => facilitiesApi.near({ buildingId, lng, lat, kind }, signal) : null);

  const setOrigin = (next: Record<string, string>) => {
    const merged = new URLSearchParams(next);
    if (kind) merged.set('kind', kind);
    setParams(merged, { replace: true });
  };
  const pickPlace = (id: string) => {
    const place = places?.find((p) => p.buildingId === id);
    if (!place) return;
    setText(place.name);
    setOrigin({ building: id, label: place.name });
  };
  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating({ kind: 'failed', reason: t('facilities.portal.locateUnsupported') });
      return;
    }
    setLocating({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating({ kind: 'idle' });
        setText('');
        setOrigin({ lng: position.coords.longitude.toFixed(6), lat: position.coords.latitude.toFixed(6) });
      },
      (error) => setLocating({ kind: 'failed', reason: error.message || String(error.code) }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const setKind = (next: string | undefined) => {
    const merged = new URLSearchParams(params);
    if (next) merged.set('kind', next);
    else merged.delete('kind');
    setParams(merged, { replace: true });
  };

  return (
    <div className="gz-portal">
      <header className="gz-portal-header">
        <Link to="/portal" style={{ color: '#fff' }} aria-label={`${t('facilities.portal.title')}，${t('facilities.portal.back')}`}>
          <Flex align="center" gap={8}>
            <ArrowLeftOutlined />
            <span className="gz-portal-title">{t('facilities.portal.title')}</span>
          </Flex>
        </Link>
        <LanguageSwitch dark />
      </header>
      <main className="gz-portal-main" style={{ marginTop: 16, maxWidth: 720 }}>
        <Card size="small">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('facilities.portal.subtitle')}
          </Typography.Paragraph>
          <Flex vertical gap={8}>
            <AutoComplete
              value={text}
              onChange={setText}
              onSearch={onSearch}
              onSelect={pickPlace}
              options={(places ?? []).map((p) => ({
                value: p.buildingId,
                label: (
                  <Flex vertical data-testid="near-place-option">
                    <span>{p.name}</span>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {p.communityName} · {p.address}
                    </Typography.Text>
                  </Flex>
                ),
              }))}
              notFoundContent={places !== null && !searching ? t('facilities.portal.noPlaces') : undefined}
              style={{ width: '100%' }}
              data-testid="near-search"
            >
              <Input size="large" prefix={<EnvironmentOutlined />} placeholder={t('facilities.portal.searchPlaceholder')} allowClear suffix={searching ? <Spin size="small" /> : null} />
            </AutoComplete>
            <Flex gap={8} wrap>
              <Button icon={<AimOutlined />} onClick={locate} loading={locating.kind === 'locating'} data-testid="near-locate">
                {locating.kind === 'locating' ? t('facilities.portal.locating') : t('facilities.portal.locate')}
              </Button>
              <Select<string>
                value={kind}
                onChange={setKind}
                allowClear
                placeholder={t('facilities.portal.kindFilter')}
                style={{ minWidth: 160, flex: 1 }}
                options={kinds.map((k) => ({ value: k.code, label: nameOf(k.code) }))}
                data-testid="near-kind"
              />
            </Flex>
            {locating.kind === 'failed' && <Alert type="warning" showIcon title={t('facilities.portal.locateFailed', { reason: locating.reason })} />}
          </Flex>
        </Card>

        <div style={{ marginTop: 12 }} data-testid="near-results" data-state={!hasOrigin ? 'start' : near.isFetching ? 'loading' : near.error ? 'error' : 'done'}>
          {!hasOrigin && <Empty description={t('facilities.portal.start')} />}
          {near.error && <ErrorAlert error={near.error} onRetry={() => void near.refetch()} />}
          {hasOrigin && near.isFetching && !near.data && (
            <Flex justify="center" style={{ padding: 32 }}>
              <Spin size="large" />
            </Flex>
          )}
          {near.data && <NearList result={near.data} />}
        </div>
      </main>
      <footer className="gz-portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}

/** The answer: where it starts from, then each kind's facilities, nearest first. */
function NearList({ result }: { result: NearResult }) {
  const { t, locale } = useI18n();
  const distance = useDistanceText();
  const { nameOf } = useKinds();
  const origin = result.origin;
  return (
            <Flex vertical gap={12}>
              <Typography.Text type="secondary" data-testid="near-origin">
                <EnvironmentOutlined /> {origin.label ? t('facilities.portal.from', { label: origin.label }) : t('facilities.portal.fromHere')}
                {' · '}
                {result.method === 'road' ? t('facilities.portal.byRoad') : t('facilities.portal.byLine')}
              </Typography.Text>
              {result.items.length === 0 && <Empty description={t('facilities.portal.empty')} />}
              {byKind(result.items).map(([code, items]) => (
                <Card key={code} size="small" title={nameOf(code) || (locale === 'zh-CN' ? items[0]?.kindName : items[0]?.kindNameEn)} data-testid="near-kind-group" data-kind={code}>
                  <List
                    size="small"
                    dataSource={items}
                    renderItem={(f) => (
                      <List.Item data-testid="near-facility" data-distance={f.distance}>
                        <Flex vertical gap={2} style={{ width: '100%' }}>
                          <Flex justify="space-between" gap={8} wrap>
                            <Typography.Text strong>{f.name}</Typography.Text>
                            <Typography.Text type="success">{t('facilities.portal.walk', { minutes: f.walkMinutes, meters: distance(f.distance) })}</Typography.Text>
                          </Flex>
                          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                            <ClockCircleOutlined /> {f.openingHours ?? t('facilities.portal.hoursUnknown')}
                          </Typography.Text>
                          {f.address && (
                            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                              <EnvironmentOutlined /> {f.address}
                            </Typography.Text>
                          )}
                          {f.contact && (
                            <a href={`tel:${f.contact}`} style={{ fontSize: 13 }}>
                              <PhoneOutlined /> {f.contact}
                            </a>
                          )}
                        </Flex>
                      </List.Item>
                    )}
                  />
                </Card>
              ))}
            </Flex>
  );
}
