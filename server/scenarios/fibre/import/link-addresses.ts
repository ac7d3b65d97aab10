// Gives imported addresses what the file may lack: a buurt (point in polygon over the store's buurten) and a
// building (the footprint that contains the point, found through a small bbox query). Our Address type requires a
// buildingId string, so an address inside no building gets "" — the same "no building" the store's parent column
// then holds — and is counted, so the import report says how many addresses are not in a building.
import type { Address, BboxRd, Building, Buurt } from '../../../contracts/model.ts';
import { polygonBbox } from '../../../geo/polygon.ts';
import { pointInFootprint } from '../../fiveg/footprint-geometry.ts';
import type { ParsedAddress } from './address-fields.ts';

/** Half-size of the bbox used to look for the building around an address point, metres. */
const BUILDING_SEARCH_M = 1;

export interface LinkReport {
  buurtFromFile: number;
  buurtAssigned: number;
  /** In no buurt polygon of the store: buurtCode null. */
  buurtNone: number;
  buildingFromFile: number;
  buildingLinked: number;
  /** In no building footprint: buildingId "". */
  buildingNone: number;
}

export type BuildingsInBbox = (bbox: BboxRd) => Promise<Building[]>;

export async function linkAddresses(parsed: readonly ParsedAddress[], buurten: readonly Buurt[], buildingsIn: BuildingsInBbox): Promise<{ addresses: Address[]; report: LinkReport }> {
  const report: LinkReport = { buurtFromFile: 0, buurtAssigned: 0, buurtNone: 0, buildingFromFile: 0, buildingLinked: 0, buildingNone: 0 };
  const buurtBoxes = buurten.map((b) => ({ buurt: b, bbox: polygonBbox(b.polygon) }));
  const addresses: Address[] = [];
  for (const a of parsed) {
    const [x, y] = a.position;
    let buurtCode: string | null = a.buurtCode ?? null;
    if (buurtCode !== null) report.buurtFromFile++;
    else {
      const hit = buurtBoxes.find(({ buurt, bbox }) => x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3] && pointInFootprint(x, y, buurt.polygon));
      buurtCode = hit?.buurt.code ?? null;
      if (hit) report.buurtAssigned++;
      else report.buurtNone++;
    }
    let buildingId = a.buildingId ?? '';
    if (a.buildingId !== undefined) report.buildingFromFile++;
    else {
      const candidates = await buildingsIn([x - BUILDING_SEARCH_M, y - BUILDING_SEARCH_M, x + BUILDING_SEARCH_M, y + BUILDING_SEARCH_M]);
      const hit = candidates.find((b) => pointInFootprint(x, y, b.footprint));
      buildingId = hit?.id ?? '';
      if (hit) report.buildingLinked++;
      else report.buildingNone++;
    }
    addresses.push({ id: a.id, position: a.position, postcode: a.postcode, houseNumber: a.houseNumber, houseLetter: a.houseLetter, street: a.street, buildingId, buurtCode });
  }
  return { addresses, report };
}
