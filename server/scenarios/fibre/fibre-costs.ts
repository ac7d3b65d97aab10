// Bill of quantities and cost roll-up of a network design (DOMAIN.md §5.3 cost formulas):
//   capex_passed = trench + cable + POP share·HP + splitters (+ cabinets); capex_connected = HC·(drop + ONT);
//   HC = round(takeRate·HP); cost per HP = capex_passed / HP; cost per HC = (capex_passed + capex_connected) / HC.
import type { Street } from '../../contracts/model.ts';
import type { NetworkDesign } from './design-network.ts';
import type { DesignSettings, UnitCosts } from './fibre-defaults.ts';

type Surface = Street['surface'];

export interface BillOfQuantities {
  /** Open trench metres by surface (including streets opened anyway). */
  trenchMBySurface: Record<Surface, number>;
  microTrenchM: number;
  drillingM: number;
  drillingPitPairs: number;
  existingDuctM: number;
  openAnywayM: number;
  /** Expected road crossings (a decimal: see DesignSettings.crossingsPerSideStreetJunction). */
  roadCrossings: number;
  /** Route metres = duct and distribution cable metres. */
  routeM: number;
  /** Σ length × fibres: the fibre metres to splice and blow. */
  fibreM: number;
  splitters: number;
  cabinets: number;
  homesPassed: number;
  homesConnected: number;
  /** One drop (huisaansluiting) and one ONT per home connected. */
  drops: number;
  onts: number;
}

export interface CostRollUp {
  trenchEur: number;
  /** Of trenchEur: the road crossings. */
  crossingEur: number;
  cableEur: number;
  popEur: number;
  splitterEur: number;
  cabinetEur: number;
  capexPassedEur: number;
  connectionsEur: number;
  capexTotalEur: number;
  costPerHomePassedEur: number | null;
  costPerHomeConnectedEur: number | null;
  /** Trench € saved on streets opened anyway for planned works. */
  openAnywaySavingEur: number;
}

export function billOfQuantities(design: NetworkDesign, settings: DesignSettings): BillOfQuantities {
  const trenchMBySurface: Record<Surface, number> = { asfalt: 0, klinkers: 0, tegels: 0, onverhard: 0 };
  let microTrenchM = 0;
  let drillingM = 0;
  let existingDuctM = 0;
  let openAnywayM = 0;
  let roadCrossings = 0;
  let routeM = 0;
  let fibreM = 0;
  for (const line of design.lines) {
    routeM += line.lengthM;
    fibreM += line.lengthM * line.fibres;
    roadCrossings += line.crossings;
    if (line.work === 'existing-duct') existingDuctM += line.lengthM;
    else if (line.method === 'micro-trench') microTrenchM += line.lengthM;
    else if (line.method === 'drilling') drillingM += line.lengthM;
    else trenchMBySurface[line.surface] += line.lengthM;
    if (line.work === 'open-anyway') openAnywayM += line.lengthM;
  }
  const homesConnected = Math.round(settings.takeRate * design.homesPassed);
  return {
    trenchMBySurface,
    microTrenchM,
    drillingM,
    drillingPitPairs: Math.ceil(drillingM / settings.drillingRunM),
    existingDuctM,
    openAnywayM,
    roadCrossings,
    routeM,
    fibreM,
    splitters: design.groups.length,
    cabinets: design.cabinets.length,
    homesPassed: design.homesPassed,
    homesConnected,
    drops: homesConnected,
    onts: homesConnected,
  };
}

export function costRollUp(design: NetworkDesign, boq: BillOfQuantities, costs: UnitCosts): CostRollUp {
  let trenchEur = 0;
  let fullTrenchEur = 0;
  let cableEur = 0;
  for (const line of design.lines) {
    trenchEur += line.trenchEur;
    fullTrenchEur += line.fullTrenchEur;
    cableEur += line.cableEur;
  }
  const popEur = boq.homesPassed * costs.popPerHomePassed;
  const splitterEur = boq.splitters * costs.splitterEur;
  const cabinetEur = boq.cabinets * costs.cabinetEur;
  const capexPassedEur = trenchEur + cableEur + popEur + splitterEur + cabinetEur;
  const connectionsEur = boq.homesConnected * (costs.dropEur + costs.ontEur);
  const capexTotalEur = capexPassedEur + connectionsEur;
  return {
    trenchEur,
    crossingEur: boq.roadCrossings * costs.roadCrossingEur,
    cableEur,
    popEur,
    splitterEur,
    cabinetEur,
    capexPassedEur,
    connectionsEur,
    capexTotalEur,
    costPerHomePassedEur: boq.homesPassed > 0 ? capexPassedEur / boq.homesPassed : null,
    costPerHomeConnectedEur: boq.homesConnected > 0 ? capexTotalEur / boq.homesConnected : null,
    openAnywaySavingEur: fullTrenchEur - trenchEur,
  };
}

/** The € of splitters and cabinets borne by one home at each demand node (each group's kit split over its homes). */
export function equipmentEurPerHome(design: NetworkDesign, costs: UnitCosts): Map<number, number> {
  const eurAtNode = new Map<number, number>();
  const homesAtNode = new Map<number, number>();
  const cabinetEurPerHome = new Map(design.cabinets.map((c) => [c.node, costs.cabinetEur / c.homes]));
  for (const g of design.groups) {
    const perHome = costs.splitterEur / g.homes + (cabinetEurPerHome.get(g.anchor) ?? 0);
    for (const m of g.members) {
      eurAtNode.set(m.node, (eurAtNode.get(m.node) ?? 0) + perHome * m.homes);
      homesAtNode.set(m.node, (homesAtNode.get(m.node) ?? 0) + m.homes);
    }
  }
  return new Map([...eurAtNode].map(([node, eur]) => [node, eur / homesAtNode.get(node)!]));
}
