// Synthetic fibre situation for a municipality (demo data: nothing here was surveyed). Which network reaches each
// address today (fibre, coax or copper only), where a POP (wijkcentrale) could stand, and which streets already carry
// a free duct. The story it tells: a few buurten near the centre already have fibre, most have coax, and the buurt
// farthest out is a white spot (copper only) — the case the planner is for.
import type { Address, Buurt, Municipality, PointRd, Street } from '../../contracts/model.ts';
import type { Coverage, FibreSituation, PopSite } from '../../scenarios/fibre/fibre-situation.ts';
import { type Rng, createRng } from '../random.ts';

export type DemoFibre = FibreSituation;

/** Share of addresses with fibre in a built-out buurt (some owners refused the free drop), and so on. */
const FIBRE_IN_BUILT_BUURT = 0.92;
const COPPER_ONLY_IN_WHITE_SPOT = 0.75;
const COPPER_ONLY_ELSEWHERE = 0.08;
const SHARE_OF_BUURTEN_WITH_FIBRE = 0.3;

export function generateDemoFibre(m: Municipality, seed: number): DemoFibre {
  const rng = createRng(seed, 'fibre');
  const addressesByBuurt = groupBy(m.addresses, (a) => a.buurtCode ?? '');
  const centre = meanPoint(m.addresses.map((a) => a.position));
  const inhabited = m.buurten.filter((b) => (addressesByBuurt.get(b.code)?.length ?? 0) > 0);
  const distanceOf = new Map(inhabited.map((b) => [b.code, distance(meanPoint(addressesByBuurt.get(b.code)!.map((a) => a.position)), centre)]));
  const byDistance = [...inhabited].sort((a, b) => distanceOf.get(a.code)! - distanceOf.get(b.code)! || a.code.localeCompare(b.code));

  const whiteSpotBuurten = byDistance.length > 1 ? [byDistance[byDistance.length - 1].code] : [];
  const candidates = byDistance.filter((b) => !whiteSpotBuurten.includes(b.code));
  const fibreCount = Math.max(1, Math.round(SHARE_OF_BUURTEN_WITH_FIBRE * inhabited.length));
  // Fibre came first to the inner half of town: draw the built buurten from the closer half.
  const fibreBuurten = rng
    .fork('fibre-buurten')
    .shuffle(candidates.slice(0, Math.max(fibreCount, Math.ceil(candidates.length / 2))))
    .slice(0, fibreCount)
    .map((b) => b.code)
    .sort();

  const coverage: Record<string, Coverage> = {};
  const draw = rng.fork('coverage');
  for (const a of [...m.addresses].sort((x, y) => x.id.localeCompare(y.id))) {
    const code = a.buurtCode ?? '';
    if (fibreBuurten.includes(code)) coverage[a.id] = draw.chance(FIBRE_IN_BUILT_BUURT) ? 'fibre' : 'coax';
    else if (whiteSpotBuurten.includes(code)) coverage[a.id] = draw.chance(COPPER_ONLY_IN_WHITE_SPOT) ? 'copper-only' : 'coax';
    else coverage[a.id] = draw.chance(COPPER_ONLY_ELSEWHERE) ? 'copper-only' : 'coax';
  }

  return {
    meta: { source: `Tweeling synthetic fibre generator (seed ${seed})`, licence: 'CC0-1.0', date: m.meta.date, synthetic: true },
    coverage,
    popSites: popSites(m, centre, rng.fork('pop')),
    existingDuctStreetIds: ductStreets(m.streets, m.buurten.filter((b) => fibreBuurten.includes(b.code))),
    fibreBuurten,
    whiteSpotBuurten,
  };
}

/** 2–3 candidate sites: on the street vertex nearest the centre and nearest the centres of the west and east halves. */
function popSites(m: Municipality, centre: PointRd, rng: Rng): PopSite[] {
  const vertices = m.streets.filter((s) => s.class !== 'fietspad').flatMap((s) => s.line);
  const nearestVertex = (p: PointRd) => vertices.reduce((best, v) => (distance(v, p) < distance(best, p) ? v : best), vertices[0]);
  const west = m.addresses.filter((a) => a.position[0] < centre[0]).map((a) => a.position);
  const east = m.addresses.filter((a) => a.position[0] >= centre[0]).map((a) => a.position);
  const targets: [string, PointRd][] = [['Centrum', centre]];
  if (west.length > 0) targets.push(['West', meanPoint(west)]);
  if (east.length > 0) targets.push(['Oost', meanPoint(east)]);
  const count = Math.min(targets.length, rng.int(2, 3));
  return targets.slice(0, count).map(([name, p], i) => {
    const [x, y] = nearestVertex(p);
    return { id: `pop-${i + 1}`, name: `Wijkcentrale ${name}`, positionRd: [x, y] };
  });
}

/** Main and district roads through the built-out buurten carry the existing operator's ducts. */
function ductStreets(streets: readonly Street[], buurten: readonly Buurt[]): string[] {
  return streets
    .filter((s) => s.class === 'hoofdweg' || s.class === 'wijkweg')
    .filter((s) => {
      const mid = s.line[Math.floor(s.line.length / 2)];
      return buurten.some((b) => ringContains(b.polygon[0], mid));
    })
    .map((s) => s.id)
    .sort();
}

function ringContains(ring: readonly PointRd[], [x, y]: PointRd): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function groupBy(addresses: readonly Address[], key: (a: Address) => string): Map<string, Address[]> {
  const map = new Map<string, Address[]>();
  for (const a of addresses) {
    const list = map.get(key(a));
    if (list) list.push(a);
    else map.set(key(a), [a]);
  }
  return map;
}

function meanPoint(points: readonly PointRd[]): PointRd {
  let x = 0;
  let y = 0;
  for (const p of points) {
    x += p[0];
    y += p[1];
  }
  return points.length > 0 ? [x / points.length, y / points.length] : [0, 0];
}

const distance = (a: PointRd, b: PointRd) => Math.hypot(a[0] - b[0], a[1] - b[1]);
