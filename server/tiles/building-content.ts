// One tile's content: LoD2 meshes (or LoD1 blocks) of a set of buildings as a GLB in the tile's local ENU frame, with one
// property-table row per building. Pure: the tileset builder does the I/O.
import type { Building } from '../contracts/model.ts';
import { degToRad, rdToLonLatDeg } from '../geo/crs.ts';
import { polygonBbox } from '../geo/polygon.ts';
import { attributeColumns } from './attribute-columns.ts';
import { buildingSurfaces, SURFACE_COLORS } from './building-surfaces.ts';
import { writeGlb, type PropertyColumn } from './glb.ts';
import { createLocalFrame } from './local-frame.ts';
import { reprojectMesh, vertexCount } from './mesh.ts';

/** Names and types here are the contract with the client's styling and picking; keep them stable. */
export const BUILDING_SCHEMA_ID = 'tweeling';
export const BUILDING_CLASS = 'building';

/**
 * Margins added to content regions: Float32 positions round by ~0.1 mm at a few hundred metres and straight
 * chords between vertices sag below the ellipsoidal height by L²/8R (≈ 0.05 mm for a 50 m wall).
 */
const REGION_PAD_RAD = 1e-8; // ≈ 6 cm
const REGION_PAD_M = 0.05;

export interface BuildingContentOptions {
  /** NAP → WGS84 ellipsoidal height offset (geoid undulation), metres. */
  geoidHeightM: number;
  floor?: boolean;
}

export interface BuildingContent {
  glb: Uint8Array;
  /** Column-major ENU→ECEF matrix for the tile that holds this content. */
  transform: number[];
  /** [west, south, east, north (radians), minHeightM, maxHeightM (ellipsoidal)] containing every vertex. */
  region: [number, number, number, number, number, number];
  /** Ids of buildings written, in property-table row order. */
  featureIds: string[];
  /** Ids of buildings without a usable footprint (nothing to draw, no row). */
  skippedIds: string[];
  vertexCount: number;
  triangleCount: number;
}

/** Builds the content of one tile, or null when none of the buildings has drawable geometry. */
export function buildBuildingContent(buildings: readonly Building[], options: BuildingContentOptions): BuildingContent | null {
  if (buildings.length === 0) return null;
  const frame = createLocalFrame(...frameOrigin(buildings, options.geoidHeightM));
  const region: BuildingContent['region'] = [Infinity, Infinity, -Infinity, -Infinity, Infinity, -Infinity];
  const positions: number[] = [];
  const normals: number[] = [];
  const featureIds: number[] = [];
  const indices: number[] = [];
  const colors: number[] = [];
  const surfaces: number[] = [];
  const lods: string[] = [];
  const rows: Building[] = [];
  const skippedIds: string[] = [];

  for (const building of buildings) {
    const block = buildingSurfaces(building, options.geoidHeightM, { floor: options.floor });
    if (block.indices.length === 0) {
      skippedIds.push(building.id);
      continue;
    }
    // A footprint repeats each corner in roof and walls: convert each RD point to lon/lat once. A building has
    // few distinct corners, so a linear scan over numbers beats a Map keyed by strings (the tiling hot spot).
    const seenX: number[] = [];
    const seenY: number[] = [];
    const seenLonLat: [number, number][] = [];
    const local = reprojectMesh(block, (x, y, heightM) => {
      let ll: [number, number] | undefined;
      const n = seenX.length;
      // Scan from the newest corner: walls revisit the corner just converted.
      for (let i = n - 1; i >= Math.max(0, n - 64); i--) {
        if (seenX[i] === x && seenY[i] === y) {
          ll = seenLonLat[i];
          break;
        }
      }
      if (!ll) {
        const [lonDeg, latDeg] = rdToLonLatDeg(x, y);
        ll = [degToRad(lonDeg), degToRad(latDeg)];
        seenX.push(x);
        seenY.push(y);
        seenLonLat.push(ll);
      }
      extendRegion(region, ll[0], ll[1], heightM);
      return frame.toLocalYUp(ll[0], ll[1], heightM);
    });
    const first = positions.length / 3;
    const row = rows.length;
    for (let i = 0; i < local.positions.length; i++) positions.push(local.positions[i]);
    for (let i = 0; i < local.normals.length; i++) normals.push(local.normals[i]);
    for (let v = 0; v < vertexCount(local); v++) featureIds.push(row);
    for (let i = 0; i < local.indices.length; i++) indices.push(first + local.indices[i]);
    for (const s of block.surfaces) {
      const c = SURFACE_COLORS[s];
      surfaces.push(s);
      colors.push(c[0], c[1], c[2], c[3]);
    }
    lods.push(block.lod);
    rows.push(building);
  }
  if (rows.length === 0) return null;

  const glb = writeGlb({
    positions: Float32Array.from(positions),
    normals: Float32Array.from(normals),
    featureIds: Float32Array.from(featureIds),
    indices: Uint32Array.from(indices),
    featureCount: rows.length,
    colors: Uint8Array.from(colors),
    surfaces: Float32Array.from(surfaces),
    metadata: { schemaId: BUILDING_SCHEMA_ID, className: BUILDING_CLASS, properties: tileColumns(rows, lods) },
  });
  return {
    glb,
    transform: frame.transform,
    region: [
      region[0] - REGION_PAD_RAD,
      region[1] - REGION_PAD_RAD,
      region[2] + REGION_PAD_RAD,
      region[3] + REGION_PAD_RAD,
      region[4] - REGION_PAD_M,
      region[5] + REGION_PAD_M,
    ],
    featureIds: rows.map((b) => b.id),
    skippedIds,
    vertexCount: positions.length / 3,
    triangleCount: indices.length / 3,
  };
}

/** Our columns, the LoD drawn, then every source attribute present in the tile. */
function tileColumns(rows: readonly Building[], lods: readonly string[]): Record<string, PropertyColumn> {
  const own: Record<string, PropertyColumn> = {
    ...buildingColumns(rows),
    lod: { type: 'STRING', values: lods, description: 'LoD drawn: the imported mesh (e.g. 2.2) or 1.2 for an extruded block' },
  };
  return { ...own, ...attributeColumns(rows, new Set(Object.keys(own))) };
}

/** Property-table columns for buildings, in row order. */
export function buildingColumns(rows: readonly Building[]): Record<string, PropertyColumn> {
  const uint16 = (v: number): number => Math.min(0xffff, Math.max(0, Math.round(v)));
  return {
    identificatie: { type: 'STRING', values: rows.map((b) => b.id), description: 'BAG pand id' },
    functie: { type: 'STRING', values: rows.map((b) => b.function) },
    bouwjaar: { type: 'SCALAR', componentType: 'UINT16', values: rows.map((b) => uint16(b.year)) },
    hoogte: { type: 'SCALAR', componentType: 'FLOAT32', values: rows.map((b) => b.heightM), description: 'Height above ground, m' },
    maaiveld: { type: 'SCALAR', componentType: 'FLOAT32', values: rows.map((b) => b.groundM), description: 'Ground level, m NAP' },
    daktype: { type: 'STRING', values: rows.map((b) => b.roofType) },
    woningen: { type: 'SCALAR', componentType: 'UINT16', values: rows.map((b) => uint16(b.dwellings)) },
    buurt: { type: 'STRING', values: rows.map((b) => b.buurtCode ?? ''), description: 'CBS buurtcode, empty if unknown' },
  };
}

/** Centre of the buildings' RD bbox, on the lowest ground: keeps local coordinates small and mostly positive-up. */
function frameOrigin(buildings: readonly Building[], geoidHeightM: number): [number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  let minGround = Infinity;
  for (const b of buildings) {
    const [x0, y0, x1, y1] = polygonBbox(b.footprint);
    minX = Math.min(minX, x0);
    minY = Math.min(minY, y0);
    maxX = Math.max(maxX, x1);
    maxY = Math.max(maxY, y1);
    minGround = Math.min(minGround, b.groundM);
  }
  const [lonDeg, latDeg] = rdToLonLatDeg((minX + maxX) / 2, (minY + maxY) / 2);
  return [degToRad(lonDeg), degToRad(latDeg), minGround + geoidHeightM];
}

function extendRegion(region: number[], lonRad: number, latRad: number, heightM: number): void {
  if (lonRad < region[0]) region[0] = lonRad;
  if (latRad < region[1]) region[1] = latRad;
  if (lonRad > region[2]) region[2] = lonRad;
  if (latRad > region[3]) region[3] = latRad;
  if (heightM < region[4]) region[4] = heightM;
  if (heightM > region[5]) region[5] = heightM;
}
