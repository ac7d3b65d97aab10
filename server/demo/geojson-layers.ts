// A municipality as one GeoJSON FeatureCollection per layer, in RD New (hence the old-style `crs` member,
// which RFC 7946 dropped but GDAL/QGIS still read) with the dataset metadata as a foreign member.
// Text is built by hand around JSON.stringify so key order and line layout are always the same.
import type { DatasetMeta, Municipality, PolygonRd, RingRd } from '../contracts/model.ts';

export const RD_NEW_CRS_MEMBER = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } as const;

export const GEOJSON_LAYERS = ['buildings', 'addresses', 'streets', 'areas', 'buurten'] as const;
export type GeoJsonLayer = (typeof GEOJSON_LAYERS)[number];

interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}

/** GeoJSON rings repeat their first point at the end; the domain model does not. */
const closeRing = (ring: RingRd): number[][] => [...ring, ring[0]];
const polygonGeometry = (polygon: PolygonRd) => ({ type: 'Polygon', coordinates: polygon.map(closeRing) });

function features(m: Municipality, layer: GeoJsonLayer): Feature[] {
  switch (layer) {
    case 'buildings':
      return m.buildings.map((b) => ({
        type: 'Feature',
        id: b.id,
        geometry: polygonGeometry(b.footprint),
        properties: {
          id: b.id,
          groundM: b.groundM,
          heightM: b.heightM,
          roofType: b.roofType,
          year: b.year,
          function: b.function,
          dwellings: b.dwellings,
          buurtCode: b.buurtCode,
        },
      }));
    case 'addresses':
      return m.addresses.map((a) => ({
        type: 'Feature',
        id: a.id,
        geometry: { type: 'Point', coordinates: a.position },
        properties: {
          id: a.id,
          postcode: a.postcode,
          houseNumber: a.houseNumber,
          houseLetter: a.houseLetter,
          street: a.street,
          buildingId: a.buildingId,
          buurtCode: a.buurtCode,
        },
      }));
    case 'streets':
      return m.streets.map((s) => ({
        type: 'Feature',
        id: s.id,
        geometry: { type: 'LineString', coordinates: s.line },
        properties: { id: s.id, name: s.name, class: s.class, surface: s.surface },
      }));
    case 'areas':
      return m.areas.map((a) => ({
        type: 'Feature',
        id: a.id,
        geometry: polygonGeometry(a.polygon),
        properties: { id: a.id, kind: a.kind, name: a.name },
      }));
    case 'buurten':
      return m.buurten.map((b) => ({
        type: 'Feature',
        id: b.code,
        geometry: polygonGeometry(b.polygon),
        properties: { code: b.code, name: b.name, population: b.population, households: b.households },
      }));
  }
}

function metadataMember(meta: DatasetMeta): DatasetMeta {
  return {
    name: meta.name,
    municipalityCode: meta.municipalityCode,
    source: meta.source,
    licence: meta.licence,
    date: meta.date,
    synthetic: meta.synthetic,
    geoidHeightM: meta.geoidHeightM,
  };
}

/** The FeatureCollection text of one layer: a header line, one feature per line, a closing line. */
export function layerGeoJsonText(m: Municipality, layer: GeoJsonLayer): string {
  const header =
    `{"type":"FeatureCollection","name":${JSON.stringify(layer)},` +
    `"crs":${JSON.stringify(RD_NEW_CRS_MEMBER)},"metadata":${JSON.stringify(metadataMember(m.meta))},"features":[`;
  const body = features(m, layer).map((f) => JSON.stringify(f));
  return `${header}\n${body.join(',\n')}\n]}\n`;
}
