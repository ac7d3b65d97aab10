// Picking buildings on screen. Coordinates are CSS pixels relative to the canvas unless a name says otherwise.
import { Cartesian2, Cesium3DTileFeature, type Scene } from '@cesium/engine';

export interface PickedBuilding {
  id: string;
  /** The feature's metadata (EXT_structural_metadata property table), as stored in the tileset. */
  properties: Record<string, unknown>;
}

/** The metadata properties the building tiles carry. */
export const BUILDING_PROPERTIES = [
  'identificatie',
  'functie',
  'bouwjaar',
  'hoogte',
  'maaiveld',
  'daktype',
  'woningen',
  'buurt',
] as const;

export function pickBuilding(scene: Scene, canvasX: number, canvasY: number): PickedBuilding | undefined {
  const picked: unknown = scene.pick(new Cartesian2(canvasX, canvasY));
  if (!(picked instanceof Cesium3DTileFeature)) return undefined;
  const id: unknown = picked.getProperty('identificatie');
  if (typeof id !== 'string' || id.length === 0) return undefined;
  const properties: Record<string, unknown> = {};
  for (const name of BUILDING_PROPERTIES) properties[name] = picked.getProperty(name);
  return { id, properties };
}

/**
 * Finds a point on screen where a building is picked, and picked the same a few pixels around it (so a real
 * mouse click there hits it too). Scans a grid from the centre outwards; returns page (client) coordinates.
 */
export function findBuildingPixel(
  scene: Scene,
  columns = 16,
  rows = 12,
): { clientX: number; clientY: number; id: string } | undefined {
  const canvas = scene.canvas;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const candidates: [number, number][] = [];
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      candidates.push([Math.round((column * width) / columns), Math.round((row * height) / rows)]);
    }
  }
  candidates.sort(
    ([ax, ay], [bx, by]) =>
      Math.hypot(ax - width / 2, ay - height / 2) - Math.hypot(bx - width / 2, by - height / 2),
  );
  const rect = canvas.getBoundingClientRect();
  for (const [x, y] of candidates) {
    const hit = pickBuilding(scene, x, y);
    if (!hit) continue;
    const stable = [
      [3, 0],
      [-3, 0],
      [0, 3],
      [0, -3],
    ].every(([dx, dy]) => pickBuilding(scene, x + dx, y + dy)?.id === hit.id);
    if (stable) return { clientX: rect.left + x, clientY: rect.top + y, id: hit.id };
  }
  return undefined;
}
