// A fibre plan's network as GeoJSON in CRS84 (lon/lat degrees, converted once here at the edge): route sections with
// their work, cable and homes served, the cabinets and the POP. Money rounded to cents, lengths to centimetres.
import type { PointRd } from '../../contracts/model.ts';
import { rdToLonLatDeg } from '../../geo/crs.ts';
import type { DesignLine } from './design-network.ts';
import type { FibrePlan } from './fibre-plan.ts';

type Position = [number, number];
interface Feature {
  type: 'Feature';
  geometry: { type: 'LineString'; coordinates: Position[] } | { type: 'Point'; coordinates: Position };
  properties: Record<string, string | number | boolean | null>;
}

export interface PlanFeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

export function planNetworkGeoJson(plan: FibrePlan): PlanFeatureCollection {
  const features: Feature[] = mergedRoutes(plan).map((route) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates: route.coordinates.map(lonLat) },
    properties: {
      kind: 'route',
      streetId: route.first.streetId,
      surface: route.first.surface,
      work: route.first.work,
      method: route.first.method,
      lengthM: cm(route.lengthM),
      trenchEur: cents(route.trenchEur),
      cableEur: cents(route.cableEur),
      roadCrossings: cm(route.crossings),
      homesDownstream: route.last.homesDownstream,
      fibres: route.last.fibres,
      cableFibres: route.first.cableFibres,
      ductClass: route.first.ductClass,
    },
  }));
  for (const c of plan.design.cabinets) {
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: lonLat(c.positionRd) },
      properties: { kind: 'cabinet', splitters: c.splitters, homes: c.homes, siteVerdict: c.verdict, siteReasons: c.reasons.join(' | ') || null, shiftedM: cm(c.shiftedM) },
    });
  }
  features.push({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: lonLat(plan.pop.onStreetRd) },
    properties: { kind: 'pop', streetId: plan.pop.streetId, homesPassed: plan.design.homesPassed },
  });
  return { type: 'FeatureCollection', features };
}

interface MergedRoute {
  coordinates: PointRd[];
  /** Most downstream and most upstream section of the run. */
  first: DesignLine;
  last: DesignLine;
  lengthM: number;
  trenchEur: number;
  cableEur: number;
  crossings: number;
}

/**
 * Every access point splits a street into short sections, which would make the map thousands of two-point lines.
 * Runs of sections on the same street with the same work, cable and duct, without a branch or cabinet between them,
 * are drawn as one line; its homes and fibres are those at its upstream end (the most it carries).
 */
function mergedRoutes(plan: FibrePlan): MergedRoute[] {
  const lines = plan.design.lines;
  const lineFrom = new Map(lines.map((l) => [l.fromNode, l]));
  const children = new Map<number, number>();
  /** A node's child section; only read where the node has exactly one. */
  const childLine = new Map<number, DesignLine>();
  for (const l of lines) {
    children.set(l.toNode, (children.get(l.toNode) ?? 0) + 1);
    childLine.set(l.toNode, l);
  }
  const cabinetNodes = new Set(plan.design.cabinets.map((c) => c.node));
  const key = (l: DesignLine) => `${l.streetId}|${l.work}|${l.method}|${l.cableFibres}|${l.ductClass}`;
  const continues = (below: DesignLine, above: DesignLine | undefined): above is DesignLine =>
    above !== undefined && children.get(below.toNode) === 1 && !cabinetNodes.has(below.toNode) && key(above) === key(below);
  const routes: MergedRoute[] = [];
  for (const start of lines) {
    // Only start at a run's downstream end: where no section of the same run comes from below.
    const below = children.get(start.fromNode) === 1 ? childLine.get(start.fromNode) : undefined;
    if (below && continues(below, start)) continue;
    const route: MergedRoute = { coordinates: [start.fromRd, start.toRd], first: start, last: start, lengthM: start.lengthM, trenchEur: start.trenchEur, cableEur: start.cableEur, crossings: start.crossings };
    for (let next = lineFrom.get(start.toNode); continues(route.last, next); next = lineFrom.get(next.toNode)) {
      route.coordinates.push(next.toRd);
      route.last = next;
      route.lengthM += next.lengthM;
      route.trenchEur += next.trenchEur;
      route.cableEur += next.cableEur;
      route.crossings += next.crossings;
    }
    routes.push(route);
  }
  return routes;
}

function lonLat([x, y]: PointRd): Position {
  const [lon, lat] = rdToLonLatDeg(x, y);
  return [Math.round(lon * 1e7) / 1e7, Math.round(lat * 1e7) / 1e7];
}

export const cents = (eur: number): number => Math.round(eur * 100) / 100;
export const cm = (m: number): number => Math.round(m * 100) / 100;
