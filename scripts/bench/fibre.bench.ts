// Fibre planner benchmarks. fibre-design: a full design (POP placement, priced graph, Steiner route, GPON clustering,
// costs, per-buurt table, phasing) on a synthetic 50,000-address town, against one multi-source Dijkstra on the same
// graph. steiner-gap: the solver's worst gap on the PACE 2018 fixtures against their known optima.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Address, Street } from '../../server/contracts/model.ts';
import { generateDemoFibre } from '../../server/demo/fibre/generate-fibre.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { multiSourceShortestPaths } from '../../server/scenarios/fibre/dijkstra.ts';
import { DEFAULT_DESIGN_SETTINGS, DEFAULT_UNIT_COSTS } from '../../server/scenarios/fibre/fibre-defaults.ts';
import { type FibrePlan, type FibrePlanRequest, type PreparedNetwork, locatePop, planFibre, prepareFibreNetwork } from '../../server/scenarios/fibre/fibre-plan.ts';
import { parsePaceGr } from '../../server/scenarios/fibre/pace-gr.ts';
import { createSeededRandom } from '../../server/scenarios/fibre/seeded-random.ts';
import { solveSteinerTree } from '../../server/scenarios/fibre/steiner.ts';
import { buildCostedGraph, priceEdges } from '../../server/scenarios/fibre/trench-cost-graph.ts';
import { type BenchOutcome, type Benchmark, medianMs } from './harness.ts';

const TARGET_ADDRESSES = 50_000;
const fixtureDir = path.resolve(import.meta.dirname, '../../../shared/fixtures/steiner');

/**
 * A grid town: blocks of 100 m, street crossings jittered by up to 3 m, one street in eight a main road (asphalt),
 * 2 % of side-street ends stopping 0.3 m short (for the topology repair), 8 % of grid streets missing (dead ends),
 * houses 8 m apart on both sides, 12 m from the centre line; buurten of 5 × 5 blocks.
 */
export function createGridTown(addressCount: number, seed: number): { streets: Street[]; addresses: Address[] } {
  const random = createSeededRandom(seed);
  const blockM = 100;
  const housesPerSide = 11;
  // Grid streets ≈ 2n², of which 7/8 are side streets with houses and 92 % are present.
  const n = Math.ceil(Math.sqrt(addressCount / (2 * housesPerSide) / (2 * 0.92 * (7 / 8)))) + 1;
  const x0 = 150000;
  const y0 = 440000;
  const jitter = () => (random() - 0.5) * 6;
  const node: [number, number][][] = [];
  for (let i = 0; i <= n; i++) {
    node.push([]);
    for (let j = 0; j <= n; j++) node[i].push([x0 + i * blockM + jitter(), y0 + j * blockM + jitter()]);
  }
  const streets: Street[] = [];
  const addresses: Address[] = [];
  const addStreet = (a: [number, number], b: [number, number], isMain: boolean, buurtCode: string) => {
    if (!isMain && random() < 0.08) return;
    const end: [number, number] = !isMain && random() < 0.02 ? [b[0] + 0.3, b[1] + 0.2] : b;
    const surface = isMain ? 'asfalt' : random() < 0.05 ? 'onverhard' : random() < 0.3 ? 'tegels' : 'klinkers';
    const id = `s${streets.length + 1}`;
    streets.push({ id, line: [a, end], name: id, class: isMain ? 'hoofdweg' : 'woonstraat', surface });
    if (isMain) return;
    const dx = end[0] - a[0];
    const dy = end[1] - a[1];
    const len = Math.hypot(dx, dy);
    for (let k = 1; k <= housesPerSide && addresses.length < addressCount; k++) {
      for (const side of [-1, 1]) {
        const t = k / (housesPerSide + 1);
        const position: [number, number] = [a[0] + t * dx + (side * 12 * -dy) / len, a[1] + t * dy + (side * 12 * dx) / len];
        const no = addresses.length + 1;
        addresses.push({ id: `A${no}`, position, postcode: '9999AA', houseNumber: no, houseLetter: null, street: id, buildingId: `B${no}`, buurtCode });
      }
    }
  };
  const buurtOf = (i: number, j: number) => `BU9999${String(Math.floor(i / 5)).padStart(2, '0')}${String(Math.floor(j / 5)).padStart(2, '0')}`;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      if (i < n) addStreet(node[i][j], node[i + 1][j], j % 8 === 0, buurtOf(i, j));
      if (j < n) addStreet(node[i][j], node[i][j + 1], i % 8 === 0, buurtOf(i, j));
    }
  }
  return { streets, addresses };
}

function requestAt(popPositionRd: [number, number]): FibrePlanRequest {
  return { popPositionRd, costs: DEFAULT_UNIT_COSTS, settings: DEFAULT_DESIGN_SETTINGS, phasing: { order: 'cost-per-home', yearlyBudgetEur: 10_000_000, startYear: 2027 } };
}

/** One multi-source Dijkstra from every terminal (POP and access nodes) over the same priced graph the design uses. */
function baselineDijkstraMs(prepared: PreparedNetwork, request: FibrePlanRequest): Promise<number> {
  const pop = locatePop(prepared, request.popPositionRd, 250);
  const prices = priceEdges(prepared.network, { costs: request.costs, settings: request.settings, existingDuctStreetIds: new Set(), openAnywayStreetIds: new Set() });
  const costed = buildCostedGraph(prepared.network, prices, request.costs, pop.site);
  const sources = [costed.popNode, ...new Set([...prepared.accessNode].filter((x) => x >= 0))];
  return medianMs(() => multiSourceShortestPaths(costed.graph, sources), 5, 1);
}

const summarise = (plan: FibrePlan) => {
  const s = plan.boq.trenchMBySurface;
  const m = (v: number) => Math.round(v).toLocaleString('en');
  return `trench m asfalt ${m(s.asfalt)}, klinkers ${m(s.klinkers)}, tegels ${m(s.tegels)}, onverhard ${m(s.onverhard)}, existing duct ${m(plan.boq.existingDuctM)}; HP ${plan.boq.homesPassed}, HC ${plan.boq.homesConnected}; capex passed €${m(plan.cost.capexPassedEur)}, total €${m(plan.cost.capexTotalEur)}; €/HP ${plan.cost.costPerHomePassedEur?.toFixed(2)}, €/HC ${plan.cost.costPerHomeConnectedEur?.toFixed(2)}; ${plan.design.cabinets.length} cabinets, ${plan.boq.splitters} splitters`;
};

const fibreDesign: Benchmark = {
  name: 'fibre-design',
  async run(): Promise<BenchOutcome[]> {
    const town = createGridTown(TARGET_ADDRESSES, 6);
    let t = performance.now();
    const prepared = prepareFibreNetwork(town.streets, town.addresses);
    const prepareMs = performance.now() - t;
    const centre: [number, number] = [town.streets.reduce((s, x) => s + x.line[0][0], 0) / town.streets.length, town.streets.reduce((s, x) => s + x.line[0][1], 0) / town.streets.length];
    const request = requestAt(centre);
    let plan: FibrePlan | undefined;
    const designMs = await medianMs(() => {
      plan = planFibre(prepared, undefined, request);
    }, 3, 1);
    const baselineMs = await baselineDijkstraMs(prepared, request);

    const demostad = generateDemostad({ seed: 1, scale: 1 });
    const situation = generateDemoFibre(demostad, 1);
    t = performance.now();
    const demoPrepared = prepareFibreNetwork(demostad.streets, demostad.addresses);
    const demoPrepareMs = performance.now() - t;
    t = performance.now();
    const demoPlan = planFibre(demoPrepared, situation, requestAt(situation.popSites[0].positionRd));
    const demoDesignMs = performance.now() - t;

    const value = designMs / 1000;
    const baseline = baselineMs / 1000;
    const ratio = value / baseline;
    return [
      {
        name: 'fibre-design',
        value,
        unit: 's',
        baseline,
        ratio,
        target: 'value < 5 s and ratio ≤ 5',
        pass: value < 5 && ratio <= 5,
        ratioMeaning: 'design time ÷ one multi-source Dijkstra (all terminals as sources) on the same priced graph',
        notes: [
          `Synthetic grid town: ${town.addresses.length} addresses, ${town.streets.length} streets; network prepared once (topology repair + address drops) in ${(prepareMs / 1000).toFixed(2)} s, not in value; ${plan!.design.steiner.terminals} terminals, Steiner method ${plan!.design.steiner.method} in ${(plan!.design.steiner.runtimeMs / 1000).toFixed(2)} s; ${summarise(plan!)}.`,
          `Demostad (seed 1, all buurten, POP ${situation.popSites[0].id}, addresses with fibre left out: ${demoPlan.homesAlreadyFibre}): prepare ${(demoPrepareMs / 1000).toFixed(2)} s, design ${(demoDesignMs / 1000).toFixed(2)} s; ${summarise(demoPlan)}.`,
        ].join(' '),
      },
    ];
  },
};

const steinerGap: Benchmark = {
  name: 'steiner-gap',
  async run(): Promise<BenchOutcome[]> {
    const optima = new Map(
      readFileSync(path.join(fixtureDir, 'optima.csv'), 'utf8')
        .trim()
        .split(/\r?\n/)
        .slice(1)
        .map((row) => row.split(','))
        .map(([file, optimum]) => [file.trim(), Number(optimum)] as const),
    );
    const rows: string[] = [];
    let worst = 0;
    let worstFile = '';
    const t = performance.now();
    for (const file of readdirSync(fixtureDir).filter((f) => f.endsWith('.gr')).sort()) {
      const { graph, terminals } = parsePaceGr(readFileSync(path.join(fixtureDir, file), 'utf8'));
      // The conformance test's budget: a fixed number of starts, so the result does not depend on the machine.
      const tree = solveSteinerTree(graph, terminals, { maxStarts: 16, timeLimitMs: 60_000 });
      const gap = (tree.weight / optima.get(file)! - 1) * 100;
      rows.push(`${file} ${gap.toFixed(2)} %`);
      if (gap > worst || worstFile === '') {
        worst = gap;
        worstFile = file;
      }
    }
    return [
      {
        name: 'steiner-gap',
        value: worst,
        unit: '%',
        baseline: null,
        ratio: null,
        target: 'value ≤ 3 %',
        pass: worst <= 3,
        notes: `worst ${worstFile}; ${rows.join(', ')}; ${((performance.now() - t) / 1000).toFixed(1)} s for ${rows.length} instances (maxStarts 16)`,
      },
    ];
  },
};

export const benchmarks: Benchmark[] = [fibreDesign, steinerGap];
