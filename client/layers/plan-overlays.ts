// deck.gl layers for the omgevingsplan zones (fill by function + outline) and heritage outlines, drawn flat on
// the ground in the local ENU frame. Geometry is converted once; opacity changes only touch a uniform.
import { PathLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import { polygonsOf, type OgcFeature } from '../api/feature-api.ts';
import type { LocalFrame } from '../viewer/local-frame.ts';
import { heritageColour, rgba, ZONE_FILL_ALPHA, zoneColour } from './plan-style.ts';

type Enu = [number, number, number];

export interface GroundPolygon {
  /** Outer ring then holes, ENU metres. */
  rings: Enu[][];
  properties: Record<string, unknown>;
}

/** Ground polygons in the local frame, `liftM` above the flat ground (so they never fight the globe's depth). */
export function toGroundPolygons(features: OgcFeature[], frame: LocalFrame, groundHeightM: number, liftM = 0.5): GroundPolygon[] {
  const result: GroundPolygon[] = [];
  for (const feature of features) {
    for (const polygon of polygonsOf(feature)) {
      const rings = polygon
        .filter((ring) => ring.length >= 4)
        .map((ring) => ring.map(([lon, lat]) => frame.fromDegrees(lon, lat, groundHeightM + liftM)));
      if (rings.length > 0) result.push({ rings, properties: (feature.properties ?? {}) as Record<string, unknown> });
    }
  }
  return result;
}

/** Every ring (outer and holes) as a path, for outlines. */
function ringPaths(polygons: GroundPolygon[]): { path: Enu[]; properties: Record<string, unknown> }[] {
  return polygons.flatMap((p) => p.rings.map((path) => ({ path, properties: p.properties })));
}

/** The overlay is 2D and not depth-tested against Cesium; within deck.gl, later layers simply draw on top. */
const FLAT = { depthWriteEnabled: false, depthCompare: 'always' } as const;

export function zoneLayers(id: string, polygons: GroundPolygon[], opacity: number, visible: boolean): Layer[] {
  const outlines = ringPaths(polygons);
  return [
    new SolidPolygonLayer<GroundPolygon>({
      id: `${id}-fill`,
      data: polygons,
      getPolygon: (d) => d.rings,
      getFillColor: (d) => rgba(zoneColour(d.properties.functie), ZONE_FILL_ALPHA),
      opacity,
      visible,
      parameters: FLAT,
    }) as Layer,
    new PathLayer<(typeof outlines)[number]>({
      id: `${id}-outline`,
      data: outlines,
      getPath: (d) => d.path,
      getColor: (d) => rgba(zoneColour(d.properties.functie), 1).map((c, i) => (i < 3 ? Math.round(c * 0.6) : c)) as [number, number, number, number],
      getWidth: 1.5,
      widthUnits: 'pixels',
      opacity,
      visible,
      parameters: FLAT,
    }) as Layer,
  ];
}

export function heritageLayers(id: string, polygons: GroundPolygon[], opacity: number, visible: boolean): Layer[] {
  const outlines = ringPaths(polygons);
  return [
    new PathLayer<(typeof outlines)[number]>({
      id: `${id}-outline`,
      data: outlines,
      getPath: (d) => d.path,
      getColor: (d) => rgba(heritageColour(d.properties.type)),
      getWidth: (d) => (d.properties.type === 'beschermd stadsgezicht' ? 4 : 2.5),
      widthUnits: 'pixels',
      // Dashed would need the PathStyleExtension (@deck.gl/extensions, not installed); width and colour suffice.
      opacity,
      visible,
      parameters: FLAT,
    }) as Layer,
  ];
}
