// /api/scenarios: the planners' scenario workspace over HTTP. Validation at the edge, then scenario-store.ts (data
// and versions) and scenario-indicators.ts (the engines); citizens see published scenarios only.
import { type Request, Router } from 'express';
import { z } from 'zod';
import { type Comparison, idSchema, scenarioInputSchema, scenarioUpdateSchema } from '../../contracts/workspace.ts';
import { NotFound } from '../../errors.ts';
import { parseBody, parseQuery } from '../../api/validate.ts';
import type { Store } from '../../store/store.ts';
import { actorOf, requireRole } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
import { auditDenied } from '../audit-denied.ts';
import { compareIndicators } from './compare-indicators.ts';
import { createIndicatorEngine } from './scenario-indicators.ts';
import {
  createScenario,
  deleteScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  listVersions,
  restoreVersion,
  setPublished,
  storeIndicators,
  updateScenario,
} from './scenario-store.ts';

export const CURRENT_SITUATION = 'current';

export const compareQuery = z.strictObject({ a: idSchema, b: z.union([idSchema, z.literal(CURRENT_SITUATION)]) });
export const restoreBody = z.strictObject({ version: z.number().int().min(1) });
export const scenarioIdParams = z.object({ id: idSchema });

export function scenarioRouter(workspace: Workspace, store: Store): Router {
  const router = Router();
  const engine = createIndicatorEngine(store, workspace.now);
  const onDenied = auditDenied(workspace);
  const planner = requireRole(['planner'], onDenied);
  const readers = requireRole(['planner', 'council'], onDenied);

  router.get('/', async (_req, res) => {
    res.json({ scenarios: await listScenarios(workspace, actorOf(res)) });
  });

  router.post('/', planner, async (req, res) => {
    const body = parseBody(scenarioInputSchema, req);
    const scenario = await createScenario(workspace, actorOf(res), body);
    res.status(201).location(`${req.baseUrl}/${scenario.id}`).json(scenario);
  });

  router.get('/compare', readers, async (req, res) => {
    const q = parseQuery(compareQuery, req);
    const actor = actorOf(res);
    const a = await getScenario(workspace, actor, q.a);
    const b = q.b === CURRENT_SITUATION ? { id: CURRENT_SITUATION, name: 'Huidige situatie', indicators: await engine.current() } : await getScenario(workspace, actor, q.b);
    const comparison: Comparison = {
      a: { id: a.id, name: a.name, indicators: a.indicators },
      b: { id: b.id, name: b.name, indicators: b.indicators },
      rows: compareIndicators(a.indicators, b.indicators),
    };
    res.json(comparison);
  });

  router.get('/:id', async (req, res) => {
    res.json(await getScenario(workspace, actorOf(res), scenarioId(req)));
  });

  router.put('/:id', planner, async (req, res) => {
    const id = scenarioId(req);
    const body = parseBody(scenarioUpdateSchema, req);
    res.json(await updateScenario(workspace, actorOf(res), id, body));
  });

  router.delete('/:id', planner, async (req, res) => {
    await deleteScenario(workspace, actorOf(res), scenarioId(req));
    res.status(204).end();
  });

  router.post('/:id/duplicate', planner, async (req, res) => {
    const copy = await duplicateScenario(workspace, actorOf(res), scenarioId(req));
    res.status(201).location(`${req.baseUrl}/${copy.id}`).json(copy);
  });

  router.get('/:id/versions', readers, async (req, res) => {
    res.json({ versions: await listVersions(workspace, actorOf(res), scenarioId(req)) });
  });

  router.post('/:id/restore', planner, async (req, res) => {
    const id = scenarioId(req);
    const body = parseBody(restoreBody, req);
    res.json(await restoreVersion(workspace, actorOf(res), id, body.version));
  });

  router.post('/:id/publish', planner, async (req, res) => {
    res.json(await setPublished(workspace, actorOf(res), scenarioId(req), true));
  });

  router.post('/:id/unpublish', planner, async (req, res) => {
    res.json(await setPublished(workspace, actorOf(res), scenarioId(req), false));
  });

  router.post('/:id/run', planner, async (req, res) => {
    const actor = actorOf(res);
    const scenario = await getScenario(workspace, actor, scenarioId(req));
    const indicators = await engine.compute(scenario.inputs);
    res.json(await storeIndicators(workspace, actor, scenario.id, scenario.version, indicators));
  });

  return router;
}

/** A malformed id names no scenario: the same 404 as an unknown one. */
function scenarioId(req: Request): string {
  const parsed = scenarioIdParams.safeParse(req.params);
  if (!parsed.success) throw new NotFound(`No scenario ${String(req.params.id).slice(0, 100)}`);
  return parsed.data.id;
}
