// 5G engine benchmarks on the full Demostad (seed 1, scale 1): LOS ray throughput against a bare three-mesh-bvh
// loop over the same rays and BVH, whole-town coverage time, and the site optimiser (k = 10 from 500 candidates).
import { DoubleSide, Ray } from 'three';
import type { Municipality } from '../../server/contracts/model.ts';
import { generateDemoAntennas } from '../../server/demo/antennas/generate-antennas.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { generateDemoOmgevingsplan } from '../../server/demo/omgevingsplan/generate-omgevingsplan.ts';
import type { Antenna } from '../../server/scenarios/fiveg/antenna.ts';
import { type BuildingScene, buildBuildingScene } from '../../server/scenarios/fiveg/building-scene.ts';
import { coverageOptions } from '../../server/scenarios/fiveg/coverage-options.ts';
import { runCoverage } from '../../server/scenarios/fiveg/coverage.ts';
import { createLineOfSightTester } from '../../server/scenarios/fiveg/line-of-sight.ts';
import { buildLinkTable } from '../../server/scenarios/fiveg/link-table.ts';
import { optimiseSites, rooftopCandidates } from '../../server/scenarios/fiveg/site-optimiser.ts';
import { type BenchOutcome, type Benchmark, medianMs } from './harness.ts';

/**
 * Milliseconds of a(from, to) and b(from, to) over index range [0, count), interleaved chunk by chunk (alternating
 * which runs first) so that the load of a shared machine hits both alike; median of `rounds` totals after one warm-up.
 */
function interleavedMs(a: (from: number, to: number) => void, b: (from: number, to: number) => void, count: number, rounds: number, chunks = 50): [number, number] {
  a(0, count);
  b(0, count);
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sa = 0;
    let sb = 0;
    for (let c = 0; c < chunks; c++) {
      const from = Math.floor((c * count) / chunks);
      const to = Math.floor(((c + 1) * count) / chunks);
      // Alternate which goes first, so neither always finds the chunk's BVH nodes warm in the cache.
      const order = c % 2 === 0 ? [a, b] : [b, a];
      for (const fn of order) {
        const t = performance.now();
        fn(from, to);
        if (fn === a) sa += performance.now() - t;
        else sb += performance.now() - t;
      }
    }
    ta.push(sa);
    tb.push(sb);
  }
  const median = (v: number[]) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
  return [median(ta), median(tb)];
}

interface Demo {
  town: Municipality;
  antennas: Antenna[];
  scene: BuildingScene;
}

/** Generating Demostad takes ~6 s; the three benchmarks share one copy. */
function lazyDemo(): () => Demo {
  let demo: Demo | undefined;
  return () => {
    if (!demo) {
      const town = generateDemostad({ seed: 1, scale: 1 });
      demo = { town, antennas: generateDemoAntennas(town, 1), scene: buildBuildingScene(town.buildings) };
    }
    return demo;
  };
}
const demo = lazyDemo();

/** The coverage run's address links: every address to every demo site within 1500 m, as flat endpoint arrays. */
function addressRays(d: Demo): { from: Float64Array; to: Float64Array; own: Int32Array; count: number } {
  const table = buildLinkTable(d.antennas, ['n78', 'n28', 'n3'], 7, 'icnirp1998');
  const index = new Map(d.town.buildings.map((b, i) => [b.id, i]));
  const from: number[] = [];
  const to: number[] = [];
  const own: number[] = [];
  for (const a of d.town.addresses) {
    const bi = index.get(a.buildingId) ?? -1;
    const z = (bi >= 0 ? d.town.buildings[bi].groundM : 0) + 1.5;
    for (let s = 0; s < table.siteX.length; s++) {
      if (Math.hypot(a.position[0] - table.siteX[s], a.position[1] - table.siteY[s]) > 1500) continue;
      from.push(table.siteX[s], table.siteY[s], table.siteZ[s]);
      to.push(a.position[0], a.position[1], z);
      own.push(bi);
    }
  }
  return { from: Float64Array.from(from), to: Float64Array.from(to), own: Int32Array.from(own), count: own.length };
}

const losBench: Benchmark = {
  name: 'los',
  async run(): Promise<BenchOutcome[]> {
    const d = demo();
    const rays = addressRays(d);
    const tester = createLineOfSightTester(d.scene);
    // The bare loop first (so JIT warm-up favours it, if anything): the same segments, same BVH, raycastFirst with a far limit, nothing else.
    const ray = new Ray();
    const [ox, oy] = d.scene.originRd;
    const bvh = d.scene.bvh;
    let hitsBare = 0;
    const bareLoop = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const f = i * 3;
        const dx = rays.to[f] - rays.from[f];
        const dy = rays.to[f + 1] - rays.from[f + 1];
        const dz = rays.to[f + 2] - rays.from[f + 2];
        const len = Math.sqrt(dx * dx + dy * dy + dz * dz);
        ray.origin.set(rays.from[f] - ox, rays.from[f + 1] - oy, rays.from[f + 2]);
        ray.direction.set(dx / len, dy / len, dz / len);
        if (bvh.raycastFirst(ray, DoubleSide, 0, len - 0.05) !== null) hitsBare++;
      }
    };
    let clearOurs = 0;
    const oursLoop = (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const f = i * 3;
        if (tester.isClear(rays.from[f], rays.from[f + 1], rays.from[f + 2], rays.to[f], rays.to[f + 1], rays.to[f + 2], rays.own[i])) clearOurs++;
      }
    };
    const [bare, ours] = interleavedMs(bareLoop, oursLoop, rays.count, 3);
    // Counts from one final full pass each (the timed passes ran over chunks).
    hitsBare = 0;
    clearOurs = 0;
    bareLoop(0, rays.count);
    oursLoop(0, rays.count);
    const value = rays.count / (ours / 1000);
    const baseline = rays.count / (bare / 1000);
    const ratio = value / baseline;
    return [
      {
        name: 'los',
        value,
        unit: 'rays/s',
        baseline,
        ratio,
        target: 'ratio ≥ 0.8',
        pass: ratio >= 0.8,
        ratioMeaning: 'our LOS rays/s ÷ bare three-mesh-bvh raycastFirst rays/s (same rays, same BVH)',
        notes: `${rays.count} address–site rays on Demostad (${d.scene.triangleCount} triangles); bare: ${hitsBare} rays hit something (addresses lie inside their building); ours: ${clearOurs} clear, because a first hit on the receiver's own building counts as reaching its façade`,
      },
    ];
  },
};

const coverageBench: Benchmark = {
  name: 'coverage',
  async run(): Promise<BenchOutcome[]> {
    const d = demo();
    const options = coverageOptions.parse({});
    let summary = '';
    const ms = await medianMs(() => {
      // Scene included: a run on a freshly loaded town pays for the BVH too.
      const scene = buildBuildingScene(d.town.buildings);
      const r = runCoverage({ buildings: d.town.buildings, addresses: d.town.addresses, buurten: d.town.buurten, antennas: d.antennas, scene, options });
      summary = `${r.summary.addresses.total} addresses + ${r.summary.grid?.points ?? 0} grid points (10 m), ${r.summary.antennas} sectors on ${r.summary.sites} sites, ${r.summary.rays} rays; addresses ≥ −100 dBm: ${r.summary.addresses.atLeast.find((s) => s.thresholdDbm === -100)?.percent} %`;
    }, 3, 0);
    const seconds = ms / 1000;
    return [{ name: 'coverage', value: seconds, unit: 's', baseline: null, ratio: null, target: 'value < 10 s', pass: seconds < 10, notes: summary }];
  },
};

const optimiserBench: Benchmark = {
  name: 'optimiser',
  async run(): Promise<BenchOutcome[]> {
    const d = demo();
    const plan = generateDemoOmgevingsplan(d.town, 1);
    const options = coverageOptions.parse({ gridCellM: 0 });
    const baseline = runCoverage({ buildings: d.town.buildings, addresses: d.town.addresses, buurten: d.town.buurten, antennas: d.antennas, scene: d.scene, options });
    const candidates = rooftopCandidates(d.town.buildings, 500);
    const buildingIndex = new Map(d.town.buildings.map((b, i) => [b.id, i]));
    let notes = '';
    const ms = await medianMs(() => {
      const r = optimiseSites({ buildings: d.town.buildings, addresses: d.town.addresses, scene: d.scene, buildingIndex, candidates, k: 10, thresholdDbm: -90, baselineBestRsrpDbm: baseline.addresses.bestRsrpDbm, plan, options });
      notes = `500 rooftop candidates (${r.feasibleCandidates} feasible after siting/EMF), k = 10, threshold −90 dBm: ${r.percentBefore} % → ${r.percentAfter} % of addresses, ${r.swaps.length} swap(s)`;
    }, 1, 0);
    const seconds = ms / 1000;
    return [{ name: 'optimiser', value: seconds, unit: 's', baseline: null, ratio: null, target: 'value < 30 s', pass: seconds < 30, notes }];
  },
};

export const benchmarks: Benchmark[] = [losBench, coverageBench, optimiserBench];
