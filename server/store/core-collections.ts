// The core records of a municipality as feature collections, so that every vector layer is served the same way
// (OGC API Features). Pure: derived from the records at import time.
import type { CollectionMeta, FeatureRd, GeometryRd } from '../contracts/feature.ts';
import type { DatasetMeta, Municipality, PolygonRd } from '../contracts/model.ts';

export function polygonToGeoJson(polygon: PolygonRd): GeometryRd {
  return { type: 'Polygon', coordinates: polygon.map((ring) => [...ring, ring[0]]) };
}

function meta(
  m: DatasetMeta,
  id: string,
  title: CollectionMeta['title'],
  description: CollectionMeta['description'],
  queryables: CollectionMeta['queryables'],
  privacyClass: CollectionMeta['privacyClass'] = 'open',
): CollectionMeta {
  return { id, title, description, source: m.source, licence: m.licence, date: m.date, privacyClass, synthetic: m.synthetic, queryables };
}

export function coreCollections(m: Municipality): { meta: CollectionMeta; features: FeatureRd[] }[] {
  return [
    {
      meta: meta(
        m.meta,
        'buildings',
        { nl: 'Gebouwen', en: 'Buildings' },
        { nl: 'Gebouwcontouren met functie, bouwjaar, hoogte en woningen.', en: 'Building footprints with function, year, height and dwellings.' },
        [
          { name: 'function', type: 'string' },
          { name: 'year', type: 'integer' },
          { name: 'roofType', type: 'string' },
          { name: 'buurtCode', type: 'string' },
        ],
      ),
      // The mesh and raw source attributes stay out of the vector layer: they are for the 3D tiles.
      features: m.buildings.map(({ footprint, id, lod2: _mesh, attributes: _attributes, ...p }) => ({
        id,
        geometry: polygonToGeoJson(footprint),
        properties: { ...p },
      })),
    },
    {
      meta: meta(
        m.meta,
        'addresses',
        { nl: 'Adressen', en: 'Addresses' },
        { nl: 'Adrespunten met postcode, huisnummer en gebouw.', en: 'Address points with postcode, house number and building.' },
        [
          { name: 'postcode', type: 'string' },
          { name: 'street', type: 'string' },
          { name: 'buildingId', type: 'string' },
          { name: 'buurtCode', type: 'string' },
        ],
      ),
      features: m.addresses.map(({ position, id, ...p }) => ({ id, geometry: { type: 'Point', coordinates: position }, properties: { ...p } })),
    },
    {
      meta: meta(
        m.meta,
        'streets',
        { nl: 'Straten', en: 'Streets' },
        { nl: 'Straatassen met naam, wegklasse en verharding.', en: 'Street centre lines with name, class and surface.' },
        [
          { name: 'name', type: 'string' },
          { name: 'class', type: 'string' },
          { name: 'surface', type: 'string' },
        ],
      ),
      features: m.streets.map(({ line, id, ...p }) => ({ id, geometry: { type: 'LineString', coordinates: line }, properties: { ...p } })),
    },
    {
      meta: meta(
        m.meta,
        'areas',
        { nl: 'Water en groen', en: 'Water and green' },
        { nl: 'Water- en groenvlakken.', en: 'Water and green areas.' },
        [{ name: 'kind', type: 'string' }],
      ),
      features: m.areas.map(({ polygon, id, ...p }) => ({ id, geometry: polygonToGeoJson(polygon), properties: { ...p } })),
    },
    {
      meta: meta(
        m.meta,
        'buurten',
        { nl: 'Buurten', en: 'Neighbourhoods (buurten)' },
        { nl: 'Buurten met CBS-code, inwoners en huishoudens.', en: 'Neighbourhoods with CBS code, population and households.' },
        [{ name: 'name', type: 'string' }],
        'aggregated',
      ),
      features: m.buurten.map(({ polygon, code, ...p }) => ({ id: code, geometry: polygonToGeoJson(polygon), properties: { code, ...p } })),
    },
  ];
}
