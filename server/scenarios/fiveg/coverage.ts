// A whole-town coverage run (pure core): indoor receivers at every address and an outdoor street-level grid,
// best-server RSRP, SINR-lite and EMF exposure ratio per receiver, and coverage per buurt. The caller gives a
// building scene built from the same buildings array, so the job wrapper can reuse it between runs.
import type { Address, Building, Buurt } from '../../contracts/model.ts';
import { driveAsync, driveSync } from '../../jobs/drive-steps.ts';
import type { JobContext, JobProgress } from '../../jobs/job-runner.ts';
import type { Antenna } from './antenna.ts';
import type { BuildingScene } from './building-scene.ts';
import { type CoverageOptions, defaultCoverageOptions } from './coverage-options.ts';
import { type FacadeExposure, facadesInSafetyVolume } from './emf-safety.ts';
import { distanceToFootprintEdgeM } from './footprint-geometry.ts';
import { createLineOfSightTester } from './line-of-sight.ts';
import { buildLinkTable } from './link-table.ts';
import { O2I_HIGH, O2I_LOW, O2I_NONE, createReceiverEvaluator, createReceiverScratch } from './receiver-evaluator.ts';

export interface CoverageInput {
  buildings: readonly Building[];
  addresses: readonly Address[];
  buurten: readonly Pick<Buurt, 'code' | 'name'>[];
  antennas: readonly Antenna[];
  scene: BuildingScene;
  options?: CoverageOptions;
}

export interface ThresholdShare {
  thresholdDbm: number;
  count: number;
  /** Percentage of the group's receivers at or above the threshold, one decimal. */
  percent: number;
}

export interface BuurtCoverage {
  code: string;
  name: string;
  addresses: number;
  atLeast: ThresholdShare[];
  medianRsrpDbm: number | null;
  /** Addresses whose exposure ratio reaches 1 (ICNIRP reference level). */
  addressesOverEmfLimit: number;
  maxTer: number;
}

export interface CoverageResult {
  addresses: {
    ids: string[];
    /** Best serving RSRP per address, dBm (−Infinity when nothing is in range). */
    bestRsrpDbm: Float32Array;
    sinrDb: Float32Array;
    /** Index into the input antennas of the serving sector, −1 when none. */
    servingAntenna: Int32Array;
    ter: Float32Array;
    powerDensityWPerM2: Float32Array;
  };
  grid: {
    originRd: [number, number];
    cellM: number;
    cols: number;
    rows: number;
    /** Row-major from the south-west corner; NaN inside buildings. */
    bestRsrpDbm: Float32Array;
    ter: Float32Array;
    outdoorPoints: number;
  } | null;
  buurten: BuurtCoverage[];
  /** Façades of other buildings inside an antenna's safety volume, and the addresses in those buildings. */
  safety: { facades: FacadeExposure[]; addressIds: string[] };
  summary: {
    addresses: { total: number; atLeast: ThresholdShare[]; perOperator: { operator: string; atLeast: ThresholdShare[] }[]; maxTer: number; overEmfLimit: number };
    grid: { points: number; atLeast: ThresholdShare[]; maxTer: number } | null;
    antennas: number;
    sites: number;
    links: number;
    losLinks: number;
    rays: number;
    seconds: number;
  };
  options: CoverageOptions;
}

/** Receivers evaluated between two progress points: small enough for ~20 ms slices, large enough to cost nothing. */
const STEP_RECEIVERS = 64;

export function runCoverage(input: CoverageInput): CoverageResult {
  return driveSync(coverageSteps(input));
}

/** The same run, giving the event loop a turn about every 20 ms; rejects with an AbortError once the signal aborts. */
export function runCoverageAsync(input: CoverageInput, context: Partial<JobContext> = {}): Promise<CoverageResult> {
  return driveAsync(coverageSteps(input), context);
}

/** The coverage run as steps: yields progress over addresses, then grid rows. */
export function* coverageSteps(input: CoverageInput): Generator<JobProgress, CoverageResult, void> {
  const started = performance.now();
  const options = input.options ?? defaultCoverageOptions();
  const { buildings, addresses, antennas, scene } = input;
  const table = buildLinkTable(antennas, options.bands, options.noiseFigureDb, options.emfGuideline);
  const tester = createLineOfSightTester(scene);
  const evaluator = createReceiverEvaluator(table, options.losMode === 'raycast' ? tester : null, options.maxRangeM);
  const scratch = createReceiverScratch(table);
  const buildingIndex = new Map(buildings.map((b, i) => [b.id, i]));
  const nOps = table.operators.length;

  // Indoor receivers: at the address point, on the ground floor, behind the façade of their own building.
  const nA = addresses.length;
  const bestA = new Float32Array(nA);
  const sinrA = new Float32Array(nA);
  const servingA = new Int32Array(nA);
  const terA = new Float32Array(nA);
  const sA = new Float32Array(nA);
  const opBestA = new Float32Array(nA * nOps);
  for (let i = 0; i < nA; i++) {
    if (i % STEP_RECEIVERS === 0) yield { done: i, total: nA, phase: 'addresses' };
    const a = addresses[i];
    const bi = buildingIndex.get(a.buildingId) ?? -1;
    const b = bi >= 0 ? buildings[bi] : undefined;
    const groundM = b?.groundM ?? 0;
    const o2i = b === undefined ? O2I_NONE : b.year >= options.o2iHighLossFromYear ? O2I_HIGH : O2I_LOW;
    const indoorM = b === undefined ? 0 : Math.min(options.maxIndoorDistanceM, distanceToFootprintEdgeM(a.position[0], a.position[1], b.footprint));
    evaluator.evaluate(a.position[0], a.position[1], groundM + options.indoorHeightM, options.indoorHeightM, bi, o2i, indoorM, scratch);
    bestA[i] = scratch.bestRsrpDbm;
    sinrA[i] = scratch.sinrDb;
    servingA[i] = scratch.bestSector < 0 ? -1 : table.order[scratch.bestSector];
    terA[i] = scratch.ter;
    sA[i] = scratch.powerDensityWPerM2;
    for (let o = 0; o < nOps; o++) opBestA[i * nOps + o] = scratch.operatorBestDbm[o];
  }

  const grid = options.gridCellM > 0 && buildings.length > 0 ? yield* runGrid(input, options, tester, evaluator, scratch) : null;

  const thresholds = options.thresholdsDbm;
  const buurtRows = input.buurten.map((bu) => ({ code: bu.code, name: bu.name, idx: [] as number[] }));
  const byCode = new Map(buurtRows.map((r) => [r.code, r]));
  addresses.forEach((a, i) => {
    if (a.buurtCode) byCode.get(a.buurtCode)?.idx.push(i);
  });
  const buurten: BuurtCoverage[] = buurtRows.map((r) => {
    const values = r.idx.map((i) => bestA[i]);
    let maxTer = 0;
    let over = 0;
    for (const i of r.idx) {
      if (terA[i] > maxTer) maxTer = terA[i];
      if (terA[i] >= 1) over++;
    }
    return { code: r.code, name: r.name, addresses: r.idx.length, atLeast: shares(values, thresholds), medianRsrpDbm: median(values), addressesOverEmfLimit: over, maxTer: round(maxTer, 6) };
  });

  let maxTerA = 0;
  let overA = 0;
  for (let i = 0; i < nA; i++) {
    if (terA[i] > maxTerA) maxTerA = terA[i];
    if (terA[i] >= 1) overA++;
  }
  const perOperator = table.operators.map((operator, o) => {
    const values: number[] = [];
    for (let i = 0; i < nA; i++) values.push(opBestA[i * nOps + o]);
    return { operator, atLeast: shares(values, thresholds) };
  });

  const facades = facadesInSafetyVolume(antennas, buildings, { guideline: options.emfGuideline });
  const flagged = new Set(facades.map((f) => f.buildingId));

  return {
    addresses: { ids: addresses.map((a) => a.id), bestRsrpDbm: bestA, sinrDb: sinrA, servingAntenna: servingA, ter: terA, powerDensityWPerM2: sA },
    safety: { facades, addressIds: addresses.filter((a) => flagged.has(a.buildingId)).map((a) => a.id) },
    grid: grid?.grid ?? null,
    buurten,
    summary: {
      addresses: { total: nA, atLeast: shares(Array.from(bestA), thresholds), perOperator, maxTer: round(maxTerA, 6), overEmfLimit: overA },
      grid: grid?.summary ?? null,
      antennas: antennas.length,
      sites: table.siteX.length,
      links: scratch.links,
      losLinks: scratch.losLinks,
      rays: tester.rayCount(),
      seconds: round((performance.now() - started) / 1000, 3),
    },
    options,
  };
}

function* runGrid(
  input: CoverageInput,
  options: CoverageOptions,
  tester: ReturnType<typeof createLineOfSightTester>,
  evaluator: ReturnType<typeof createReceiverEvaluator>,
  scratch: ReturnType<typeof createReceiverScratch>,
): Generator<JobProgress, { grid: NonNullable<CoverageResult['grid']>; summary: NonNullable<CoverageResult['summary']['grid']> }, void> {
  const { buildings } = input;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let topZ = -Infinity;
  let groundSum = 0;
  for (const b of buildings) {
    for (const [x, y] of b.footprint[0]) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    if (b.groundM + b.heightM > topZ) topZ = b.groundM + b.heightM;
    groundSum += b.groundM;
  }
  // One ground level for the street grid: the mean building ground level (the twin has no terrain model yet).
  const groundM = groundSum / buildings.length;
  const cell = options.gridCellM;
  const cols = Math.max(1, Math.ceil((maxX - minX) / cell));
  const rows = Math.max(1, Math.ceil((maxY - minY) / cell));
  const best = new Float32Array(cols * rows).fill(NaN);
  const ter = new Float32Array(cols * rows).fill(NaN);
  const values: number[] = [];
  let maxTer = 0;
  for (let r = 0; r < rows; r++) {
    yield { done: r, total: rows, phase: 'grid' };
    const y = minY + (r + 0.5) * cell;
    for (let c = 0; c < cols; c++) {
      const x = minX + (c + 0.5) * cell;
      // A roof above the point means it lies inside a building: not a street-level receiver.
      if (tester.buildingAbove(x, y, topZ + 10) >= 0) continue;
      evaluator.evaluate(x, y, groundM + options.gridHeightM, options.gridHeightM, -1, O2I_NONE, 0, scratch);
      best[r * cols + c] = scratch.bestRsrpDbm;
      ter[r * cols + c] = scratch.ter;
      values.push(scratch.bestRsrpDbm);
      if (scratch.ter > maxTer) maxTer = scratch.ter;
    }
  }
  return {
    grid: { originRd: [minX, minY], cellM: cell, cols, rows, bestRsrpDbm: best, ter, outdoorPoints: values.length },
    summary: { points: values.length, atLeast: shares(values, options.thresholdsDbm), maxTer: round(maxTer, 6) },
  };
}

export function shares(values: readonly number[] | Float32Array, thresholdsDbm: readonly number[]): ThresholdShare[] {
  return thresholdsDbm.map((t) => {
    let count = 0;
    for (const v of values) if (v >= t) count++;
    return { thresholdDbm: t, count, percent: values.length === 0 ? 0 : round((100 * count) / values.length, 1) };
  });
}

function median(values: readonly number[]): number | null {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  return round(finite[Math.floor(finite.length / 2)], 2);
}

function round(v: number, decimals = 2): number {
  const f = 10 ** decimals;
  return Math.round(v * f) / f;
}
