// Thin job wrapper around runCoverage: loads the town once per store state, merges stored and candidate antennas,
// and caches results by a hash of everything that goes in. The caches live in the returned object (one per
// router), not in module state.
import { createHash } from 'node:crypto';
import type { JobContext } from '../../jobs/job-runner.ts';
import type { Store } from '../../store/store.ts';
import type { Antenna } from './antenna.ts';
import { type CoverageOptions } from './coverage-options.ts';
import { type CoverageResult, runCoverage, runCoverageAsync } from './coverage.ts';
import { type TownContext, loadTownContext, storeFingerprint } from './town-context.ts';

const RESULT_CACHE_SIZE = 8;

export interface CoverageJobResult {
  result: CoverageResult;
  inputHash: string;
  cached: boolean;
  antennas: Antenna[];
  town: TownContext;
}

export interface CoverageJob {
  town(): Promise<TownContext>;
  /** With a job context the run is cooperative (yields, reports progress, stops on abort); without it, one block. */
  run(candidates: readonly Antenna[], options: CoverageOptions, useStoredAntennas?: boolean, context?: Partial<JobContext>): Promise<CoverageJobResult>;
}

export function createCoverageJob(store: Store): CoverageJob {
  let townPromise: Promise<TownContext> | undefined;
  let townFingerprint = '';
  const results = new Map<string, CoverageResult>();

  const town = async (): Promise<TownContext> => {
    const fp = await storeFingerprint(store);
    if (!townPromise || fp !== townFingerprint) {
      townFingerprint = fp;
      townPromise = loadTownContext(store);
      results.clear();
      // A failed load must not stick: the next call tries again.
      townPromise.catch(() => {
        townPromise = undefined;
      });
    }
    return townPromise;
  };

  return {
    town,
    async run(candidates, options, useStoredAntennas = true, context) {
      const t = await town();
      const ids = new Set<string>();
      const antennas = [...(useStoredAntennas ? t.storedAntennas : []), ...candidates].filter((a) => !ids.has(a.id) && ids.add(a.id));
      const inputHash = createHash('sha256').update(JSON.stringify({ town: t.fingerprint, antennas, options })).digest('hex');
      const hit = results.get(inputHash);
      if (hit) {
        // Refresh recency: Map keeps insertion order, so delete-and-set moves it to the back.
        results.delete(inputHash);
        results.set(inputHash, hit);
        return { result: hit, inputHash, cached: true, antennas, town: t };
      }
      const input = { buildings: t.buildings, addresses: t.addresses, buurten: t.buurten, antennas, scene: t.scene, options };
      const result = context ? await runCoverageAsync(input, context) : runCoverage(input);
      results.set(inputHash, result);
      while (results.size > RESULT_CACHE_SIZE) results.delete(results.keys().next().value!);
      return { result, inputHash, cached: false, antennas, town: t };
    },
  };
}
