// CityJSON 1.1 / 2.0 files and CityJSONSeq streams → Building records with their best mesh. Pure: text in,
// buildings + skipped objects + warnings out. Every problem names the file and the CityObject id.
import type { Building, PolygonRd } from '../contracts/model.ts';
import { AttributeError, buildingDwellings, buildingFunction, buildingHeights, buildingId, buildingRoofType, buildingYear, scalarAttributes } from './building-attributes.ts';
import { type CityJsonDocument, type CityJsonTransform, cityJsonDocument, cityJsonFeature, cityObject, type CityObject } from './cityjson-document.ts';
import { GeometryError, geometrySurfaces, lodRank, lodString, pickBestGeometry, type Surface } from './city-object-surfaces.ts';
import { CrsError, resolveSourceCrs, type SourceCrs } from './source-crs.ts';
import { footprintFromGround, surfacesToMesh } from './surfaces-to-mesh.ts';
import type { Point3 } from './triangulate-surface.ts';

export interface SkippedObject {
  file: string;
  id: string;
  reason: string;
}

export interface ParsedBuildings {
  buildings: Building[];
  skipped: SkippedObject[];
  warnings: string[];
  /** LoD of the mesh per building count, e.g. { "2.2": 10 }; "none" = footprint only (LoD1 extrusion). */
  lods: Record<string, number>;
}

export interface ParseOptions {
  /** Import the valid objects and list the invalid ones instead of failing on the first. */
  skipInvalid?: boolean;
  /** NAP ↔ ellipsoid offset for sources with ellipsoidal heights. */
  geoidHeightM: number;
}

/** A file problem that is not about one object (bad JSON, unsupported CRS): the whole file fails. */
export class BuildingFileError extends Error {}

/** Thrown on the first invalid object unless skipInvalid. */
export class InvalidCityObject extends Error {
  constructor(readonly skipped: SkippedObject) {
    super(`${skipped.file}: CityObject ${skipped.id}: ${skipped.reason}`);
  }
}

const BUILDING_TYPES = new Set(['Building', 'BuildingPart']);

/** Parses a CityJSON document (already JSON-parsed). */
export function parseCityJson(json: unknown, file: string, options: ParseOptions): ParsedBuildings {
  const doc = cityJsonDocument.safeParse(json);
  if (!doc.success) throw new BuildingFileError(`${file}: not a CityJSON document (${describeIssue(doc.error.issues[0])})`);
  const result = emptyResult();
  const crs = resolveCrs(doc.data, doc.data.vertices, file, options, result.warnings);
  readUnit(doc.data.CityObjects, doc.data.vertices, doc.data.transform, crs, file, options, result);
  return result;
}

/** Parses a CityJSONSeq text: a CityJSON header line, then one CityJSONFeature per line. */
export function parseCityJsonSeq(text: string, file: string, options: ParseOptions): ParsedBuildings {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  if (lines.length === 0) throw new BuildingFileError(`${file}: empty CityJSONSeq`);
  const header = cityJsonDocument.safeParse(parseLine(lines[0], file, 1));
  if (!header.success) throw new BuildingFileError(`${file}: line 1 is not a CityJSON header (${describeIssue(header.error.issues[0])})`);
  const result = emptyResult();
  let crs: SourceCrs | undefined;
  for (let i = 1; i < lines.length; i++) {
    const feature = cityJsonFeature.safeParse(parseLine(lines[i], file, i + 1));
    if (!feature.success) {
      const skipped = { file, id: `line ${i + 1}`, reason: `not a CityJSONFeature (${describeIssue(feature.error.issues[0])})` };
      if (!options.skipInvalid) throw new InvalidCityObject(skipped);
      result.skipped.push(skipped);
      continue;
    }
    // The CRS is the header's; the first feature with vertices tells us whether bare coordinates are RD.
    crs ??= resolveCrs(header.data, feature.data.vertices, file, options, result.warnings);
    readUnit(feature.data.CityObjects, feature.data.vertices, header.data.transform, crs, file, options, result);
  }
  return result;
}

function emptyResult(): ParsedBuildings {
  return { buildings: [], skipped: [], warnings: [], lods: {} };
}

function parseLine(line: string, file: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw new BuildingFileError(`${file}: line ${n} is not JSON (${(error as Error).message})`);
  }
}

function describeIssue(issue: { path: PropertyKey[]; message: string } | undefined): string {
  return issue ? `${issue.path.map(String).join('.') || 'document'}: ${issue.message}` : 'invalid';
}

function resolveCrs(doc: CityJsonDocument, vertices: number[][], file: string, options: ParseOptions, warnings: string[]): SourceCrs {
  const first = vertices[0];
  const t = doc.transform;
  const sample: [number, number] | undefined = first
    ? [first[0] * (t?.scale[0] ?? 1) + (t?.translate[0] ?? 0), first[1] * (t?.scale[1] ?? 1) + (t?.translate[1] ?? 0)]
    : undefined;
  try {
    return resolveSourceCrs(doc.metadata?.referenceSystem, sample, options.geoidHeightM, (m) => warnings.push(`${file}: ${m}`));
  } catch (error) {
    if (error instanceof CrsError) throw new BuildingFileError(`${file}: ${error.message}`);
    throw error;
  }
}

/** Real RD/NAP coordinates of every vertex, converted once: surfaces share vertices. */
function realVertices(vertices: number[][], transform: CityJsonTransform | undefined, crs: SourceCrs): (i: number) => Point3 {
  const [sx, sy, sz] = transform?.scale ?? [1, 1, 1];
  const [tx, ty, tz] = transform?.translate ?? [0, 0, 0];
  const out = new Float64Array(vertices.length * 3);
  vertices.forEach((v, i) => {
    const p = crs.toRdNap(v[0] * sx + tx, v[1] * sy + ty, v[2] * sz + tz);
    out[3 * i] = p[0];
    out[3 * i + 1] = p[1];
    out[3 * i + 2] = p[2];
  });
  return (i) => [out[3 * i], out[3 * i + 1], out[3 * i + 2]];
}

/** Reads the buildings of one set of CityObjects sharing one vertex list (a file, or one CityJSONSeq line). */
function readUnit(
  objects: Record<string, unknown>,
  vertices: number[][],
  transform: CityJsonTransform | undefined,
  crs: SourceCrs,
  file: string,
  options: ParseOptions,
  result: ParsedBuildings,
): void {
  const vertex = realVertices(vertices, transform, crs);
  for (const [key, raw] of Object.entries(objects)) {
    const parsed = cityObject.safeParse(raw);
    const fail = (reason: string): void => {
      const skipped = { file, id: key, reason };
      if (!options.skipInvalid) throw new InvalidCityObject(skipped);
      result.skipped.push(skipped);
    };
    if (!parsed.success) {
      fail(`not a CityObject (${describeIssue(parsed.error.issues[0])})`);
      continue;
    }
    const object = parsed.data;
    if (!BUILDING_TYPES.has(object.type)) continue;
    // A part whose parent is here is drawn as part of that parent; an orphan part stands on its own.
    if (object.type === 'BuildingPart' && object.parents?.some((p) => Object.hasOwn(objects, p))) continue;
    try {
      const building = readBuilding(key, object, objects, vertex, vertices.length);
      result.buildings.push(building);
      const lod = building.lod2?.lod ?? 'none';
      result.lods[lod] = (result.lods[lod] ?? 0) + 1;
    } catch (error) {
      if (error instanceof GeometryError || error instanceof AttributeError) fail(error.message);
      else throw error;
    }
  }
}

function readBuilding(
  key: string,
  object: CityObject,
  objects: Record<string, unknown>,
  vertex: (i: number) => Point3,
  vertexCount: number,
): Building {
  const attributes = object.attributes ?? {};
  // 3D BAG: LoD0 on the Building, LoD1.2/1.3/2.2 on its BuildingParts. Older files: all on the Building.
  const parts = partsOf(object, objects);
  const candidates = parts.length > 0 ? parts : [object];
  const surfaces: Surface[] = [];
  let bestLod: string | number | undefined;
  for (const candidate of candidates) {
    const best = pickBestGeometry(candidate.geometry ?? []);
    if (!best || lodRank(best.lod) < 1) continue;
    surfaces.push(...geometrySurfaces(best, vertexCount));
    if (bestLod === undefined || lodRank(best.lod) > lodRank(bestLod)) bestLod = best.lod;
  }
  const lod0 = (object.geometry ?? []).find((g) => lodRank((g as { lod?: string | number }).lod) === 0);
  const lod0Footprint = lod0 ? footprintOfLod0(lod0, vertex, vertexCount) : undefined;

  let footprint: PolygonRd | undefined = lod0Footprint;
  let mesh: Building['lod2'];
  let minZ: number | undefined;
  let maxZ: number | undefined;
  if (surfaces.length > 0) {
    const built = surfacesToMesh(surfaces, vertex, lodString(bestLod));
    if (built.mesh.indices.length > 0) {
      mesh = built.mesh;
      minZ = built.minZ;
      maxZ = built.maxZ;
    }
    footprint ??= built.footprint;
  }
  if (!footprint) throw new GeometryError('no footprint: no LoD0 surface, no ground surface and no geometry with area');
  const { groundM, heightM } = buildingHeights({ attributes, minZ, maxZ });
  return {
    id: buildingId(key, attributes),
    footprint,
    groundM,
    heightM,
    roofType: buildingRoofType(attributes),
    year: buildingYear(attributes),
    function: buildingFunction(attributes),
    dwellings: buildingDwellings(attributes),
    buurtCode: null,
    ...(mesh ? { lod2: mesh } : {}),
    attributes: scalarAttributes(attributes),
  };
}

function partsOf(object: CityObject, objects: Record<string, unknown>): CityObject[] {
  const out: CityObject[] = [];
  const visit = (ids: readonly string[] | undefined, depth: number): void => {
    if (!ids || depth > 8) return;
    for (const id of ids) {
      const parsed = cityObject.safeParse(objects[id]);
      if (!parsed.success || parsed.data.type !== 'BuildingPart') continue;
      out.push(parsed.data);
      visit(parsed.data.children, depth + 1);
    }
  };
  visit(object.children, 0);
  return out;
}

/** The outline of an LoD0 MultiSurface (the BAG polygon); its surfaces are all ground. */
function footprintOfLod0(raw: unknown, vertex: (i: number) => Point3, vertexCount: number): PolygonRd | undefined {
  const g = pickBestGeometry([raw]);
  if (!g) return undefined;
  // Holes too: their edges are used once, so they chain into rings inside the outer one (courtyards).
  const rings = geometrySurfaces(g, vertexCount).flatMap((s) => s.rings.map((r) => r.map(vertex)));
  return footprintFromGround(rings);
}
