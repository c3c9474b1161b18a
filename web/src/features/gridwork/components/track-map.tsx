// A grid on the map with what a patrol left on it: the track as a line, and (for the
// supervisor's live view) each patrol's last point. Loaded lazily: MapLibre is large.
import * as maplibregl from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { gridKindColors, orgApi, type GridGeometry } from '../../org/index.ts';
import { platformApi } from '../../../platform/api-client.ts';
import { boundsOf, useBaseMap } from '../../../platform/map.ts';
import { useApiQuery } from '../../../platform/query.ts';

const TRACK_COLOR = '#c41d1d';

export interface MapPoint {
  lng: number;
  lat: number;
  label: string;
}

interface TrackMapProps {
  /** Grids drawn under the track (their codes). */
  gridCodes: string[];
  track: [number, number][];
  points?: MapPoint[];
  height?: number;
  testId?: string;
}

const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The grids outlined, the track drawn over them, the points marked; the view fits the grids, else the track. */
export function TrackMap({ gridCodes, track, points = [], height = 260, testId = 'track-map' }: TrackMapProps) {
  const [drawn, setDrawn] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const config = useApiQuery(['platform', 'publicConfig'], () => platformApi.publicConfig().catch(() => null));
  const key = gridCodes.join(',');
  const grids = useApiQuery(['org', 'grid', 'geometries', key], key ? (signal) => Promise.all(key.split(',').map((code) => orgApi.grid(code, signal).then((g) => g.geometry, () => null))) : null);

  const { container, map } = useBaseMap(
    config.data?.mapTileUrl ?? null,
    13,
    (created) => {
      created.on('load', () => {
        created.addSource('grids', { type: 'geojson', data: empty });
        created.addSource('track', { type: 'geojson', data: empty });
        created.addSource('points', { type: 'geojson', data: empty });
        created.addLayer({ id: 'grids-fill', type: 'fill', source: 'grids', paint: { 'fill-color': gridKindColors.community, 'fill-opacity': 0.15 } });
        created.addLayer({ id: 'grids-line', type: 'line', source: 'grids', paint: { 'line-color': gridKindColors.community, 'line-width': 2 } });
        created.addLayer({ id: 'track', type: 'line', source: 'track', paint: { 'line-color': TRACK_COLOR, 'line-width': 4, 'line-opacity': 0.85 } });
        created.addLayer({ id: 'points', type: 'circle', source: 'points', paint: { 'circle-radius': 7, 'circle-color': '#1a4f9c', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      });
    },
    setFailed,
  );

  useEffect(() => {
    if (!map) return;
    const geometries = (grids.data ?? []).filter((g): g is GridGeometry => g !== null);
    void map.getSource<maplibregl.GeoJSONSource>('grids')?.setData({ type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) });
    void map.getSource<maplibregl.GeoJSONSource>('track')?.setData(
      track.length > 1 ? { type: 'Feature', geometry: { type: 'LineString', coordinates: track }, properties: {} } : empty,
    );
    void map.getSource<maplibregl.GeoJSONSource>('points')?.setData({
      type: 'FeatureCollection',
      features: [...points.map((p) => ({ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [p.lng, p.lat] }, properties: { label: p.label } }))],
    });
    const bounds = boundsOf(geometries) ?? (track.length > 0 ? boundsOf([{ type: 'Polygon', coordinates: [track] }]) : null);
    if (bounds) map.fitBounds(bounds, { padding: 24, duration: 0, maxZoom: 17 });
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setDrawn(true);
    });
    return () => {
      cancelled = true;
    };
  }, [map, grids.data, track, points]);

  if (failed) return null;
  return (
    <div
      style={{ position: 'relative', height, border: '1px solid #dfe4ec', borderRadius: 4, overflow: 'hidden', background: '#eef2f7' }}
      data-testid={testId}
      data-drawn={drawn ? 'true' : 'false'}
      data-track-points={track.length}
    >
      <div ref={container} style={{ position: 'absolute', inset: 0 }} />
    </div>
  );
}
