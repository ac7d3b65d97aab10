// 5G scenarios over HTTP (mounted at /api/fiveg): the stateless path-loss calculator, whole-town coverage, the
// siting check and the site optimiser. Pure maths lives in server/scenarios/fiveg/; this file only validates,
// calls and shapes responses.
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { buildingFunction } from '../contracts/model.ts';
import { InvalidParameter } from '../errors.ts';
import { createInProcessQueue } from '../jobs/in-process-job-queue.ts';
import type { JobHandler, JobQueue } from '../jobs/job-queue.ts';
import type { JobContext } from '../jobs/job-runner.ts';
import { acceptJob, mountJobRoutes } from '../jobs/job-routes.ts';
import { loadOmgevingsplan } from '../omgevingsplan/store-omgevingsplan.ts';
import type { Antenna } from '../scenarios/fiveg/antenna.ts';
import { type AntennaCandidate, antennaCandidate, candidateAntennas } from '../scenarios/fiveg/candidate.ts';
import { createCoverageJob } from '../scenarios/fiveg/coverage-job.ts';
import { coverageOptions } from '../scenarios/fiveg/coverage-options.ts';
import { boresightSafetyDistanceM } from '../scenarios/fiveg/emf-safety.ts';
import { EMF_GUIDELINES } from '../scenarios/fiveg/emf.ts';
import { exposurePerBuurt } from '../scenarios/fiveg/exposure-per-buurt.ts';
import { O2I_MODELS, o2iLossDb } from '../scenarios/fiveg/o2i-penetration.ts';
import { ENVIRONMENT_HEIGHT_M, PATH_LOSS_MODELS, PATH_LOSS_VALIDITY, pathLoss } from '../scenarios/fiveg/path-loss.ts';
import { optimiseSites, optimiseSitesAsync, rooftopCandidates } from '../scenarios/fiveg/site-optimiser.ts';
import { DEFAULT_SITING_POLICY, checkSiting } from '../scenarios/fiveg/siting.ts';
import type { TownContext } from '../scenarios/fiveg/town-context.ts';
import type { Store } from '../store/store.ts';
import { parseBody, parseQuery } from './validate.ts';

const [F_MIN, F_MAX] = PATH_LOSS_VALIDITY.fcGHz;

export const pathLossQuery = z
  .object({
    model: z.enum(PATH_LOSS_MODELS),
    los: z.enum(['true', 'false']).transform((v) => v === 'true'),
    fcGHz: z.coerce.number().min(F_MIN, `the 38.901 models are defined for ${F_MIN}–${F_MAX} GHz`).max(F_MAX, `the 38.901 models are defined for ${F_MIN}–${F_MAX} GHz`),
    d2dM: z.coerce.number().min(0, 'a distance cannot be negative').max(100_000),
    // Both heights must clear the 1 m effective environment height, or the breakpoint distance is zero or negative.
    hBsM: z.coerce.number().gt(ENVIRONMENT_HEIGHT_M, `the antenna must be more than ${ENVIRONMENT_HEIGHT_M} m above ground`).max(400),
    hUtM: z.coerce.number().gt(ENVIRONMENT_HEIGHT_M, `the receiver must be more than ${ENVIRONMENT_HEIGHT_M} m above ground`).max(400),
    o2i: z.enum(O2I_MODELS).optional(),
    d2dInM: z.coerce.number().min(0, 'a distance cannot be negative').max(1000).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.d2dInM !== undefined && q.o2i === undefined) ctx.addIssue({ code: 'custom', path: ['d2dInM'], message: 'd2dInM needs o2i=low|high' });
  });

/** The app-wide JSON limit is 16 kB; 20 candidates fit comfortably in it. */
const MAX_CANDIDATES = 20;

export const coverageBody = z
  .object({
    candidates: z.array(antennaCandidate).max(MAX_CANDIDATES).default([]),
    options: coverageOptions.default(coverageOptions.parse({})),
    useStoredAntennas: z.boolean().default(true),
    include: z.object({ addresses: z.boolean().default(true), grid: z.boolean().default(false) }).strict().default({ addresses: true, grid: false }),
  })
  .strict();

const sitingPolicy = z
  .object({
    minDistanceToSensitiveM: z.number().min(0).max(5000).default(DEFAULT_SITING_POLICY.minDistanceToSensitiveM),
    sensitiveFunctions: z.array(buildingFunction).max(6).default(DEFAULT_SITING_POLICY.sensitiveFunctions),
    guideline: z.enum(EMF_GUIDELINES).default(DEFAULT_SITING_POLICY.guideline),
    withReflection: z.boolean().default(DEFAULT_SITING_POLICY.withReflection),
  })
  .strict();

export const sitingBody = z.object({ candidate: antennaCandidate, policy: sitingPolicy.default(sitingPolicy.parse({})) }).strict();

export const optimiseBody = z
  .object({
    k: z.number().int().min(1).max(50),
    candidates: z.array(antennaCandidate).max(MAX_CANDIDATES).default([]),
    /** Also consider rooftop sites on this many of the tallest buildings (generated server-side). */
    rooftopCandidates: z.number().int().min(0).max(1000).default(0),
    thresholdDbm: z.number().min(-160).max(-30).default(-100),
    maxRangeM: z.number().min(50).max(5000).default(800),
    useStoredAntennas: z.boolean().default(true),
    options: coverageOptions.default(coverageOptions.parse({})),
    policy: sitingPolicy.default(sitingPolicy.parse({})),
  })
  .strict();

/** Job kinds of the 5G runs (server/jobs/work-scenario-jobs.ts registers their workers). */
export const FIVEG_COVERAGE_JOB = 'fiveg-coverage';
export const FIVEG_OPTIMISE_JOB = 'fiveg-optimise';

/**
 * The coverage and optimiser runs of one process, with their town and coverage caches (per instance, not per
 * module). The router and a job worker each hold one.
 */
export function createFivegRuns(store: Store) {
  const coverage = createCoverageJob(store);

  /** Coverage for a validated body: cooperative when a job context is given. */
  const coverageResponse = async (body: CoverageBody, candidates: Antenna[], context?: Partial<JobContext>) => {
    const job = await coverage.run(candidates, body.options, body.useStoredAntennas, context);
    const r = job.result;
    return {
      inputHash: job.inputHash,
      cached: job.cached,
      summary: r.summary,
      buurten: r.buurten,
      safety: r.safety,
      exposure: exposurePerBuurt(job.town.addresses, r.addresses.ter, job.town.buurten),
      antennas: job.antennas.map((a) => ({ id: a.id, operator: a.operator, band: a.band, safetyDistanceM: round2(boresightSafetyDistanceM(a, { guideline: body.options.emfGuideline })) })),
      addresses: body.include.addresses
        ? { ids: r.addresses.ids, bestRsrpDbm: compact(r.addresses.bestRsrpDbm, 1), sinrDb: compact(r.addresses.sinrDb, 1), ter: compact(r.addresses.ter, 6), powerDensityWPerM2: compact(r.addresses.powerDensityWPerM2, 6) }
        : null,
      grid: body.include.grid && r.grid ? { originRd: r.grid.originRd, cellM: r.grid.cellM, cols: r.grid.cols, rows: r.grid.rows, bestRsrpDbm: compact(r.grid.bestRsrpDbm, 1) } : null,
      options: r.options,
      note: 'Median RSRP (no shadow fading), 3GPP TR 38.901 UMa, LOS from the LoD1 buildings; indicative, not an operator coverage map.',
    };
  };

  /** Validates an optimise body against the town (k, candidate buildings) and gives the candidate sites. */
  const optimiseCandidates = async (body: OptimiseBody) => {
    const town = await coverage.town();
    const candidates = [...body.candidates, ...rooftopCandidates(town.buildings, body.rooftopCandidates)];
    if (body.k > candidates.length) {
      const message = `k = ${body.k} is more than the ${candidates.length} candidate sites`;
      throw new InvalidParameter(`Invalid body parameter: k: ${message}`, { errors: [{ in: 'body', field: 'k', message }] });
    }
    expandCandidates(body.candidates, town, 'candidates');
    return { town, candidates };
  };

  const optimiseResponse = async (body: OptimiseBody, town: TownContext, candidates: AntennaCandidate[], context?: Partial<JobContext>) => {
    // The existing network's coverage is the baseline; the grid is not needed for it.
    const options = { ...body.options, gridCellM: 0 };
    const baseline = body.useStoredAntennas ? (await coverage.run([], options, true, context)).result.addresses.bestRsrpDbm : null;
    const plan = await loadOmgevingsplan(store);
    const input = {
      buildings: town.buildings,
      addresses: town.addresses,
      scene: town.scene,
      buildingIndex: town.buildingIndex,
      candidates,
      k: body.k,
      thresholdDbm: body.thresholdDbm,
      baselineBestRsrpDbm: baseline,
      plan,
      policy: body.policy,
      options,
      maxRangeM: body.maxRangeM,
    };
    const result = context ? await optimiseSitesAsync(input, context) : optimiseSites(input);
    // The chosen sites in full (position, building, sectors), so a client can add them as candidates and run coverage.
    const byId = new Map(candidates.map((c) => [c.id, c]));
    const sites = result.selected.map((s) => byId.get(s.candidateId)).filter((c): c is AntennaCandidate => c !== undefined);
    return { ...result, sites, k: body.k, candidates: candidates.length, thresholdDbm: body.thresholdDbm, omgevingsplanChecked: plan !== undefined };
  };

  /** Coverage for a body validated against the town (unknown buildings are a 400). */
  const runCoverage = async (body: CoverageBody, context?: Partial<JobContext>) => {
    const town = await coverage.town();
    return coverageResponse(body, expandCandidates(body.candidates, town, 'candidates'), context);
  };

  const runOptimise = async (body: OptimiseBody, context?: Partial<JobContext>) => {
    const { town, candidates } = await optimiseCandidates(body);
    return optimiseResponse(body, town, candidates, context);
  };

  // Job handlers: the worker may be another process, so the input is validated again against its store.
  const handlers: Record<string, JobHandler> = {
    [FIVEG_COVERAGE_JOB]: (input, c) => runCoverage(coverageBody.parse(input), { signal: c.signal, progress: c.reportProgress }),
    [FIVEG_OPTIMISE_JOB]: (input, c) => runOptimise(optimiseBody.parse(input), { signal: c.signal, progress: c.reportProgress }),
  };

  return { coverage, runCoverage, runOptimise, optimiseCandidates, handlers };
}

/** Without a shared queue (a SQLite twin) the runs go in this process, one at a time: they are CPU-bound. */
export function fivegRouter(store: Store, jobs?: JobQueue): Router {
  const router = Router();
  const runs = createFivegRuns(store);
  const queue = jobs ?? createInProcessQueue(runs.handlers);

  router.get('/pathloss', (req, res) => {
    const q = parseQuery(pathLossQuery, req);
    const r = pathLoss(q.model, q.los, q.d2dM, q.hBsM, q.hUtM, q.fcGHz);
    const o2i = q.o2i === undefined ? null : { model: q.o2i, d2dInM: q.d2dInM ?? 0, lossDb: round(o2iLossDb(q.o2i, q.fcGHz, q.d2dInM ?? 0)) };
    res.json({
      model: q.model,
      los: q.los,
      fcGHz: q.fcGHz,
      outdoorPathLossDb: round(r.pathLossDb),
      pathLossDb: round(r.pathLossDb + (o2i?.lossDb ?? 0)),
      losPathLossDb: round(r.losPathLossDb),
      o2i,
      branch: r.branch,
      d3dM: round(r.d3DM),
      breakpointM: round(r.breakpointM),
      withinValidity: r.withinValidity,
      validityNotes: r.validityNotes,
      nominalBsHeight: r.nominalBsHeight,
      note: 'Median path loss (no shadow fading), 3GPP TR 38.901 Table 7.4.1-1 with hE = 1 m.',
    });
  });

  router.post('/coverage', async (req, res) => {
    res.json(await runs.runCoverage(parseBody(coverageBody, req)));
  });

  router.post('/coverage/jobs', async (req, res) => {
    const body = parseBody(coverageBody, req);
    const town = await runs.coverage.town();
    expandCandidates(body.candidates, town, 'candidates');
    await acceptJob(req, res, queue, FIVEG_COVERAGE_JOB, body, jobKey('coverage', town.fingerprint, body));
  });

  router.post('/siting', async (req, res) => {
    const body = parseBody(sitingBody, req);
    const town = await runs.coverage.town();
    const antennas = expandCandidates([body.candidate], town, 'candidate');
    const plan = await loadOmgevingsplan(store);
    const result = checkSiting(body.candidate, antennas, plan, town.buildings, town.addresses, body.policy);
    res.json({ ...result, candidate: body.candidate, policy: body.policy });
  });

  router.post('/optimise', async (req, res) => {
    res.json(await runs.runOptimise(parseBody(optimiseBody, req)));
  });

  router.post('/optimise/jobs', async (req, res) => {
    const body = parseBody(optimiseBody, req);
    const { town } = await runs.optimiseCandidates(body);
    await acceptJob(req, res, queue, FIVEG_OPTIMISE_JOB, body, jobKey('optimise', town.fingerprint, body));
  });

  mountJobRoutes(router, queue, [FIVEG_COVERAGE_JOB, FIVEG_OPTIMISE_JOB]);

  return router;
}

type CoverageBody = z.infer<typeof coverageBody>;
type OptimiseBody = z.infer<typeof optimiseBody>;

/** Same kind, same town, same validated body → same job. */
function jobKey(kind: string, townFingerprint: string, body: unknown): string {
  return createHash('sha256').update(JSON.stringify([kind, townFingerprint, body])).digest('hex');
}

/** Candidate sites → sector antennas; an unknown building is a 400 naming the candidate's field. */
function expandCandidates(candidates: readonly AntennaCandidate[], town: TownContext, field: string): Antenna[] {
  const out: Antenna[] = [];
  candidates.forEach((c, i) => {
    const r = candidateAntennas(c, town.buildings, town.buildingIndex);
    if (!Array.isArray(r)) {
      const path = field === 'candidate' ? `candidate.${r.field}` : `${field}.${i}.${r.field}`;
      throw new InvalidParameter(`Invalid body parameter: ${path}: ${r.message}`, { errors: [{ in: 'body', field: path, message: r.message }] });
    }
    out.push(...r);
  });
  return out;
}


/** Typed array → plain numbers rounded to `decimals`; non-finite (nothing in range, inside a building) → null. */
function compact(values: Float32Array, decimals: number): (number | null)[] {
  const f = 10 ** decimals;
  return Array.from(values, (v) => (Number.isFinite(v) ? Math.round(v * f) / f : null));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** Responses carry 4 decimals: the ns-3 vectors are quoted to 1e-4 dB. */
function round(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
