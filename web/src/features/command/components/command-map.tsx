// The command centre's map: grids coloured by their load (open cases) or overdue share, live
// cases as clustered points or a heat map, a click on a case opens it. The district's outline
// frames it; without a tile server the streets' and communities' names are drawn as HTML labels.
import * as maplibregl from 'maplibre-gl';
import { Alert, Flex, Segmented, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { boundsOf, useBaseMap, useMapContext } from '../../../platform/map.ts';
import { useT } from '../../../platform/i18n/index.tsx';
import type { GridFeatureCollection, GridGeometry } from '../../org/index.ts';
import type { MapCase, MapData } from '../api.ts';

const GRIDS = 'grids';
const CASES = 'cases';
type Mode = 'points' | 'heat';
type Colouring = 'load' | 'overdue';

interface CommandMapProps {
  grids: GridFeatureCollection | null;
  /** The district's outline, drawn as the frame of the grids. */
  outline: GridGeometry | null;
  data: MapData | null;
  /** Cases that arrived over the live stream since `data` was loaded. */
  arrived: MapCase[];
  tileUrl: string | null;
  height: number;
}

function casesGeoJson(cases: MapCase[]): GeoJSON.FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cases.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lng, c.lat] }, properties: { id: c.id, title: c.title, sla: c.slaLevel } })),
  };
}

export function CommandMap({ grids, outline, data, arrived, tileUrl, height }: CommandMapProps) {
  const t = useT();
  const navigate = useNavigate();
  const [mode, setMode] = useState<Mode>('points');
  const [colouring, setColouring] = useState<Colouring>('load');
  const [error, setError] = useState<string | null>(null);
  const go = useRef(navigate);
  useEffect(() => {
    go.current = navigate;
  });

  const { container, map } = useBaseMap(tileUrl, 11, (m) => {
    m.on('load', () => {
      m.addSource(GRIDS, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({ id: 'grid-fill', type: 'fill', source: GRIDS, paint: { 'fill-color': ['interpolate', ['linear'], ['coalesce', ['get', 'value'], 0], 0, '#e6f4ea', 0.5, '#fadb14', 1, '#cf1322'], 'fill-opacity': 0.45 } });
      m.addLayer({ id: 'grid-line', type: 'line', source: GRIDS, paint: { 'line-color': '#5b6b82', 'line-width': 0.8 } });
      m.addSource(CASES, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, cluster: true, clusterRadius: 40, clusterMaxZoom: 15 });
      m.addLayer({ id: 'case-clusters', type: 'circle', source: CASES, filter: ['has', 'point_count'], paint: { 'circle-color': '#1677ff', 'circle-opacity': 0.75, 'circle-radius': ['step', ['get', 'point_count'], 12, 10, 18, 100, 26] } });
      m.addLayer({
        id: 'case-points', type: 'circle', source: CASES, filter: ['!', ['has', 'point_count']],
        paint: { 'circle-radius': 6, 'circle-stroke-width': 1.5, 'circle-stroke-color': '#ffffff', 'circle-color': ['match', ['get', 'sla'], 'red', '#cf1322', 'yellow', '#d48806', '#1677ff'] },
      });
      m.addSource('case-heat', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      m.addLayer({ id: 'case-heat', type: 'heatmap', source: 'case-heat', layout: { visibility: 'none' }, paint: { 'heatmap-radius': 25, 'heatmap-opacity': 0.8 } });
    });
    m.on('click', 'case-points', (event) => {
      const id = event.features?.[0]?.properties.id;
      if (typeof id === 'string') void go.current(`/console/cases/${id}`);
    });
    m.on('click', 'case-clusters', (event) => {
      m.easeTo({ center: event.lngLat, zoom: m.getZoom() + 2 });
    });
    for (const layer of ['case-points', 'case-clusters']) {
      m.on('mouseenter', layer, () => (m.getCanvas().style.cursor = 'pointer'));
      m.on('mouseleave', layer, () => (m.getCanvas().style.cursor = ''));
    }
  }, setError);

  const loads = useMemo(() => new Map((data?.grids ?? []).map((g) => [g.gridCode, g])), [data]);
  const maxOpen = useMemo(() => Math.max(1, ...(data?.grids ?? []).map((g) => g.open)), [data]);

  useEffect(() => {
    if (!map || !grids) return;
    const features = grids.features.map((f) => {
      const load = loads.get(f.properties.code);
      const value = colouring === 'load' ? (load?.open ?? 0) / maxOpen : (load?.overdueShare ?? 0);
      return { ...f, properties: { ...f.properties, value } };
    });
    void map.getSource<maplibregl.GeoJSONSource>(GRIDS)?.setData({ type: 'FeatureCollection', features } as GeoJSON.FeatureCollection);
  }, [map, grids, loads, maxOpen, colouring]);

  useEffect(() => {
    if (!map || !grids) return;
    const bounds = boundsOf(grids.features.map((f) => f.geometry));
    if (bounds) map.fitBounds(bounds, { padding: 30, duration: 0, maxZoom: 15 });
  }, [map, grids]);
  useMapContext(map, grids?.features ?? null, outline, tileUrl, 'case-heat');

  const cases = useMemo(() => {
    const seen = new Set<string>();
    return [...arrived, ...(data?.cases ?? [])].filter((c) => (seen.has(c.id) ? false : (seen.add(c.id), true)));
  }, [arrived, data]);

  useEffect(() => {
    if (!map) return;
    const geojson = casesGeoJson(cases);
    void map.getSource<maplibregl.GeoJSONSource>(CASES)?.setData(geojson);
    void map.getSource<maplibregl.GeoJSONSource>('case-heat')?.setData(geojson);
  }, [map, cases]);

  useEffect(() => {
    if (!map) return;
    const heat = mode === 'heat';
    map.setLayoutProperty('case-heat', 'visibility', heat ? 'visible' : 'none');
    for (const layer of ['case-points', 'case-clusters']) map.setLayoutProperty(layer, 'visibility', heat ? 'none' : 'visible');
  }, [map, mode]);

  return (
    <Flex vertical gap={8}>
      <Flex gap={12} wrap align="center">
        <Segmented<Mode> size="small" value={mode} onChange={setMode} options={[{ value: 'points', label: t('command.map.points') }, { value: 'heat', label: t('command.map.heat') }]} />
        <Segmented<Colouring> size="small" value={colouring} onChange={setColouring} options={[{ value: 'load', label: t('command.map.load') }, { value: 'overdue', label: t('command.map.overdueShare') }]} />
        <Typography.Text type="secondary" data-testid="command-map-count" data-count={cases.length}>
          {t('command.map.count', { n: cases.length })}
          {data?.truncated ? ` · ${t('command.map.truncated', { n: data.cases.length })}` : ''}
        </Typography.Text>
      </Flex>
      {error && <Alert type="warning" showIcon message={t('command.map.unavailable', { reason: error })} />}
      <div style={{ position: 'relative', height }}>
        <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="command-map-canvas" />
      </div>
    </Flex>
  );
}
