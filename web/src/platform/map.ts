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

// ---- Context without tiles: the district's outline and the names of streets and communities ----

/** What a grid feature says of where it lies (the org module's grid GeoJSON properties). */
interface PlacedFeature {
  geometry: Polygonal;
  properties: { communityCode: string; communityName: string; streetCode: string | null; streetName: string | null };
}

export interface PlaceLabel {
  level: 'street' | 'community';
  name: string;
  lngLat: [number, number];
}

/** Area and area-weighted centre of the outer rings of a polygon (plane formula: fine at a city's scale). */
function centroidParts(geometry: Polygonal): { area: number; x: number; y: number } {
  const rings = geometry.type === 'Polygon' ? [geometry.coordinates[0] ?? []] : geometry.coordinates.map((p) => p[0] ?? []);
  let area = 0, x = 0, y = 0;
  for (const ring of rings) {
    for (let i = 0; i < ring.length - 1; i++) {
      const [x1, y1] = ring[i] as [number, number];
      const [x2, y2] = ring[i + 1] as [number, number];
      const cross = x1 * y2 - x2 * y1;
      area += cross / 2;
      x += ((x1 + x2) * cross) / 6;
      y += ((y1 + y2) * cross) / 6;
    }
  }
  return { area, x, y };
}

/** One label per community and per street, at the area-weighted centre of its grids. */
export function placeLabelsOf(features: readonly PlacedFeature[]): PlaceLabel[] {
  const groups = new Map<string, { level: PlaceLabel['level']; name: string; area: number; x: number; y: number }>();
  const add = (key: string, level: PlaceLabel['level'], name: string, part: { area: number; x: number; y: number }) => {
    const group = groups.get(key) ?? { level, name, area: 0, x: 0, y: 0 };
    group.area += part.area;
    group.x += part.x;
    group.y += part.y;
    groups.set(key, group);
  };
  for (const f of features) {
    const part = centroidParts(f.geometry);
    if (part.area === 0) continue;
    add(`c:${f.properties.communityCode}`, 'community', f.properties.communityName, part);
    if (f.properties.streetCode && f.properties.streetName) add(`s:${f.properties.streetCode}`, 'street', f.properties.streetName, part);
  }
  return [...groups.values()].map((g) => ({ level: g.level, name: g.name, lngLat: [g.x / g.area, g.y / g.area] }));
}

/** Below this zoom a map with several streets names streets; from it on, communities. */
const COMMUNITY_ZOOM = 13.5;

/**
 * Names as HTML markers in the UI's font (symbol layers would need a glyph server, which an
 * offline installation lacks). Streets show when zoomed out, communities when zoomed in; an
 * area of one street names its communities at the zoom it is shown at (call this after fitting
 * the view), its street once zoomed out. Returns a clean-up.
 */
export function addPlaceLabels(map: maplibregl.Map, labels: readonly PlaceLabel[]): () => void {
  const streets = labels.filter((l) => l.level === 'street').length;
  const markers = labels.map((label) => {
    const element = document.createElement('div');
    element.className = `gz-map-label gz-map-label-${label.level}`;
    element.textContent = label.name;
    Object.assign(element.style, {
      fontSize: label.level === 'street' ? '13px' : '12px',
      fontWeight: label.level === 'street' ? '600' : '400',
      color: '#1f2937',
      background: 'rgba(255,255,255,0.75)',
      padding: '0 4px',
      borderRadius: '3px',
      pointerEvents: 'none',
      whiteSpace: 'nowrap',
    });
    return { level: label.level, element, marker: new maplibregl.Marker({ element }).setLngLat(label.lngLat).addTo(map) };
  });
  const communityZoom = streets <= 1 ? Math.min(COMMUNITY_ZOOM, map.getZoom() - 0.5) : COMMUNITY_ZOOM;
  const show = () => {
    const communities = map.getZoom() >= communityZoom;
    for (const m of markers) m.element.style.display = (m.level === 'community') === communities ? '' : 'none';
  };
  show();
  map.on('zoomend', show);
  return () => {
    map.off('zoomend', show);
    markers.forEach((m) => m.marker.remove());
  };
}

const OUTLINE = 'district-outline';

/** Draws (or clears, with null) the district's outline under the layers above `beforeLayer`. */
export function setDistrictOutline(map: maplibregl.Map, geometry: Polygonal | null, beforeLayer?: string): void {
  const data: GeoJSON.GeoJSON = geometry ? { type: 'Feature', geometry, properties: {} } : { type: 'FeatureCollection', features: [] };
  const source = map.getSource<maplibregl.GeoJSONSource>(OUTLINE);
  if (source) {
    void source.setData(data);
    return;
  }
  map.addSource(OUTLINE, { type: 'geojson', data });
  map.addLayer({ id: OUTLINE, type: 'line', source: OUTLINE, paint: { 'line-color': '#3b4a63', 'line-width': 2, 'line-dasharray': [3, 2] } }, beforeLayer && map.getLayer(beforeLayer) ? beforeLayer : undefined);
}

/**
 * The context of a map of grids: the outline always (when known), the names when there are
 * no tiles to carry them. Call in a component after the map has loaded.
 */
export function useMapContext(map: maplibregl.Map | null, features: readonly PlacedFeature[] | null, outline: Polygonal | null, tileUrl: string | null, beforeLayer?: string): void {
  useEffect(() => {
    if (map) setDistrictOutline(map, outline, beforeLayer);
  }, [map, outline, beforeLayer]);
  useEffect(() => {
    if (!map || !features || tileUrl) return;
    return addPlaceLabels(map, placeLabelsOf(features));
  }, [map, features, tileUrl]);
}
