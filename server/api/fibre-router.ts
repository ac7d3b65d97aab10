// The fibre roll-out planner over HTTP (mounted at /api/fibre): the default unit costs and settings, and a design
// for a POP and a set of buurten with its cost, per-buurt table, phasing and network map. The street network is
// prepared once per municipality; designs are cached by a hash of their full input.
import { createHash } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import { SURFACES } from '../contracts/model.ts';
import { InvalidParameter, Unavailable } from '../errors.ts';
import { createInProcessQueue } from '../jobs/in-process-job-queue.ts';
import type { JobHandler, JobQueue } from '../jobs/job-queue.ts';
import type { JobContext } from '../jobs/job-runner.ts';
import { acceptJob, mountJobRoutes } from '../jobs/job-routes.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../geo/crs.ts';
import { checkPlacement } from '../omgevingsplan/rule-check.ts';
import { loadOmgevingsplan } from '../omgevingsplan/store-omgevingsplan.ts';
import type { CabinetSiteCheck } from '../scenarios/fibre/design-network.ts';
import {
  ARCHITECTURES,
  DEFAULT_DESIGN_SETTINGS,
  DEFAULT_UNIT_COSTS,
  SPLITTER_RATIOS,
  TRENCH_METHODS,
  designSettingsSchema,
  unitCostOverridesSchema,
  withOverrides,
} from '../scenarios/fibre/fibre-defaults.ts';
import { type FibrePlan, type PreparedNetwork, planFibre, planFibreAsync, prepareFibreNetwork } from '../scenarios/fibre/fibre-plan.ts';
import { loadFibreSituation } from '../scenarios/fibre/fibre-situation.ts';
import { PHASING_ORDERS } from '../scenarios/fibre/phasing.ts';
import { cents, cm, planNetworkGeoJson } from '../scenarios/fibre/plan-geojson.ts';
import { parseBody } from './validate.ts';
import type { Store } from '../store/store.ts';

const DISCLAIMER = {
  nl: 'Indicatieve raming met synthetische of aangenomen eenheidsprijzen (DOMAIN.md §5.3, niet geverifieerd); geen offerte of ontwerp voor uitvoering.',
  en: 'Indicative estimate with synthetic or assumed unit costs (DOMAIN.md §5.3, unverified); not a quote or a construction design.',
};

/** Cabinet size used for the omgevingsplan check (a typical GPON street cabinet). */
const CABINET_SIZE = { heightM: 1.6, widthM: 1.2, depthM: 0.5 } as const;
const CACHE_SIZE = 16;
const MAX_DISCONNECTED_LISTED = 500;
/** The store pages by limit; a municipality has far fewer streets or addresses than this. */
const ALL_ROWS = 10_000_000;

const buurtCode = z.string().regex(/^BU[0-9]{8}$/, 'a CBS buurt code looks like BU99990101');
export const designBody = z
  .object({
    pop: z.union([
      z.object({ id: z.string().min(1).max(64) }).strict(),
      z.object({ x: z.number().finite(), y: z.number().finite() }).strict(),
      z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict(),
    ]),
    maxPopDistanceM: z.number().positive().max(2000).optional(),
    buurten: z.array(buurtCode).max(500).optional(),
    includeFibreCovered: z.boolean().optional(),
    unitCosts: unitCostOverridesSchema.optional(),
    settings: designSettingsSchema.partial().optional(),
    takeRate: z.number().min(0).max(1).optional(),
    openAnywayStreetIds: z.array(z.string().min(1).max(64)).max(2000).optional(),
    phasing: z
      .object({
        order: z.enum(PHASING_ORDERS),
        priority: z.array(buurtCode).max(500).optional(),
        yearlyBudgetEur: z.number().positive(),
        startYear: z.number().int().min(2000).max(2100).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
type DesignBody = z.infer<typeof designBody>;

/** The job kind of a design run (server/jobs/work-scenario-jobs.ts registers its worker). */
export const FIBRE_DESIGN_JOB = 'fibre-design';

/**
 * The design runs of one process: the prepared network of the municipality the store holds and recent designs are
 * cached here (per instance, not per module). The router and a job worker each hold one.
 */
export function createFibreDesigner(store: Store) {
  let prepared: { key: string; network: PreparedNetwork } | undefined;
  const designs = new Map<string, unknown>();

  const preparedNetwork = async (): Promise<{ key: string; network: PreparedNetwork }> => {
    const key = JSON.stringify([await store.meta(), await store.counts()]);
    if (prepared?.key !== key) {
      const streets = await store.streets({ limit: ALL_ROWS });
      const addresses = await store.addresses({ limit: ALL_ROWS });
      if (streets.length === 0) throw new Unavailable('No street network has been loaded yet; import a municipality or generate the demo first.');
      prepared = { key, network: prepareFibreNetwork(streets, addresses) };
      designs.clear();
    }
    return prepared;
  };

  /** Validates a design body against the municipality and gives everything the design needs, keyed by its hash. */
  const designInput = async (body: DesignBody) => {
    const [{ key, network }, situation, buurten, plan] = await Promise.all([preparedNetwork(), loadFibreSituation(store), store.buurten(), loadOmgevingsplan(store)]);
    const knownBuurten = new Set(buurten.map((b) => b.code));
    for (const [field, codes] of [['buurten', body.buurten], ['phasing.priority', body.phasing?.priority]] as const) {
      const unknown = (codes ?? []).filter((c) => !knownBuurten.has(c));
      if (unknown.length > 0) throw bodyError(field, `unknown buurt ${unknown.slice(0, 10).join(', ')}`);
    }
    const streetIds = new Set(network.network.streets.map((s) => s.id));
    const unknownStreets = (body.openAnywayStreetIds ?? []).filter((id) => !streetIds.has(id));
    if (unknownStreets.length > 0) throw bodyError('openAnywayStreetIds', `unknown street ${unknownStreets.slice(0, 10).join(', ')}`);

    const popPositionRd = popPosition(body, situation?.popSites ?? []);
    const costs = withOverrides(DEFAULT_UNIT_COSTS, body.unitCosts);
    const settings = designSettingsSchema.parse({ ...DEFAULT_DESIGN_SETTINGS, ...body.settings, ...(body.takeRate !== undefined ? { takeRate: body.takeRate } : {}) });
    const input = { popPositionRd, body, costs, settings };
    const inputHash = createHash('sha256').update(JSON.stringify([key, input, plan?.meta ?? null, situation?.meta ?? null])).digest('hex');
    return { body, key, network, situation, buurten, plan, popPositionRd, costs, settings, inputHash };
  };

  /** The design for prepared input: the cached one, or a new run (cooperative when a job context is given). */
  const designFor = async (prepared: Awaited<ReturnType<typeof designInput>>, context?: Partial<JobContext>) => {
    const { body, network, situation, buurten, plan, popPositionRd, costs, settings, inputHash } = prepared;
    const cached = designs.get(inputHash);
    if (cached) return { ...(cached as object), cached: true };
    const cabinetSite: CabinetSiteCheck | undefined = plan
      ? (position) => {
          const verdict = checkPlacement(plan, { kind: 'street-cabinet', ...CABINET_SIZE, position });
          return { verdict: verdict.verdict, reasons: verdict.reasons.filter((r) => r.verdict !== 'allowed').map((r) => r.text) };
        }
      : undefined;
    const startMs = performance.now();
    const request = {
      popPositionRd,
      maxPopDistanceM: body.maxPopDistanceM,
      targetBuurten: body.buurten,
      includeFibreCovered: body.includeFibreCovered,
      costs,
      settings,
      openAnywayStreetIds: body.openAnywayStreetIds,
      // The clock is read here, at the edge: next year unless the request says otherwise.
      phasing: body.phasing && { ...body.phasing, startYear: body.phasing.startYear ?? new Date().getUTCFullYear() + 1 },
    };
    const result = context ? await planFibreAsync(network, situation, request, cabinetSite, context) : planFibre(network, situation, request, cabinetSite);
    const response = designResponse(result, network, buurten, { costs, settings, inputHash, runtimeMs: performance.now() - startMs, cabinetsChecked: plan !== undefined });
    designs.set(inputHash, response);
    if (designs.size > CACHE_SIZE) designs.delete(designs.keys().next().value!);
    return { ...response, cached: false };
  };

  /** The job handler: the worker may be another process, so the input is validated again against its store. */
  const designJob: JobHandler = async (input, context) =>
    designFor(await designInput(designBody.parse(input)), { signal: context.signal, progress: context.reportProgress });

  return { designInput, designFor, designJob };
}

/** Without a shared queue (a SQLite twin) designs run in this process, one at a time: they are CPU-bound. */
export function fibreRouter(store: Store, jobs?: JobQueue): Router {
  const router = Router();
  const designer = createFibreDesigner(store);
  const queue = jobs ?? createInProcessQueue({ [FIBRE_DESIGN_JOB]: designer.designJob });

  router.get('/defaults', async (_req, res) => {
    const situation = await loadFibreSituation(store);
    res.json({
      unitCosts: DEFAULT_UNIT_COSTS,
      settings: DEFAULT_DESIGN_SETTINGS,
      takeRate: DEFAULT_DESIGN_SETTINGS.takeRate,
      splitterRatios: SPLITTER_RATIOS,
      architectures: ARCHITECTURES,
      trenchMethods: TRENCH_METHODS,
      surfaces: SURFACES,
      phasingOrders: PHASING_ORDERS,
      popSites: (situation?.popSites ?? []).map((p) => ({ ...p, positionLonLat: rdToLonLatDeg(p.positionRd[0], p.positionRd[1]) })),
      disclaimer: DISCLAIMER,
    });
  });

  router.post('/design', async (req, res) => {
    res.json(await designer.designFor(await designer.designInput(parseBody(designBody, req))));
  });

  router.post('/design/jobs', async (req, res) => {
    const body = parseBody(designBody, req);
    const prepared = await designer.designInput(body);
    await acceptJob(req, res, queue, FIBRE_DESIGN_JOB, body, prepared.inputHash);
  });

  mountJobRoutes(router, queue, [FIBRE_DESIGN_JOB]);

  return router;
}

function popPosition(body: DesignBody, sites: readonly { id: string; positionRd: [number, number] }[]): [number, number] {
  const pop = body.pop;
  if ('id' in pop) {
    const site = sites.find((s) => s.id === pop.id);
    if (!site) throw bodyError('pop.id', `unknown POP site ${pop.id}${sites.length ? ` (known: ${sites.map((s) => s.id).join(', ')})` : ''}`);
    return site.positionRd;
  }
  if ('x' in pop) return [pop.x, pop.y];
  return lonLatDegToRd(pop.lon, pop.lat);
}

function designResponse(
  plan: FibrePlan,
  network: PreparedNetwork,
  buurten: { code: string; name: string }[],
  context: { costs: unknown; settings: { takeRate: number; architecture: string }; inputHash: string; runtimeMs: number; cabinetsChecked: boolean },
) {
  const names = new Map(buurten.map((b) => [b.code, b.name]));
  const { boq, cost } = plan;
  const roundedRecord = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, cm(v)]));
  const trenchM = Object.values(boq.trenchMBySurface).reduce((a, b) => a + b, 0) + boq.microTrenchM + boq.drillingM;
  return {
    inputHash: context.inputHash,
    summary: {
      architecture: context.settings.architecture,
      takeRate: context.settings.takeRate,
      homesTargeted: plan.homesTargeted,
      homesPassed: boq.homesPassed,
      homesConnected: boq.homesConnected,
      homesAlreadyFibre: plan.homesAlreadyFibre,
      homesDisconnected: plan.disconnected.length,
      routeM: cm(boq.routeM),
      trenchM: cm(trenchM),
      capexPassedEur: cents(cost.capexPassedEur),
      capexTotalEur: cents(cost.capexTotalEur),
      costPerHomePassedEur: cost.costPerHomePassedEur === null ? null : cents(cost.costPerHomePassedEur),
      costPerHomeConnectedEur: cost.costPerHomeConnectedEur === null ? null : cents(cost.costPerHomeConnectedEur),
      openAnywaySavingEur: cents(cost.openAnywaySavingEur),
      runtimeMs: Math.round(context.runtimeMs),
    },
    trenchMBySurface: roundedRecord(boq.trenchMBySurface),
    billOfQuantities: { ...boq, trenchMBySurface: roundedRecord(boq.trenchMBySurface), microTrenchM: cm(boq.microTrenchM), drillingM: cm(boq.drillingM), existingDuctM: cm(boq.existingDuctM), openAnywayM: cm(boq.openAnywayM), roadCrossings: cm(boq.roadCrossings), routeM: cm(boq.routeM), fibreM: cm(boq.fibreM) },
    costs: roundedEuros(cost),
    unitCosts: context.costs,
    settings: context.settings,
    buurten: plan.buurten.map((b) => ({
      ...b,
      name: names.get(b.code) ?? null,
      capexPassedEur: cents(b.capexPassedEur),
      capexTotalEur: cents(b.capexTotalEur),
      costPerHomePassedEur: b.costPerHomePassedEur === null ? null : cents(b.costPerHomePassedEur),
      costPerHomeConnectedEur: b.costPerHomeConnectedEur === null ? null : cents(b.costPerHomeConnectedEur),
    })),
    phases: plan.phases.map((p) => ({ ...p, costEur: cents(p.costEur) })),
    pop: { ...plan.pop, onStreetLonLat: rdToLonLatDeg(plan.pop.onStreetRd[0], plan.pop.onStreetRd[1]) },
    cabinets: { count: plan.design.cabinets.length, checkedAgainstOmgevingsplan: context.cabinetsChecked, notAllowed: plan.design.cabinets.filter((c) => c.verdict === 'not-allowed').length },
    network: planNetworkGeoJson(plan),
    disconnected: { count: plan.disconnected.length, listed: plan.disconnected.slice(0, MAX_DISCONNECTED_LISTED) },
    topology: network.topology,
    steiner: { ...plan.design.steiner, weightEur: cents(plan.design.steiner.weightEur), runtimeMs: Math.round(plan.design.steiner.runtimeMs) },
    disclaimer: DISCLAIMER,
  };
}

function roundedEuros<T extends object>(value: T): Record<string, number | null> {
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'number' ? cents(v) : null]));
}

function bodyError(field: string, message: string): InvalidParameter {
  return new InvalidParameter(`Invalid body parameter: ${field}: ${message}`, { errors: [{ in: 'body', field, message }] });
}

