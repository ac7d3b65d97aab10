// deck.gl layers for the public-health choropleth: buurten filled by class, suppressed buurten grey and hatched.
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { BuurtValue } from '../api/health-api.ts';
import { hatchSegments } from './hatch.ts';
import type { HealthClassification } from './health-classes.ts';
import { SUPPRESSED_COLOUR, SUPPRESSED_HATCH_COLOUR } from './health-classes.ts';
import type { GroundPolygon } from './plan-overlays.ts';
import { rgba } from './plan-style.ts';

type Enu = [number, number, number];

const FLAT = { depthWriteEnabled: false, depthCompare: 'always' } as const;
const FILL_ALPHA = 0.7;
const HATCH_SPACING_M = 14;

interface ShadedBuurt {
  rings: Enu[][];
  code: string;
  colour: [number, number, number, number];
}

/** Hatch lines for the suppressed buurten, computed once per polygon set (they do not depend on the indicator). */
export function buurtHatching(polygons: GroundPolygon[]): Map<string, Enu[][]> {
  const byCode = new Map<string, Enu[][]>();
  for (const p of polygons) {
    const code = String(p.properties.code ?? '');
    const z = p.rings[0]?.[0]?.[2] ?? 0;
    const segments = hatchSegments(p.rings.map((r) => r.map(([x, y]) => [x, y] as const)), HATCH_SPACING_M);
    const lines = segments.map(([a, b]) => [[a[0], a[1], z + 0.05], [b[0], b[1], z + 0.05]] as Enu[]);
    byCode.set(code, [...(byCode.get(code) ?? []), ...lines]);
  }
  return byCode;
}

export function healthLayers(
  id: string,
  polygons: GroundPolygon[],
  hatching: Map<string, Enu[][]>,
  values: BuurtValue[] | undefined,
  classification: HealthClassification | undefined,
  opacity: number,
  visible: boolean,
): Layer[] {
  const byCode = new Map((values ?? []).map((b) => [b.code, b]));
  const shaded: ShadedBuurt[] = [];
  const hatches: Enu[][] = [];
  for (const p of polygons) {
    const code = String(p.properties.code ?? '');
    const buurt = byCode.get(code);
    const cls = buurt && classification ? classification.classOf(buurt) : null;
    if (cls === null) {
      shaded.push({ rings: p.rings, code, colour: rgba(SUPPRESSED_COLOUR, FILL_ALPHA) });
      // Only buurten the server marked as suppressed are hatched; a buurt with no data row at all is plain grey.
      if (buurt) hatches.push(...(hatching.get(code) ?? []));
    } else {
      shaded.push({ rings: p.rings, code, colour: rgba(classification!.classes[cls].colour, FILL_ALPHA) });
    }
  }
  const outlines = polygons.flatMap((p) => p.rings);
  // The accessor results depend on the indicator: tell deck.gl when to re-evaluate them.
  const key = values ? values.map((b) => `${b.code}:${b.value ?? '-'}`).join('|') : '';
  return [
    new SolidPolygonLayer<ShadedBuurt>({
      id: `${id}-fill`,
      data: shaded,
      getPolygon: (d) => d.rings,
      getFillColor: (d) => d.colour,
      updateTriggers: { getFillColor: key },
      opacity,
      visible,
      parameters: FLAT,
    }) as Layer,
    new PathLayer<Enu[]>({
      id: `${id}-hatch`,
      data: hatches,
      getPath: (d) => d,
      getColor: rgba(SUPPRESSED_HATCH_COLOUR),
      getWidth: 1.5,
      widthUnits: 'pixels',
      opacity,
      visible,
      parameters: FLAT,
    }) as Layer,
    new PathLayer<Enu[]>({
      id: `${id}-outline`,
      data: outlines,
      getPath: (d) => d,
      getColor: [60, 60, 60, 255],
      getWidth: 1,
      widthUnits: 'pixels',
      opacity,
      visible,
      parameters: FLAT,
    }) as Layer,
  ];
}
