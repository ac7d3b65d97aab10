// Which Locaties of a plan contain a point: bbox pre-check, even-odd point-in-polygon over every ring (so holes
// work whatever their orientation), Gebiedengroepen through their members, and an Ambtsgebied without geometry
// counts as the whole plan area (it stands for the municipal boundary, which the plan does not carry).
import type { GeometryRd } from '../contracts/feature.ts';
import type { PointRd } from '../contracts/model.ts';
import type { Locatie, Omgevingsplan } from './model.ts';

type Bbox = [number, number, number, number];

export class PlanIndex {
  private readonly byId = new Map<string, Locatie>();
  private readonly bboxes = new Map<string, Bbox>();

  constructor(readonly plan: Omgevingsplan) {
    for (const l of plan.locaties) {
      this.byId.set(l.identificatie, l);
      if (l.geometrie) this.bboxes.set(l.identificatie, geometryBbox(l.geometrie));
    }
  }

  locatie(id: string): Locatie | undefined {
    return this.byId.get(id);
  }

  /** Identificaties of every Locatie containing the point (groups included). */
  containing(point: PointRd): Set<string> {
    const out = new Set<string>();
    for (const l of this.plan.locaties) if (this.contains(l.identificatie, point, 0)) out.add(l.identificatie);
    return out;
  }

  contains(id: string, point: PointRd, depth = 0): boolean {
    const l = this.byId.get(id);
    // Depth guard: a Gebiedengroep that (wrongly) contains itself must not loop.
    if (!l || depth > 8) return false;
    if (l.groepselementen && l.groepselementen.length > 0) return l.groepselementen.some((m) => this.contains(m, point, depth + 1));
    if (!l.geometrie) return l.type === 'Ambtsgebied';
    const b = this.bboxes.get(id)!;
    if (point[0] < b[0] || point[0] > b[2] || point[1] < b[1] || point[1] > b[3]) return false;
    return pointInGeometry(l.geometrie, point);
  }
}

/** Point in a (Multi)Polygon; points on lines never count (a zone is an area). */
export function pointInGeometry(g: GeometryRd, [x, y]: PointRd): boolean {
  if (g.type === 'Polygon') return pointInRings(g.coordinates, x, y);
  if (g.type === 'MultiPolygon') return g.coordinates.some((poly) => pointInRings(poly, x, y));
  return false;
}

function pointInRings(rings: readonly (readonly (readonly number[])[])[], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

export function geometryBbox(g: GeometryRd): Bbox {
  const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      if (x < b[0]) b[0] = x;
      if (y < b[1]) b[1] = y;
      if (x > b[2]) b[2] = x;
      if (y > b[3]) b[3] = y;
    } else if (Array.isArray(c)) c.forEach(visit);
  };
  visit(g.coordinates);
  return b;
}
