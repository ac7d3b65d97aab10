// The local streets of one district: a grid in the district's own frame, bent by a smooth warp (curved
// Vinex streets, irregular medieval lanes), clipped to the district and kept off water. Streets that run into
// a main road are extended onto it so the network joins up; those that run into water end there.
import type { PointRd } from '../contracts/model.ts';
import { distance, pointInPolygon, pointInRing, pointKey, projectOnSegment, roundPoint } from './geometry.ts';
import type { Bbox } from './geometry.ts';
import { bboxOf } from './geometry.ts';
import { streetHalfWidthM } from './district-styles.ts';
import type { StreetClass, Surface } from './district-styles.ts';
import type { Rng } from './random.ts';
import type { StreetNamer } from './street-names.ts';
import type { District, TownPlan } from './town-plan.ts';

export interface DraftLine {
  name: string;
  class: StreetClass;
  surface: Surface;
  districtIndex: number | null;
  points: PointRd[];
  /** Whether each end was extended onto a main road and must become a junction there. */
  startOnRoad: boolean;
  endOnRoad: boolean;
}

/** Everything needed to recompute a district's warped grid, e.g. to find its blocks. */
export interface GridFrame {
  districtIndex: number;
  origin: PointRd;
  rotationRad: number;
  acrossM: number;
  alongM: number;
  offsetU: number;
  offsetV: number;
  warpM: number;
  wavelengthM: number;
  phases: [number, number, number];
  iRange: [number, number];
  jRange: [number, number];
}

/** World point of grid coordinates (u across, v along), rounded so equal inputs give identical vertices. */
export function gridPoint(f: GridFrame, u: number, v: number): PointRd {
  const w = (2 * Math.PI) / f.wavelengthM;
  const uu = u + f.warpM * Math.sin(v * w + f.phases[0]) + 0.25 * f.warpM * Math.sin(v * w * 1.7 + u * w * 0.6 + f.phases[2]);
  const vv = v + 0.25 * f.warpM * Math.sin(u * w + f.phases[1]);
  const c = Math.cos(f.rotationRad);
  const s = Math.sin(f.rotationRad);
  return roundPoint([f.origin[0] + uu * c - vv * s, f.origin[1] + uu * s + vv * c]);
}

export const gridU = (f: GridFrame, i: number): number => f.offsetU + i * f.acrossM;
export const gridV = (f: GridFrame, j: number): number => f.offsetV + j * f.alongM;

interface Sample {
  p: PointRd;
  /** A grid crossing, shared with a line of the other family: never dropped. */
  node: boolean;
}

/** Keeps parallel streets this far (plus their half width) from the district's main roads. */
const ROAD_CLEARANCE_M = 14;
const WATER_CLEARANCE_M = 5;
const MIN_LINE_M = 25;

export function createGridFrame(d: District, rng: Rng): GridFrame {
  const st = d.style;
  const c = Math.cos(d.gridRotationRad);
  const s = Math.sin(d.gridRotationRad);
  let minU = Infinity;
  let maxU = -Infinity;
  let minV = Infinity;
  let maxV = -Infinity;
  for (const [x, y] of d.ring) {
    const dx = x - d.gridOrigin[0];
    const dy = y - d.gridOrigin[1];
    const u = dx * c + dy * s;
    const v = -dx * s + dy * c;
    minU = Math.min(minU, u);
    maxU = Math.max(maxU, u);
    minV = Math.min(minV, v);
    maxV = Math.max(maxV, v);
  }
  const pad = st.warpM * 1.4 + 1;
  const offsetU = rng.range(0, st.acrossM);
  const offsetV = rng.range(0, st.alongM);
  return {
    districtIndex: d.index,
    origin: d.gridOrigin,
    rotationRad: d.gridRotationRad,
    acrossM: st.acrossM,
    alongM: st.alongM,
    offsetU,
    offsetV,
    warpM: st.warpM,
    wavelengthM: st.warpWavelengthM,
    phases: [rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI), rng.range(0, 2 * Math.PI)],
    iRange: [Math.floor((minU - pad - offsetU) / st.acrossM), Math.ceil((maxU + pad - offsetU) / st.acrossM)],
    jRange: [Math.floor((minV - pad - offsetV) / st.alongM), Math.ceil((maxV + pad - offsetV) / st.alongM)],
  };
}

/** Where a street may run inside a district: inside it, off its main roads, clear of water. */
export class DistrictClearance {
  private readonly water: { polygon: PointRd[][]; box: Bbox }[];
  readonly roadMarginM: number;
  readonly waterMarginM: number;

  private readonly centre: PointRd;

  constructor(
    private readonly district: District,
    plan: TownPlan,
    halfWidthM: number,
  ) {
    this.centre = plan.centre;
    this.roadMarginM = halfWidthM + ROAD_CLEARANCE_M;
    this.waterMarginM = halfWidthM + WATER_CLEARANCE_M;
    this.water = plan.water.map((w) => ({ polygon: w.polygon, box: bboxOf(w.polygon[0]) }));
  }

  roadDistanceM(p: PointRd): number {
    let best = Infinity;
    for (const [a, b] of this.district.roadEdges) best = Math.min(best, projectOnSegment(p, a, b).distanceM);
    return best;
  }

  nearWater(p: PointRd, marginM: number): boolean {
    for (const w of this.water) {
      const b = w.box;
      if (p[0] < b.minX - marginM || p[0] > b.maxX + marginM || p[1] < b.minY - marginM || p[1] > b.maxY + marginM) continue;
      if (pointInPolygon(p, w.polygon)) return true;
      for (const ring of w.polygon) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          if (projectOnSegment(p, ring[j], ring[i]).distanceM < marginM) return true;
        }
      }
    }
    return false;
  }

  /** Whether a street (or block) may be here, ignoring the polder boundary. */
  allowsAnywhere(p: PointRd): boolean {
    return pointInRing(p, this.district.ring) && this.roadDistanceM(p) >= this.roadMarginM && !this.nearWater(p, this.waterMarginM);
  }

  isRural(p: PointRd): boolean {
    const r = this.district.ruralBeyondM;
    return r !== null && distance(p, this.centre) > r;
  }

  /** Whether a town street may be here: not in the polder. */
  allows(p: PointRd): boolean {
    return !this.isRural(p) && this.allowsAnywhere(p);
  }
}

/** The grid's streets for one district, as polylines with names and classes. */
export function districtStreetLines(d: District, plan: TownPlan, frame: GridFrame, rng: Rng, namer: StreetNamer): DraftLine[] {
  const st = d.style;
  const clearance = new DistrictClearance(d, plan, streetHalfWidthM(st.minorClass));
  const lines: DraftLine[] = [];
  const [i0, i1] = frame.iRange;
  const [j0, j1] = frame.jRange;
  const subV = Math.max(1, Math.ceil(st.alongM / st.sampleM));
  const subU = Math.max(1, Math.ceil(st.acrossM / st.sampleM));
  const iMid = Math.round((i0 + i1) / 2);
  const jMid = Math.round((j0 + j1) / 2);

  for (let i = i0; i <= i1; i++) {
    const samples: Sample[] = [];
    for (let j = j0; j <= j1; j++) {
      for (let t = 0; t < (j === j1 ? 1 : subV); t++) {
        samples.push({ p: gridPoint(frame, gridU(frame, i), frame.offsetV + (j + t / subV) * st.alongM), node: t === 0 });
      }
    }
    const major = st.majorEvery > 0 && (i - iMid) % st.majorEvery === 0;
    for (const run of clipRuns(samples, clearance, d, (p) => clearance.allows(p))) lines.push(classify(run, major, d, plan, rng, namer));
  }
  for (let j = j0; j <= j1; j++) {
    const samples: Sample[] = [];
    for (let i = i0; i <= i1; i++) {
      for (let t = 0; t < (i === i1 ? 1 : subU); t++) {
        samples.push({ p: gridPoint(frame, frame.offsetU + (i + t / subU) * st.acrossM, gridV(frame, j)), node: t === 0 });
      }
    }
    const major = st.majorEvery > 0 && (j - jMid) % st.majorEvery === 0;
    // Every other street running out of town continues into the polder as an unpaved path.
    const intoPolder = d.ruralBeyondM !== null && j % 2 === 0;
    const allowed = intoPolder ? (p: PointRd) => clearance.allowsAnywhere(p) : (p: PointRd) => clearance.allows(p);
    for (const run of clipRuns(samples, clearance, d, allowed)) {
      const [town, polder] = intoPolder ? splitAtPolder(run, clearance) : [run, null];
      if (town) lines.push(classify(town, major, d, plan, rng, namer));
      if (polder) lines.push(polderPath(polder, d, namer));
    }
  }
  return lines;
}

interface Run {
  points: PointRd[];
  startOnRoad: boolean;
  endOnRoad: boolean;
}

function clipRuns(samples: Sample[], clearance: DistrictClearance, d: District, allowed: (p: PointRd) => boolean): Run[] {
  const runs: Run[] = [];
  let current: Sample[] | null = null;
  let entry: PointRd | null = null;
  let entryFrom: PointRd | null = null;
  for (let k = 0; k < samples.length; k++) {
    const ok = allowed(samples[k].p);
    if (ok && !current) {
      current = [];
      entry = k > 0 ? boundaryPoint(samples[k].p, samples[k - 1].p, allowed) : null;
      entryFrom = k > 0 ? samples[k - 1].p : null;
    }
    if (ok && current) current.push(samples[k]);
    if ((!ok || k === samples.length - 1) && current) {
      const exit = !ok ? boundaryPoint(samples[k - 1].p, samples[k].p, allowed) : null;
      const run = finishRun(current, entry, entryFrom, exit, !ok ? samples[k].p : null, clearance, d);
      if (run) runs.push(run);
      current = null;
    }
  }
  return runs;
}

/** Bisects between an allowed and a disallowed point for the edge of the allowed region. */
function boundaryPoint(inside: PointRd, outside: PointRd, allowed: (p: PointRd) => boolean): PointRd {
  let a = inside;
  let b = outside;
  for (let n = 0; n < 24; n++) {
    const m: PointRd = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    if (allowed(m)) a = m;
    else b = m;
  }
  return a;
}

function finishRun(
  samples: Sample[],
  entry: PointRd | null,
  entryFrom: PointRd | null,
  exit: PointRd | null,
  exitTo: PointRd | null,
  clearance: DistrictClearance,
  d: District,
): Run | null {
  const pts: Sample[] = samples.slice();
  let startOnRoad = false;
  let endOnRoad = false;
  if (entry && entryFrom) {
    const ext = extendToRoad(entry, entryFrom, clearance, d);
    pts.unshift({ p: roundPoint(entry), node: false });
    if (ext) {
      pts.unshift({ p: ext, node: false });
      startOnRoad = true;
    }
  }
  if (exit && exitTo) {
    const ext = extendToRoad(exit, exitTo, clearance, d);
    pts.push({ p: roundPoint(exit), node: false });
    if (ext) {
      pts.push({ p: ext, node: false });
      endOnRoad = true;
    }
  }
  const cleaned = dropCrowdedVertices(pts);
  let lengthM = 0;
  for (let k = 1; k < cleaned.length; k++) lengthM += distance(cleaned[k - 1], cleaned[k]);
  if (cleaned.length < 2 || lengthM < MIN_LINE_M) return null;
  return { points: cleaned, startOnRoad, endOnRoad };
}

/**
 * Continues a street that stopped at the main-road clearance straight on to the road, if the road is
 * ahead within reach (a street running alongside the road stays a dead end instead).
 */
function extendToRoad(from: PointRd, towards: PointRd, clearance: DistrictClearance, d: District): PointRd | null {
  if (clearance.roadDistanceM(from) > clearance.roadMarginM + 0.05) return null;
  const len = distance(from, towards);
  if (len === 0) return null;
  const dir: PointRd = [(towards[0] - from[0]) / len, (towards[1] - from[1]) / len];
  const reach = clearance.roadMarginM * 2.2;
  let best: PointRd | null = null;
  let bestT = Infinity;
  for (const [a, b] of d.roadEdges) {
    const t = rayHitsSegment(from, dir, a, b);
    if (t !== null && t < bestT && t <= reach) {
      bestT = t;
      best = [from[0] + dir[0] * t, from[1] + dir[1] * t];
    }
  }
  if (!best) return null;
  for (let s = 0.2; s < 1; s += 0.2) {
    const q: PointRd = [from[0] + dir[0] * bestT * s, from[1] + dir[1] * bestT * s];
    if (clearance.nearWater(q, 1)) return null;
  }
  return best;
}

/** Distance along the ray to segment ab, or null when it misses. */
function rayHitsSegment(o: PointRd, dir: PointRd, a: PointRd, b: PointRd): number | null {
  const ex = b[0] - a[0];
  const ey = b[1] - a[1];
  const den = dir[0] * ey - dir[1] * ex;
  if (Math.abs(den) < 1e-12) return null;
  const ax = a[0] - o[0];
  const ay = a[1] - o[1];
  const t = (ax * ey - ay * ex) / den;
  const u = (ax * dir[1] - ay * dir[0]) / den;
  if (t <= 0 || u < 0 || u > 1) return null;
  return t;
}

/** Removes samples crowding an end point and repeated vertices; grid crossings always stay. */
function dropCrowdedVertices(pts: Sample[]): PointRd[] {
  const minGapM = 4;
  const out = pts.slice();
  for (;;) {
    if (out.length > 2 && !out[1].node && distance(out[0].p, out[1].p) < minGapM) out.splice(1, 1);
    else break;
  }
  for (;;) {
    const n = out.length;
    if (n > 2 && !out[n - 2].node && distance(out[n - 1].p, out[n - 2].p) < minGapM) out.splice(n - 2, 1);
    else break;
  }
  const result: PointRd[] = [];
  for (const s of out) {
    if (result.length === 0 || pointKey(result[result.length - 1]) !== pointKey(s.p)) result.push(s.p);
  }
  return result;
}

/** Splits a run at its first vertex in the polder; both parts share that vertex. */
function splitAtPolder(run: Run, clearance: DistrictClearance): [Run | null, Run | null] {
  const k = run.points.findIndex((p) => clearance.isRural(p));
  if (k < 0) return [run, null];
  if (k <= 1) return [null, run];
  const town: Run = { points: run.points.slice(0, k + 1), startOnRoad: run.startOnRoad, endOnRoad: false };
  const polder: Run = { points: run.points.slice(k), startOnRoad: false, endOnRoad: run.endOnRoad };
  return [town, polder.points.length >= 2 ? polder : null];
}

function polderPath(run: Run, d: District, namer: StreetNamer): DraftLine {
  return {
    name: namer.name('velden', 'fietspad'),
    class: 'fietspad',
    surface: 'onverhard',
    districtIndex: d.index,
    points: run.points,
    startOnRoad: run.startOnRoad,
    endOnRoad: run.endOnRoad,
  };
}

function classify(run: Run, major: boolean, d: District, plan: TownPlan, rng: Rng, namer: StreetNamer): DraftLine {
  const st = d.style;
  let streetClass: StreetClass = major ? 'wijkweg' : st.minorClass;
  let surface: Surface = major ? 'asfalt' : st.minorSurface;
  let lengthM = 0;
  for (let k = 1; k < run.points.length; k++) lengthM += distance(run.points[k - 1], run.points[k]);
  if (d.kind === 'centrum' && rng.chance(0.14)) {
    // A few pedestrian shopping streets, paved with tiles.
    surface = 'tegels';
  } else if (d.kind === 'centrum' && rng.chance(0.2)) {
    streetClass = 'woonstraat';
  } else if ((d.kind === 'vinex' || d.kind === 'bloemkool') && !major && lengthM < 140) {
    streetClass = 'erf';
  } else if (d.kind === 'sportpark' && !major) {
    const mid = run.points[Math.floor(run.points.length / 2)];
    const e = plan.extent;
    const edgeM = Math.min(mid[0] - e.minX, e.maxX - mid[0], mid[1] - e.minY, e.maxY - mid[1]);
    if (edgeM < 200) {
      // Unpaved paths through the fields at the municipal edge.
      streetClass = 'fietspad';
      surface = 'onverhard';
    }
  } else if (d.kind === 'park' && rng.chance(0.3)) {
    surface = 'tegels';
  }
  return {
    name: namer.name(d.theme, streetClass),
    class: streetClass,
    surface,
    districtIndex: d.index,
    points: run.points,
    startOnRoad: run.startOnRoad,
    endOnRoad: run.endOnRoad,
  };
}
