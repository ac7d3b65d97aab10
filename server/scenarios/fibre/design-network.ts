// The design engine (DOMAIN.md §5.4): POP + homes per access node → trench route (Steiner tree over the priced street
// graph), GPON splitter groups in street cabinets, and per route section the homes served downstream and the cable it
// needs. Pure: positions in RD New metres, money in €, no I/O; the cabinet-site check is passed in.
import type { PointRd } from '../../contracts/model.ts';
import type { DesignSettings, TrenchMethod, UnitCosts } from './fibre-defaults.ts';
import { type HomeGroup, clusterHomes } from './gpon-clustering.ts';
import { type RootedTree, rootTree, subtreeSums } from './rooted-tree.ts';
import { solveSteinerTree } from './steiner.ts';
import type { StreetNetwork } from './street-network.ts';
import { reachableFrom } from './weighted-graph.ts';
import { type EdgePrice, type EdgeWork, type PopSite, buildCostedGraph } from './trench-cost-graph.ts';

export type SiteVerdict = 'allowed' | 'permit-required' | 'not-allowed';
export type CabinetSiteCheck = (positionRd: PointRd) => { verdict: SiteVerdict; reasons: string[] };

export interface SteinerEffort {
  /** Up to this many terminals the full multi-start local search runs; above it Mehlhorn + MST pruning only. */
  localSearchUpToTerminals: number;
  maxStarts: number;
  timeLimitMs: number;
}

/**
 * Measured on Demostad buurten (250–2,700 terminals): local search from one Mehlhorn start improves the tree by 1–2.3 %
 * and 4 or 8 starts found nothing better at 2–9× the time; on the whole town (11,500 terminals) 20 s of local search
 * gained 0.05 %. Hence one start, and Mehlhorn alone above 3,000 terminals. The time limit is a safety net only.
 */
export const DEFAULT_STEINER_EFFORT: SteinerEffort = { localSearchUpToTerminals: 3000, maxStarts: 1, timeLimitMs: 5000 };

export interface DesignInput {
  /** Network with the access nodes already attached (address-drops.ts). */
  network: StreetNetwork;
  prices: readonly EdgePrice[];
  costs: UnitCosts;
  settings: DesignSettings;
  pop: PopSite;
  /** Homes to pass per access node. */
  homesAtNode: ReadonlyMap<number, number>;
  cabinetSite?: CabinetSiteCheck;
  effort?: SteinerEffort;
}

export interface DesignLine {
  networkEdge: number;
  streetId: string;
  surface: StreetNetwork['streets'][number]['surface'];
  work: EdgeWork;
  method: TrenchMethod;
  lengthM: number;
  crossings: number;
  trenchEur: number;
  /** What the trench would cost without planned street works (equals trenchEur elsewhere). */
  fullTrenchEur: number;
  cableEur: number;
  homesDownstream: number;
  /** Fibres through this section: homes (P2P, or below their splitter) plus one feeder fibre per splitter below. */
  fibres: number;
  cableFibres: number;
  ductClass: DuctClass;
  /** From the downstream end towards the POP (nodes of the routing graph, and their positions). */
  fromNode: number;
  toNode: number;
  fromRd: PointRd;
  toRd: PointRd;
}

export interface Cabinet {
  node: number;
  positionRd: PointRd;
  splitters: number;
  homes: number;
  verdict: SiteVerdict | 'unchecked';
  reasons: string[];
  /** Metres the cabinet moved towards the POP because the first site was not allowed. */
  shiftedM: number;
}

export interface NetworkDesign {
  popNode: number;
  popPositionRd: PointRd;
  homesPassed: number;
  lines: DesignLine[];
  groups: HomeGroup[];
  cabinets: Cabinet[];
  /** Route € (trench, crossings, cable) borne by one home at each demand node: every section split over the homes it serves. */
  routeEurPerHome: Map<number, number>;
  /** Demand nodes the POP cannot reach over the streets, with their homes. */
  unreachable: Map<number, number>;
  steiner: { terminals: number; weightEur: number; method: 'multi-start-local-search' | 'mehlhorn'; runtimeMs: number };
}

export const CABLE_SIZES = [12, 24, 48, 96, 144, 288, 576] as const;
export type DuctClass = 'micro' | 'standard' | 'large';
/** Cabinets move at most this far towards the POP looking for an allowed site. */
const MAX_CABINET_SHIFT_M = 150;

export function designNetwork(input: DesignInput): NetworkDesign {
  const { network, prices, costs, settings, pop } = input;
  const costed = buildCostedGraph(network, prices, costs, pop);
  const { graph, popNode } = costed;
  const position = (node: number): PointRd =>
    node < network.nodeX.length ? [network.nodeX[node], network.nodeY[node]] : popPosition(network, pop);

  const reached = reachableFrom(graph, popNode);
  const unreachable = new Map<number, number>();
  const terminals = [popNode];
  for (const [node, homes] of input.homesAtNode) {
    if (homes <= 0) continue;
    if (reached[node] === 0) unreachable.set(node, homes);
    else if (node !== popNode) terminals.push(node);
  }
  // Homes per node as an array: every sweep below reads it per tree node.
  const homesAtNode = new Float64Array(graph.nodeCount);
  for (const [node, homes] of input.homesAtNode) if (homes > 0 && !unreachable.has(node)) homesAtNode[node] = homes;
  const homesAt = (node: number) => homesAtNode[node];

  const effort = input.effort ?? DEFAULT_STEINER_EFFORT;
  const fullSearch = terminals.length <= effort.localSearchUpToTerminals;
  const start = performance.now();
  const steinerTree = solveSteinerTree(graph, terminals, fullSearch ? { maxStarts: effort.maxStarts, timeLimitMs: effort.timeLimitMs } : { maxStarts: 1, timeLimitMs: 0 });
  const runtimeMs = performance.now() - start;
  const tree = rootTree(graph, steinerTree.edges, popNode);

  const groups = settings.architecture === 'gpon' ? clusterHomes(tree, homesAt, settings.splitterRatio) : [];
  gatherSplittersInCabinets(groups, tree, settings.splittersPerCabinet);
  const graphEdgeLengthM = (e: number) => costed.lengthShare[e] * network.edgeLengthM[costed.networkEdge[e]];
  const cabinets = placeCabinets(groups, tree, graphEdgeLengthM, position, input.cabinetSite);

  const size = graph.nodeCount;
  const homesBelow = subtreeSums(tree, homesAt, size);
  const anchoredHomes = new Float64Array(size);
  const anchoredGroups = new Float64Array(size);
  for (const g of groups) {
    anchoredHomes[g.anchor] += g.homes;
    anchoredGroups[g.anchor] += 1;
  }
  const groupHomesBelow = subtreeSums(tree, (x) => anchoredHomes[x], size);
  const groupsBelow = subtreeSums(tree, (x) => anchoredGroups[x], size);

  const lines: DesignLine[] = [];
  const sectionEurPerHome = new Float64Array(size);
  for (const x of tree.order) {
    const e = tree.parentEdge[x];
    if (e < 0) continue;
    const ne = costed.networkEdge[e];
    const share = costed.lengthShare[e];
    const price = costed.price(ne);
    const street = network.streets[network.edgeStreet[ne]];
    const lengthM = share * network.edgeLengthM[ne];
    const crossings = share * price.crossings;
    const trenchEur = lengthM * price.unitCostPerM + crossings * costs.roadCrossingEur;
    const fullTrenchEur = lengthM * price.fullUnitCostPerM + crossings * costs.roadCrossingEur;
    const cableEur = lengthM * costs.ductAndCablePerM;
    const fibres = settings.architecture === 'gpon' ? homesBelow[x] - groupHomesBelow[x] + groupsBelow[x] : homesBelow[x];
    lines.push({
      networkEdge: ne,
      streetId: street.id,
      surface: street.surface,
      work: price.work,
      method: price.method,
      lengthM,
      crossings,
      trenchEur,
      fullTrenchEur,
      cableEur,
      homesDownstream: homesBelow[x],
      fibres,
      cableFibres: cableSizeFor(fibres),
      ductClass: ductClassFor(fibres),
      fromNode: x,
      toNode: tree.parent[x],
      fromRd: position(x),
      toRd: position(tree.parent[x]),
    });
    sectionEurPerHome[x] = homesBelow[x] > 0 ? (trenchEur + cableEur) / homesBelow[x] : 0;
  }
  // A home pays its share of every section between it and the POP: a running sum from the root down.
  const routeEur = new Float64Array(size);
  const routeEurPerHome = new Map<number, number>();
  for (const x of tree.order) {
    if (tree.parent[x] >= 0) routeEur[x] = routeEur[tree.parent[x]] + sectionEurPerHome[x];
    if (homesAt(x) > 0) routeEurPerHome.set(x, routeEur[x]);
  }

  let homesPassed = 0;
  for (const x of tree.order) homesPassed += homesAt(x);
  return {
    popNode,
    popPositionRd: position(popNode),
    homesPassed,
    lines,
    groups,
    cabinets,
    routeEurPerHome,
    unreachable,
    steiner: { terminals: terminals.length, weightEur: steinerTree.weight, method: fullSearch ? 'multi-start-local-search' : 'mehlhorn', runtimeMs },
  };
}

/**
 * Splitters share street cabinets: the same tree partitioning one level up, with splitters as the demand and the
 * cabinet's capacity in splitters. Each group's splitter moves to its cabinet, which hangs above all its homes.
 */
function gatherSplittersInCabinets(groups: HomeGroup[], tree: RootedTree, splittersPerCabinet: number): void {
  const groupsAt = new Map<number, HomeGroup[]>();
  for (const g of groups) {
    const list = groupsAt.get(g.anchor);
    if (list) list.push(g);
    else groupsAt.set(g.anchor, [g]);
  }
  const cabinets = clusterHomes(tree, (x) => groupsAt.get(x)?.length ?? 0, splittersPerCabinet);
  for (const cabinet of cabinets) {
    for (const member of cabinet.members) {
      for (const g of groupsAt.get(member.node)!.splice(0, member.homes)) g.anchor = cabinet.anchor;
    }
  }
}

export function popPosition(network: StreetNetwork, pop: PopSite): PointRd {
  const u = network.edgeU[pop.edge];
  const v = network.edgeV[pop.edge];
  return [network.nodeX[u] + pop.t * (network.nodeX[v] - network.nodeX[u]), network.nodeY[u] + pop.t * (network.nodeY[v] - network.nodeY[u])];
}

/**
 * One cabinet per splitter site. When a site is not allowed, the cabinet (and its groups' anchor) moves up the tree
 * towards the POP: still upstream of every home it serves, so the fibres stay valid.
 */
function placeCabinets(
  groups: HomeGroup[],
  tree: RootedTree,
  edgeLengthM: (graphEdge: number) => number,
  position: (node: number) => PointRd,
  check: CabinetSiteCheck | undefined,
): Cabinet[] {
  const bySite = new Map<number, Cabinet>();
  const siteOf = new Map<number, { node: number; verdict: SiteVerdict | 'unchecked'; reasons: string[]; shiftedM: number }>();
  for (const g of groups) {
    let site = siteOf.get(g.anchor);
    if (!site) {
      site = findSite(g.anchor, tree, edgeLengthM, position, check);
      siteOf.set(g.anchor, site);
    }
    g.anchor = site.node;
    const cabinet = bySite.get(site.node);
    if (cabinet) {
      cabinet.splitters++;
      cabinet.homes += g.homes;
      cabinet.shiftedM = Math.max(cabinet.shiftedM, site.shiftedM);
    } else {
      bySite.set(site.node, { node: site.node, positionRd: position(site.node), splitters: 1, homes: g.homes, verdict: site.verdict, reasons: site.reasons, shiftedM: site.shiftedM });
    }
  }
  return [...bySite.values()];
}

function findSite(
  anchor: number,
  tree: RootedTree,
  edgeLengthM: (graphEdge: number) => number,
  position: (node: number) => PointRd,
  check: CabinetSiteCheck | undefined,
): { node: number; verdict: SiteVerdict | 'unchecked'; reasons: string[]; shiftedM: number } {
  if (!check) return { node: anchor, verdict: 'unchecked', reasons: [], shiftedM: 0 };
  const first = check(position(anchor));
  let node = anchor;
  let shiftedM = 0;
  let result = first;
  while (result.verdict === 'not-allowed' && tree.parent[node] >= 0) {
    const step = edgeLengthM(tree.parentEdge[node]);
    if (shiftedM + step > MAX_CABINET_SHIFT_M) break;
    shiftedM += step;
    node = tree.parent[node];
    result = check(position(node));
  }
  // No allowed site within reach: keep the first one and say why it is not allowed.
  if (result.verdict === 'not-allowed') return { node: anchor, verdict: first.verdict, reasons: first.reasons, shiftedM: 0 };
  return { node, verdict: result.verdict, reasons: result.reasons, shiftedM };
}

export function cableSizeFor(fibres: number): number {
  for (const size of CABLE_SIZES) if (fibres <= size) return size;
  // Beyond the largest cable: several of them, rounded up to whole cables.
  const largest = CABLE_SIZES[CABLE_SIZES.length - 1];
  return Math.ceil(fibres / largest) * largest;
}

export function ductClassFor(fibres: number): DuctClass {
  return fibres <= 48 ? 'micro' : fibres <= 288 ? 'standard' : 'large';
}
