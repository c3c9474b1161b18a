// The map of where the practices are: MapLibre (loaded with this component only), one circle
// per practice on the configured tiles or a plain background, a click opens the practice.
import type * as maplibregl from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useBaseMap } from '../../../platform/map.ts';
import type { PracticePoints } from '../api.ts';

const SOURCE = 'practices';
const LAYER = 'practice-points';
// China at a glance: the map starts here and fits the points once they arrive.
const CHINA: maplibregl.LngLatBoundsLike = [[80, 20], [128, 48]];

function collectionOf(points: PracticePoints | undefined): GeoJSON.FeatureCollection<GeoJSON.Point> {
  return {
    type: 'FeatureCollection',
    features: (points?.points ?? []).map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { id: p.id, title: p.title, year: p.year } })),
  };
}

interface PracticeMapProps {
  points: PracticePoints | undefined;
  tileUrl: string | null;
  onError: (reason: string) => void;
}

export function PracticeMap({ points, tileUrl, onError }: PracticeMapProps) {
  const [drawn, setDrawn] = useState<number | null>(null);
  const navigate = useNavigate();
  const handlers = useRef({ navigate });
  useEffect(() => {
    handlers.current = { navigate };
  });

  const { container, map } = useBaseMap(
    tileUrl,
    3,
    (map) => {
      map.fitBounds(CHINA, { duration: 0 });
      map.on('load', () => {
        map.addSource(SOURCE, { type: 'geojson', data: collectionOf(undefined) });
        map.addLayer({
          id: LAYER,
          type: 'circle',
          source: SOURCE,
          paint: { 'circle-radius': 6, 'circle-color': '#1a4f9c', 'circle-opacity': 0.75, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 },
        });
      });
      map.on('click', LAYER, (event) => {
        const id = event.features?.[0]?.properties.id;
        if (typeof id === 'string') void handlers.current.navigate(`/portal/practices/${encodeURIComponent(id)}`);
      });
      map.on('mouseenter', LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
      map.on('mouseleave', LAYER, () => (map.getCanvas().style.cursor = ''));
    },
    onError,
  );

  useEffect(() => {
    if (!map) return;
    void map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData(collectionOf(points));
    // Several practices share a place: count the distinct points drawn once the data is tiled.
    map.once('idle', () => setDrawn(map.queryRenderedFeatures({ layers: [LAYER] }).length));
  }, [points, map]);

  return (
    <div style={{ position: 'relative', height: 360, borderRadius: 8, overflow: 'hidden', background: '#eef2f7' }}>
      <div className="gz-map">
        <div ref={container} style={{ width: '100%', height: '100%' }} data-testid="practice-map" data-drawn={drawn ?? ''} />
      </div>
    </div>
  );
}
