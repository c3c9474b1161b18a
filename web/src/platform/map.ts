// The base map every MapLibre view starts from: the configured raster tiles (or a plain
// background without them), centred on the district, with zoom and scale controls. Import it
// only from lazily loaded components: MapLibre is large.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { getLocale, translate } from './i18n/locale.ts';

// maplibre-gl 6 loads its worker from next to its own module, which a bundle moves: point at the emitted file.
maplibregl.setWorkerUrl(workerUrl);

const HAIDIAN: [number, number] = [116.298, 39.96];

function baseStyle(tileUrl: string | null): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: tileUrl ? { base: { type: 'raster', tiles: [tileUrl], tileSize: 256, attribution: '' } } : {},
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#eef2f7' } },
      ...(tileUrl ? [{ id: 'base', type: 'raster' as const, source: 'base' }] : []),
    ],
  };
}

/** MapLibre's own words (its controls' names, the scale) in the UI's language. */
function mapLocale(): Record<string, string> {
  const t = (key: Parameters<typeof translate>[1]) => translate(getLocale(), key);
  return {
    'Map.Title': t('map.title'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'GeolocateControl.FindMyLocation': t('map.findMyLocation'),
    'GeolocateControl.LocationNotAvailable': t('map.locationNotAvailable'),
    'Popup.Close': t('map.popupClose'),
    'Marker.Title': t('map.marker'),
    'ScaleControl.Meters': t('map.meters'),
    'ScaleControl.Kilometers': t('map.kilometers'),
  };
}

/** A flat (no rotation, no pitch) map in `container`; throws when the browser cannot draw one (no WebGL). */
export function createBaseMap(container: HTMLElement, tileUrl: string | null, zoom: number): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: baseStyle(tileUrl),
    center: HAIDIAN,
    zoom,
    attributionControl: false,
    locale: mapLocale(),
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}

/** Polygons as GeoJSON carries them (a grid's geometry). */
type Polygonal = { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/** The box around some polygons, to fit the view to; null when there are none. */
export function boundsOf(geometries: Iterable<Polygonal>): maplibregl.LngLatBounds | null {
  const bounds = new maplibregl.LngLatBounds();
  let empty = true;
  const visit = ([lng, lat]: [number, number]) => {
    bounds.extend([lng, lat]);
    empty = false;
  };
  for (const geometry of geometries) {
    if (geometry.type === 'Polygon') geometry.coordinates.forEach((ring) => ring.forEach(visit));
    else geometry.coordinates.forEach((polygon) => polygon.forEach((ring) => ring.forEach(visit)));
  }
  return empty ? null : bounds;
}

/**
 * A base map in a component: give `container` to a div; `map` is the map once loaded, else null.
 * `setup` adds the component's sources, layers and handlers (its 'load' handlers run before
 * `map` is given) and may return a clean-up. The map is made again when the tile URL changes; `onError` hears when it cannot be made.
 */
export function useBaseMap(tileUrl: string | null, zoom: number, setup: (map: maplibregl.Map) => (() => void) | void, onError?: (reason: string) => void) {
  const container = useRef<HTMLDivElement>(null);
  const [loaded, setLoaded] = useState<maplibregl.Map | null>(null);
  const latest = useRef({ setup, onError });
  useEffect(() => {
    latest.current = { setup, onError };
  });

  useEffect(() => {
    if (!container.current) return;
    let map: maplibregl.Map;
    try {
      map = createBaseMap(container.current, tileUrl, zoom);
    } catch (error) {
      latest.current.onError?.(error instanceof Error ? error.message : String(error));
      return;
    }
    const teardown = latest.current.setup(map);
    map.on('load', () => setLoaded(map));
    // Tile failures of a configured base map should not hide what is drawn on it; log them for the operator.
    map.on('error', (event) => console.warn('map error', event.error));
    const resize = new ResizeObserver(() => map.resize());
    resize.observe(container.current);
    return () => {
      resize.disconnect();
      teardown?.();
      map.remove();
      setLoaded(null);
    };
  }, [tileUrl, zoom]);

  return { container, map: loaded };
}
