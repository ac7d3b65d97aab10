// GIO geometry: Geonovum basisgeometrie GML (FeatureCollectionGeometrie / featureMember / Geometrie with
// basisgeo:id and a GML 3.2 geometry), as delivered in geografische informatieobjecten. Returns GeoJSON in
// RD New keyed by basisgeo:id, the id an OW Locatie's GeometrieRef points to. Only RD New is accepted:
// the omgevingsplan chain works in EPSG:28992, and silently reprojecting anything else would hide an error.
import type { GeometryRd } from '../contracts/feature.ts';
import { InvalidParameter } from '../errors.ts';
import { type XmlNode, child, childrenNamed, descendants, parseXml } from './read-xml.ts';

type Pos = [number, number];

const RD_SRS = [/^EPSG:28992$/i, /^urn:ogc:def:crs:EPSG:[0-9.]*:28992$/i, /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[0-9.]+\/28992$/i];

export interface GioGeometries {
  geometries: Map<string, GeometryRd>;
  warnings: string[];
}

export function readGioGeometries(fileName: string, text: string): GioGeometries {
  const root = parseXml(fileName, text);
  const geometries = new Map<string, GeometryRd>();
  const warnings: string[] = [];
  // `Geometrie` elements with an id and a geometrie child: the basisgeometrie FeatureCollection as well as
  // the STOP GeoInformatieObjectVaststelling wrapping (geo:locaties/geo:Locatie/geo:geometrie/basisgeo:Geometrie).
  const members = [root, ...descendants(root, 'Geometrie')].filter((n) => n.name === 'Geometrie' && child(n, 'id') && child(n, 'geometrie'));
  for (const member of members) {
    const id = child(member, 'id')!.text;
    const where = `${fileName}, Geometrie ${id}`;
    if (!id) throw new InvalidParameter(`${fileName}: a Geometrie has an empty id`);
    if (geometries.has(id)) throw new InvalidParameter(`${where}: the id occurs twice`);
    const gml = child(member, 'geometrie')!.children[0];
    if (!gml) throw new InvalidParameter(`${where}: empty geometrie element`);
    const srs = findSrsName(gml, [root, member]);
    if (srs === undefined) warnings.push(`${where}: no srsName; assumed EPSG:28992 (RD New)`);
    else if (!RD_SRS.some((r) => r.test(srs))) {
      throw new InvalidParameter(`${where}: srsName ${srs} is not RD New (EPSG:28992); only RD New GIO geometry is supported`);
    }
    geometries.set(id, gmlToGeoJson(gml, where));
  }
  if (members.length === 0) warnings.push(`${fileName}: no basisgeometrie Geometrie elements found`);
  return { geometries, warnings };
}

function findSrsName(gml: XmlNode, outer: XmlNode[]): string | undefined {
  for (const n of allNodes(gml)) if (n.attrs.srsName) return n.attrs.srsName;
  for (const n of outer) if (n.attrs.srsName) return n.attrs.srsName;
  return undefined;
}

function* allNodes(node: XmlNode): Generator<XmlNode> {
  yield node;
  for (const c of node.children) yield* allNodes(c);
}

export function gmlToGeoJson(gml: XmlNode, where: string): GeometryRd {
  switch (gml.name) {
    case 'Point':
      return { type: 'Point', coordinates: singlePos(gml, where) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: members(gml, ['pointMember', 'pointMembers'], 'Point').map((p) => singlePos(p, where)) };
    case 'LineString':
      return { type: 'LineString', coordinates: positions(gml, where) };
    case 'Curve':
      return { type: 'LineString', coordinates: curvePositions(gml, where) };
    case 'MultiCurve':
    case 'MultiLineString':
      return {
        type: 'MultiLineString',
        coordinates: members(gml, ['curveMember', 'curveMembers', 'lineStringMember'], '').map((c) => (c.name === 'Curve' ? curvePositions(c, where) : positions(c, where))),
      };
    case 'Polygon':
      return { type: 'Polygon', coordinates: polygonRings(gml, where) };
    case 'Surface':
      return surfacePatches(gml, where);
    case 'MultiSurface':
    case 'MultiPolygon': {
      const polys: Pos[][][] = [];
      for (const m of members(gml, ['surfaceMember', 'surfaceMembers', 'polygonMember'], '')) {
        if (m.name === 'Polygon') polys.push(polygonRings(m, where));
        else if (m.name === 'Surface') {
          const s = surfacePatches(m, where);
          if (s.type === 'Polygon') polys.push(s.coordinates as Pos[][]);
          else if (s.type === 'MultiPolygon') polys.push(...(s.coordinates as Pos[][][]));
        } else throw new InvalidParameter(`${where}: unsupported surface member gml:${m.name}`);
      }
      if (polys.length === 0) throw new InvalidParameter(`${where}: MultiSurface without polygons`);
      return { type: 'MultiPolygon', coordinates: polys };
    }
    default:
      throw new InvalidParameter(`${where}: unsupported GML geometry gml:${gml.name}`);
  }
}

function members(gml: XmlNode, memberNames: string[], only: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const m of gml.children) {
    if (!memberNames.includes(m.name)) continue;
    for (const g of m.children) if (!only || g.name === only) out.push(g);
  }
  return out;
}

function surfacePatches(surface: XmlNode, where: string): GeometryRd {
  const patches = descendants(surface, 'PolygonPatch').map((p) => polygonRings(p, where));
  if (patches.length === 0) throw new InvalidParameter(`${where}: gml:Surface without PolygonPatch`);
  return patches.length === 1 ? { type: 'Polygon', coordinates: patches[0] } : { type: 'MultiPolygon', coordinates: patches };
}

function polygonRings(polygon: XmlNode, where: string): Pos[][] {
  const exterior = child(polygon, 'exterior');
  if (!exterior) throw new InvalidParameter(`${where}: polygon without gml:exterior`);
  const rings = [exterior, ...childrenNamed(polygon, 'interior')].map((r) => ring(r, where));
  return rings;
}

function ring(boundary: XmlNode, where: string): Pos[] {
  const linear = child(boundary, 'LinearRing');
  if (!linear) throw new InvalidParameter(`${where}: only gml:LinearRing boundaries are supported`);
  const pts = positions(linear, where);
  if (pts.length < 4) throw new InvalidParameter(`${where}: a ring has ${pts.length} positions; at least 4 are needed`);
  const [f, l] = [pts[0], pts[pts.length - 1]];
  if (f[0] !== l[0] || f[1] !== l[1]) throw new InvalidParameter(`${where}: a ring is not closed (first and last position differ)`);
  return pts;
}

function curvePositions(curve: XmlNode, where: string): Pos[] {
  const out: Pos[] = [];
  for (const seg of descendants(curve, 'LineStringSegment')) {
    const pts = positions(seg, where);
    out.push(...(out.length > 0 ? pts.slice(1) : pts));
  }
  if (out.length < 2) throw new InvalidParameter(`${where}: gml:Curve needs LineStringSegments with at least 2 positions`);
  return out;
}

function singlePos(point: XmlNode, where: string): Pos {
  const pts = positions(point, where);
  if (pts.length !== 1) throw new InvalidParameter(`${where}: a point needs exactly one position`);
  return pts[0];
}

/** posList (with srsDimension 2 or 3) or a sequence of pos elements; 3D positions keep x and y. */
function positions(node: XmlNode, where: string): Pos[] {
  const posList = child(node, 'posList');
  const dim = Number(posList?.attrs.srsDimension ?? node.attrs.srsDimension ?? 2);
  if (dim !== 2 && dim !== 3) throw new InvalidParameter(`${where}: srsDimension ${dim} is not supported`);
  const numbers = (s: string): number[] => s.split(/\s+/).filter(Boolean).map(Number);
  let values: number[];
  let step = dim;
  if (posList) values = numbers(posList.text);
  else {
    const pos = childrenNamed(node, 'pos');
    if (pos.length === 0) throw new InvalidParameter(`${where}: gml:${node.name} has no posList or pos`);
    values = [];
    for (const p of pos) {
      const v = numbers(p.text);
      if (v.length !== 2 && v.length !== 3) throw new InvalidParameter(`${where}: gml:pos with ${v.length} values`);
      values.push(v[0], v[1]);
    }
    step = 2;
  }
  if (values.some((v) => !Number.isFinite(v))) throw new InvalidParameter(`${where}: a coordinate is not a number`);
  if (values.length % step !== 0) throw new InvalidParameter(`${where}: ${values.length} coordinate values do not make ${step}D positions`);
  const out: Pos[] = [];
  for (let i = 0; i < values.length; i += step) out.push([values[i], values[i + 1]]);
  return out;
}
