// The layout of Demostad before any street is drawn: an old centre inside a singel (ring road) with its
// moat, radial main roads, a ring road further out, and the sectors between them as districts, each with
// its own kind of neighbourhood; plus the fixed water (river on the south edge, moat, canal, park pond).
import type { PointRd, PolygonRd } from '../contracts/model.ts';
import type { Bbox } from './geometry.ts';
import { circlePolygon, fromAngle, orientPolygon, roundMm, roundPoint } from './geometry.ts';
import type { DistrictKind, DistrictStyle, StreetClass, Surface } from './district-styles.ts';
import { districtStyle } from './district-styles.ts';
import type { NameTheme } from './street-names.ts';
import type { Rng } from './random.ts';

/** Centre of the municipality, RD New metres (a fictional town near Amersfoort's RD origin). */
export const DEMOSTAD_CENTRE_RD: PointRd = [145000, 445000];
const HALF_SIZE_M = 1500;

export interface District {
  index: number;
  kind: DistrictKind;
  style: DistrictStyle;
  theme: NameTheme;
  /** Outer ring, counter-clockwise. */
  ring: PointRd[];
  /** Edges of the ring that are main roads (the rest is the municipal boundary). */
  roadEdges: [PointRd, PointRd][];
  /** Origin and rotation of the district's street grid. */
  gridOrigin: PointRd;
  gridRotationRad: number;
  wijk: number;
  wijkName: string;
  /** Beyond this distance from the town centre the district is polder: fields and unpaved paths only. */
  ruralBeyondM: number | null;
}

export interface WaterBody {
  name: string;
  polygon: PolygonRd;
}

export interface MainRoad {
  name: string;
  class: StreetClass;
  surface: Surface;
  points: PointRd[];
}

export interface TownPlan {
  extent: Bbox;
  centre: PointRd;
  districts: District[];
  water: WaterBody[];
  mainRoads: MainRoad[];
  /** The park's lawn: the park district kept clear of its roads and moat, with the pond cut out. */
  park: PolygonRd | null;
  /** Phases of the smooth ground-level field. */
  groundPhases: [number, number, number];
}

const INNER_KINDS: DistrictKind[] = ['vooroorlogs', 'vooroorlogs', 'park', 'naoorlogs', 'naoorlogs', 'bloemkool'];
const OUTER_KINDS: DistrictKind[] = ['vinex', 'vinex', 'sportpark', 'flatwijk', 'bedrijven', 'bedrijven'];
/** Wijk number per inner and outer sector; the centre is wijk 1. */
const INNER_WIJK = [2, 2, 3, 4, 4, 5];
const OUTER_WIJK = [7, 7, 3, 4, 6, 6];
/** Outer districts that turn into polder towards the corners of the municipality. */
const OUTER_RURAL = [true, true, true, true, false, false];
const RURAL_RADIUS_M = 1330;
const WIJK_NAMES: Record<number, string> = {
  1: 'Centrum',
  2: 'Noord',
  3: 'West',
  4: 'Zuid',
  5: 'Oost',
  6: 'Havens',
  7: 'Noorderveld',
};
const RADIAL_ANGLES_DEG = [15, 80, 140, 200, 265, 325];
/** Index of the radial the canal runs beside, towards the river in the south. */
const CANAL_RADIAL = 4;
const RESIDENTIAL_THEMES: NameTheme[] = ['bloemen', 'schilders', 'vogels', 'rivieren', 'bomen', 'sterren', 'dichters', 'componisten'];

/** Lays out the town; scale shrinks the extent (not the streets or houses) so smaller scales have fewer buildings. */
export function planTown(rng: Rng, scale: number): TownPlan {
  const k = Math.sqrt(scale);
  const half = HALF_SIZE_M * k;
  const [cx, cy] = DEMOSTAD_CENTRE_RD;
  // Millimetre-rounded like every other coordinate, so points snapped onto the boundary stay on it.
  const extent: Bbox = { minX: roundMm(cx - half), minY: roundMm(cy - half), maxX: roundMm(cx + half), maxY: roundMm(cy + half) };
  const centre = roundPoint([cx + rng.range(-40, 40) * k, cy + 100 * k]);
  const p = Array.from({ length: 4 }, () => rng.range(0, 2 * Math.PI));
  const singelR = (a: number): number => k * (400 + 25 * Math.sin(2 * a + p[0]) + 15 * Math.sin(3 * a + p[1]));
  const ringR = (a: number): number => k * (950 + 45 * Math.sin(2 * a + p[2]) + 25 * Math.sin(5 * a + p[3]));

  const radials = RADIAL_ANGLES_DEG.map((deg) => ((deg + rng.range(-4, 4)) * Math.PI) / 180);
  const angles = ringAngles(radials);
  const at = (r: (a: number) => number, a: number): PointRd => roundPoint([centre[0] + r(a) * Math.cos(a), centre[1] + r(a) * Math.sin(a)]);
  const singel = angles.map((a) => at(singelR, a));
  const ring = angles.map((a) => at(ringR, a));
  const edgeHits = radials.map((a) => roundPoint(rayToBbox(centre, a, extent)));
  /** Indices in `angles` of each radial. */
  const radialAt = radials.map((a) => angles.indexOf(a));
  const arc = (pts: PointRd[], i: number): PointRd[] => {
    const from = radialAt[i];
    const to = radialAt[(i + 1) % radials.length];
    const out: PointRd[] = [];
    for (let j = from; ; j = (j + 1) % pts.length) {
      out.push(pts[j]);
      if (j === to) break;
    }
    return out;
  };

  const themes = rng.shuffle(RESIDENTIAL_THEMES);
  let nextTheme = 0;
  const themeFor = (kind: DistrictKind): NameTheme => {
    if (kind === 'centrum') return 'historisch';
    if (kind === 'park') return 'park';
    if (kind === 'sportpark') return 'velden';
    if (kind === 'bedrijven') return nextTheme++ % 2 === 0 ? 'havens' : 'ambachten';
    return themes[nextTheme++ % themes.length];
  };

  const districts: District[] = [];
  const addDistrict = (
    kind: DistrictKind,
    ringPts: PointRd[],
    roadEdges: [PointRd, PointRd][],
    wijk: number,
    rotation: number,
    rural = false,
  ): void => {
    const oriented = orientPolygon([ringPts])[0];
    districts.push({
      index: districts.length,
      kind,
      style: districtStyle(kind),
      theme: themeFor(kind),
      ring: oriented,
      roadEdges,
      gridOrigin: averagePoint(oriented),
      gridRotationRad: rotation,
      wijk,
      wijkName: WIJK_NAMES[wijk],
      ruralBeyondM: rural ? RURAL_RADIUS_M * k : null,
    });
  };
  const edgesOf = (pts: PointRd[]): [PointRd, PointRd][] => pts.slice(1).map((q, i) => [pts[i], q]);

  addDistrict('centrum', singel, edgesOf([...singel, singel[0]]), 1, rng.range(0, Math.PI));
  for (let i = 0; i < radials.length; i++) {
    const a0 = radials[i];
    const a1 = radials[(i + 1) % radials.length];
    const mid = a0 + angleSpan(a0, a1) / 2;
    const inner = arc(singel, i);
    const outer = arc(ring, i);
    addDistrict(
      INNER_KINDS[i],
      [...inner, ...outer.slice().reverse()],
      [...edgesOf(inner), ...edgesOf(outer), [inner[0], outer[0]], [inner[inner.length - 1], outer[outer.length - 1]]],
      INNER_WIJK[i],
      mid + rng.range(-0.15, 0.15),
    );
  }
  for (let i = 0; i < radials.length; i++) {
    const a0 = radials[i];
    const a1 = radials[(i + 1) % radials.length];
    const mid = a0 + angleSpan(a0, a1) / 2;
    const outer = arc(ring, i);
    const hit0 = edgeHits[i];
    const hit1 = edgeHits[(i + 1) % radials.length];
    const corners = bboxCornersBetween(centre, extent, a0, a1);
    addDistrict(
      OUTER_KINDS[i],
      [...outer, hit1, ...corners, hit0],
      [...edgesOf(outer), [outer[0], hit0], [outer[outer.length - 1], hit1]],
      OUTER_WIJK[i],
      mid + rng.range(-0.2, 0.2),
      OUTER_RURAL[i],
    );
  }

  const mainRoads: MainRoad[] = [];
  for (let i = 0; i < radials.length; i++) {
    mainRoads.push({ name: '', class: 'hoofdweg', surface: 'asfalt', points: [singel[radialAt[i]], ring[radialAt[i]], edgeHits[i]] });
  }
  for (let i = 0; i < radials.length; i++) mainRoads.push({ name: '', class: 'hoofdweg', surface: 'asfalt', points: arc(singel, i) });
  for (let i = 0; i < radials.length; i++) mainRoads.push({ name: '', class: 'hoofdweg', surface: 'asfalt', points: arc(ring, i) });

  const water = planWater(rng, extent, centre, angles, singelR, radials[CANAL_RADIAL]);
  const parkDistrict = districts.find((d) => d.kind === 'park');
  let park: PolygonRd | null = null;
  if (parkDistrict) {
    const i = INNER_KINDS.indexOf('park');
    const a0 = radials[i];
    const span = angleSpan(a0, radials[(i + 1) % radials.length]);
    const mid = a0 + span / 2;
    const midR = (singelR(mid) + ringR(mid)) / 2;
    const pond = circlePolygon([0, 0], 1, 28).map(([x, y]): PointRd => {
      const ex = x * 75 * Math.cos(mid) - y * 40 * Math.sin(mid);
      const ey = x * 75 * Math.sin(mid) + y * 40 * Math.cos(mid);
      return roundPoint([centre[0] + midR * Math.cos(mid) + ex, centre[1] + midR * Math.sin(mid) + ey]);
    });
    water.push({ name: 'Parkvijver', polygon: [pond] });
    const inset = 14 / midR;
    const lawnAngles = angles
      .filter((a) => angleSpan(a0 + inset, a) < span - 2 * inset)
      .sort((x, y) => angleSpan(a0 + inset, x) - angleSpan(a0 + inset, y));
    const lawnInner = [a0 + inset, ...lawnAngles, a0 + span - inset].map((a) => at((b) => singelR(b) + 40, a));
    const lawnOuter = [a0 + inset, ...lawnAngles, a0 + span - inset].map((a) => at((b) => ringR(b) - 12, a));
    park = orientPolygon([[...lawnInner, ...lawnOuter.reverse()], pond]);
  }
  return {
    extent,
    centre,
    districts,
    water,
    mainRoads,
    park,
    groundPhases: [rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI)],
  };
}

/** Maaiveld in metres NAP: a gentle smooth field between +2 and +4 m. */
export function groundLevelM(plan: TownPlan, p: PointRd): number {
  const [a, b, c] = plan.groundPhases;
  const v =
    3 +
    0.55 * Math.sin((2 * Math.PI * p[0]) / 1700 + a) +
    0.35 * Math.sin((2 * Math.PI * p[1]) / 1300 + b) +
    0.12 * Math.sin((2 * Math.PI * (p[0] + p[1])) / 450 + c);
  return Math.round(Math.min(4, Math.max(2, v)) * 100) / 100;
}

function planWater(
  rng: Rng,
  extent: Bbox,
  centre: PointRd,
  angles: number[],
  singelR: (a: number) => number,
  canalAngle: number,
): WaterBody[] {
  // River along the south edge with a gently meandering north bank.
  const phase = [rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI)];
  const bank: PointRd[] = [];
  const steps = Math.ceil((extent.maxX - extent.minX) / 50);
  for (let i = steps; i >= 0; i--) {
    const x = extent.minX + ((extent.maxX - extent.minX) * i) / steps;
    const y = extent.minY + 95 + 20 * Math.sin((2 * Math.PI * x) / 900 + phase[0]) + 9 * Math.sin((2 * Math.PI * x) / 330 + phase[1]);
    bank.push(roundPoint([x, y]));
  }
  const river: PolygonRd = orientPolygon([[...bank, [extent.minX, extent.minY], [extent.maxX, extent.minY]]]);

  // The moat just outside the singel, as a ring with a hole.
  const at = (offsetM: number, a: number): PointRd =>
    roundPoint([centre[0] + (singelR(a) + offsetM) * Math.cos(a), centre[1] + (singelR(a) + offsetM) * Math.sin(a)]);
  const moat = orientPolygon([angles.map((a) => at(32, a)), angles.map((a) => at(13, a))]);

  // A canal from the moat to the river, parallel to a radial road and 65 m east of it.
  const dir = fromAngle(canalAngle);
  const side: PointRd = [-dir[1], dir[0]];
  const startR = singelR(canalAngle) + 22;
  const start: PointRd = [centre[0] + dir[0] * startR + side[0] * 65, centre[1] + dir[1] * startR + side[1] * 65];
  const t = (start[1] - (extent.minY + 40)) / -dir[1];
  const end: PointRd = [start[0] + dir[0] * t, start[1] + dir[1] * t];
  const w: PointRd = [side[0] * 11, side[1] * 11];
  const canal = orientPolygon([
    [
      roundPoint([start[0] - w[0], start[1] - w[1]]),
      roundPoint([end[0] - w[0], end[1] - w[1]]),
      roundPoint([end[0] + w[0], end[1] + w[1]]),
      roundPoint([start[0] + w[0], start[1] + w[1]]),
    ],
  ]);
  return [
    { name: 'De Demmel', polygon: river },
    { name: 'Stadsgracht', polygon: moat },
    { name: 'Havenkanaal', polygon: canal },
  ];
}

/** Ring vertex angles: a vertex every 7.5° plus one exactly on each radial, sorted from the first radial. */
function ringAngles(radials: number[]): number[] {
  const start = radials[0];
  const out = [...radials];
  const step = (7.5 * Math.PI) / 180;
  for (let a = 0; a < 2 * Math.PI; a += step) {
    if (radials.every((r) => Math.abs(angleDiff(a, r)) > step / 3)) out.push(a);
  }
  return out.sort((a, b) => angleSpan(start, a) - angleSpan(start, b));
}

/** Counter-clockwise angle from a to b in [0, 2π). */
export function angleSpan(a: number, b: number): number {
  const d = (b - a) % (2 * Math.PI);
  return d < 0 ? d + 2 * Math.PI : d;
}

function angleDiff(a: number, b: number): number {
  const d = angleSpan(a, b);
  return d > Math.PI ? d - 2 * Math.PI : d;
}

function rayToBbox(o: PointRd, angle: number, box: Bbox): PointRd {
  const [dx, dy] = fromAngle(angle);
  const ts: number[] = [];
  if (dx > 1e-12) ts.push((box.maxX - o[0]) / dx);
  if (dx < -1e-12) ts.push((box.minX - o[0]) / dx);
  if (dy > 1e-12) ts.push((box.maxY - o[1]) / dy);
  if (dy < -1e-12) ts.push((box.minY - o[1]) / dy);
  const t = Math.min(...ts);
  const hit: PointRd = [o[0] + dx * t, o[1] + dy * t];
  // Snap the coordinate that lies on the boundary exactly onto it.
  return [
    Math.abs(hit[0] - box.minX) < 1e-6 ? box.minX : Math.abs(hit[0] - box.maxX) < 1e-6 ? box.maxX : hit[0],
    Math.abs(hit[1] - box.minY) < 1e-6 ? box.minY : Math.abs(hit[1] - box.maxY) < 1e-6 ? box.maxY : hit[1],
  ];
}

/** The bbox corners seen from o between angles a0 and a1 (counter-clockwise), in clockwise order. */
function bboxCornersBetween(o: PointRd, box: Bbox, a0: number, a1: number): PointRd[] {
  const span = angleSpan(a0, a1);
  const corners: PointRd[] = [
    [box.maxX, box.minY],
    [box.maxX, box.maxY],
    [box.minX, box.maxY],
    [box.minX, box.minY],
  ];
  return corners
    .map((c) => ({ c, s: angleSpan(a0, Math.atan2(c[1] - o[1], c[0] - o[0])) }))
    .filter(({ s }) => s > 0 && s < span)
    .sort((x, y) => y.s - x.s)
    .map(({ c }) => c);
}

function averagePoint(points: PointRd[]): PointRd {
  let x = 0;
  let y = 0;
  for (const q of points) {
    x += q[0];
    y += q[1];
  }
  return [x / points.length, y / points.length];
}
