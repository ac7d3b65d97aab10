// The offline basemap: water and green areas and streets from /api/basemap (GeoJSON, WGS84 lon/lat), drawn as
// batched Cesium primitives lying on the flat ground. Two primitives in all, so it stays cheap to render.
import {
  Cartesian3,
  ColorGeometryInstanceAttribute,
  Color,
  CornerType,
  CorridorGeometry,
  GeometryInstance,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  Primitive,
  PrimitiveCollection,
  type Scene,
} from '@cesium/engine';
import type { BasemapCollection, BasemapFeature } from '../api/twin-api.ts';
import { AREA_COLOURS, LIFT_M, streetSymbol } from './basemap-style.ts';

export interface BasemapLayer {
  setVisible(visible: boolean): void;
  /** Resolves when the geometry has been built (in Cesium's workers) and can be drawn. */
  ready: Promise<void>;
}

type Ring = number[][];

function toPositions(ring: Ring, heightM: number): Cartesian3[] {
  return ring.map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat, heightM));
}

function polygonsOf(feature: BasemapFeature): Ring[][] {
  const g = feature.geometry;
  if (g?.type === 'Polygon') return [g.coordinates];
  if (g?.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function linesOf(feature: BasemapFeature): Ring[] {
  const g = feature.geometry;
  if (g?.type === 'LineString') return [g.coordinates];
  if (g?.type === 'MultiLineString') return g.coordinates;
  return [];
}

function colourAttribute(css: string): ColorGeometryInstanceAttribute {
  return ColorGeometryInstanceAttribute.fromColor(Color.fromCssColorString(css));
}

export function buildBasemapInstances(basemap: BasemapCollection, groundHeightM: number) {
  const areas: GeometryInstance[] = [];
  const streets: { order: number; instance: GeometryInstance }[] = [];
  for (const feature of basemap.features) {
    const kind = feature.properties?.layer;
    if (kind === 'water' || kind === 'groen') {
      const heightM = groundHeightM + LIFT_M[kind];
      for (const [outer, ...holes] of polygonsOf(feature)) {
        if (!outer || outer.length < 3) continue;
        const hierarchy = new PolygonHierarchy(
          toPositions(outer, heightM),
          holes.filter((h) => h.length >= 3).map((h) => new PolygonHierarchy(toPositions(h, heightM))),
        );
        areas.push(
          new GeometryInstance({
            geometry: new PolygonGeometry({
              polygonHierarchy: hierarchy,
              height: heightM,
              vertexFormat: PerInstanceColorAppearance.FLAT_VERTEX_FORMAT,
            }),
            attributes: { color: colourAttribute(AREA_COLOURS[kind]) },
          }),
        );
      }
    } else if (kind === 'streets') {
      const symbol = streetSymbol(feature.properties?.class);
      // Thinner classes sit a few centimetres higher, so paths stay visible where they cross wide roads.
      const heightM = groundHeightM + LIFT_M.street + (5 - symbol.order) * 0.02;
      for (const line of linesOf(feature)) {
        if (line.length < 2) continue;
        streets.push({
          order: symbol.order,
          instance: new GeometryInstance({
            geometry: new CorridorGeometry({
              positions: toPositions(line, heightM),
              width: symbol.widthM,
              height: heightM,
              cornerType: CornerType.ROUNDED,
              vertexFormat: PerInstanceColorAppearance.FLAT_VERTEX_FORMAT,
            }),
            attributes: { color: colourAttribute(symbol.colour) },
          }),
        });
      }
    }
  }
  return { areas, streets: streets.sort((a, b) => a.order - b.order).map((s) => s.instance) };
}

function batchedPrimitive(instances: GeometryInstance[]): Primitive {
  return new Primitive({
    geometryInstances: instances,
    appearance: new PerInstanceColorAppearance({ flat: true, translucent: false }),
    // Static geometry: keep no CPU copies and no pick ids (the basemap is not clickable).
    releaseGeometryInstances: true,
    allowPicking: false,
  });
}

export function createBasemapLayer(scene: Scene, basemap: BasemapCollection, groundHeightM: number): BasemapLayer {
  const { areas, streets } = buildBasemapInstances(basemap, groundHeightM);
  const collection = new PrimitiveCollection();
  const primitives = [areas, streets].filter((list) => list.length > 0).map(batchedPrimitive);
  for (const primitive of primitives) collection.add(primitive);
  scene.primitives.add(collection);
  const ready = new Promise<void>((resolve) => {
    if (primitives.length === 0) {
      resolve();
      return;
    }
    const removeListener = scene.postRender.addEventListener(() => {
      if (primitives.every((p) => p.ready)) {
        removeListener();
        resolve();
      }
    });
  });
  return {
    ready,
    setVisible(visible) {
      collection.show = visible;
      scene.requestRender();
    },
  };
}
