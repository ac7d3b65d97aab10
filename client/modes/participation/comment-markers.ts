// Comment pins on the globe as Cesium point primitives (drawn over the buildings): approved comments in blue, the
// citizen's own pending ones in orange with a dark ring, the pin being placed in magenta. Updated in place per id.
import { Cartesian3, Color, PointPrimitiveCollection, type PointPrimitive, type Scene } from '@cesium/engine';
import type { PinStatus } from './own-comments.ts';

export type MarkerKind = PinStatus | 'draft';

const STYLE: Record<MarkerKind, { color: string; outline: string; size: number }> = {
  approved: { color: '#0b5cad', outline: '#ffffff', size: 14 },
  'own-approved': { color: '#0b5cad', outline: '#1b2631', size: 16 },
  'own-pending': { color: '#e07b00', outline: '#1b2631', size: 16 },
  draft: { color: '#c2187a', outline: '#ffffff', size: 18 },
};

export interface MarkerPosition {
  lonDeg: number;
  latDeg: number;
  heightM: number;
}

export interface CommentMarkers {
  set(id: string, kind: MarkerKind, position: MarkerPosition): void;
  remove(id: string): void;
  ids(): string[];
}

export function createCommentMarkers(scene: Scene): CommentMarkers {
  const collection = scene.primitives.add(new PointPrimitiveCollection()) as PointPrimitiveCollection;
  const points = new Map<string, PointPrimitive>();
  return {
    set(id, kind, { lonDeg, latDeg, heightM }) {
      const style = STYLE[kind];
      // A little above the surface so the pin is not hidden in the roof or the ground.
      const position = Cartesian3.fromDegrees(lonDeg, latDeg, heightM + 1.5);
      const existing = points.get(id);
      const point = existing ?? collection.add({ position });
      point.position = position;
      point.color = Color.fromCssColorString(style.color);
      point.outlineColor = Color.fromCssColorString(style.outline);
      point.outlineWidth = 3;
      point.pixelSize = style.size;
      point.disableDepthTestDistance = Number.POSITIVE_INFINITY;
      points.set(id, point);
      scene.requestRender();
    },
    remove(id) {
      const point = points.get(id);
      if (!point) return;
      collection.remove(point);
      points.delete(id);
      scene.requestRender();
    },
    ids: () => [...points.keys()],
  };
}
