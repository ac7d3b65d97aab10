// Maximum building heights as translucent 3D envelopes: Cesium primitives (not deck.gl) because they must be
// depth-tested against the buildings to read as volumes. One batched fill and one batched outline primitive.
import {
  Color,
  ColorGeometryInstanceAttribute,
  GeometryInstance,
  Material,
  MaterialAppearance,
  PerInstanceColorAppearance,
  PolygonGeometry,
  PolygonHierarchy,
  PolygonOutlineGeometry,
  Primitive,
  PrimitiveCollection,
  Cartesian3,
  type Scene,
} from '@cesium/engine';
import { polygonsOf, type OgcFeature } from '../api/feature-api.ts';
import { ENVELOPE_FILL, ENVELOPE_FILL_ALPHA, ENVELOPE_OUTLINE, envelopeHeightM } from './plan-style.ts';

export interface EnvelopesLayer {
  setVisible(visible: boolean): void;
  setOpacity(opacity: number): void;
  ready: Promise<void>;
}

export function createEnvelopesLayer(scene: Scene, features: OgcFeature[], groundHeightM: number): EnvelopesLayer {
  const fills: GeometryInstance[] = [];
  const outlines: GeometryInstance[] = [];
  const outlineColour = Color.fromCssColorString(ENVELOPE_OUTLINE);
  features.forEach((feature, index) => {
    const heightM = envelopeHeightM((feature.properties ?? {}) as Record<string, unknown>);
    if (heightM === undefined) return;
    polygonsOf(feature).forEach(([outer, ...holes], part) => {
      if (!outer || outer.length < 4) return;
      const ring = (r: number[][]) => r.slice(0, -1).map(([lon, lat]) => Cartesian3.fromDegrees(lon, lat, groundHeightM));
      const hierarchy = new PolygonHierarchy(ring(outer), holes.filter((h) => h.length >= 4).map((h) => new PolygonHierarchy(ring(h))));
      const shape = { polygonHierarchy: hierarchy, height: groundHeightM, extrudedHeight: groundHeightM + heightM };
      fills.push(new GeometryInstance({ geometry: new PolygonGeometry({ ...shape, vertexFormat: MaterialAppearance.MaterialSupport.BASIC.vertexFormat }) }));
      outlines.push(
        new GeometryInstance({
          id: `envelope-${index}-${part}`,
          geometry: new PolygonOutlineGeometry(shape),
          attributes: { color: ColorGeometryInstanceAttribute.fromColor(outlineColour) },
        }),
      );
    });
  });

  const fillMaterial = Material.fromType('Color', { color: Color.fromCssColorString(ENVELOPE_FILL).withAlpha(ENVELOPE_FILL_ALPHA) });
  const collection = new PrimitiveCollection();
  const primitives: Primitive[] = [];
  if (fills.length > 0) {
    primitives.push(
      new Primitive({
        geometryInstances: fills,
        // Translucent, unlit, both sides: an envelope is a volume you look into, not a solid.
        appearance: new MaterialAppearance({ material: fillMaterial, translucent: true, flat: true, faceForward: true, closed: false }),
        allowPicking: false,
        releaseGeometryInstances: true,
      }),
    );
    primitives.push(
      new Primitive({
        geometryInstances: outlines,
        appearance: new PerInstanceColorAppearance({ flat: true, translucent: true }),
        allowPicking: false,
        releaseGeometryInstances: false,
      }),
    );
  }
  for (const p of primitives) collection.add(p);
  collection.show = false;
  scene.primitives.add(collection);

  const outlineIds = outlines.map((o) => o.id as string);
  const ready = new Promise<void>((resolve) => {
    if (primitives.length === 0) return resolve();
    const remove = scene.postRender.addEventListener(() => {
      if (primitives.every((p) => p.ready)) {
        remove();
        resolve();
      }
    });
  });
  let opacity = 1;
  const applyOpacity = () => {
    fillMaterial.uniforms.color = Color.fromCssColorString(ENVELOPE_FILL).withAlpha(ENVELOPE_FILL_ALPHA * opacity);
    const outline = primitives[1];
    if (outline?.ready) {
      const value = ColorGeometryInstanceAttribute.toValue(outlineColour.withAlpha(opacity));
      for (const id of outlineIds) {
        const attributes = outline.getGeometryInstanceAttributes(id);
        if (attributes) attributes.color = value;
      }
    }
    scene.requestRender();
  };
  void ready.then(applyOpacity);
  return {
    ready,
    setVisible(visible) {
      collection.show = visible;
      scene.requestRender();
    },
    setOpacity(next) {
      if (next === opacity) return;
      opacity = next;
      applyOpacity();
    },
  };
}
