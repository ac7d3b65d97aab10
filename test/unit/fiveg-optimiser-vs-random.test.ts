// The site optimiser against the obvious baseline: on a small generated town (greenfield, rooftop candidates), its
// k sites cover at least as many addresses as the best of 20 seeded random choices of k from the same allowed
// candidates. Every selection is scored by an independent whole-town coverage run (runCoverage, best server ≥
// threshold), which also checks that the optimiser's own count is what the coverage engine gives.
import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import type { Antenna } from '../../server/scenarios/fiveg/antenna.ts';
import { buildBuildingScene } from '../../server/scenarios/fiveg/building-scene.ts';
import { type AntennaCandidate, candidateAntennas } from '../../server/scenarios/fiveg/candidate.ts';
import { coverageOptions } from '../../server/scenarios/fiveg/coverage-options.ts';
import { runCoverage } from '../../server/scenarios/fiveg/coverage.ts';
import { optimiseSites, rooftopCandidates } from '../../server/scenarios/fiveg/site-optimiser.ts';
import { createSeededRandom } from '../../server/scenarios/fibre/seeded-random.ts';

const K = 3;
const THRESHOLD_DBM = -100;
const MAX_RANGE_M = 800;
const RANDOM_TRIALS = 20;

function pickDistinct<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, k);
}

describe('site optimiser vs random choice', () => {
  it('covers at least as many addresses as the best of 20 random choices of 3 allowed rooftop sites', () => {
    const town: Municipality = generateDemostad({ seed: 3, scale: 0.2 });
    const scene = buildBuildingScene(town.buildings);
    const buildingIndex = new Map(town.buildings.map((b, i) => [b.id, i]));
    // Same range in the optimiser's coverage sets and in the scoring run, so the two count the same links.
    const options = coverageOptions.parse({ gridCellM: 0, maxRangeM: MAX_RANGE_M });
    const candidates = rooftopCandidates(town.buildings, 40);

    const result = optimiseSites({ buildings: town.buildings, addresses: town.addresses, scene, buildingIndex, candidates, k: K, thresholdDbm: THRESHOLD_DBM, baselineBestRsrpDbm: null, options, maxRangeM: MAX_RANGE_M });
    const infeasible = new Set(result.infeasible.map((c) => c.candidateId));
    const allowed = candidates.filter((c) => !infeasible.has(c.id));
    expect(allowed.length).toBe(result.feasibleCandidates);
    expect(allowed.length).toBeGreaterThan(2 * K);

    const covered = (sites: readonly AntennaCandidate[]): number => {
      const antennas: Antenna[] = sites.flatMap((c) => {
        const a = candidateAntennas(c, town.buildings, buildingIndex);
        if (!Array.isArray(a)) throw new Error(`candidate ${c.id}: ${a.field}: ${a.message}`);
        return a;
      });
      const run = runCoverage({ buildings: town.buildings, addresses: town.addresses, buurten: town.buurten, antennas, scene, options });
      let count = 0;
      for (const v of run.addresses.bestRsrpDbm) if (v >= THRESHOLD_DBM) count++;
      return count;
    };

    const byId = new Map(candidates.map((c) => [c.id, c]));
    const chosen = result.selected.map((s) => byId.get(s.candidateId) as AntennaCandidate);
    expect(chosen).toHaveLength(K);
    const optimised = covered(chosen);
    // The optimiser's union of per-site coverage sets is what a full coverage run of its sites gives.
    expect(optimised).toBe(result.coveredAfter);

    const random = createSeededRandom(20261130);
    const randomCounts = Array.from({ length: RANDOM_TRIALS }, () => covered(pickDistinct(allowed, K, random)));
    const best = Math.max(...randomCounts);
    const mean = randomCounts.reduce((s, c) => s + c, 0) / randomCounts.length;
    console.info(`optimiser ${optimised} of ${town.addresses.length} addresses; random (${RANDOM_TRIALS}×${K} of ${allowed.length} allowed): best ${best}, mean ${mean.toFixed(1)}`);

    expect(optimised).toBeGreaterThanOrEqual(best);
    expect(optimised).toBeGreaterThan(mean);
  }, 30_000);
});
