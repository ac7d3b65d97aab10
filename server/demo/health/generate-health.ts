// Synthetic GGD-style health indicators for the buurten of a municipality (demo data: nothing here was measured).
// Levels are round national figures of the Gezondheidsmonitor Volwassenen en Ouderen; buurten differ by what the
// municipality itself shows about them: flats and post-war housing (a stand-in for lower incomes) worsen most
// indicators, small households mean more loneliness, main roads and the centre mean more traffic-noise annoyance.
// Respondents: the GGD samples ~6 % of adults and 30–45 % answer, so small buurten end up below 50 respondents
// and are suppressed on publication, as in a real monitor.
import type { Municipality } from '../../contracts/model.ts';
import { knownIndicator } from '../../health/indicator-catalogue.ts';
import type { HealthRow, IndicatorDefinition } from '../../health/model.ts';
import { type Rng, createRng } from '../random.ts';
import { type BuurtTraits, buurtTraits } from './buurt-traits.ts';

export const DEMO_HEALTH_YEAR = 2024;
/** Share of adults the GGD invites (sample) and the range of the share that answers. */
const SAMPLE_FRACTION = 0.06;
const RESPONSE_RATE = { best: 0.45, worst: 0.3 };

interface Drivers {
  /** 0–1: flats and early post-war estates (our income proxy). */
  deprivation: number;
  /** 0–1: one- and two-person households. */
  singles: number;
  /** 0–1: dwellings along main roads. */
  road: number;
  /** 0–1: closeness to the centre. */
  centre: number;
}

interface Model {
  id: string;
  /** Value in percent, before noise. */
  level: (d: Drivers) => number;
  /** Standard deviation of the buurt-level noise, percentage points. */
  noisePp: number;
  /** Share of respondents that answer the questions behind this indicator (long blocks lose more). */
  itemResponse: readonly [number, number];
}

const MODELS: readonly Model[] = [
  { id: 'ervaren_gezondheid_goed', level: (d) => 81 - 13 * d.deprivation - 3 * d.singles, noisePp: 1.5, itemResponse: [0.97, 1] },
  { id: 'astma_copd', level: (d) => 7 + 3 * d.deprivation + 2 * d.road, noisePp: 0.7, itemResponse: [0.95, 0.99] },
  { id: 'eenzaamheid_ernstig', level: (d) => 8.5 + 6 * d.deprivation + 5 * d.singles, noisePp: 1, itemResponse: [0.92, 0.97] },
  { id: 'geluidhinder_verkeer', level: (d) => 5 + 16 * d.road + 6 * d.centre, noisePp: 1, itemResponse: [0.95, 0.99] },
  { id: 'overgewicht', level: (d) => 47 + 11 * d.deprivation - 5 * d.centre, noisePp: 2, itemResponse: [0.94, 0.98] },
  { id: 'beweegrichtlijn', level: (d) => 53 - 9 * d.deprivation + 2 * (1 - d.centre), noisePp: 2, itemResponse: [0.86, 0.93] },
  { id: 'roken', level: (d) => 13.5 + 10 * d.deprivation + 3 * d.singles, noisePp: 1.2, itemResponse: [0.97, 1] },
  { id: 'psychische_klachten', level: (d) => 6 + 4 * d.deprivation + 3 * d.singles, noisePp: 0.8, itemResponse: [0.9, 0.96] },
];

export const DEMO_HEALTH_INDICATOR_IDS: readonly string[] = MODELS.map((m) => m.id);

export function demoHealthSource(seed: number): string {
  return `Tweeling synthetic demo generator (seed ${seed}), modelled on GGD Gezondheidsmonitor`;
}

export function generateDemoHealth(m: Municipality, seed: number): { rows: HealthRow[]; indicators: IndicatorDefinition[] } {
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const indicators = MODELS.map((model) => {
    const d = knownIndicator(model.id);
    if (!d) throw new Error(`demo indicator ${model.id} is missing from the catalogue`);
    return { ...d, source: demoHealthSource(seed) };
  });
  const root = createRng(seed, 'health');
  const rows: HealthRow[] = [];
  for (const t of buurtTraits(m)) {
    // Nobody lives here (park, business estate): a survey of residents has nobody to ask, so there is no row.
    if (t.population === 0 || t.households === 0) continue;
    // One stream per buurt: adding or reordering buurten does not change the others' numbers.
    const rng = root.fork(t.code);
    const d = drivers(t);
    const adults = t.population * adultShare(t.population / t.households);
    const response = RESPONSE_RATE.best - (RESPONSE_RATE.best - RESPONSE_RATE.worst) * d.deprivation + rng.range(-0.02, 0.02);
    const answered = adults * SAMPLE_FRACTION * response;
    for (const model of MODELS) {
      const value = clamp(model.level(d) + model.noisePp * normal(rng), 0.5, 99.5);
      rows.push({
        buurtCode: t.code,
        indicator: model.id,
        value: Math.round(value * 10) / 10,
        unit: '%',
        respondents: Math.floor(answered * rng.range(...model.itemResponse)),
        year: DEMO_HEALTH_YEAR,
      });
    }
  }
  return { rows, indicators };
}

function drivers(t: BuurtTraits): Drivers {
  const era = t.medianYear === undefined ? 0.3 : t.medianYear < 1945 ? 0.35 : t.medianYear < 1975 ? 0.8 : t.medianYear < 1995 ? 0.45 : 0.15;
  const householdSize = t.households > 0 ? t.population / t.households : 2.2;
  return {
    deprivation: clamp(0.55 * t.flatShare + 0.45 * era, 0, 1),
    singles: clamp((2.5 - householdSize) / 0.8, 0, 1),
    road: t.roadShare,
    centre: t.centrality,
  };
}

/** Families with children have fewer adults per person: ~82 % adults at 1.8 persons per household, ~77 % at 2.6. */
function adultShare(householdSize: number): number {
  return clamp(0.95 - 0.07 * householdSize, 0.7, 0.9);
}

/** Approximately standard normal (Irwin–Hall with 4 uniforms, rescaled): bounded, so never absurd. */
function normal(rng: Rng): number {
  return (rng.next() + rng.next() + rng.next() + rng.next() - 2) * Math.sqrt(3);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
