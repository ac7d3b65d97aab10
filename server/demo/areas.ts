// Step 'areas': the named water (river, moat, canal, pond) and green (the park, sports fields, small
// neighbourhood greens and ponds in whole street blocks) of Demostad.
import type { Area, PointRd, PolygonRd } from '../contracts/model.ts';
import { orientPolygon, roundPoint } from './geometry.ts';
import { streetHalfWidthM } from './district-styles.ts';
import type { DemoStep } from './layers.ts';
import { need } from './layers.ts';
import { triangulate } from './obstacle-index.ts';
import type { Rng } from './random.ts';
import { DistrictClearance, gridPoint, gridU, gridV } from './street-grid.ts';
import type { GridFrame } from './street-grid.ts';
import { themeBuurtName } from './street-names.ts';
import { createBaseObstacles } from './street-obstacles.ts';
import type { StreetNetwork } from './streets.ts';
import type { District, TownPlan } from './town-plan.ts';

export const areasStep: DemoStep = {
  name: 'areas',
  run(layers, rng) {
    return { areas: buildAreas(need(layers, 'plan', 'areas'), need(layers, 'network', 'areas'), rng) };
  },
};

export function buildAreas(plan: TownPlan, network: StreetNetwork, rng: Rng): Area[] {
  const areas: Area[] = [];
  const add = (kind: Area['kind'], name: string, polygon: PolygonRd): void => {
    areas.push({ id: `${kind}-${String(areas.length + 1).padStart(4, '0')}`, kind, name, polygon });
  };
  for (const w of plan.water) add('water', w.name, w.polygon);
  if (plan.park) add('groen', 'Stadspark', plan.park);

  const obstacles = createBaseObstacles(plan, network.lines);
  for (const frame of network.frames) {
    const d = plan.districts[frame.districtIndex];
    const { greenCellChance, waterCellChance } = d.style;
    if (greenCellChance + waterCellChance === 0 && d.ruralBeyondM === null) continue;
    const clearance = new DistrictClearance(d, plan, 0);
    const inset = streetHalfWidthM(d.style.minorClass) + 4;
    for (let i = frame.iRange[0]; i < frame.iRange[1]; i++) {
      for (let j = frame.jRange[0]; j < frame.jRange[1]; j++) {
        const r = rng.next();
        const ring = cellRing(frame, i, j, inset);
        const polder = ring.every((p) => clearance.isRural(p));
        let kind: Area['kind'] | null = r < greenCellChance ? 'groen' : r < greenCellChance + waterCellChance ? 'water' : null;
        if (polder) kind = r < 0.9 ? 'groen' : null;
        if (!kind) continue;
        if (!ring.every((p) => (polder ? clearance.allowsAnywhere(p) : clearance.allows(p)))) continue;
        const polygon = orientPolygon([ring]);
        if (triangulate(polygon).some((t) => obstacles.collides(t))) continue;
        obstacles.addPolygon(polygon);
        // Sports fields lie at the edge of town: the first polder blocks of the sports district hold them.
        const sports = polder && d.kind === 'sportpark' && r < 0.45;
        add(kind, polder && !sports ? `Polder ${themeBuurtName(d.theme)}` : cellName(kind, d, rng), polygon);
      }
    }
  }
  return areas;
}

/** The block between grid lines i..i+1 and j..j+1, kept insetM clear of the streets around it. */
function cellRing(frame: GridFrame, i: number, j: number, insetM: number): PointRd[] {
  const u0 = gridU(frame, i) + insetM;
  const u1 = gridU(frame, i + 1) - insetM;
  const v0 = gridV(frame, j) + insetM;
  const v1 = gridV(frame, j + 1) - insetM;
  const steps = 6;
  const ring: PointRd[] = [];
  for (let s = 0; s < steps; s++) ring.push(gridPoint(frame, u0 + ((u1 - u0) * s) / steps, v0));
  for (let s = 0; s < steps; s++) ring.push(gridPoint(frame, u1, v0 + ((v1 - v0) * s) / steps));
  for (let s = 0; s < steps; s++) ring.push(gridPoint(frame, u1 - ((u1 - u0) * s) / steps, v1));
  for (let s = 0; s < steps; s++) ring.push(gridPoint(frame, u0, v1 - ((v1 - v0) * s) / steps));
  return ring.map(roundPoint);
}

function cellName(kind: Area['kind'], d: District, rng: Rng): string {
  const where = themeBuurtName(d.theme);
  if (kind === 'water') return `${rng.pick(['Vijver', 'Wadi', 'Waterpartij'])} ${where}`;
  if (d.kind === 'sportpark') return `Sportpark ${where}`;
  return `${rng.pick(['Plantsoen', 'Speeltuin', 'Wijkpark', 'Speelveld'])} ${where}`;
}
