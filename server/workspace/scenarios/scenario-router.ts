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
  ensureScenarioTables,
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
  ensureScenarioTables(workspace);
  const router = Router();
  const engine = createIndicatorEngine(store, workspace.now);
  const onDenied = auditDenied(workspace);
  const planner = requireRole(['planner'], onDenied);
  const readers = requireRole(['planner', 'council'], onDenied);

  router.get('/', (_req, res) => {
    res.json({ scenarios: listScenarios(workspace, actorOf(res)) });
  });

  router.post('/', planner, (req, res) => {
    const body = parseBody(scenarioInputSchema, req);
    const scenario = createScenario(workspace, actorOf(res), body);
    res.status(201).location(`${req.baseUrl}/${scenario.id}`).json(scenario);
  });

  router.get('/compare', readers, async (req, res) => {
    const q = parseQuery(compareQuery, req);
    const actor = actorOf(res);
    const a = getScenario(workspace, actor, q.a);
    const b = q.b === CURRENT_SITUATION ? { id: CURRENT_SITUATION, name: 'Huidige situatie', indicators: await engine.current() } : getScenario(workspace, actor, q.b);
    const comparison: Comparison = {
      a: { id: a.id, name: a.name, indicators: a.indicators },
      b: { id: b.id, name: b.name, indicators: b.indicators },
      rows: compareIndicators(a.indicators, b.indicators),
    };
    res.json(comparison);
  });

  router.get('/:id', (req, res) => {
    res.json(getScenario(workspace, actorOf(res), scenarioId(req)));
  });

  router.put('/:id', planner, (req, res) => {
    const id = scenarioId(req);
    const body = parseBody(scenarioUpdateSchema, req);
    res.json(updateScenario(workspace, actorOf(res), id, body));
  });

  router.delete('/:id', planner, (req, res) => {
    deleteScenario(workspace, actorOf(res), scenarioId(req));
    res.status(204).end();
  });

  router.post('/:id/duplicate', planner, (req, res) => {
    const copy = duplicateScenario(workspace, actorOf(res), scenarioId(req));
    res.status(201).location(`${req.baseUrl}/${copy.id}`).json(copy);
  });

  router.get('/:id/versions', readers, (req, res) => {
    res.json({ versions: listVersions(workspace, actorOf(res), scenarioId(req)) });
  });

  router.post('/:id/restore', planner, (req, res) => {
    const id = scenarioId(req);
    const body = parseBody(restoreBody, req);
    res.json(restoreVersion(workspace, actorOf(res), id, body.version));
  });

  router.post('/:id/publish', planner, (req, res) => {
    res.json(setPublished(workspace, actorOf(res), scenarioId(req), true));
  });

  router.post('/:id/unpublish', planner, (req, res) => {
    res.json(setPublished(workspace, actorOf(res), scenarioId(req), false));
  });

  router.post('/:id/run', planner, async (req, res) => {
    const actor = actorOf(res);
    const scenario = getScenario(workspace, actor, scenarioId(req));
    const indicators = await engine.compute(scenario.inputs);
    res.json(storeIndicators(workspace, actor, scenario.id, scenario.version, indicators));
  });

  return router;
}

/** A malformed id names no scenario: the same 404 as an unknown one. */
function scenarioId(req: Request): string {
  const parsed = scenarioIdParams.safeParse(req.params);
  if (!parsed.success) throw new NotFound(`No scenario ${String(req.params.id).slice(0, 100)}`);
  return parsed.data.id;
}
