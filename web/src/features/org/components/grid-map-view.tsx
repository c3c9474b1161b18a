import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { GridFeatureCollection, Position } from '../api.ts';
import { gridKindColors } from './org-labels.tsx';

// maplibre-gl 6 loads its worker from next to its own module, which a bundle moves: point at the emitted file.
maplibregl.setWorkerUrl(workerUrl);

const SOURCE = 'grids';
const FILL = 'grid-fill';
const LINE = 'grid-line';
const SELECTED = 'grid-selected';
const HAIDIAN: [number, number] = [116.298, 39.96];

function baseStyle(tileUrl: string | null): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: tileUrl
      ? { base: { type: 'raster', tiles: [tileUrl], tileSize: 256, attribution: '' } }
      : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f7' } },
      ...(tileUrl ? [{ id: 'base', type: 'raster' as const, source: 'base' }] : []),
    ],
  };
}

function boundsOf(collection: GridFeatureCollection): maplibregl.LngLatBoundsLike | null {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  const visit = ([lng, lat]: Position) => {
    minLng = Math.min(minLng, lng);
    minLat = Math.min(minLat, lat);
    maxLng = Math.max(maxLng, lng);
    maxLat = Math.max(maxLat, lat);
  };
  for (const feature of collection.features) {
    const geometry = feature.geometry;
    if (geometry.type === 'Polygon') geometry.coordinates.forEach((ring) => ring.forEach(visit));
    else geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
  }
  return Number.isFinite(minLng) ? [[minLng, minLat], [maxLng, maxLat]] : null;
}

interface GridMapViewProps {
  collection: GridFeatureCollection | null;
  tileUrl: string | null;
  selectedCode: string | null;
  onSelect: (code: string | null) => void;
  /** Called after the map has drawn a collection, with how many distinct grids are on screen. */
  onRendered: (count: number) => void;
  onError: (reason: string) => void;
}

/** The MapLibre canvas: grid polygons coloured by kind, hover names, click to select. */
export function GridMapView({ collection, tileUrl, selectedCode, onSelect, onRendered, onError }: GridMapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  const callbacks = useRef({ onSelect, onRendered, onError });
  useEffect(() => {
    callbacks.current = { onSelect, onRendered, onError };
  });

  useEffect(() => {
    if (!container.current) return;
    let map: maplibregl.Map;
    try {
      map = new maplibregl.Map({
        container: container.current,
        style: baseStyle(tileUrl),
        center: HAIDIAN,
        zoom: 11,
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
      });
    } catch (error) {
      callbacks.current.onError(error instanceof Error ? error.message : String(error));
      return;
    }
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gz-map-hover', offset: 8 });

    map.on('load', () => {
      map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
      const kindColor: maplibregl.ExpressionSpecification = [
        'match',
        ['get', 'kind'],
        'community',
        gridKindColors.community,
        'key_unit',
        gridKindColors.key_unit,
        'road',
        gridKindColors.road,
        '#888888',
      ];
      map.addLayer({ id: FILL, type: 'fill', source: SOURCE, paint: { 'fill-color': kindColor, 'fill-opacity': 0.32 } });
      map.addLayer({ id: LINE, type: 'line', source: SOURCE, paint: { 'line-color': kindColor, 'line-width': 1.2 } });
      map.addLayer({
        id: SELECTED,
        type: 'line',
        source: SOURCE,
        filter: ['==', ['get', 'code'], ''],
        paint: { 'line-color': '#c41d1d', 'line-width': 3 },
      });
      setReady(true);
    });

    map.on('mousemove', FILL, (event) => {
      const name = event.features?.[0]?.properties.name;
      map.getCanvas().style.cursor = 'pointer';
      if (typeof name === 'string') hover.setLngLat(event.lngLat).setText(name).addTo(map);
    });
    map.on('mouseleave', FILL, () => {
      map.getCanvas().style.cursor = '';
      hover.remove();
    });
    map.on('click', (event) => {
      const hit = map.queryRenderedFeatures(event.point, { layers: [FILL] })[0];
      const code = hit?.properties.code;
      callbacks.current.onSelect(typeof code === 'string' ? code : null);
    });
    map.on('error', (event) => {
      // Tile failures of a configured base map should not hide the grids; log them for the operator.
      console.warn('map error', event.error);
    });

    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      hover.remove();
      map.remove();
      mapRef.current = null;
      setReady(false);
    };
  }, [tileUrl]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const source = map.getSource<maplibregl.GeoJSONSource>(SOURCE);
    if (!source) return;
    const data = collection ?? { type: 'FeatureCollection', features: [] };
    void source.setData(data);
    const bounds = collection ? boundsOf(collection) : null;
    if (bounds) map.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 17 });
    // Count what is on screen once the worker has tiled the new data (tests and the UI read it).
    let cancelled = false;
    const measure = (attempt: number) => {
      if (cancelled) return;
      const drawn = new Set(map.queryRenderedFeatures({ layers: [FILL] }).map((f) => String(f.properties.code))).size;
      if (drawn === 0 && data.features.length > 0 && attempt < 5) map.once('idle', () => measure(attempt + 1));
      else callbacks.current.onRendered(drawn);
    };
    map.once('idle', () => measure(0));
    return () => {
      cancelled = true;
    };
  }, [collection, ready]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.setFilter(SELECTED, ['==', ['get', 'code'], selectedCode ?? '']);
  }, [selectedCode, ready]);

  // MapLibre makes its container position: relative, so the absolute frame is a separate element.
  return (
    <div className="gz-map">
      <div ref={container} style={{ width: '100%', height: '100%' }} data-testid="grid-map-canvas" />
    </div>
  );
}
