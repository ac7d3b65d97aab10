// The 5G scenario's results beside the state: the last two coverage runs, a siting verdict per candidate (cached by
// the candidate's settings, so editing one re-checks only that one), and the building colours derived from the
// addresses' best RSRP. Listeners (panel, map layers) are told after every change.
import { checkSiting, fetchAddressBuildings, runCoverage, type CoverageResponse, type SitingResponse } from '../api/fiveg-api.ts';
import { lonLatDegToRd } from '../geo/rd.ts';
import { fivegCandidatesOf, type AppState, type StateStore } from '../state/app-state.ts';
import { bestRsrpPerBuilding, buildingCoverageColours } from './coverage-summary.ts';
import type { JobProgress } from '../api/scenario-job.ts';
import { buildingExposureColours, maxTerPerBuilding } from './exposure-classes.ts';
import { candidateKey, candidatePayload, type FivegCandidate } from './fiveg-candidate.ts';

export type RunStatus = 'idle' | 'running' | 'failed' | 'done' | 'cancelled';
export type SitingEntry = { status: 'checking' } | { status: 'failed' } | { status: 'done'; result: SitingResponse };

export interface FivegSession {
  readonly status: RunStatus;
  readonly coverage: CoverageResponse | undefined;
  /** The run before the current one, for the change column. */
  readonly previous: CoverageResponse | undefined;
  /** How many runs finished (lets tests and the panel tell a new result from an old one). */
  readonly runs: number;
  /** Building id → CSS colour (RSRP class or exposure class, see colourBy); undefined until a run and the addresses are in. */
  readonly buildingColours: ReadonlyMap<string, string> | undefined;
  /** What the buildings show after a run: the best signal of their addresses, or the highest EMF exposure. */
  readonly colourBy: BuildingColouring;
  setColourBy(mode: BuildingColouring): void;
  /** The running job's progress; undefined until the server first reports. */
  readonly progress: JobProgress | undefined;
  siting(candidate: FivegCandidate): SitingEntry | undefined;
  /** Stops the running coverage job (on the server too); the last result stays. */
  cancel(): void;
  run(useStoredAntennas: boolean, gridCellM: number): Promise<void>;
  subscribe(listener: () => void): () => void;
}

export const BUILDING_COLOURINGS = ['signal', 'exposure'] as const;
export type BuildingColouring = (typeof BUILDING_COLOURINGS)[number];

export function createFivegSession(store: StateStore): FivegSession {
  const listeners = new Set<() => void>();
  const sitings = new Map<string, SitingEntry>();
  let status: RunStatus = 'idle';
  let coverage: CoverageResponse | undefined;
  let previous: CoverageResponse | undefined;
  let runs = 0;
  let signalColours: Map<string, string> | undefined;
  let exposureColours: Map<string, string> | undefined;
  let colourBy: BuildingColouring = 'signal';
  let addressBuildings: Promise<Map<string, string>> | undefined;
  let controller: AbortController | undefined;
  let progress: JobProgress | undefined;

  const notify = () => {
    for (const listener of listeners) listener();
  };

  const payloads = (state: AppState) => fivegCandidatesOf(state).map((c, i) => candidatePayload(c, i, lonLatDegToRd));

  const checkNewCandidates = (state: AppState) => {
    for (const candidate of fivegCandidatesOf(state)) {
      const key = candidateKey(candidate);
      if (sitings.has(key)) continue;
      sitings.set(key, { status: 'checking' });
      checkSiting(candidatePayload(candidate, 0, lonLatDegToRd)).then(
        (result) => sitings.set(key, { status: 'done', result }),
        () => sitings.set(key, { status: 'failed' }),
      ).finally(notify);
    }
  };

  const colourBuildings = async (result: CoverageResponse) => {
    if (!result.addresses) return;
    // The address → building table is large (every address) and never changes: loaded once, on the first run.
    addressBuildings ??= fetchAddressBuildings().catch((error: unknown) => {
      addressBuildings = undefined;
      throw error;
    });
    try {
      const map = await addressBuildings;
      if (result !== coverage) return;
      signalColours = buildingCoverageColours(bestRsrpPerBuilding(result.addresses.ids, result.addresses.bestRsrpDbm, map), result.options?.thresholdsDbm);
      exposureColours = result.addresses.ter ? buildingExposureColours(maxTerPerBuilding(result.addresses.ids, result.addresses.ter, map)) : undefined;
      notify();
    } catch (error) {
      console.warn('Addresses could not be loaded for the building colours', error);
    }
  };

  store.subscribe((state) => checkNewCandidates(state));

  return {
    get status() {
      return status;
    },
    get coverage() {
      return coverage;
    },
    get previous() {
      return previous;
    },
    get runs() {
      return runs;
    },
    get buildingColours() {
      return colourBy === 'exposure' ? exposureColours : signalColours;
    },
    get colourBy() {
      return colourBy;
    },
    setColourBy(mode) {
      if (mode === colourBy) return;
      colourBy = mode;
      notify();
    },
    get progress() {
      return progress;
    },
    cancel() {
      if (status !== 'running') return;
      controller?.abort();
      controller = undefined;
      progress = undefined;
      status = 'cancelled';
      notify();
    },
    siting: (candidate) => sitings.get(candidateKey(candidate)),
    async run(useStoredAntennas, gridCellM) {
      controller?.abort();
      const mine = new AbortController();
      controller = mine;
      status = 'running';
      progress = undefined;
      notify();
      try {
        const onProgress = (p: JobProgress) => {
          if (mine.signal.aborted) return;
          progress = p;
          notify();
        };
        const result = await runCoverage({ candidates: payloads(store.state), useStoredAntennas, gridCellM }, mine.signal, onProgress);
        if (mine.signal.aborted) return;
        progress = undefined;
        if (coverage) previous = coverage;
        coverage = result;
        runs++;
        status = 'done';
        notify();
        void colourBuildings(result);
      } catch (error) {
        if (mine.signal.aborted || (error as Error)?.name === 'AbortError') return;
        console.warn('Coverage run failed', error);
        progress = undefined;
        status = 'failed';
        notify();
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
