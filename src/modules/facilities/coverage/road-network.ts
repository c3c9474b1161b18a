// The road network as a graph (graphology): vertices of the imported lines are nodes, line
// segments are edges weighted by their length in metres. Lines that share a vertex (to
// about 0.1 m) are joined there. Distances from a set of facilities to every node come from
// one Dijkstra run of graphology-shortest-path from a virtual source tied to the facilities.
import { UndirectedGraph } from 'graphology';
import { dijkstra } from 'graphology-shortest-path';
import { haversineMeters, meanLat, PointIndex, type Point } from './geometry.ts';

export type LngLat = [number, number];

interface RoadNode extends Point {
  key: string;
}

export interface RoadNetwork {
  graph: UndirectedGraph<RoadNode, { length: number }>;
  /** The nodes with their points, indexed for snapping a point to its nearest node. */
  index: PointIndex<RoadNode>;
  nodes: number;
  edges: number;
  lengthKm: number;
}

const SOURCE = '\u0000source';

function keyOf([lng, lat]: LngLat): string {
  return `${lng.toFixed(6)},${lat.toFixed(6)}`;
}

/** Builds the graph of some lines (each an array of [lng, lat]); a repeated segment keeps its shorter length. */
export function buildRoadNetwork(lines: readonly (readonly LngLat[])[]): RoadNetwork {
  const graph = new UndirectedGraph<RoadNode, { length: number }>();
  let totalMeters = 0;
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const point = line[i]!;
      const key = keyOf(point);
      if (!graph.hasNode(key)) graph.addNode(key, { key, lng: point[0], lat: point[1] });
      if (i === 0) continue;
      const previous = keyOf(line[i - 1]!);
      if (previous === key) continue;
      const length = haversineMeters(line[i - 1]![0], line[i - 1]![1], point[0], point[1]);
      if (graph.hasEdge(previous, key)) {
        if (graph.getEdgeAttribute(previous, key, 'length') > length) graph.setEdgeAttribute(previous, key, 'length', length);
        continue;
      }
      graph.addEdge(previous, key, { length });
      totalMeters += length;
    }
  }
  const nodes = graph.mapNodes((_key, attributes) => attributes);
  return { graph, index: new PointIndex(nodes, meanLat(nodes)), nodes: graph.order, edges: graph.size, lengthKm: totalMeters / 1000 };
}

/** Where a point joins the network: its nearest node and the straight walk to it. */
export interface Snap {
  node: string;
  access: number;
}

export function snapToNetwork(network: RoadNetwork, p: Point): Snap | undefined {
  const found = network.index.nearest(p);
  return found ? { node: found.item.key, access: found.meters } : undefined;
}

/** For every node reached: the walking distance from the nearest source, and which source that is. */
export interface NetworkDistances {
  distance: Map<string, number>;
  source: Map<string, number>;
}

/**
 * Distances from several sources at once: each source (by its position in `sources`) joins
 * its node with its access walk; a virtual node tied to all of them is the single source of
 * one Dijkstra run (graphology-shortest-path's Brandes variant, which returns the settled
 * order and the predecessors, from which lengths follow edge by edge).
 */
export function distancesFrom(network: RoadNetwork, sources: readonly Snap[]): NetworkDistances {
  const { graph } = network;
  const result: NetworkDistances = { distance: new Map(), source: new Map() };
  if (sources.length === 0) return result;
  const entry = new Map<string, { access: number; source: number }>();
  sources.forEach((snap, i) => {
    const known = entry.get(snap.node);
    if (!known || snap.access < known.access) entry.set(snap.node, { access: snap.access, source: i });
  });
  graph.addNode(SOURCE, { key: SOURCE, lng: 0, lat: 0 });
  try {
    for (const [node, { access }] of entry) graph.addEdge(SOURCE, node, { length: access });
    const [settled, predecessors] = dijkstra.brandes(graph, SOURCE, 'length');
    for (const node of settled) {
      if (node === SOURCE) continue;
      const previous = predecessors[node]![0]!;
      if (previous === SOURCE) {
        const start = entry.get(node)!;
        result.distance.set(node, start.access);
        result.source.set(node, start.source);
      } else {
        result.distance.set(node, result.distance.get(previous)! + graph.getEdgeAttribute(previous, node, 'length'));
        result.source.set(node, result.source.get(previous)!);
      }
    }
  } finally {
    graph.dropNode(SOURCE);
  }
  return result;
}
