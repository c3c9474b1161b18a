import * as maplibregl from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { GridFeatureCollection, GridGeometry } from '../api.ts';
import { boundsOf, useBaseMap, useMapContext } from '../../../platform/map.ts';
import { gridKindColors } from './org-labels.tsx';

const SOURCE = 'grids';
const FILL = 'grid-fill';
const LINE = 'grid-line';
const SELECTED = 'grid-selected';

interface GridMapViewProps {
  collection: GridFeatureCollection | null;
  /** The district's outline, drawn as the frame of the grids. */
  outline: GridGeometry | null;
  tileUrl: string | null;
  selectedCode: string | null;
  onSelect: (code: string | null) => void;
  /** Called after the map has drawn a collection, with how many distinct grids are on screen. */
  onRendered: (count: number) => void;
  onError: (reason: string) => void;
}

/** The MapLibre canvas: grid polygons coloured by kind in the district's outline, hover names, click to select; place names without tiles. */
export function GridMapView({ collection, outline, tileUrl, selectedCode, onSelect, onRendered, onError }: GridMapViewProps) {
  const callbacks = useRef({ onSelect, onRendered });
  useEffect(() => {
    callbacks.current = { onSelect, onRendered };
  });

  const { container, map } = useBaseMap(tileUrl, 11, (map) => {
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
    return () => hover.remove();
  }, onError);

  useEffect(() => {
    if (!map) return;
    const source = map.getSource<maplibregl.GeoJSONSource>(SOURCE);
    if (!source) return;
    const data = collection ?? { type: 'FeatureCollection', features: [] };
    void source.setData(data);
    const bounds = collection ? boundsOf(collection.features.map((f) => f.geometry)) : null;
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
  }, [collection, map]);

  useMapContext(map, collection?.features ?? null, outline, tileUrl);

  useEffect(() => {
    if (!map) return;
    map.setFilter(SELECTED, ['==', ['get', 'code'], selectedCode ?? '']);
  }, [selectedCode, map]);

  // MapLibre makes its container position: relative, so the absolute frame is a separate element.
  return (
    <div className="gz-map">
      <div ref={container} style={{ width: '100%', height: '100%' }} data-testid="grid-map-canvas" />
    </div>
  );
}
