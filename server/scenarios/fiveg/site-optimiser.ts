// Choosing k new sites from candidates: siting/EMF feasibility first (checkSiting), then which currently
// uncovered addresses each feasible candidate would bring to the RSRP threshold on its own, then maximum coverage
// (max-coverage.ts). Pure given the town and plan; the API and benchmark wrap it.
import type { Address, Building } from '../../contracts/model.ts';
import { driveAsync, driveSync } from '../../jobs/drive-steps.ts';
import type { JobContext, JobProgress } from '../../jobs/job-runner.ts';
import { polygonCentroid } from '../../geo/polygon.ts';
import type { Omgevingsplan } from '../../omgevingsplan/model.ts';
import type { BuildingScene } from './building-scene.ts';
import { type AntennaCandidate, antennaCandidate, candidateAntennas } from './candidate.ts';
import { type CoverageOptions, defaultCoverageOptions } from './coverage-options.ts';
import { distanceToFootprintEdgeM } from './footprint-geometry.ts';
import { createLineOfSightTester } from './line-of-sight.ts';
import { buildLinkTable } from './link-table.ts';
import { maxCoverage } from './max-coverage.ts';
import { O2I_HIGH, O2I_LOW, O2I_NONE, createReceiverEvaluator, createReceiverScratch } from './receiver-evaluator.ts';
import { DEFAULT_SITING_POLICY, type SitingPolicy, checkSiting } from './siting.ts';

export interface SiteOptimiserInput {
  buildings: readonly Building[];
  addresses: readonly Address[];
  scene: BuildingScene;
  buildingIndex: ReadonlyMap<string, number>;
  candidates: readonly AntennaCandidate[];
  k: number;
  /** An address counts as covered at or above this best-server RSRP, dBm. */
  thresholdDbm: number;
  /** Best RSRP per address from the existing network (same order as addresses); null = greenfield. */
  baselineBestRsrpDbm: ArrayLike<number> | null;
  plan?: Omgevingsplan;
  policy?: SitingPolicy;
  options?: CoverageOptions;
  /** Longest candidate → address link considered, m. */
  maxRangeM?: number;
}

export interface SiteOptimiserResult {
  /** Final selection after swaps; each site's gain is what it adds to the sites listed before it. */
  selected: { candidateId: string; gainAddresses: number; cumulativeCovered: number; cumulativePercent: number }[];
  /** The greedy phase before swaps, with its gains per pick. */
  greedy: { candidateId: string; gainAddresses: number }[];
  coveredBefore: number;
  coveredAfter: number;
  addresses: number;
  percentBefore: number;
  percentAfter: number;
  greedyCovered: number;
  swaps: { out: string; in: string; gainAddresses: number }[];
  feasibleCandidates: number;
  infeasible: { candidateId: string; reasons: string[] }[];
  seconds: number;
}

export function optimiseSites(input: SiteOptimiserInput): SiteOptimiserResult {
  return driveSync(optimiseSitesSteps(input));
}

/** The same optimisation, giving the event loop a turn about every 20 ms; rejects with an AbortError on abort. */
export function optimiseSitesAsync(input: SiteOptimiserInput, context: Partial<JobContext> = {}): Promise<SiteOptimiserResult> {
  return driveAsync(optimiseSitesSteps(input), context);
}

/** Receivers evaluated between two progress points. */
const STEP_RECEIVERS = 256;

/** The optimiser as steps: yields progress over the candidates (siting, then their coverage sets). */
export function* optimiseSitesSteps(input: SiteOptimiserInput): Generator<JobProgress, SiteOptimiserResult, void> {
  const started = performance.now();
  const options = input.options ?? defaultCoverageOptions();
  const policy = input.policy ?? DEFAULT_SITING_POLICY;
  const maxRangeM = input.maxRangeM ?? 800;
  const { buildings, addresses, candidates } = input;

  const feasible: { candidate: AntennaCandidate; antennas: ReturnType<typeof candidateAntennas> }[] = [];
  const infeasible: SiteOptimiserResult['infeasible'] = [];
  for (const [ci, c] of candidates.entries()) {
    yield { done: ci, total: candidates.length, phase: 'siting' };
    const antennas = candidateAntennas(c, buildings, input.buildingIndex);
    if (!Array.isArray(antennas)) {
      infeasible.push({ candidateId: c.id, reasons: [`${antennas.field}: ${antennas.message}`] });
      continue;
    }
    const siting = checkSiting(c, antennas, input.plan, buildings, addresses, policy);
    if (siting.verdict === 'not-allowed') {
      infeasible.push({ candidateId: c.id, reasons: [...(siting.placement?.reasons.filter((r) => r.verdict === 'not-allowed').map((r) => r.textEn) ?? []), ...siting.reasons.filter((r) => r.verdict === 'not-allowed').map((r) => r.textEn)] });
    } else feasible.push({ candidate: c, antennas });
  }

  // Receivers as in runCoverage: indoor, ground floor, O2I by construction year, distance to the façade.
  const { n, ax, ay, az, own, o2i, indoor, already } = prepareReceivers(input, options);

  const tester = createLineOfSightTester(input.scene);
  const range2 = maxRangeM * maxRangeM;
  const sets: Int32Array[] = [];
  for (const [fi, { antennas }] of feasible.entries()) {
    yield { done: fi, total: feasible.length, phase: 'candidates' };
    const list = antennas as Exclude<typeof antennas, { field: string }>;
    const table = buildLinkTable(list, options.bands, options.noiseFigureDb, options.emfGuideline);
    const evaluator = createReceiverEvaluator(table, options.losMode === 'raycast' ? tester : null, maxRangeM);
    const scratch = createReceiverScratch(table);
    const [cx, cy] = list[0].position;
    const covered: number[] = [];
    // The hot loop lives in a plain function: V8 optimises it as such, and the generator only steps between ranges.
    const scan = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        // Only addresses the network does not cover yet can add anything.
        if (already[i]) continue;
        const dx = ax[i] - cx;
        const dy = ay[i] - cy;
        if (dx * dx + dy * dy > range2) continue;
        evaluator.evaluate(ax[i], ay[i], az[i], options.indoorHeightM, own[i], o2i[i], indoor[i], scratch);
        if (scratch.bestRsrpDbm >= input.thresholdDbm) covered.push(i);
      }
    };
    for (let from = 0; from < n; from += STEP_RECEIVERS) {
      yield { done: fi + from / n, total: feasible.length, phase: 'candidates' };
      scan(from, Math.min(n, from + STEP_RECEIVERS));
    }
    sets.push(Int32Array.from(covered));
  }
  yield { done: feasible.length, total: feasible.length, phase: 'selection' };

  const weights = new Float64Array(n).fill(1);
  const r = maxCoverage({ sets, weights, k: input.k, alreadyCovered: already });

  let before = 0;
  for (let i = 0; i < n; i++) before += already[i];
  const id = (c: number) => feasible[c].candidate.id;
  return {
    selected: r.selected.map((c, pos) => {
      const cumulative = before + r.finalGains.slice(0, pos + 1).reduce((s, g) => s + g, 0);
      return { candidateId: id(c), gainAddresses: r.finalGains[pos], cumulativeCovered: cumulative, cumulativePercent: pct(cumulative, n) };
    }),
    greedy: r.greedyPicks.map((c, pos) => ({ candidateId: id(c), gainAddresses: r.greedyGains[pos] })),
    coveredBefore: before,
    coveredAfter: before + r.coveredWeight,
    addresses: n,
    percentBefore: pct(before, n),
    percentAfter: pct(before + r.coveredWeight, n),
    greedyCovered: before + r.greedyCoveredWeight,
    swaps: r.swaps.map((s) => ({ out: id(s.out), in: id(s.in), gainAddresses: s.gain })),
    feasibleCandidates: feasible.length,
    infeasible,
    seconds: Math.round((performance.now() - started) / 10) / 100,
  };
}

/** Receiver arrays for every address; a plain function so V8 optimises its loop (generators are not OSR'd). */
function prepareReceivers(input: SiteOptimiserInput, options: CoverageOptions) {
  const { buildings, addresses } = input;
  const n = addresses.length;
  const ax = new Float64Array(n);
  const ay = new Float64Array(n);
  const az = new Float64Array(n);
  const own = new Int32Array(n);
  const o2i = new Uint8Array(n);
  const indoor = new Float64Array(n);
  const already = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = addresses[i];
    const bi = input.buildingIndex.get(a.buildingId) ?? -1;
    const b = bi >= 0 ? buildings[bi] : undefined;
    ax[i] = a.position[0];
    ay[i] = a.position[1];
    az[i] = (b?.groundM ?? 0) + options.indoorHeightM;
    own[i] = bi;
    o2i[i] = b === undefined ? O2I_NONE : b.year >= options.o2iHighLossFromYear ? O2I_HIGH : O2I_LOW;
    indoor[i] = b === undefined ? 0 : Math.min(options.maxIndoorDistanceM, distanceToFootprintEdgeM(ax[i], ay[i], b.footprint));
    already[i] = input.baselineBestRsrpDbm !== null && input.baselineBestRsrpDbm[i] >= input.thresholdDbm ? 1 : 0;
  }

  return { n, ax, ay, az, own, o2i, indoor, already };
}

/**
 * Candidate rooftop sites on the `count` tallest buildings (monuments left out: always permit-required), 4 m
 * support, three n78 sectors. Deterministic: ties by building id.
 */
export function rooftopCandidates(buildings: readonly Building[], count: number): AntennaCandidate[] {
  return buildings
    .filter((b) => b.function !== 'monument')
    .sort((a, b) => b.heightM - a.heightM || a.id.localeCompare(b.id))
    .slice(0, count)
    .map((b, i) => {
      const [x, y] = polygonCentroid(b.footprint);
      return antennaCandidate.parse({ id: `R-${String(i + 1).padStart(3, '0')}`, kind: 'rooftop', x: Math.round(x * 100) / 100, y: Math.round(y * 100) / 100, heightM: 4, buildingId: b.id });
    });
}

function pct(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10;
}
