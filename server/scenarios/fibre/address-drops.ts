// Access points: every address (or any point, e.g. a POP site) is attached to the nearest point of the nearest street
// edge, and that edge is split there so the access point is a node the router can reach (DOMAIN.md §5.1: "project
// each onto the nearest street edge"). Points too far from any street are returned as unattached, never dropped.
import { SpatialGrid } from './spatial-grid.ts';
import { type StreetNetwork, StreetNetworkBuilder, edgeCountOf, nodeCountOf, projectOnSegment } from './street-network.ts';

export interface AttachOptions {
  /** Points farther than this from every street stay unattached (default 250 m). */
  maxDistanceM?: number;
  /** Access points this close to each other or to an edge end share that node (default 0.5 m). */
  mergeM?: number;
}

export interface AttachedPoints {
  network: StreetNetwork;
  /** Access node per input point; −1 when the point is farther than maxDistanceM from every street. */
  nodeOfPoint: Int32Array;
  /** Straight distance from the point to its access node, metres (the drop's street-to-façade part); NaN if unattached. */
  distanceM: Float64Array;
}

const GRID_CELL_M = 50;

export function attachPoints(network: StreetNetwork, points: readonly (readonly [number, number])[], options: AttachOptions = {}): AttachedPoints {
  const maxDistanceM = options.maxDistanceM ?? 250;
  const mergeM = options.mergeM ?? 0.5;
  const { nodeX, nodeY, edgeU, edgeV } = network;
  const grid = new SpatialGrid(GRID_CELL_M);
  for (let e = 0; e < edgeCountOf(network); e++) {
    const u = edgeU[e];
    const v = edgeV[e];
    grid.insert(e, Math.min(nodeX[u], nodeX[v]), Math.min(nodeY[u], nodeY[v]), Math.max(nodeX[u], nodeX[v]), Math.max(nodeY[u], nodeY[v]));
  }

  // Nearest edge per point, then the points of each edge in order along it.
  const dropsOnEdge = new Map<number, { t: number; point: number }[]>();
  const distanceM = new Float64Array(points.length).fill(NaN);
  const nodeOfPoint = new Int32Array(points.length).fill(-1);
  points.forEach(([x, y], i) => {
    let bestT = 0;
    const { id: edge } = grid.nearest(x, y, maxDistanceM, (e) => {
      const { distanceM: d } = projectOnSegment(x, y, nodeX[edgeU[e]], nodeY[edgeU[e]], nodeX[edgeV[e]], nodeY[edgeV[e]]);
      return d;
    });
    if (edge < 0) return;
    const projection = projectOnSegment(x, y, nodeX[edgeU[edge]], nodeY[edgeU[edge]], nodeX[edgeV[edge]], nodeY[edgeV[edge]]);
    bestT = projection.t;
    distanceM[i] = projection.distanceM;
    const list = dropsOnEdge.get(edge);
    if (list) list.push({ t: bestT, point: i });
    else dropsOnEdge.set(edge, [{ t: bestT, point: i }]);
  });

  const builder = new StreetNetworkBuilder(network.streets);
  for (let n = 0; n < nodeCountOf(network); n++) builder.addNode(nodeX[n], nodeY[n]);
  for (let e = 0; e < edgeCountOf(network); e++) {
    const u = edgeU[e];
    const v = edgeV[e];
    const drops = dropsOnEdge.get(e);
    if (!drops) {
      builder.addEdge(u, v, network.edgeStreet[e]);
      continue;
    }
    drops.sort((a, b) => a.t - b.t || a.point - b.point);
    const ux = nodeX[u];
    const uy = nodeY[u];
    const vx = nodeX[v];
    const vy = nodeY[v];
    let previous = u;
    for (const { t, point } of drops) {
      const px = ux + t * (vx - ux);
      const py = uy + t * (vy - uy);
      let node: number;
      if (Math.hypot(px - ux, py - uy) <= mergeM) node = u;
      else if (Math.hypot(px - vx, py - vy) <= mergeM) node = v;
      else if (previous !== u && Math.hypot(px - builder.x[previous], py - builder.y[previous]) <= mergeM) node = previous;
      else node = builder.addNode(px, py);
      if (node !== previous && node !== v) {
        builder.addEdge(previous, node, network.edgeStreet[e]);
        previous = node;
      }
      nodeOfPoint[point] = node;
    }
    builder.addEdge(previous, v, network.edgeStreet[e]);
  }
  return { network: builder.finish(), nodeOfPoint, distanceM };
}
