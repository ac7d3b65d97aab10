// Landing page and conformance declaration. We claim only the classes our tests exercise:
// test/api/ogc-features.test.ts (core, geojson, crs), test/api/ogc-openapi.test.ts (oas30) and the GDAL client test.
import { HTML, JSON_TYPE, link, OPENAPI_JSON } from './links.ts';

export const CONFORMANCE_CLASSES = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
] as const;

export function landingPage(baseUrl: string) {
  return {
    title: 'Tweeling — OGC API Features',
    description:
      'Alle vectorlagen van de digitale tweeling (gebouwen, adressen, straten, water en groen, buurten en thematische lagen) ' +
      'als OGC API Features. EN: every vector layer of the digital twin as OGC API Features; coordinates in CRS84 by ' +
      'default, RD New (EPSG:28992) on request.',
    links: [
      link(baseUrl, 'self', JSON_TYPE, 'This document'),
      link(`${baseUrl}/api`, 'service-desc', OPENAPI_JSON, 'The API definition (OpenAPI 3.0, JSON)'),
      link(`${baseUrl}/api.html`, 'service-doc', HTML, 'The API documentation'),
      link(`${baseUrl}/conformance`, 'conformance', JSON_TYPE, 'Conformance classes implemented by this API'),
      link(`${baseUrl}/collections`, 'data', JSON_TYPE, 'The feature collections'),
    ],
  };
}
