// The zoning of the demo omgevingsplan, read off the town as it was generated: one functie zone per buurt
// (centrum where the monuments are, bedrijventerrein where offices and industry dominate, groen where nothing
// was built, wonen elsewhere), water and green areas cut out of them where they lie wholly inside, high-rise
// building plots (bouwvlakken) around the tall flats, and a maximum bouwhoogte per zone set from the heights
// actually built so that only a small share (about 1–3 %) of the buildings is taller than the plan allows.
import type { Area, Building, Buurt, Municipality, PointRd, PolygonRd } from '../../contracts/model.ts';
import type { Functie } from '../../omgevingsplan/model.ts';
import { type Bbox, bboxOf, pointInRing, polygonCentroid } from '../geometry.ts';
import type { Rng } from '../random.ts';

/** Buildings taller than this in a residential zone get their own high-rise plot. */
export const HIGH_RISE_FROM_M = 20;
export const HIGH_RISE_MAX_M = 30;
const PLOT_MARGIN_M = 3;
/** Metres per bouwlaag when deriving the maximum number of storeys from the height. */
const STOREY_M = 3;

export interface DemoZone {
  buurt: Buurt;
  functie: Functie;
  /** Outer ring of the buurt with the water/green areas inside it as holes. */
  functiePolygon: PolygonRd;
  /** functiePolygon with the high-rise plots cut out too (the area the zone's height limit covers). */
  heightPolygon: PolygonRd;
  maxHeightM: number | null;
  maxStoreys: number | null;
  buildings: Building[];
}

export interface DemoZoning {
  zones: DemoZone[];
  centre: DemoZone | undefined;
  /** Water and green areas as separate functie zones. */
  areas: { area: Area; functie: 'water' | 'groen' }[];
  highRisePlots: PointRd[][];
}

export function planDemoZones(m: Municipality, rng: Rng): DemoZoning {
  const byBuurt = new Map<string, Building[]>(m.buurten.map((b) => [b.code, []]));
  for (const b of m.buildings) {
    const code = b.buurtCode ?? m.buurten.find((u) => pointInRing(polygonCentroid(b.footprint), u.polygon[0]))?.code;
    if (code) byBuurt.get(code)?.push(b);
  }
  const monuments = (code: string): number => byBuurt.get(code)!.filter((b) => b.function === 'monument').length;
  const centreBuurt = [...m.buurten].sort((a, b) => monuments(b.code) - monuments(a.code) || a.code.localeCompare(b.code))[0];
  const hasCentre = centreBuurt !== undefined && monuments(centreBuurt.code) > 0;

  const classify = (u: Buurt): Functie => {
    const bs = byBuurt.get(u.code)!;
    if (hasCentre && u.code === centreBuurt.code) return 'centrum';
    if (bs.length === 0) return 'groen';
    const work = bs.filter((b) => b.function === 'industrie' || b.function === 'kantoor').length;
    return work / bs.length > 0.5 ? 'bedrijventerrein' : 'wonen';
  };

  const zonesRaw = m.buurten.map((buurt) => ({ buurt, functie: classify(buurt), buildings: byBuurt.get(buurt.code)! }));
  const plots = highRisePlots(zonesRaw.filter((z) => z.functie === 'wonen'));
  const plotBoxes = plots.map((p) => bboxOf(p));

  const areas = m.areas.map((area) => ({ area, functie: area.kind }));
  const zones: DemoZone[] = zonesRaw.map((z) => {
    const outer = z.buurt.polygon[0];
    // Single-ring areas wholly inside the buurt (and clear of the high-rise plots) become holes; others overlap.
    const holes = m.areas
      .filter((a) => a.polygon.length === 1 && !(z.functie === 'groen' && a.kind === 'groen'))
      .filter((a) => a.polygon[0].every((p) => pointInRing(p, outer)))
      .filter((a) => !plotBoxes.some((box) => overlaps(box, bboxOf(a.polygon[0]))))
      .map((a) => a.polygon[0]);
    const ownPlots = plots.filter((p) => p.every((q) => pointInRing(q, outer)));
    const functiePolygon: PolygonRd = [outer, ...holes];
    const heightPolygon: PolygonRd = [...functiePolygon, ...ownPlots];
    const inPlot = (b: Building): boolean => {
      const c = polygonCentroid(b.footprint);
      return ownPlots.some((p) => pointInRing(c, p));
    };
    const maxHeightM = z.functie === 'groen' ? null : heightLimit(z.buildings.filter((b) => !inPlot(b)).map((b) => b.heightM), rng.range(0.015, 0.04));
    return {
      ...z,
      functiePolygon,
      heightPolygon,
      maxHeightM,
      maxStoreys: maxHeightM === null ? null : Math.max(1, Math.floor(maxHeightM / STOREY_M)),
    };
  });
  return { zones, centre: zones.find((z) => z.functie === 'centrum'), areas, highRisePlots: plots };
}

/**
 * The lowest limit, in half metres, that at most `share` of the heights exceed; never below 6 m (two storeys),
 * and a zone without buildings gets 10 m.
 */
export function heightLimit(heights: readonly number[], share: number): number {
  if (heights.length === 0) return 10;
  const sorted = [...heights].sort((a, b) => a - b);
  const allowedOver = Math.floor(sorted.length * share);
  const threshold = sorted[sorted.length - 1 - allowedOver];
  let limit = Math.max(6, Math.floor(threshold * 2) / 2);
  while (sorted.filter((h) => h > limit).length > allowedOver) limit += 0.5;
  return limit;
}

/** Rectangular plots around the tall residential buildings, merged where they touch so no two overlap. */
function highRisePlots(zones: { buildings: Building[] }[]): PointRd[][] {
  let boxes: Bbox[] = zones
    .flatMap((z) => z.buildings)
    .filter((b) => b.heightM > HIGH_RISE_FROM_M)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((b) => {
      const box = bboxOf(b.footprint[0]);
      return { minX: box.minX - PLOT_MARGIN_M, minY: box.minY - PLOT_MARGIN_M, maxX: box.maxX + PLOT_MARGIN_M, maxY: box.maxY + PLOT_MARGIN_M };
    });
  for (let merged = true; merged; ) {
    merged = false;
    outer: for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        if (!overlaps(boxes[i], boxes[j])) continue;
        const a = boxes[i];
        const b = boxes[j];
        boxes[i] = { minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) };
        boxes = boxes.filter((_, k) => k !== j);
        merged = true;
        break outer;
      }
    }
  }
  const r = (v: number): number => Math.round(v * 1000) / 1000;
  return boxes.map((b) => [
    [r(b.minX), r(b.minY)],
    [r(b.maxX), r(b.minY)],
    [r(b.maxX), r(b.maxY)],
    [r(b.minX), r(b.maxY)],
  ]);
}

function overlaps(a: Bbox, b: Bbox): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}
