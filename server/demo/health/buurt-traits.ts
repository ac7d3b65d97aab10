// What the demo health generator knows about a buurt, read from the municipality itself (so it works for any
// Municipality, not only Demostad): how many live there, in what kind of housing, how old, in what households,
// how close to main roads and to the town centre.
import type { Building, Municipality, PointRd, Street } from '../../contracts/model.ts';
import { polygonCentroid } from '../../geo/polygon.ts';
import { distance, projectOnSegment } from '../geometry.ts';

/** Dwellings closer than this to a main road count as exposed to its traffic noise (façade 55+ dB territory). */
export const ROAD_EXPOSURE_M = 60;
/** Buildings with at least this many dwellings are flats (portiek, galerij): a proxy for lower incomes. */
const FLAT_DWELLINGS = 4;
const GRID_M = 100;

export interface BuurtTraits {
  code: string;
  population: number;
  households: number;
  dwellings: number;
  /** Share of dwellings in multi-dwelling buildings, 0–1. */
  flatShare: number;
  /** Median construction year of the dwellings' buildings; undefined without dwellings. */
  medianYear: number | undefined;
  /** Share of dwellings within ROAD_EXPOSURE_M of a hoofdweg, 0–1. */
  roadShare: number;
  /** 1 at the town centre, falling linearly to 0 at the farthest buurt. */
  centrality: number;
}

export function buurtTraits(m: Municipality): BuurtTraits[] {
  const near = mainRoadIndex(m.streets.filter((s) => s.class === 'hoofdweg'));
  const homes = m.buildings.filter((b) => b.dwellings > 0);
  const centre = townCentre(m.buildings);
  const centroids = m.buurten.map((b) => polygonCentroid(b.polygon));
  const farthest = Math.max(1, ...centroids.map((c) => distance(c, centre)));

  return m.buurten.map((buurt, i) => {
    const own = homes.filter((b) => b.buurtCode === buurt.code);
    const dwellings = own.reduce((s, b) => s + b.dwellings, 0);
    const share = (pick: (b: Building) => boolean) => (dwellings === 0 ? 0 : own.filter(pick).reduce((s, b) => s + b.dwellings, 0) / dwellings);
    const years = own.flatMap((b) => Array<number>(b.dwellings).fill(b.year)).sort((a, c) => a - c);
    return {
      code: buurt.code,
      population: buurt.population,
      households: buurt.households,
      dwellings,
      flatShare: share((b) => b.dwellings >= FLAT_DWELLINGS),
      medianYear: years.length > 0 ? years[Math.floor(years.length / 2)] : undefined,
      roadShare: share((b) => near(b.footprint[0][0])),
      centrality: 1 - distance(centroids[i], centre) / farthest,
    };
  });
}

/** The centre is where the monuments and shops are; the middle of all buildings when there are none. */
function townCentre(buildings: readonly Building[]): PointRd {
  const core = buildings.filter((b) => b.function === 'monument' || b.function === 'winkel');
  const pts = (core.length > 0 ? core : buildings).map((b) => b.footprint[0][0]);
  if (pts.length === 0) return [0, 0];
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

/** "Is p within ROAD_EXPOSURE_M of a main road?", with the road segments bucketed in a coarse grid. */
function mainRoadIndex(roads: readonly Street[]): (p: PointRd) => boolean {
  const cells = new Map<string, [PointRd, PointRd][]>();
  const key = (cx: number, cy: number) => `${cx},${cy}`;
  for (const road of roads) {
    for (let i = 1; i < road.line.length; i++) {
      const a = road.line[i - 1];
      const b = road.line[i];
      const x0 = Math.floor((Math.min(a[0], b[0]) - ROAD_EXPOSURE_M) / GRID_M);
      const x1 = Math.floor((Math.max(a[0], b[0]) + ROAD_EXPOSURE_M) / GRID_M);
      const y0 = Math.floor((Math.min(a[1], b[1]) - ROAD_EXPOSURE_M) / GRID_M);
      const y1 = Math.floor((Math.max(a[1], b[1]) + ROAD_EXPOSURE_M) / GRID_M);
      for (let cx = x0; cx <= x1; cx++) {
        for (let cy = y0; cy <= y1; cy++) {
          const list = cells.get(key(cx, cy));
          if (list) list.push([a, b]);
          else cells.set(key(cx, cy), [[a, b]]);
        }
      }
    }
  }
  return (p) => {
    const segments = cells.get(key(Math.floor(p[0] / GRID_M), Math.floor(p[1] / GRID_M))) ?? [];
    return segments.some(([a, b]) => projectOnSegment(p, a, b).distanceM <= ROAD_EXPOSURE_M);
  };
}
