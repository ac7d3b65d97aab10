// Computes a scenario's indicators with the existing engines: 5G coverage and EMF exposure at every address for the
// stored antennas plus the scenario's, and an FTTH design when the scenario has fibre inputs. The "current
// situation" is the stored antennas and no new fibre. One computation at a time (they are CPU-bound); the town,
// the fibre network and the current situation are cached per store state in the returned object.
import type { ScenarioIndicators, ScenarioInputs } from '../../contracts/workspace.ts';
import { InvalidParameter, Unavailable } from '../../errors.ts';
import { loadFibreSituation } from '../../scenarios/fibre/fibre-situation.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS, designSettingsSchema, unitCostOverridesSchema, withOverrides } from '../../scenarios/fibre/fibre-defaults.ts';
import { type PreparedNetwork, planFibreAsync, prepareFibreNetwork } from '../../scenarios/fibre/fibre-plan.ts';
import { createCoverageJob } from '../../scenarios/fiveg/coverage-job.ts';
import { coverageOptions } from '../../scenarios/fiveg/coverage-options.ts';
import type { TownContext } from '../../scenarios/fiveg/town-context.ts';
import type { Store } from '../../store/store.ts';
import { scenarioAntennas } from './scenario-antennas.ts';

/** An address counts as covered at an indoor RSRP of at least −100 dBm (the lower bound of "fair", DOMAIN.md §2.3). */
export const COVERAGE_THRESHOLD_DBM = -100;
/** Attention level for EMF exposure: 100 % of the ICNIRP reference level (total exposure ratio 1). */
export const EXPOSURE_ATTENTION_PCT = 100;
const ALL_ROWS = 10_000_000;

export interface IndicatorEngine {
  /** Indicators of a scenario's inputs. */
  compute(inputs: ScenarioInputs): Promise<ScenarioIndicators>;
  /** Indicators of the current situation: stored antennas, no new fibre. */
  current(): Promise<ScenarioIndicators>;
}

export function createIndicatorEngine(store: Store, now: () => Date): IndicatorEngine {
  const coverage = createCoverageJob(store);
  let fibre: { key: string; network: PreparedNetwork } | undefined;
  let current: { key: string; indicators: ScenarioIndicators } | undefined;
  // Serialises computations: a second request waits for the first instead of halving its speed.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  const fibreNetwork = async (): Promise<PreparedNetwork> => {
    const key = JSON.stringify([await store.meta(), await store.counts()]);
    if (fibre?.key !== key) {
      const streets = await store.streets({ limit: ALL_ROWS });
      if (streets.length === 0) throw new Unavailable('No street network has been loaded; the fibre design cannot run.');
      fibre = { key, network: prepareFibreNetwork(streets, await store.addresses({ limit: ALL_ROWS })) };
    }
    return fibre.network;
  };

  const fiveg = async (inputs: ScenarioInputs) => {
    const town = await coverage.town();
    if (town.addresses.length === 0) throw new Unavailable('No addresses have been loaded; coverage cannot be computed.');
    const candidates = scenarioAntennas(inputs.antennas, groundLevel(town));
    // No street-level grid: the indicators are per address.
    const run = await coverage.run(candidates, coverageOptions.parse({ gridCellM: 0 }), true, {});
    const best = run.result.addresses.bestRsrpDbm;
    const ter = run.result.addresses.ter;
    let covered = 0;
    let above = 0;
    let maxTer = 0;
    for (let i = 0; i < best.length; i++) {
      if (best[i] >= COVERAGE_THRESHOLD_DBM) covered++;
      const t = ter[i];
      if (Number.isFinite(t)) {
        if (t * 100 > EXPOSURE_ATTENTION_PCT) above++;
        if (t > maxTer) maxTer = t;
      }
    }
    return {
      coveragePct: round(best.length === 0 ? 0 : (100 * covered) / best.length, 2),
      addressesCovered: covered,
      addressesAboveExposureThreshold: above,
      maxExposurePctIcnirp: round(maxTer * 100, 4),
      antennaCount: run.antennas.length,
    };
  };

  const fibrePlan = async (input: NonNullable<ScenarioInputs['fibre']>) => {
    const [network, situation, buurten] = await Promise.all([fibreNetwork(), loadFibreSituation(store), store.buurten()]);
    const known = new Set(buurten.map((b) => b.code));
    const unknown = input.buurtCodes.filter((c) => !known.has(c));
    if (unknown.length > 0) throw inputError('inputs.fibre.buurtCodes', `unknown buurt ${unknown.slice(0, 10).join(', ')}`);
    const overrides = unitCostOverridesSchema.safeParse(input.unitCostOverrides);
    if (!overrides.success) throw inputError('inputs.fibre.unitCostOverrides', overrides.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const plan = await planFibreAsync(network, situation, {
      popPositionRd: input.popPositionRd,
      targetBuurten: input.buurtCodes.length > 0 ? input.buurtCodes : undefined,
      costs: withOverrides(DEFAULT_UNIT_COSTS, overrides.data),
      settings: designSettingsSchema.parse({ ...DEFAULT_DESIGN_SETTINGS, takeRate: input.takeRate }),
    }, undefined, {});
    const { boq, cost } = plan;
    const trenchM = Object.values(boq.trenchMBySurface).reduce((a, b) => a + b, 0) + boq.microTrenchM + boq.drillingM;
    return {
      trenchM: round(trenchM, 2),
      homesPassed: boq.homesPassed,
      costPerHomePassedEur: cost.costPerHomePassedEur === null ? null : round(cost.costPerHomePassedEur, 2),
      capexTotalEur: round(cost.capexTotalEur, 2),
    };
  };

  const noFibre = { trenchM: null, homesPassed: null, costPerHomePassedEur: null, capexTotalEur: null };

  return {
    compute: (inputs) =>
      serial(async () => {
        const radio = await fiveg(inputs);
        const wired = inputs.fibre ? await fibrePlan(inputs.fibre) : noFibre;
        return { computedAt: now().toISOString(), ...radio, ...wired };
      }),
    current: () =>
      serial(async () => {
        const town = await coverage.town();
        if (current?.key !== town.fingerprint) {
          const radio = await fiveg({ antennas: [], layers: [], views: [] });
          // No new fibre: nothing dug, no homes newly passed, no spending; a cost per home is undefined.
          current = { key: town.fingerprint, indicators: { computedAt: now().toISOString(), ...radio, trenchM: 0, homesPassed: 0, costPerHomePassedEur: null, capexTotalEur: 0 } };
        }
        return current.indicators;
      }),
  };
}

/** Ground level at a point: that of the nearest building (the town context has no terrain model of its own). */
function groundLevel(town: TownContext): (x: number, y: number) => number {
  return (x, y) => {
    let best = Infinity;
    let ground = 0;
    for (const b of town.buildings) {
      const [cx, cy] = b.footprint[0][0];
      const d = (cx - x) ** 2 + (cy - y) ** 2;
      if (d < best) {
        best = d;
        ground = b.groundM;
      }
    }
    return ground;
  };
}

function inputError(field: string, message: string): InvalidParameter {
  return new InvalidParameter(`Invalid body parameter: ${field}: ${message}`, { errors: [{ in: 'body', field, message }] });
}

function round(v: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}
