// Domain records of a municipality as the store holds them. Pure and browser-safe: the client may import
// these types. All coordinates are RD New (EPSG:28992) metres unless a name says otherwise; heights are NAP metres.
import { z } from 'zod';

export const pointRd = z.tuple([z.number().finite(), z.number().finite()]);
export type PointRd = z.infer<typeof pointRd>;

/** A closed ring; the first point is not repeated at the end. */
export const ringRd = z.array(pointRd).min(3);
export type RingRd = z.infer<typeof ringRd>;

/** Outer ring first (counter-clockwise), then holes (clockwise). */
export const polygonRd = z.array(ringRd).min(1);
export type PolygonRd = z.infer<typeof polygonRd>;

export const lineRd = z.array(pointRd).min(2);
export type LineRd = z.infer<typeof lineRd>;

export const BUILDING_FUNCTIONS = ['woning', 'winkel', 'kantoor', 'industrie', 'maatschappelijk', 'monument'] as const;
export const buildingFunction = z.enum(BUILDING_FUNCTIONS);
export type BuildingFunction = z.infer<typeof buildingFunction>;

export const ROOF_TYPES = ['plat', 'zadeldak', 'schilddak', 'lessenaarsdak', 'sheddak'] as const;
export const roofType = z.enum(ROOF_TYPES);
export type RoofType = z.infer<typeof roofType>;

export const building = z.object({
  /** BAG-like pand id, e.g. NL.IMBAG.Pand.9999100000000001 */
  id: z.string().min(1).max(64),
  footprint: polygonRd,
  /** Ground level (maaiveld), metres NAP. */
  groundM: z.number().finite(),
  /** Roof height above ground, metres (the LoD1 extrusion height). */
  heightM: z.number().positive().max(400),
  roofType,
  year: z.number().int().min(1000).max(2100),
  function: buildingFunction,
  dwellings: z.number().int().min(0),
  buurtCode: z.string().nullable(),
  /** Imported LoD2 (or LoD1.x) mesh, when the source had one; LoD1 extrusion of the footprint otherwise. */
  lod2: z.lazy(() => buildingMesh).optional(),
  /** Source attributes as imported (e.g. 3D BAG b3_*), scalars only; written to the tiles' metadata. */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type Building = z.infer<typeof building>;

/** Surface class per triangle of a building mesh: 0 ground, 1 wall, 2 roof (CityJSON semantics; other/unknown → wall). */
export const SURFACE_GROUND = 0;
export const SURFACE_WALL = 1;
export const SURFACE_ROOF = 2;

/**
 * An indexed triangle mesh in RD New x, y and NAP z metres. Compact on purpose: flat arrays, shared vertices,
 * one surface byte per triangle. `lod` is the CityJSON LoD it came from ("2.2", "1.3", …).
 */
export const buildingMesh = z.object({
  lod: z.string(),
  /** x, y, z per vertex. */
  positions: z.array(z.number().finite()),
  /** Vertex index triplets, counter-clockwise seen from outside where the source was oriented. */
  indices: z.array(z.number().int().min(0)),
  /** One of SURFACE_* per triangle. */
  surface: z.array(z.number().int().min(0).max(2)),
});
export type BuildingMesh = z.infer<typeof buildingMesh>;

export const address = z.object({
  id: z.string().min(1).max(64),
  position: pointRd,
  postcode: z.string().regex(/^[1-9][0-9]{3}[A-Z]{2}$/),
  houseNumber: z.number().int().positive(),
  houseLetter: z.string().max(1).nullable(),
  street: z.string(),
  buildingId: z.string(),
  buurtCode: z.string().nullable(),
});
export type Address = z.infer<typeof address>;

export const STREET_CLASSES = ['hoofdweg', 'wijkweg', 'woonstraat', 'erf', 'fietspad'] as const;
export const SURFACES = ['asfalt', 'klinkers', 'tegels', 'onverhard'] as const;
export const street = z.object({
  id: z.string().min(1),
  line: lineRd,
  name: z.string(),
  class: z.enum(STREET_CLASSES),
  surface: z.enum(SURFACES),
});
export type Street = z.infer<typeof street>;

export const AREA_KINDS = ['water', 'groen'] as const;
export const area = z.object({
  id: z.string().min(1),
  kind: z.enum(AREA_KINDS),
  name: z.string(),
  polygon: polygonRd,
});
export type Area = z.infer<typeof area>;

export const buurt = z.object({
  /** CBS code, BU + gemeentecode (4) + wijk (2) + buurt (2). */
  code: z.string().regex(/^BU[0-9]{8}$/),
  name: z.string(),
  polygon: polygonRd,
  population: z.number().int().min(0),
  households: z.number().int().min(0),
});
export type Buurt = z.infer<typeof buurt>;

export const PRIVACY_CLASSES = ['open', 'aggregated', 'personal'] as const;
export const datasetMeta = z.object({
  name: z.string(),
  /** CBS gemeentecode, e.g. GM9999 */
  municipalityCode: z.string(),
  source: z.string(),
  licence: z.string(),
  /** ISO date the data describes or was produced. */
  date: z.string(),
  synthetic: z.boolean(),
  /** NAP to ellipsoidal (WGS84) height offset used for this dataset, metres. */
  geoidHeightM: z.number(),
});
export type DatasetMeta = z.infer<typeof datasetMeta>;

/** Everything one municipality import carries; written to a store in a single transaction. */
export interface Municipality {
  meta: DatasetMeta;
  buildings: Building[];
  addresses: Address[];
  streets: Street[];
  areas: Area[];
  buurten: Buurt[];
}

/** [minX, minY, maxX, maxY] in RD New metres. */
export type BboxRd = [number, number, number, number];
