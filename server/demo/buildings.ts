// Step 'buildings': walks both sides of every street and lays plots along it (front yard, building,
// garden), each plot holding one building or a row of them. A plot is only kept where it is clear of
// streets, water, green and earlier plots, so buildings never overlap anything.
import type { Building, PointRd } from '../contracts/model.ts';
import { distance, leftNormal, orientPolygon, pointInRing, polygonCentroid, roundPoint } from './geometry.ts';
import type { BuildingKind } from './district-styles.ts';
import { streetHalfWidthM } from './district-styles.ts';
import type { DraftUnit, PlotPlan } from './building-recipes.ts';
import { addressCount, planPlot } from './building-recipes.ts';
import type { DemoStep } from './layers.ts';
import { need } from './layers.ts';
import type { ObstacleIndex } from './obstacle-index.ts';
import type { Rng } from './random.ts';
import { VERGE_M, createBaseObstacles } from './street-obstacles.ts';
import type { StreetLine } from './streets.ts';
import type { District, TownPlan } from './town-plan.ts';
import { groundLevelM } from './town-plan.ts';

/** A building plus where it stands on its street, for numbering its addresses later. */
export interface PlacedBuilding {
  building: Building;
  lineId: number;
  /** 1: left of the street's direction (odd numbers), -1: right (even numbers). */
  side: 1 | -1;
  /** Distance along the street line to the middle of the façade, metres. */
  alongM: number;
  /** One point per address, just behind the façade, in numbering order. */
  addressPoints: PointRd[];
  numbering: DraftUnit['numbering'];
}

export const buildingsStep: DemoStep = {
  name: 'buildings',
  run(layers, rng) {
    const plan = need(layers, 'plan', 'buildings');
    const network = need(layers, 'network', 'buildings');
    const areas = need(layers, 'areas', 'buildings');
    const obstacles = createBaseObstacles(plan, network.lines);
    // The plan's water is in the base index already; adding it again is harmless and keeps this simple.
    for (const a of areas) obstacles.addPolygon(a.polygon);
    return { buildings: placeBuildings(plan, network.lines, obstacles, rng) };
  },
};

const ADDRESS_DEPTH_M = 0.6;
/** How far to move on along the street after a plot did not fit; the old centre is built up tighter. */
const STEP_AFTER_MISS_M = 3;
const STEP_AFTER_MISS_CENTRE_M = 1.5;

export function placeBuildings(plan: TownPlan, lines: readonly StreetLine[], obstacles: ObstacleIndex, rng: Rng): PlacedBuilding[] {
  const placed: PlacedBuilding[] = [];
  const districtAt = (p: PointRd): District | null => plan.districts.find((d) => pointInRing(p, d.ring)) ?? null;
  for (const line of lines) {
    // Nobody lives along a cycle path through the park or the polder.
    if (line.class === 'fietspad') continue;
    const frontOffsetM = streetHalfWidthM(line.class) + VERGE_M;
    for (const side of [1, -1] as const) {
      let startM = 0;
      for (let k = 1; k < line.points.length; k++) {
        const a = line.points[k - 1];
        const b = line.points[k];
        const len = distance(a, b);
        const dir: PointRd = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
        const n = leftNormal(dir);
        const normal: PointRd = [n[0] * side, n[1] * side];
        const toWorld = (x: number, y: number): PointRd => [a[0] + dir[0] * x + normal[0] * y, a[1] + dir[1] * x + normal[1] * y];
        let s = 0.5;
        while (s < len - 4) {
          const district = districtAt(toWorld(s + 3, frontOffsetM + 8));
          if (!district || district.style.recipes.length === 0) {
            s += 8;
            continue;
          }
          const kind: BuildingKind = rng.weighted(district.style.recipes);
          const plot = planPlot(kind, rng, district.style);
          const fit = fitPlot(plot, s, len, frontOffsetM, toWorld, obstacles);
          if (!fit) {
            s += district.kind === 'centrum' ? STEP_AFTER_MISS_CENTRE_M : STEP_AFTER_MISS_M;
            continue;
          }
          obstacles.addConvex(fit.rectangle);
          for (const unit of fit.units) {
            const shift = (x: number, y: number): PointRd => toWorld(s + x, frontOffsetM + plot.setbackM + y);
            const footprint = orientPolygon(unit.shape.map((ring) => ring.map(([x, y]) => roundPoint(shift(x, y)))));
            const count = addressCount(unit.function, unit.dwellings);
            const addressPoints: PointRd[] = [];
            for (let q = 0; q < count; q++) {
              addressPoints.push(roundPoint(shift(unit.x0 + ((unit.x1 - unit.x0) * (q + 0.5)) / count, ADDRESS_DEPTH_M)));
            }
            placed.push({
              building: {
                id: '',
                footprint,
                groundM: groundLevelM(plan, polygonCentroid(footprint)),
                heightM: unit.heightM,
                roofType: unit.roofType,
                year: unit.year,
                function: unit.function,
                dwellings: unit.dwellings,
                buurtCode: null,
              },
              lineId: line.id,
              side,
              alongM: startM + s + (unit.x0 + unit.x1) / 2,
              addressPoints,
              numbering: unit.numbering,
            });
          }
          s += fit.widthM + plot.gapM;
        }
        startM += len;
      }
    }
  }
  placed.forEach((p, i) => {
    p.building.id = `NL.IMBAG.Pand.9999100000${String(i + 1).padStart(6, '0')}`;
  });
  return placed;
}

interface Fit {
  units: DraftUnit[];
  widthM: number;
  rectangle: PointRd[];
}

/** The largest version of the plot (all units, then fewer; full garden, then a small one) that is free. */
function fitPlot(
  plot: PlotPlan,
  s: number,
  segmentM: number,
  frontOffsetM: number,
  toWorld: (x: number, y: number) => PointRd,
  obstacles: ObstacleIndex,
): Fit | null {
  const minUnits = plot.divisible ? 1 : plot.units.length;
  for (let count = plot.units.length; count >= minUnits; count--) {
    const units = plot.units.slice(0, count);
    const widthM = units[count - 1].x1;
    if (s + widthM > segmentM) continue;
    const depthM = Math.max(...units.map((u) => u.depthM));
    for (const garden of [plot.gardenM, plot.minGardenM]) {
      const back = frontOffsetM + plot.setbackM + depthM + garden;
      const rectangle = [toWorld(s, frontOffsetM), toWorld(s + widthM, frontOffsetM), toWorld(s + widthM, back), toWorld(s, back)];
      if (!obstacles.collides(rectangle)) return { units, widthM, rectangle };
    }
  }
  return null;
}
