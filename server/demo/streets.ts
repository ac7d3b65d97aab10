// Step 'streets': main roads from the plan plus every district's grid, joined into one connected network.
// Street records are split at every junction so that crossing streets always share an exact end point.
import type { PointRd, Street } from '../contracts/model.ts';
import { pointKey, projectOnSegment, roundPoint } from './geometry.ts';
import type { StreetClass, Surface } from './district-styles.ts';
import type { DemoStep } from './layers.ts';
import { need } from './layers.ts';
import type { Rng } from './random.ts';
import { StreetNamer, octantName, radialRoadName } from './street-names.ts';
import type { DraftLine, GridFrame } from './street-grid.ts';
import { createGridFrame, districtStreetLines } from './street-grid.ts';
import type { TownPlan } from './town-plan.ts';

/** A named street as one polyline; buildings are laid out along it and numbered along it. */
export interface StreetLine {
  id: number;
  name: string;
  class: StreetClass;
  surface: Surface;
  districtIndex: number | null;
  points: PointRd[];
}

export interface StreetNetwork {
  lines: StreetLine[];
  streets: Street[];
  frames: GridFrame[];
}

export const streetsStep: DemoStep = {
  name: 'streets',
  run(layers, rng) {
    return { network: buildStreetNetwork(need(layers, 'plan', 'streets'), rng) };
  },
};

export function buildStreetNetwork(plan: TownPlan, rng: Rng): StreetNetwork {
  const namer = new StreetNamer(rng.fork('names'));
  const main = nameMainRoads(plan, rng, namer);
  const frames: GridFrame[] = [];
  const drafts: DraftLine[] = [];
  for (const d of plan.districts) {
    const districtRng = rng.fork(`district-${d.index}`);
    const frame = createGridFrame(d, districtRng);
    frames.push(frame);
    drafts.push(...districtStreetLines(d, plan, frame, districtRng, namer));
  }
  joinToMainRoads(main, drafts);
  const connected = largestComponent([...main, ...drafts]);
  const lines: StreetLine[] = connected.map((l, id) => ({
    id,
    name: l.name,
    class: l.class,
    surface: l.surface,
    districtIndex: l.districtIndex,
    points: l.points,
  }));
  return { lines, streets: splitAtJunctions(lines), frames };
}

function nameMainRoads(plan: TownPlan, rng: Rng, namer: StreetNamer): DraftLine[] {
  const radialCount = plan.mainRoads.length / 3;
  const taken = new Set<string>();
  return plan.mainRoads.map((road, i) => {
    const group = Math.floor(i / radialCount);
    const mid = road.points[Math.floor(road.points.length / 2)];
    const octant = octantName(Math.atan2(mid[1] - plan.centre[1], mid[0] - plan.centre[0]));
    let name: string;
    if (group === 0) name = radialRoadName(rng, taken);
    else if (group === 1) name = `${octant}singel`;
    else name = `Ring ${octant}`;
    if (taken.has(name)) name = namer.name('historisch', 'hoofdweg');
    taken.add(name);
    namer.reserve(name);
    return { ...road, name, districtIndex: null, points: road.points.slice(), startOnRoad: false, endOnRoad: false };
  });
}

/** Makes the end of every district street that reaches a main road a vertex of that road. */
function joinToMainRoads(main: DraftLine[], drafts: DraftLine[]): void {
  const inserts = main.map(() => new Map<number, { t: number; p: PointRd }[]>());
  const snap = (p: PointRd): PointRd => {
    let best = { road: -1, seg: -1, t: 0, point: p, distanceM: Infinity };
    main.forEach((road, r) => {
      for (let s = 1; s < road.points.length; s++) {
        const hit = projectOnSegment(p, road.points[s - 1], road.points[s]);
        if (hit.distanceM < best.distanceM) best = { road: r, seg: s - 1, ...hit };
      }
    });
    if (best.distanceM > 0.05) return p;
    const q = roundPoint(best.point);
    const list = inserts[best.road].get(best.seg);
    if (list) list.push({ t: best.t, p: q });
    else inserts[best.road].set(best.seg, [{ t: best.t, p: q }]);
    return q;
  };
  for (const line of drafts) {
    if (line.startOnRoad) line.points[0] = snap(line.points[0]);
    if (line.endOnRoad) line.points[line.points.length - 1] = snap(line.points[line.points.length - 1]);
  }
  main.forEach((road, r) => {
    const out: PointRd[] = [];
    const push = (p: PointRd): void => {
      if (out.length === 0 || pointKey(out[out.length - 1]) !== pointKey(p)) out.push(p);
    };
    for (let s = 0; s < road.points.length; s++) {
      push(road.points[s]);
      const extra = inserts[r].get(s);
      if (extra) for (const e of extra.sort((a, b) => a.t - b.t)) push(e.p);
    }
    road.points = out;
  });
}

/** Keeps only the lines in the largest connected piece, so the network is one graph. */
function largestComponent(lines: DraftLine[]): DraftLine[] {
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    let x = k;
    while (x !== root) {
      const next = parent.get(x) as string;
      parent.set(x, root);
      x = next;
    }
    return root;
  };
  for (const line of lines) {
    for (const p of line.points) {
      const key = pointKey(p);
      if (!parent.has(key)) parent.set(key, key);
    }
    const first = find(pointKey(line.points[0]));
    for (const p of line.points) {
      const r = find(pointKey(p));
      if (r !== first) parent.set(r, first);
    }
  }
  const size = new Map<string, number>();
  for (const line of lines) {
    const r = find(pointKey(line.points[0]));
    size.set(r, (size.get(r) ?? 0) + 1);
  }
  let bestRoot = '';
  let bestSize = -1;
  for (const line of lines) {
    const r = find(pointKey(line.points[0]));
    const n = size.get(r) ?? 0;
    if (n > bestSize) {
      bestSize = n;
      bestRoot = r;
    }
  }
  return lines.filter((l) => find(pointKey(l.points[0])) === bestRoot);
}

/** One Street record per piece of a line between junctions (vertices shared with another line). */
function splitAtJunctions(lines: StreetLine[]): Street[] {
  const users = new Map<string, number>();
  for (const line of lines) {
    for (const key of new Set(line.points.map(pointKey))) users.set(key, (users.get(key) ?? 0) + 1);
  }
  const streets: Street[] = [];
  for (const line of lines) {
    let piece: PointRd[] = [line.points[0]];
    for (let k = 1; k < line.points.length; k++) {
      piece.push(line.points[k]);
      const isEnd = k === line.points.length - 1;
      if (isEnd || (users.get(pointKey(line.points[k])) ?? 0) > 1) {
        streets.push({
          id: `wegvak-${String(streets.length + 1).padStart(6, '0')}`,
          line: piece,
          name: line.name,
          class: line.class,
          surface: line.surface,
        });
        piece = [line.points[k]];
      }
    }
  }
  return streets;
}
