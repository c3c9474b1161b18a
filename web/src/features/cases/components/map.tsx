import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import type { GridGeometry, Position } from '../../org/index.ts';
import { gridKindColors } from '../../org/index.ts';
import { createBaseMap } from '../../../platform/map.ts';

const POINT_COLOR = '#c41d1d';

function boundsOf(geometry: GridGeometry): maplibregl.LngLatBoundsLike {
  const bounds = new maplibregl.LngLatBounds();
  const visit = ([lng, lat]: Position) => bounds.extend([lng, lat]);
  if (geometry.type === 'Polygon') geometry.coordinates.forEach((ring) => ring.forEach(visit));
  else geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
  return bounds;
}

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
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const [drawn, setDrawn] = useState(false);
  const callbacks = useRef({ onPick, onError });
  useEffect(() => {
    callbacks.current = { onPick, onError };
  });
  const picking = onPick !== undefined;

  useEffect(() => {
    if (!container.current) return;
    let map: maplibregl.Map;
    try {
      map = createBaseMap(container.current, tileUrl, 12);
    } catch (error) {
      callbacks.current.onError?.(error instanceof Error ? error.message : String(error));
      return;
    }
    mapRef.current = map;
    map.on('load', () => {
      map.addSource('grid', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addSource('point', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grid', paint: { 'fill-color': gridKindColors.community, 'fill-opacity': 0.18 } });
      map.addLayer({ id: 'grid-line', type: 'line', source: 'grid', paint: { 'line-color': gridKindColors.community, 'line-width': 2 } });
      map.addLayer({ id: 'point-halo', type: 'circle', source: 'point', paint: { 'circle-radius': 16, 'circle-color': POINT_COLOR, 'circle-opacity': 0.18 } });
      map.addLayer({ id: 'point', type: 'circle', source: 'point', paint: { 'circle-radius': 7, 'circle-color': POINT_COLOR, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      setReady(true);
    });
    map.on('click', (event) => callbacks.current.onPick?.({ lng: Number(event.lngLat.lng.toFixed(6)), lat: Number(event.lngLat.lat.toFixed(6)) }));
    map.on('error', (event) => console.warn('map error', event.error));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getCanvas().style.cursor = picking ? 'crosshair' : '';
  }, [picking, ready]);

  // Draw the grid and fit the view to it once; the point may move (pick mode) without refitting.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    void map.getSource<maplibregl.GeoJSONSource>('grid')?.setData(
      grid ? { type: 'Feature', geometry: grid, properties: {} } : { type: 'FeatureCollection', features: [] },
    );
    if (grid) map.fitBounds(boundsOf(grid), { padding: 32, duration: 0, maxZoom: 17 });
  }, [grid, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
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
  }, [point, grid, ready]);

  return (
    <div
      style={{ position: 'relative', height, border: '1px solid #dfe4ec', borderRadius: 4, overflow: 'hidden', background: '#eef2f7' }}
      data-testid="case-map"
      data-drawn={drawn ? 'true' : 'false'}
    >
      <div ref={container} style={{ position: 'absolute', inset: 0 }} />
    </div>
  );
}
