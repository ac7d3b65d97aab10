// Prices every street edge for the router: edge weight = trench € (length × unit cost of its surface and method,
// lowered where a free duct exists or the street is opened anyway) + expected road crossings × crossing cost
// (DOMAIN.md §5.3 trench_cost). The POP is added as one extra node splitting the edge it stands on.
import type { Street } from '../../contracts/model.ts';
import type { DesignSettings, TrenchMethod, UnitCosts } from './fibre-defaults.ts';
import { type StreetNetwork, edgeCountOf, nodeCountOf } from './street-network.ts';
import { type WeightedGraph, WeightedGraphBuilder } from './weighted-graph.ts';

/** Why an edge costs what it costs. */
export type EdgeWork = 'trench' | 'existing-duct' | 'open-anyway';

export interface EdgePrice {
  work: EdgeWork;
  method: TrenchMethod;
  /** € per m of trench as charged to this design. */
  unitCostPerM: number;
  /** € per m the trench would have cost without the planned street works (equals unitCostPerM otherwise). */
  fullUnitCostPerM: number;
  /** Expected road crossings on this edge. */
  crossings: number;
}

export interface PricingContext {
  costs: UnitCosts;
  settings: DesignSettings;
  /** Streets that carry a free existing duct over their whole length. */
  existingDuctStreetIds: ReadonlySet<string>;
  /** Streets that are opened anyway for planned works. */
  openAnywayStreetIds: ReadonlySet<string>;
}

/** Where the POP joins the network: on edge `edge` at fraction t from its u end (t = 0 or 1: on a node). */
export interface PopSite {
  edge: number;
  t: number;
}

export interface CostedGraph {
  graph: WeightedGraph;
  /** Network edge of each graph edge (both halves of the split POP edge map to that edge). */
  networkEdge: Int32Array;
  /** Share of the network edge's length each graph edge covers (1 except for the POP halves). */
  lengthShare: Float64Array;
  /** The POP's node in `graph`. */
  popNode: number;
  price: (networkEdge: number) => EdgePrice;
}

export function priceEdges(network: StreetNetwork, context: PricingContext): EdgePrice[] {
  const { costs, settings, existingDuctStreetIds, openAnywayStreetIds } = context;
  const crossingClasses = new Set<Street['class']>(settings.crossingClasses);
  const onMainRoad = new Uint8Array(nodeCountOf(network));
  for (let e = 0; e < edgeCountOf(network); e++) {
    if (!crossingClasses.has(network.streets[network.edgeStreet[e]].class)) continue;
    onMainRoad[network.edgeU[e]] = 1;
    onMainRoad[network.edgeV[e]] = 1;
  }
  const prices: EdgePrice[] = [];
  for (let e = 0; e < edgeCountOf(network); e++) {
    const street = network.streets[network.edgeStreet[e]];
    const method = settings.trenchMethod[street.surface];
    const full = trenchCostPerM(method, street.surface, costs, settings);
    if (existingDuctStreetIds.has(street.id)) {
      prices.push({ work: 'existing-duct', method, unitCostPerM: costs.existingDuctPerM, fullUnitCostPerM: costs.existingDuctPerM, crossings: 0 });
      continue;
    }
    const isSideStreet = !crossingClasses.has(street.class);
    const mainEnds = isSideStreet ? onMainRoad[network.edgeU[e]] + onMainRoad[network.edgeV[e]] : 0;
    const crossings = mainEnds * settings.crossingsPerSideStreetJunction;
    if (openAnywayStreetIds.has(street.id)) {
      prices.push({ work: 'open-anyway', method, unitCostPerM: full * settings.openAnywayShare, fullUnitCostPerM: full, crossings });
    } else {
      prices.push({ work: 'trench', method, unitCostPerM: full, fullUnitCostPerM: full, crossings });
    }
  }
  return prices;
}

/** € per metre of one trench method; drilling carries its pit pairs spread over a full run. */
export function trenchCostPerM(method: TrenchMethod, surface: Street['surface'], costs: UnitCosts, settings: DesignSettings): number {
  if (method === 'micro-trench') return costs.microTrenchPerM;
  if (method === 'drilling') return costs.drillingPerM + costs.drillingPitPairEur / settings.drillingRunM;
  return costs.trenchPerM[surface];
}

export function edgeCostEur(lengthM: number, price: EdgePrice, costs: UnitCosts): number {
  return lengthM * price.unitCostPerM + price.crossings * costs.roadCrossingEur;
}

/**
 * The weighted graph the Steiner solver routes on. Parallel network edges keep only the cheapest (a tree never uses
 * the dearer of two), and the POP splits its edge into two halves priced by length share, crossings split alike.
 */
export function buildCostedGraph(network: StreetNetwork, prices: readonly EdgePrice[], costs: UnitCosts, pop: PopSite): CostedGraph {
  const nodes = nodeCountOf(network);
  const popOnNode = pop.t <= 0 ? network.edgeU[pop.edge] : pop.t >= 1 ? network.edgeV[pop.edge] : -1;
  const popNode = popOnNode >= 0 ? popOnNode : nodes;
  const builder = new WeightedGraphBuilder(popOnNode >= 0 ? nodes : nodes + 1);
  const networkEdge: number[] = [];
  const lengthShare: number[] = [];
  const cheapestByPair = new Map<number, number>();
  const weightOf = (e: number, share: number) => share * edgeCostEur(network.edgeLengthM[e], prices[e], costs);
  for (let e = 0; e < edgeCountOf(network); e++) {
    const a = Math.min(network.edgeU[e], network.edgeV[e]);
    const b = Math.max(network.edgeU[e], network.edgeV[e]);
    const key = a * (nodes + 1) + b;
    const kept = cheapestByPair.get(key);
    if (kept === undefined || weightOf(e, 1) < weightOf(kept, 1)) cheapestByPair.set(key, e);
  }
  const chosen = [...cheapestByPair.values()].sort((a, b) => a - b);
  for (const e of chosen) {
    builder.addEdge(network.edgeU[e], network.edgeV[e], weightOf(e, 1));
    networkEdge.push(e);
    lengthShare.push(1);
  }
  if (popOnNode < 0) {
    // Both halves are added after the unique pairs, so graph edge ids stay aligned with networkEdge.
    builder.addEdge(network.edgeU[pop.edge], popNode, weightOf(pop.edge, pop.t));
    networkEdge.push(pop.edge);
    lengthShare.push(pop.t);
    builder.addEdge(popNode, network.edgeV[pop.edge], weightOf(pop.edge, 1 - pop.t));
    networkEdge.push(pop.edge);
    lengthShare.push(1 - pop.t);
  }
  return {
    graph: builder.build(),
    networkEdge: Int32Array.from(networkEdge),
    lengthShare: Float64Array.from(lengthShare),
    popNode,
    price: (e) => prices[e],
  };
}
