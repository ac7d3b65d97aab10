// One fibre roll-out plan from request to answer, pure: prepare the street network once per municipality (topology
// repair + address access points), then per request place the POP, pick the target homes, design, cost, and phase.
import type { Address, PointRd, Street } from '../../contracts/model.ts';
import { InvalidParameter } from '../../errors.ts';
import { driveAsync, driveSync } from '../../jobs/drive-steps.ts';
import type { JobContext, JobProgress } from '../../jobs/job-runner.ts';
import { attachPoints } from './address-drops.ts';
import { type BuurtCostRow, type TargetHome, buurtCosts } from './buurt-costs.ts';
import { type TopologyReport, buildStreetNetwork } from './build-street-network.ts';
import { type CabinetSiteCheck, type NetworkDesign, type SteinerEffort, designNetwork } from './design-network.ts';
import type { DesignSettings, UnitCosts } from './fibre-defaults.ts';
import { type BillOfQuantities, type CostRollUp, billOfQuantities, costRollUp } from './fibre-costs.ts';
import type { FibreSituation } from './fibre-situation.ts';
import { type Phase, type PhasingOptions, planPhases } from './phasing.ts';
import { SpatialGrid } from './spatial-grid.ts';
import { type StreetNetwork, edgeCountOf, projectOnSegment } from './street-network.ts';
import { type PopSite, priceEdges } from './trench-cost-graph.ts';

export interface PreparedNetwork {
  network: StreetNetwork;
  topology: TopologyReport;
  addresses: readonly Pick<Address, 'id' | 'buurtCode' | 'position'>[];
  /** Access node per address (−1: farther than ATTACH_RADIUS_M from every street). */
  accessNode: Int32Array;
  /** Address → access point distance, metres. */
  dropM: Float64Array;
  edgeGrid: SpatialGrid;
}

/** Addresses are attached up to this far; the design's maxDropM then decides which of them count as reachable. */
const ATTACH_RADIUS_M = 2000;

export function prepareFibreNetwork(streets: readonly Street[], addresses: readonly Pick<Address, 'id' | 'buurtCode' | 'position'>[], options: { snapToleranceM?: number } = {}): PreparedNetwork {
  const { network: streetsOnly, report } = buildStreetNetwork(streets, options);
  const attached = attachPoints(streetsOnly, addresses.map((a) => a.position), { maxDistanceM: ATTACH_RADIUS_M, mergeM: options.snapToleranceM ?? 0.5 });
  const network = attached.network;
  const edgeGrid = new SpatialGrid(50);
  for (let e = 0; e < edgeCountOf(network); e++) {
    const u = network.edgeU[e];
    const v = network.edgeV[e];
    edgeGrid.insert(e, Math.min(network.nodeX[u], network.nodeX[v]), Math.min(network.nodeY[u], network.nodeY[v]), Math.max(network.nodeX[u], network.nodeX[v]), Math.max(network.nodeY[u], network.nodeY[v]));
  }
  return { network, topology: report, addresses, accessNode: attached.nodeOfPoint, dropM: attached.distanceM, edgeGrid };
}

export interface FibrePlanRequest {
  popPositionRd: PointRd;
  /** POP farther than this from every street is an input error (default 250 m). */
  maxPopDistanceM?: number;
  /** Buurt codes to connect; all buurten when absent. */
  targetBuurten?: readonly string[];
  /** Also pass addresses that have fibre already (default: leave them out, they are counted). */
  includeFibreCovered?: boolean;
  costs: UnitCosts;
  settings: DesignSettings;
  openAnywayStreetIds?: readonly string[];
  phasing?: PhasingOptions;
  effort?: SteinerEffort;
}

export type DisconnectReason = 'too-far-from-street' | 'not-connected-to-pop';

export interface FibrePlan {
  pop: { positionRd: PointRd; onStreetRd: PointRd; distanceToStreetM: number; streetId: string };
  homesTargeted: number;
  homesAlreadyFibre: number;
  boq: BillOfQuantities;
  cost: CostRollUp;
  buurten: BuurtCostRow[];
  phases: Phase[];
  design: NetworkDesign;
  disconnected: { addressId: string; buurtCode: string | null; reason: DisconnectReason; dropM: number | null }[];
}

export function planFibre(prepared: PreparedNetwork, situation: FibreSituation | undefined, request: FibrePlanRequest, cabinetSite?: CabinetSiteCheck): FibrePlan {
  return driveSync(planFibreSteps(prepared, situation, request, cabinetSite));
}

/** The same plan, giving the event loop a turn between its heavy steps; rejects with an AbortError on abort. */
export function planFibreAsync(prepared: PreparedNetwork, situation: FibreSituation | undefined, request: FibrePlanRequest, cabinetSite: CabinetSiteCheck | undefined, context: Partial<JobContext> = {}): Promise<FibrePlan> {
  // Slice 0: every step boundary is a turn, since the steps themselves are the long parts.
  return driveAsync(planFibreSteps(prepared, situation, request, cabinetSite), context, 0);
}

const PLAN_STEPS = 4;

/** The plan as steps: targets, prices, the network design (Steiner tree, cabinets), then costs and phasing. */
export function* planFibreSteps(prepared: PreparedNetwork, situation: FibreSituation | undefined, request: FibrePlanRequest, cabinetSite?: CabinetSiteCheck): Generator<JobProgress, FibrePlan, void> {
  yield { done: 0, total: PLAN_STEPS, phase: 'targets' };
  const { network } = prepared;
  const { settings, costs } = request;
  const pop = locatePop(prepared, request.popPositionRd, request.maxPopDistanceM ?? 250);

  const targets = request.targetBuurten ? new Set(request.targetBuurten) : null;
  const homes: (TargetHome & { address: number })[] = [];
  const disconnected: FibrePlan['disconnected'] = [];
  let homesAlreadyFibre = 0;
  prepared.addresses.forEach((a, i) => {
    if (targets && !targets.has(a.buurtCode ?? '')) return;
    const coverage = situation?.coverage[a.id];
    if (coverage === 'fibre' && !request.includeFibreCovered) {
      homesAlreadyFibre++;
      return;
    }
    const node = prepared.accessNode[i];
    if (node < 0 || prepared.dropM[i] > settings.maxDropM) {
      disconnected.push({ addressId: a.id, buurtCode: a.buurtCode, reason: 'too-far-from-street', dropM: node < 0 ? null : round(prepared.dropM[i]) });
      return;
    }
    homes.push({ address: i, node, buurtCode: a.buurtCode, whiteSpot: coverage === undefined ? null : coverage === 'copper-only' });
  });
  const homesAtNode = new Map<number, number>();
  for (const h of homes) homesAtNode.set(h.node, (homesAtNode.get(h.node) ?? 0) + 1);

  yield { done: 1, total: PLAN_STEPS, phase: 'prices' };
  const prices = priceEdges(network, {
    costs,
    settings,
    existingDuctStreetIds: new Set(situation?.existingDuctStreetIds ?? []),
    openAnywayStreetIds: new Set(request.openAnywayStreetIds ?? []),
  });
  yield { done: 2, total: PLAN_STEPS, phase: 'design' };
  const design = designNetwork({ network, prices, costs, settings, pop: pop.site, homesAtNode, cabinetSite, effort: request.effort });
  for (const h of homes) {
    if (design.unreachable.has(h.node)) {
      const a = prepared.addresses[h.address];
      disconnected.push({ addressId: a.id, buurtCode: a.buurtCode, reason: 'not-connected-to-pop', dropM: round(prepared.dropM[h.address]) });
    }
  }
  yield { done: 3, total: PLAN_STEPS, phase: 'costs' };
  const boq = billOfQuantities(design, settings);
  const cost = costRollUp(design, boq, costs);
  const buurten = buurtCosts(design, homes, costs, settings.takeRate);
  const phases = request.phasing
    ? planPhases(
        buurten.filter((b) => b.homesPassed > 0).map((b) => ({ code: b.code, costEur: b.capexTotalEur, costPerHomePassedEur: b.costPerHomePassedEur, whiteSpotShare: b.whiteSpotShare })),
        request.phasing,
      )
    : [];
  return {
    pop: { positionRd: request.popPositionRd, onStreetRd: pop.onStreetRd, distanceToStreetM: round(pop.distanceM), streetId: network.streets[network.edgeStreet[pop.site.edge]].id },
    homesTargeted: homes.length + disconnected.filter((d) => d.reason === 'too-far-from-street').length,
    homesAlreadyFibre,
    boq,
    cost,
    buurten,
    phases,
    design,
    disconnected,
  };
}

/** The POP stands at the foot of its position on the nearest street edge; too far from every street is an input error. */
export function locatePop(prepared: PreparedNetwork, [x, y]: PointRd, maxDistanceM: number): { site: PopSite; onStreetRd: PointRd; distanceM: number } {
  const { network } = prepared;
  const segment = (e: number) => [network.nodeX[network.edgeU[e]], network.nodeY[network.edgeU[e]], network.nodeX[network.edgeV[e]], network.nodeY[network.edgeV[e]]] as const;
  const { id: edge } = prepared.edgeGrid.nearest(x, y, maxDistanceM, (e) => projectOnSegment(x, y, ...segment(e)).distanceM);
  if (edge < 0) {
    throw new InvalidParameter(`Invalid body parameter: pop: the POP lies more than ${maxDistanceM} m from every street of the network (outside the network or too far from a street)`, {
      errors: [{ in: 'body', field: 'pop', message: `more than ${maxDistanceM} m from any street` }],
    });
  }
  const [ax, ay, bx, by] = segment(edge);
  const { t, distanceM } = projectOnSegment(x, y, ax, ay, bx, by);
  return { site: { edge, t }, onStreetRd: [ax + t * (bx - ax), ay + t * (by - ay)], distanceM };
}

const round = (m: number) => Math.round(m * 100) / 100;
