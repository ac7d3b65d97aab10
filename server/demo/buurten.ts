// Step 'buurten': one CBS-style buurt per district (the districts tile the municipality), codes
// BU + gemeente 9999 + wijk + buurt, each building assigned to the buurt holding its centroid, and
// households and population derived from the dwellings inside.
import type { Buurt } from '../contracts/model.ts';
import { distanceToRing, pointInRing, polygonCentroid } from './geometry.ts';
import type { DemoStep } from './layers.ts';
import { need } from './layers.ts';
import type { PlacedBuilding } from './buildings.ts';
import { themeBuurtName } from './street-names.ts';
import type { TownPlan } from './town-plan.ts';

export const GEMEENTE_CODE = '9999';

export const buurtenStep: DemoStep = {
  name: 'buurten',
  run(layers) {
    const plan = need(layers, 'plan', 'buurten');
    return assignBuurten(plan, need(layers, 'buildings', 'buurten'));
  },
};

export function buurtCodeOf(wijk: number, buurt: number): string {
  return `BU${GEMEENTE_CODE}${String(wijk).padStart(2, '0')}${String(buurt).padStart(2, '0')}`;
}

export function assignBuurten(plan: TownPlan, placed: readonly PlacedBuilding[]): { buurten: Buurt[]; buildings: PlacedBuilding[] } {
  const perWijk = new Map<number, number>();
  const codes = plan.districts.map((d) => {
    const n = (perWijk.get(d.wijk) ?? 0) + 1;
    perWijk.set(d.wijk, n);
    return buurtCodeOf(d.wijk, n);
  });
  const households = plan.districts.map(() => 0);
  const buildings = placed.map((p) => {
    const c = polygonCentroid(p.building.footprint);
    let index = plan.districts.findIndex((d) => pointInRing(c, d.ring));
    if (index < 0) {
      // A centroid exactly on a boundary: take the nearest buurt rather than leave it without one.
      let best = Infinity;
      plan.districts.forEach((d, i) => {
        const dist = distanceToRing(c, d.ring);
        if (dist < best) {
          best = dist;
          index = i;
        }
      });
    }
    households[index] += p.building.dwellings;
    return { ...p, building: { ...p.building, buurtCode: codes[index] } };
  });
  const buurten: Buurt[] = plan.districts.map((d, i) => ({
    code: codes[i],
    name: d.kind === 'centrum' ? 'Binnenstad' : themeBuurtName(d.theme),
    polygon: [d.ring],
    population: Math.round(households[i] * d.style.householdSize),
    households: households[i],
  }));
  return { buurten, buildings };
}
