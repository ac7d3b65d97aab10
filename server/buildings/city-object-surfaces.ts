// CityJSON geometry → a flat list of surfaces (rings of vertex indices) with their semantic class, and the
// choice of the best LoD among an object's geometries. Pure; throws GeometryError with a reason a person can act on.
import { SURFACE_GROUND, SURFACE_ROOF, SURFACE_WALL } from '../contracts/model.ts';
import { type CityJsonGeometry, cityJsonGeometry } from './cityjson-document.ts';

export class GeometryError extends Error {}

export type SurfaceClass = typeof SURFACE_GROUND | typeof SURFACE_WALL | typeof SURFACE_ROOF;

export interface Surface {
  /** Outer ring then holes, as indices into the document's (or feature's) vertex list. */
  rings: number[][];
  /** From the semantics, or null when the geometry has none (classified later by orientation). */
  semantic: SurfaceClass | null;
}

/** Geometry types that describe a volume or its boundary; points, lines and templates are ignored. */
const SURFACE_TYPES = new Set(['MultiSurface', 'CompositeSurface', 'Solid', 'MultiSolid', 'CompositeSolid']);

/**
 * Ranks an LoD string so that the better model sorts higher: 2.2 > 2.1 > 2 > 1.3 > 1.2 > 1 > 0.
 * "2" alone (CityJSON 1.x, CityGML LoD2) ranks just under 2.0-with-refinement because it carries the same detail.
 */
export function lodRank(lod: string | number | undefined): number {
  const value = typeof lod === 'number' ? lod : Number.parseFloat(lod ?? '');
  return Number.isFinite(value) ? value : -1;
}

/** The highest-LoD geometry that has surfaces, or undefined. Invalid geometry entries are reported, not skipped. */
export function pickBestGeometry(geometries: readonly unknown[]): CityJsonGeometry | undefined {
  let best: CityJsonGeometry | undefined;
  for (const raw of geometries) {
    const parsed = cityJsonGeometry.safeParse(raw);
    if (!parsed.success) throw new GeometryError(`geometry entry is not a CityJSON geometry (${parsed.error.issues[0]?.message})`);
    const g = parsed.data;
    if (!SURFACE_TYPES.has(g.type)) continue;
    if (!best || lodRank(g.lod) > lodRank(best.lod)) best = g;
  }
  return best;
}

export function lodString(lod: string | number | undefined): string {
  return lod === undefined ? '' : String(lod);
}

function semanticClass(type: string | undefined): SurfaceClass | null {
  if (type === undefined) return null;
  if (type === 'RoofSurface') return SURFACE_ROOF;
  if (type === 'GroundSurface') return SURFACE_GROUND;
  // WallSurface and everything else on the outside (ClosureSurface, OuterCeiling/Floor, Window, Door) draw as wall.
  return SURFACE_WALL;
}

/** Every surface of a surface-bearing geometry, with its semantic class when the geometry has semantics. */
export function geometrySurfaces(g: CityJsonGeometry, vertexCount: number): Surface[] {
  const surfaceTypes = g.semantics?.surfaces.map((s) => s.type) ?? [];
  const out: Surface[] = [];
  const addSurface = (raw: unknown, value: unknown, where: string): void => {
    if (!Array.isArray(raw) || raw.length === 0) throw new GeometryError(`${where} is not a list of rings`);
    const rings = raw.map((ring, r) => {
      if (!Array.isArray(ring)) throw new GeometryError(`${where} ring ${r} is not a list of vertex indices`);
      for (const v of ring) {
        if (!Number.isInteger(v) || v < 0 || v >= vertexCount) {
          throw new GeometryError(`${where} ring ${r} refers to vertex ${String(v)}, but there are ${vertexCount} vertices`);
        }
      }
      return ring as number[];
    });
    let semantic: SurfaceClass | null = null;
    if (value !== null && value !== undefined) {
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) >= surfaceTypes.length) {
        throw new GeometryError(`${where} has semantics value ${String(value)} outside the ${surfaceTypes.length} semantic surfaces`);
      }
      semantic = semanticClass(surfaceTypes[value as number]);
    }
    out.push({ rings, semantic });
  };
  const list = (raw: unknown, where: string): unknown[] => {
    if (!Array.isArray(raw)) throw new GeometryError(`${where} is not a list`);
    return raw;
  };
  const valueAt = (values: unknown, ...path: number[]): unknown => {
    let v = values;
    for (const i of path) {
      if (!Array.isArray(v)) return null;
      v = v[i];
    }
    return v;
  };
  const values = g.semantics?.values;
  const boundaries = list(g.boundaries, `${g.type} boundaries`);
  if (g.type === 'MultiSurface' || g.type === 'CompositeSurface') {
    boundaries.forEach((s, i) => addSurface(s, valueAt(values, i), `surface ${i}`));
  } else if (g.type === 'Solid') {
    boundaries.forEach((shell, h) =>
      list(shell, `shell ${h}`).forEach((s, i) => addSurface(s, valueAt(values, h, i), `shell ${h} surface ${i}`)),
    );
  } else {
    boundaries.forEach((solid, d) =>
      list(solid, `solid ${d}`).forEach((shell, h) =>
        list(shell, `solid ${d} shell ${h}`).forEach((s, i) =>
          addSurface(s, valueAt(values, d, h, i), `solid ${d} shell ${h} surface ${i}`),
        ),
      ),
    );
  }
  return out;
}
