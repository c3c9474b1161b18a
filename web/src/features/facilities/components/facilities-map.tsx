// The MapLibre view of a community's life circle: its grids, its facilities coloured by kind,
// optionally the coverage layer (buildings coloured by how many required kinds they lack), the
// circle of a clicked building (lines to the nearest facility of each kind), and a picked point
// (the facility form). Loaded lazily: MapLibre is large.
import * as maplibregl from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { useBaseMap } from '../../../platform/map.ts';
import { useApiQuery } from '../../../platform/query.ts';
import { gridKindColors, orgApi } from '../../org/index.ts';
import { facilitiesApi, type BuildingCircle, type CoverageFeatureCollection } from '../api.ts';
import { kindColor, kindName, useKinds } from './labels.tsx';

export const lackColors = { none: '#52c41a', one: '#fa8c16', more: '#f5222d' } as const;

type Point = { lng: number; lat: number };
type Collection = GeoJSON.FeatureCollection;
const empty: Collection = { type: 'FeatureCollection', features: [] };

interface FacilitiesMapProps {
  community: string | null;
  tileUrl: string | null;
  height?: number | string;
  /** Buildings coloured by what they lack; clicking one calls onBuilding. */
  coverage?: CoverageFeatureCollection | null;
  circle?: BuildingCircle | null;
  onBuilding?: (buildingId: string | null) => void;
  /** Pick mode (the facility form): a click sets the point. */
  picked?: Point | null;
  onPick?: (point: Point) => void;
  onError?: (reason: string) => void;
  /** After drawing: buildings on screen, and how many of them lack something. */
  onDrawn?: (drawn: { buildings: number; lacking: number; facilities: number }) => void;
}

/** A polygon approximating a circle of `meters` around a point (good enough at a community's scale). */
function ring({ lng, lat }: Point, meters: number): GeoJSON.Polygon {
  const dLat = meters / 111_320;
  const dLng = meters / (111_320 * Math.cos((lat * Math.PI) / 180));
  const coordinates = Array.from({ length: 65 }, (_, i) => {
    const a = (i / 64) * 2 * Math.PI;
    return [lng + dLng * Math.cos(a), lat + dLat * Math.sin(a)];
  });
  return { type: 'Polygon', coordinates: [coordinates] };
}

function circleFeatures(circle: BuildingCircle): Collection {
  const origin = [circle.lng, circle.lat];
  const farthest = Math.max(0, ...circle.kinds.map((k) => k.walkMeters));
  const features: GeoJSON.Feature[] = [{ type: 'Feature', geometry: ring(circle, farthest), properties: { role: 'ring' } }];
  for (const kind of circle.kinds) {
    if (!kind.facility) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [origin, [kind.facility.lng, kind.facility.lat]] },
      properties: { role: 'line', covered: kind.covered },
    });
  }
  features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: origin }, properties: { role: 'origin' } });
  return { type: 'FeatureCollection', features };
}

function extend(bounds: maplibregl.LngLatBounds, collection: { features: { geometry: GeoJSON.Geometry }[] }) {
  const visit = (position: GeoJSON.Position) => bounds.extend([position[0] ?? 0, position[1] ?? 0]);
  for (const { geometry } of collection.features) {
    if (geometry.type === 'Point') visit(geometry.coordinates);
    else if (geometry.type === 'Polygon') geometry.coordinates.forEach((r) => r.forEach(visit));
    else if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach((p) => p.forEach((r) => r.forEach(visit)));
  }
}

const lackColor: maplibregl.ExpressionSpecification = ['step', ['get', 'lackingCount'], lackColors.none, 1, lackColors.one, 2, lackColors.more];

function addLayers(map: maplibregl.Map) {
  for (const source of ['grids', 'facilities', 'buildings', 'circle', 'picked']) map.addSource(source, { type: 'geojson', data: empty });
  map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grids', paint: { 'fill-color': gridKindColors.community, 'fill-opacity': 0.08 } });
  map.addLayer({ id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': gridKindColors.community, 'line-width': 1.2, 'line-dasharray': [2, 1] } });
  map.addLayer({ id: 'circle-ring', type: 'fill', source: 'circle', filter: ['==', ['get', 'role'], 'ring'], paint: { 'fill-color': '#1a4f9c', 'fill-opacity': 0.08 } });
  map.addLayer({
    id: 'circle-line',
    type: 'line',
    source: 'circle',
    filter: ['==', ['get', 'role'], 'line'],
    paint: { 'line-color': ['case', ['get', 'covered'], lackColors.none, lackColors.more], 'line-width': 2, 'line-dasharray': [3, 2] },
  });
  map.addLayer({ id: 'buildings', type: 'circle', source: 'buildings', paint: { 'circle-radius': 5, 'circle-color': lackColor, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });
  map.addLayer({ id: 'facilities', type: 'circle', source: 'facilities', paint: { 'circle-radius': 7, 'circle-color': ['get', 'color'], 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
  map.addLayer({ id: 'circle-origin', type: 'circle', source: 'circle', filter: ['==', ['get', 'role'], 'origin'], paint: { 'circle-radius': 9, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1a4f9c', 'circle-stroke-width': 3 } });
  map.addLayer({ id: 'picked', type: 'circle', source: 'picked', paint: { 'circle-radius': 8, 'circle-color': '#c41d1d', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
}

/** The community's map with the layers its props ask for. */
export function FacilitiesMap({ community, tileUrl, height = '100%', coverage, circle, onBuilding, picked, onPick, onError, onDrawn }: FacilitiesMapProps) {
  const callbacks = useRef({ onBuilding, onPick, onError, onDrawn });
  useEffect(() => {
    callbacks.current = { onBuilding, onPick, onError, onDrawn };
  });
  const { kinds, locale } = useKinds();
  const grids = useApiQuery(['org', 'gridsGeojson', community], community ? (signal) => orgApi.gridsGeojson(community, signal) : null);
  const facilities = useApiQuery(['facilities', 'geojson', community], community ? (signal) => facilitiesApi.facilitiesGeojson(community, signal) : null);

  const facilityData = useMemo<Collection>(
    () => ({
      type: 'FeatureCollection',
      features: (facilities.data?.features ?? []).map((f) => ({
        ...f,
        properties: { ...f.properties, kindName: kindName(kinds, f.properties.kind, locale), color: kindColor(kinds, f.properties.kind) },
      })),
    }),
    [facilities.data, kinds, locale],
  );

  const { container, map } = useBaseMap(
    tileUrl,
    13,
    (map) => {
      const hover = new maplibregl.Popup({ closeButton: false, closeOnClick: false, className: 'gz-map-hover', offset: 10 });
      map.on('load', () => addLayers(map));
      for (const layer of ['facilities', 'buildings'] as const) {
        map.on('mousemove', layer, (event) => {
          const properties = event.features?.[0]?.properties;
          map.getCanvas().style.cursor = 'pointer';
          if (properties) hover.setLngLat(event.lngLat).setText(layer === 'facilities' ? `${String(properties.name)}（${String(properties.kindName)}）` : String(properties.name)).addTo(map);
        });
        map.on('mouseleave', layer, () => {
          map.getCanvas().style.cursor = callbacks.current.onPick ? 'crosshair' : '';
          hover.remove();
        });
      }
      map.on('click', (event) => {
        const { onPick: pick, onBuilding: select } = callbacks.current;
        if (pick) {
          pick({ lng: Number(event.lngLat.lng.toFixed(6)), lat: Number(event.lngLat.lat.toFixed(6)) });
          return;
        }
        const hit = map.queryRenderedFeatures(event.point, { layers: ['buildings'] })[0];
        const id = hit?.properties.buildingId;
        select?.(typeof id === 'string' ? id : null);
      });
      return () => hover.remove();
    },
    (reason) => callbacks.current.onError?.(reason),
  );

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = onPick ? 'crosshair' : '';
  }, [onPick, map]);

  // Grids, facilities and buildings: drawn together, the view fitted to them, then counted.
  useEffect(() => {
    if (!map) return;
    const gridData = (grids.data ?? empty) as Collection;
    const buildingData = (coverage ?? empty) as Collection;
    void map.getSource<maplibregl.GeoJSONSource>('grids')?.setData(gridData);
    void map.getSource<maplibregl.GeoJSONSource>('facilities')?.setData(facilityData);
    void map.getSource<maplibregl.GeoJSONSource>('buildings')?.setData(buildingData);
    const bounds = new maplibregl.LngLatBounds();
    extend(bounds, gridData);
    extend(bounds, buildingData);
    extend(bounds, facilityData);
    if (!bounds.isEmpty()) map.fitBounds(bounds, { padding: 40, duration: 0, maxZoom: 17 });
    let cancelled = false;
    map.once('idle', () => {
      if (cancelled) return;
      const buildings = map.queryRenderedFeatures({ layers: ['buildings'] });
      const drawnFacilities = new Set(map.queryRenderedFeatures({ layers: ['facilities'] }).map((f) => String(f.properties.id))).size;
      const ids = new Set(buildings.map((f) => String(f.properties.buildingId)));
      const lacking = new Set(buildings.filter((f) => Number(f.properties.lackingCount) > 0).map((f) => String(f.properties.buildingId)));
      callbacks.current.onDrawn?.({ buildings: ids.size, lacking: lacking.size, facilities: drawnFacilities });
    });
    return () => {
      cancelled = true;
    };
  }, [grids.data, facilityData, coverage, map]);

  useEffect(() => {
    if (!map) return;
    void map.getSource<maplibregl.GeoJSONSource>('circle')?.setData(circle ? circleFeatures(circle) : empty);
  }, [circle, map]);

  useEffect(() => {
    if (!map) return;
    void map.getSource<maplibregl.GeoJSONSource>('picked')?.setData(
      picked ? { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [picked.lng, picked.lat] }, properties: {} }] } : empty,
    );
  }, [picked, map]);

  return (
    <div style={{ position: 'relative', height, minHeight: 240, border: '1px solid #dfe4ec', borderRadius: 4, overflow: 'hidden', background: '#eef2f7' }}>
      <div ref={container} style={{ position: 'absolute', inset: 0 }} data-testid="facilities-map-canvas" />
    </div>
  );
}
