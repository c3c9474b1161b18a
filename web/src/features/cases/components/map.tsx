import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { GridGeometry } from '../../org/index.ts';
import { gridKindColors } from '../../org/index.ts';
import { boundsOf, useBaseMap } from '../../../platform/map.ts';

const POINT_COLOR = '#c41d1d';

export interface CasePoint {
  lng: number;
  lat: number;
}

interface CasePointMapProps {
  point: CasePoint | null;
  /** The polygon of the case's grid, drawn under the point. */
  grid: GridGeometry | null;
  tileUrl: string | null;
  height?: number | string;
  /** Pick mode: a click sets the point. */
  onPick?: (point: CasePoint) => void;
  onError?: (reason: string) => void;
}

/** A small MapLibre map of one case: its grid outlined, its point marked; optionally click to pick a point. */
export function CasePointMap({ point, grid, tileUrl, height = 280, onPick, onError }: CasePointMapProps) {
  const [drawn, setDrawn] = useState(false);
  const callbacks = useRef({ onPick });
  useEffect(() => {
    callbacks.current = { onPick };
  });
  const picking = onPick !== undefined;

  const { container, map } = useBaseMap(
    tileUrl,
    12,
    (map) => {
      map.on('load', () => {
        map.addSource('grid', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        map.addSource('point', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
        map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grid', paint: { 'fill-color': gridKindColors.community, 'fill-opacity': 0.18 } });
        map.addLayer({ id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': gridKindColors.community, 'line-width': 2 } });
        map.addLayer({ id: 'point-halo', type: 'circle', source: 'point', paint: { 'circle-radius': 16, 'circle-color': POINT_COLOR, 'circle-opacity': 0.18 } });
        map.addLayer({ id: 'point', type: 'circle', source: 'point', paint: { 'circle-radius': 7, 'circle-color': POINT_COLOR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      });
      map.on('click', (event) => callbacks.current.onPick?.({ lng: Number(event.lngLat.lng.toFixed(6)), lat: Number(event.lngLat.lat.toFixed(6)) }));
    },
    onError,
  );

  useEffect(() => {
    if (!map) return;
    map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [picking, map]);

  // Draw the grid and fit the view to it once; the point may move (pick mode) without refitting.
  useEffect(() => {
    if (!map) return;
    void map.getSource<maplibregl.GeoJSONSource>('grid')?.setData(
      grid ? { type: 'Feature', geometry: grid, properties: {} } : { type: 'FeatureCollection', features: [] },
    );
    const bounds = grid ? boundsOf([grid]) : null;
    if (bounds) map.fitBounds(bounds, { padding: 32, duration: 0, maxZoom: 17 });
  }, [grid, map]);

  useEffect(() => {
    if (!map) return;
    void map.getSource<maplibregl.GeoJSONSource>('point')?.setData(
      point ? { type: 'Feature', geometry: { type: 'Point', coordinates: [point.lng, point.lat] }, properties: {} } : { type: 'FeatureCollection', features: [] },
    );
    if (point && !grid) map.jumpTo({ center: [point.lng, point.lat], zoom: 16 });
    let cancelled = false;
    map.once('idle', () => {
      if (!cancelled) setDrawn(true);
    });
    return () => {
      cancelled = true;
    };
  }, [point, grid, map]);

  return (
    <div
      style={{ position: 'relative', height, border: '1px solid #dfe4ec', borderRadius: 4, overflow: 'hidden', background: '#eef2f7' }}
      data-testid="case-map"
      data-drawn={drawn ? 'true' : 'false'}
      data-grid={grid ? 'true' : 'false'}
    >
      <div ref={container} style={{ position: 'absolute', inset: 0 }} />
    </div>
  );
}
