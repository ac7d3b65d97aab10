// How the generator is composed: an ordered list of steps, each adding one layer to the town. A step reads
// the layers before it and draws from its own random stream, so later modules (omgevingsplan, sensors,
// antennas, fibre…) are one more step at the end and leave everything before them unchanged.
import type { Address, Area, Buurt } from '../contracts/model.ts';
import type { Rng } from './random.ts';
import type { TownPlan } from './town-plan.ts';
import type { StreetNetwork } from './streets.ts';
import type { PlacedBuilding } from './buildings.ts';

export interface DemoOptions {
  seed: number;
  /** 1 = the full ~3 × 3 km town; smaller values shrink the extent and so the number of buildings. */
  scale: number;
}

export interface DemoLayers {
  options: DemoOptions;
  plan?: TownPlan;
  network?: StreetNetwork;
  areas?: Area[];
  buildings?: PlacedBuilding[];
  buurten?: Buurt[];
  addresses?: Address[];
}

export interface DemoStep {
  name: string;
  run(layers: Readonly<DemoLayers>, rng: Rng): Partial<DemoLayers>;
}

/** A layer an earlier step must have produced; missing means the step list is in the wrong order. */
export function need<K extends keyof DemoLayers>(layers: Readonly<DemoLayers>, key: K, step: string): NonNullable<DemoLayers[K]> {
  const value = layers[key];
  if (value === undefined || value === null) throw new Error(`demo step '${step}' needs layer '${String(key)}' first`);
  return value as NonNullable<DemoLayers[K]>;
}
