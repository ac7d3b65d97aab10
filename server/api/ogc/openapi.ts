// The OpenAPI 3.0 definition of the /ogc API, generated from the collection list and the same constants the
// validators use (limits, CRS list, queryable types), plus a plain HTML rendering of it as the service-doc.
import type { CollectionMeta } from '../../contracts/feature.ts';
import { SUPPORTED_CRS } from './crs.ts';
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERYABLE_CHARS } from './params.ts';

export const LIMIT_CLAMPED_HEADER = 'OGC-Limit-Clamped';

const ref = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function jsonResponse(description: string, mediaType: string, schema: unknown) {
  return { description, content: { [mediaType]: { schema } } };
}

const errorResponses = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '404': { $ref: '#/components/responses/NotFound' },
  '500': { $ref: '#/components/responses/ServerError' },
};

function parameters(collectionIds: string[]) {
  return {
    collectionId: {
      name: 'collectionId', in: 'path', required: true, description: 'Local identifier of a collection',
      schema: { type: 'string', enum: collectionIds },
    },
    featureId: {
      name: 'featureId', in: 'path', required: true, description: 'Local identifier of a feature',
      schema: { type: 'string', maxLength: 200 },
    },
    limit: {
      name: 'limit', in: 'query', required: false, style: 'form', explode: false,
      description:
        `Maximum number of features in the response (default ${DEFAULT_LIMIT}). Values above ${MAX_LIMIT} are not ` +
        `an error: the server returns at most ${MAX_LIMIT} and says so in the ${LIMIT_CLAMPED_HEADER} response header.`,
      schema: { type: 'integer', minimum: 1, default: DEFAULT_LIMIT },
    },
    offset: {
      name: 'offset', in: 'query', required: false, style: 'form', explode: false,
      description: 'Server-specific paging position; follow the `next` and `prev` links instead of setting it.',
      schema: { type: 'integer', minimum: 0, default: 0 },
    },
    bbox: {
      name: 'bbox', in: 'query', required: false, style: 'form', explode: false,
      description:
        'Only features whose bounding box intersects this box: minx,miny,maxx,maxy (or 6 numbers with heights, which ' +
        'are ignored), in the axis order of `bbox-crs` (default CRS84, lon/lat). Boxes crossing the antimeridian are not supported.',
      schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
    },
    bboxCrs: {
      name: 'bbox-crs', in: 'query', required: false, style: 'form', explode: false,
      description: 'CRS of the bbox values (OGC API Features Part 2).',
      schema: { type: 'string', format: 'uri', enum: [...SUPPORTED_CRS], default: SUPPORTED_CRS[0] },
    },
    crs: {
      name: 'crs', in: 'query', required: false, style: 'form', explode: false,
      description: 'CRS of the response coordinates (OGC API Features Part 2); echoed in the Content-Crs header.',
      schema: { type: 'string', format: 'uri', enum: [...SUPPORTED_CRS], default: SUPPORTED_CRS[0] },
    },
    datetime: {
      name: 'datetime', in: 'query', required: false, style: 'form', explode: false,
      description:
        'RFC 3339 date-time or interval (a/b, ../b, a/..). Validated; a malformed value is a 400. Our collections carry ' +
        'no time, so a valid value does not filter.',
      schema: { type: 'string' },
    },
    f: {
      name: 'f', in: 'query', required: false, description: 'Output format; only JSON is served.',
      schema: { type: 'string', enum: ['json'] },
    },
  };
}

const ITEMS_PARAMS = ['limit', 'offset', 'bbox', 'bboxCrs', 'crs', 'datetime', 'f'].map(ref);

function queryableParameter(q: CollectionMeta['queryables'][number]) {
  return {
    name: q.name, in: 'query', required: false, style: 'form', explode: false,
    description: `Only features whose property ${q.name} equals this value`,
    schema: q.type === 'string' ? { type: 'string', maxLength: MAX_QUERYABLE_CHARS } : { type: q.type },
  };
}

const schemas = {
  link: {
    type: 'object', required: ['href', 'rel'],
    properties: { href: { type: 'string' }, rel: { type: 'string' }, type: { type: 'string' }, title: { type: 'string' } },
  },
  landingPage: {
    type: 'object', required: ['links'],
    properties: { title: { type: 'string' }, description: { type: 'string' }, links: { type: 'array', items: schemaRef('link') } },
  },
  confClasses: {
    type: 'object', required: ['conformsTo'],
    properties: { conformsTo: { type: 'array', items: { type: 'string' } } },
  },
  collection: {
    type: 'object', required: ['id', 'links'],
    properties: {
      id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' },
      extent: { type: 'object' }, itemType: { type: 'string' },
      crs: { type: 'array', items: { type: 'string' } }, storageCrs: { type: 'string' },
      links: { type: 'array', items: schemaRef('link') },
    },
  },
  collections: {
    type: 'object', required: ['links', 'collections'],
    properties: { links: { type: 'array', items: schemaRef('link') }, collections: { type: 'array', items: schemaRef('collection') } },
  },
  featureGeoJSON: {
    type: 'object', required: ['type', 'geometry', 'properties'],
    properties: {
      type: { type: 'string', enum: ['Feature'] }, id: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      geometry: { type: 'object', nullable: true }, properties: { type: 'object', nullable: true },
      links: { type: 'array', items: schemaRef('link') },
    },
  },
  featureCollectionGeoJSON: {
    type: 'object', required: ['type', 'features'],
    properties: {
      type: { type: 'string', enum: ['FeatureCollection'] }, features: { type: 'array', items: schemaRef('featureGeoJSON') },
      links: { type: 'array', items: schemaRef('link') }, timeStamp: { type: 'string', format: 'date-time' },
      numberMatched: { type: 'integer', minimum: 0 }, numberReturned: { type: 'integer', minimum: 0 },
    },
  },
  problem: {
    type: 'object', required: ['status', 'detail'],
    properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' } },
  },
};

function problemResponse(description: string) {
  return jsonResponse(description, 'application/problem+json', schemaRef('problem'));
}

function itemsOperation(operationId: string, summary: string, params: unknown[]) {
  return {
    get: {
      operationId, summary, tags: ['Data'], parameters: params,
      responses: {
        '200': {
          ...jsonResponse('A page of features', 'application/geo+json', schemaRef('featureCollectionGeoJSON')),
          headers: {
            'Content-Crs': { description: 'CRS of the coordinates, as <URI>', schema: { type: 'string' } },
            [LIMIT_CLAMPED_HEADER]: { description: `Present when limit was above ${MAX_LIMIT}: the limit applied`, schema: { type: 'integer' } },
          },
        },
        ...errorResponses,
      },
    },
  };
}

export function openApiDocument(collections: CollectionMeta[], baseUrl: string) {
  const ids = collections.map((c) => c.id);
  const get = (operationId: string, summary: string, response: unknown, params: unknown[] = [ref('f')]) => ({
    get: { operationId, summary, tags: ['Capabilities'], parameters: params, responses: { '200': response, ...errorResponses } },
  });
  const paths: Record<string, unknown> = {
    '/': get('getLandingPage', 'Landing page', jsonResponse('Links to the API', 'application/json', schemaRef('landingPage'))),
    '/conformance': get('getConformance', 'Conformance classes', jsonResponse('Conformance classes', 'application/json', schemaRef('confClasses'))),
    '/api': get('getApi', 'This API definition', { description: 'OpenAPI 3.0 document', content: { 'application/vnd.oai.openapi+json;version=3.0': {} } }),
    '/collections': get('getCollections', 'Feature collections', jsonResponse('The collections', 'application/json', schemaRef('collections'))),
    '/collections/{collectionId}': get(
      'describeCollection', 'One collection', jsonResponse('The collection', 'application/json', schemaRef('collection')),
      [ref('collectionId'), ref('f')],
    ),
    '/collections/{collectionId}/queryables': get(
      'getQueryables', 'Properties usable as filters (JSON Schema)', jsonResponse('JSON Schema', 'application/schema+json', { type: 'object' }),
      [ref('collectionId'), ref('f')],
    ),
    '/collections/{collectionId}/items': itemsOperation('getFeatures', 'Features of a collection', [ref('collectionId'), ...ITEMS_PARAMS]),
    '/collections/{collectionId}/items/{featureId}': {
      get: {
        operationId: 'getFeature', summary: 'One feature', tags: ['Data'],
        parameters: [ref('collectionId'), ref('featureId'), ref('crs'), ref('f')],
        responses: {
          '200': {
            ...jsonResponse('The feature', 'application/geo+json', schemaRef('featureGeoJSON')),
            headers: { 'Content-Crs': { description: 'CRS of the coordinates, as <URI>', schema: { type: 'string' } } },
          },
          ...errorResponses,
        },
      },
    },
  };
  // One concrete path per collection, so each collection's property filters are described.
  for (const c of collections) {
    paths[`/collections/${c.id}/items`] = itemsOperation(
      `getFeatures_${c.id.replace(/-/g, '_')}`, `Features of ${c.title.en}`, [...ITEMS_PARAMS, ...c.queryables.map(queryableParameter)],
    );
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Tweeling OGC API Features',
      version: '1.0.0',
      description: 'Every vector layer of the twin as OGC API Features (Part 1 Core, GeoJSON, OpenAPI 3.0; Part 2 CRS by reference).',
      license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/en/' },
    },
    servers: [{ url: baseUrl }],
    tags: [{ name: 'Capabilities' }, { name: 'Data' }],
    paths,
    components: {
      parameters: parameters(ids),
      schemas,
      responses: {
        BadRequest: problemResponse('A query parameter is malformed, unknown or unsupported'),
        NotFound: problemResponse('No such collection or feature'),
        ServerError: problemResponse('A server error'),
      },
    },
  };
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

interface ParamLike { $ref?: string; name?: string; in?: string; description?: string }

/** A readable, script-free HTML page listing the paths and parameters of the OpenAPI document. */
export function apiHtml(doc: ReturnType<typeof openApiDocument>): string {
  const components = doc.components.parameters as Record<string, ParamLike>;
  const resolve = (p: ParamLike) => (p.$ref ? components[p.$ref.split('/').pop() as string] : p);
  const sections = Object.entries(doc.paths).map(([path, item]) => {
    const op = (item as { get: { summary: string; parameters: ParamLike[] } }).get;
    const rows = op.parameters
      .map(resolve)
      .map((p) => `<tr><td><code>${escapeHtml(p.name ?? '')}</code></td><td>${escapeHtml(p.in ?? '')}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`)
      .join('');
    return `<h2><code>GET ${escapeHtml(path)}</code></h2><p>${escapeHtml(op.summary)}</p><table><tr><th>parameter</th><th>in</th><th>description</th></tr>${rows}</table>`;
  });
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(doc.info.title)}</title></head>` +
    `<body><h1>${escapeHtml(doc.info.title)}</h1><p>${escapeHtml(doc.info.description)}</p>` +
    `<p>Machine-readable definition: <a href="${escapeHtml(doc.servers[0].url)}/api">OpenAPI 3.0 (JSON)</a></p>${sections.join('')}</body></html>`;
}
