// Demostad: a deterministic synthetic Dutch municipality (GM9999) for demos and tests. Everything in it
// is made up; the same seed always gives the same town, byte for byte.
import type { DatasetMeta, Municipality } from '../contracts/model.ts';
import { addressesStep } from './addresses.ts';
import { areasStep } from './areas.ts';
import { buildingsStep } from './buildings.ts';
import { buurtenStep } from './buurten.ts';
import type { DemoLayers, DemoStep } from './layers.ts';
import { need } from './layers.ts';
import { createRng } from './random.ts';
import { streetsStep } from './streets.ts';
import { planTown } from './town-plan.ts';

export interface DemostadOptions {
  seed?: number;
  /** 1 = full size (~12,000 buildings); smaller values give a smaller town. */
  scale?: number;
  /** Called before each step starts, e.g. for progress output. */
  onStep?: (name: string) => void;
}

const planStep: DemoStep = {
  name: 'plan',
  run(layers, rng) {
    return { plan: planTown(rng, layers.options.scale) };
  },
};

/** The steps in order; a later layer (omgevingsplan, sensors, antennas, fibre…) is appended here. */
export const DEMOSTAD_STEPS: readonly DemoStep[] = [planStep, streetsStep, areasStep, buildingsStep, buurtenStep, addressesStep];

export function demostadMeta(seed: number): DatasetMeta {
  return {
    name: 'Demostad',
    municipalityCode: 'GM9999',
    source: `Tweeling synthetic demo generator (seed ${seed})`,
    licence: 'CC0-1.0',
    date: '2026-01-01',
    synthetic: true,
    geoidHeightM: 43.0,
  };
}

/** Runs the steps, each with its own random stream derived from the seed and the step's name. */
export function runDemoSteps(steps: readonly DemoStep[], seed: number, scale: number, onStep?: (name: string) => void): DemoLayers {
  let layers: DemoLayers = { options: { seed, scale } };
  for (const step of steps) {
    onStep?.(step.name);
    layers = { ...layers, ...step.run(layers, createRng(seed, step.name)) };
  }
  return layers;
}

export function generateDemostad(options: DemostadOptions = {}): Municipality {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  if (!(scale > 0 && scale <= 4)) throw new RangeError(`scale must be in (0, 4], got ${scale}`);
  const layers = runDemoSteps(DEMOSTAD_STEPS, seed, scale, options.onStep);
  return {
    meta: demostadMeta(seed),
    buildings: need(layers, 'buildings', 'result').map((p) => p.building),
    addresses: need(layers, 'addresses', 'result'),
    streets: need(layers, 'network', 'result').streets,
    areas: need(layers, 'areas', 'result'),
    buurten: need(layers, 'buurten', 'result'),
  };
}
