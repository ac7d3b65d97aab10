// Step 'addresses': house numbers along each street (odd on the left, even on the right, rising in the
// direction of the street), letters for upstairs dwellings and small flats, and a postcode per street section.
import type { Address, Buurt } from '../contracts/model.ts';
import type { PlacedBuilding } from './buildings.ts';
import type { DemoStep } from './layers.ts';
import { need } from './layers.ts';
import type { StreetLine } from './streets.ts';

export const addressesStep: DemoStep = {
  name: 'addresses',
  run(layers) {
    const network = need(layers, 'network', 'addresses');
    return { addresses: buildAddresses(network.lines, need(layers, 'buildings', 'addresses'), need(layers, 'buurten', 'addresses')) };
  },
};

/** A postcode (one side of a street section) holds at most about this many addresses. */
const SECTION_SIZE = 20;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** PostNL does not issue these letter pairs. */
const FORBIDDEN_PAIRS = new Set(['SA', 'SD', 'SS']);

/** PC4 per buurt: 99 + wijk + buurt digit, e.g. BU99990402 → 9942. */
export function pc4Of(buurtCode: string): string {
  const wijk = Number(buurtCode.slice(6, 8));
  const buurt = Number(buurtCode.slice(8, 10));
  return String(9900 + wijk * 10 + buurt);
}

export function buildAddresses(lines: readonly StreetLine[], buildings: readonly PlacedBuilding[], buurten: readonly Buurt[]): Address[] {
  const byLineSide = new Map<string, PlacedBuilding[]>();
  for (const b of buildings) {
    const key = `${b.lineId}:${b.side}`;
    const list = byLineSide.get(key);
    if (list) list.push(b);
    else byLineSide.set(key, [b]);
  }
  const nextPair = new Map<string, number>();
  const knownBuurten = new Set(buurten.map((b) => b.code));
  const newPostcode = (buurtCode: string): string => {
    if (!knownBuurten.has(buurtCode)) throw new Error(`address in unknown buurt ${buurtCode}`);
    const pc4 = pc4Of(buurtCode);
    let n = nextPair.get(pc4) ?? 0;
    let pair = '';
    do {
      if (n >= 26 * 26) throw new Error(`postcode range ${pc4} is full`);
      pair = LETTERS[Math.floor(n / 26)] + LETTERS[n % 26];
      n++;
    } while (FORBIDDEN_PAIRS.has(pair));
    nextPair.set(pc4, n);
    return pc4 + pair;
  };

  const addresses: Address[] = [];
  for (const line of lines) {
    for (const side of [1, -1] as const) {
      const list = byLineSide.get(`${line.id}:${side}`);
      if (!list) continue;
      list.sort((p, q) => p.alongM - q.alongM);
      let number = side === 1 ? 1 : 2;
      let postcode = '';
      let sectionBuurt = '';
      let inSection = 0;
      for (const placed of list) {
        const b = placed.building;
        const buurtCode = b.buurtCode ?? '';
        if (!postcode || buurtCode !== sectionBuurt || inSection >= SECTION_SIZE) {
          postcode = newPostcode(buurtCode);
          sectionBuurt = buurtCode;
          inSection = 0;
        }
        placed.addressPoints.forEach((position, q) => {
          const lettered = placed.numbering === 'letters' && q > 0;
          addresses.push({
            id: `NL.IMBAG.Nummeraanduiding.9999200000${String(addresses.length + 1).padStart(6, '0')}`,
            position,
            postcode,
            houseNumber: number,
            houseLetter: lettered ? LETTERS[q - 1] : null,
            street: line.name,
            buildingId: b.id,
            buurtCode: b.buurtCode,
          });
          if (placed.numbering === 'numbers' && q < placed.addressPoints.length - 1) number += 2;
        });
        inSection += placed.addressPoints.length;
        number += 2;
      }
    }
  }
  return addresses;
}
