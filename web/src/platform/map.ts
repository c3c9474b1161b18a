// The base map every MapLibre view starts from: the configured raster tiles (or a plain
// background without them), centred on the district, with zoom and scale controls. Import it
// only from lazily loaded components: MapLibre is large.
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

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

/** A flat (no rotation, no pitch) map in `container`; throws when the browser cannot draw one (no WebGL). */
export function createBaseMap(container: HTMLElement, tileUrl: string | null, zoom: number): maplibregl.Map {
  const map = new maplibregl.Map({
    container,
    style: baseStyle(tileUrl),
    center: HAIDIAN,
    zoom,
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}
