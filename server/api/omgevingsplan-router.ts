// The omgevingsplan over HTTP (mounted at /api/omgevingsplan): what applies at a point, a placement check for
// antennas, cabinets and buildings, and the buildings taller than the plan allows. Indicative answers only;
// every response carries the disclaimer that the Omgevingsloket (DSO) is the legal source.
import { Router } from 'express';
import { z } from 'zod';
import { InvalidParameter, Unavailable } from '../errors.ts';
import { lonLatDegToRd, rdToLonLatDeg } from '../geo/crs.ts';
import type { Omgevingsplan } from '../omgevingsplan/model.ts';
import { PLACEMENT_DISCLAIMER, STRUCTURE_KINDS } from '../omgevingsplan/placement-defaults.ts';
import { buildingsExceedingHeight, checkPlacement, rulesAt } from '../omgevingsplan/rule-check.ts';
import { loadOmgevingsplan, planCounts } from '../omgevingsplan/store-omgevingsplan.ts';
import type { Store } from '../store/store.ts';
import { parseBody, parseQuery } from './validate.ts';

export { storeOmgevingsplan } from '../omgevingsplan/store-omgevingsplan.ts';

/** RD New area of use with a margin; a point outside is a client error, not an empty answer. */
const RD_X = [-7000, 300000] as const;
const RD_Y = [289000, 629000] as const;

const lon = z.coerce.number().min(-180).max(180);
const lat = z.coerce.number().min(-90).max(90);
const rdX = z.coerce.number().min(RD_X[0]).max(RD_X[1]);
const rdY = z.coerce.number().min(RD_Y[0]).max(RD_Y[1]);

/** Either lon+lat (WGS84 degrees) or x+y (RD New metres), never a mix. */
function onePosition<T extends { lon?: number; lat?: number; x?: number; y?: number }>(v: T, ctx: z.RefinementCtx): void {
  const hasLonLat = v.lon !== undefined || v.lat !== undefined;
  const hasXy = v.x !== undefined || v.y !== undefined;
  if (hasLonLat && hasXy) ctx.addIssue({ code: 'custom', path: ['x'], message: 'give either lon and lat or x and y, not both' });
  else if (hasLonLat) {
    if (v.lon === undefined) ctx.addIssue({ code: 'custom', path: ['lon'], message: 'lon is required with lat' });
    if (v.lat === undefined) ctx.addIssue({ code: 'custom', path: ['lat'], message: 'lat is required with lon' });
  } else if (hasXy) {
    if (v.x === undefined) ctx.addIssue({ code: 'custom', path: ['x'], message: 'x is required with y' });
    if (v.y === undefined) ctx.addIssue({ code: 'custom', path: ['y'], message: 'y is required with x' });
  } else ctx.addIssue({ code: 'custom', path: ['lon'], message: 'give lon and lat (WGS84 degrees) or x and y (RD New metres)' });
}

export const rulesAtQuery = z
  .object({ lon: lon.optional(), lat: lat.optional(), x: rdX.optional(), y: rdY.optional() })
  .strict()
  .superRefine(onePosition);

export const checkBody = z
  .object({
    structure: z
      .object({
        kind: z.enum(STRUCTURE_KINDS),
        heightM: z.number().positive().max(400),
        widthM: z.number().positive().max(1000).optional(),
        depthM: z.number().positive().max(1000).optional(),
        buildingHeightM: z.number().min(0).max(400).optional(),
      })
      .strict(),
    lon: z.number().min(-180).max(180).optional(),
    lat: z.number().min(-90).max(90).optional(),
    x: z.number().min(RD_X[0]).max(RD_X[1]).optional(),
    y: z.number().min(RD_Y[0]).max(RD_Y[1]).optional(),
    buildingId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/).optional(),
  })
  .strict()
  .superRefine(onePosition);

export function omgevingsplanRouter(store: Store): Router {
  const router = Router();

  const requirePlan = async (): Promise<Omgevingsplan> => {
    const plan = await loadOmgevingsplan(store);
    if (!plan) throw new Unavailable('No omgevingsplan has been loaded yet; run `tweeling import-omgevingsplan` or generate the demo.');
    return plan;
  };

  router.get('/', async (_req, res) => {
    const plan = await requirePlan();
    res.json({ meta: plan.meta, counts: planCounts(plan), disclaimer: PLACEMENT_DISCLAIMER });
  });

  router.get('/rules-at', async (req, res) => {
    const q = parseQuery(rulesAtQuery, req);
    const plan = await requirePlan();
    const point = toRd(q);
    res.json({ ...rulesAt(plan, point), pointLonLat: rdToLonLatDeg(point[0], point[1]), disclaimer: PLACEMENT_DISCLAIMER });
  });

  router.post('/check', async (req, res) => {
    const body = parseBody(checkBody, req);
    const plan = await requirePlan();
    let buildingHeightM = body.structure.buildingHeightM;
    if (body.buildingId !== undefined) {
      const building = await store.building(body.buildingId);
      if (!building) throw new InvalidParameter(`Invalid body parameter: buildingId: no building with id ${body.buildingId}`, { errors: [{ in: 'body', field: 'buildingId', message: 'unknown building' }] });
      buildingHeightM ??= building.heightM;
    }
    const position = toRd(body);
    const verdict = checkPlacement(plan, { ...body.structure, ...(buildingHeightM !== undefined ? { buildingHeightM } : {}), position });
    res.json({ ...verdict, position, positionLonLat: rdToLonLatDeg(position[0], position[1]), structure: { ...body.structure, buildingHeightM: buildingHeightM ?? null } });
  });

  router.get('/exceedances', async (_req, res) => {
    const plan = await requirePlan();
    // Recomputed per request (~12k buildings take well under a second); the plan document has no version to key a cache on.
    const buildings = [];
    for await (const b of store.allBuildings()) buildings.push({ id: b.id, footprint: b.footprint, heightM: b.heightM });
    const exceeding = buildingsExceedingHeight(plan, buildings)
      .map((e) => ({ ...e, excessM: Math.round((e.heightM - e.maxHeightM) * 100) / 100 }))
      .sort((a, b) => b.excessM - a.excessM || a.id.localeCompare(b.id));
    res.json({ count: exceeding.length, buildingsChecked: buildings.length, buildings: exceeding, disclaimer: PLACEMENT_DISCLAIMER });
  });

  return router;
}

function toRd(v: { lon?: number; lat?: number; x?: number; y?: number }): [number, number] {
  if (v.x !== undefined && v.y !== undefined) return [v.x, v.y];
  const [x, y] = lonLatDegToRd(v.lon!, v.lat!);
  if (x < RD_X[0] || x > RD_X[1] || y < RD_Y[0] || y > RD_Y[1]) {
    throw new InvalidParameter('Invalid parameters: lon/lat: the point lies outside the area RD New covers (the Netherlands)', { errors: [{ in: 'query', field: 'lon', message: 'outside RD New' }] });
  }
  return [x, y];
}
