// OGC API Features (Part 1 Core + GeoJSON + OpenAPI 3.0, Part 2 CRS by reference) over every feature collection
// in the store. HTTP wiring only: parameters in params.ts, coordinates in crs.ts, documents in their own modules.
import { type Response, Router } from 'express';
import type { CollectionMeta, FeatureRd } from '../../contracts/feature.ts';
import { NotFound } from '../../errors.ts';
import type { Store } from '../../store/store.ts';
import { unknownRoute } from '../problem.ts';
import { collectionDocument, queryablesDocument } from './collection-document.ts';
import { bboxToRd, type CrsUri, geometryFromRd } from './crs.ts';
import { ExtentCache } from './extent-cache.ts';
import { CONFORMANCE_CLASSES, landingPage } from './landing.ts';
import { GEOJSON, itemsPageLinks, JSON_TYPE, link, ogcBaseUrl, OPENAPI_JSON, SCHEMA_JSON } from './links.ts';
import { apiHtml, LIMIT_CLAMPED_HEADER, openApiDocument } from './openapi.ts';
import { checkFormatParam, parseItemParams, parseItemsParams } from './params.ts';

export interface OgcRouterOptions {
  /** Absolute URL of the mount point (e.g. `https://twin.example.nl/ogc`); by default taken from each request. */
  baseUrl?: string;
}

const COLLECTION_ID = /^[a-z][a-z0-9-]{0,62}$/;
const MAX_FEATURE_ID_CHARS = 200;

/** RFC 3339 without milliseconds, as OGC examples write it. */
const timeStamp = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function outputFeature(f: FeatureRd, crs: CrsUri) {
  return { type: 'Feature' as const, id: f.id, geometry: f.geometry ? geometryFromRd(f.geometry, crs) : null, properties: f.properties };
}

function sendGeoJson(res: Response, crs: CrsUri, body: unknown): void {
  res.setHeader('Content-Crs', `<${crs}>`);
  res.type(GEOJSON).send(JSON.stringify(body));
}

export function ogcRouter(store: Store, options: OgcRouterOptions = {}): Router {
  const router = Router();
  const extents = new ExtentCache(store);

  const requireCollection = async (id: string): Promise<CollectionMeta> => {
    const meta = COLLECTION_ID.test(id) ? await store.collection(id) : undefined;
    if (!meta) {
      const collections = (await store.collections()).map((c) => c.id);
      throw new NotFound(`No collection with id ${JSON.stringify(id.slice(0, 100))}`, { collections });
    }
    return meta;
  };

  router.use((req, _res, next) => {
    // Metadata routes take only `f`; items routes check their full parameter list themselves.
    if (!/\/items(\/|$)/.test(req.path)) checkFormatParam(req.query);
    next();
  });

  router.get('/', (req, res) => {
    res.json(landingPage(ogcBaseUrl(req, options.baseUrl)));
  });

  router.get('/conformance', (_req, res) => {
    res.json({ conformsTo: CONFORMANCE_CLASSES });
  });

  router.get('/api', async (req, res) => {
    const doc = openApiDocument(await store.collections(), ogcBaseUrl(req, options.baseUrl));
    res.type(OPENAPI_JSON).send(JSON.stringify(doc));
  });

  router.get('/api.html', async (req, res) => {
    res.type('html').send(apiHtml(openApiDocument(await store.collections(), ogcBaseUrl(req, options.baseUrl))));
  });

  router.get('/collections', async (req, res) => {
    const base = ogcBaseUrl(req, options.baseUrl);
    const metas = await store.collections();
    const collections = await Promise.all(metas.map(async (m) => collectionDocument(m, await extents.extent(m), base)));
    res.json({ links: [link(`${base}/collections`, 'self', JSON_TYPE, 'The feature collections')], collections });
  });

  router.get('/collections/:collectionId', async (req, res) => {
    const meta = await requireCollection(req.params.collectionId);
    res.json(collectionDocument(meta, await extents.extent(meta), ogcBaseUrl(req, options.baseUrl)));
  });

  router.get('/collections/:collectionId/queryables', async (req, res) => {
    const meta = await requireCollection(req.params.collectionId);
    res.type(SCHEMA_JSON).send(JSON.stringify(queryablesDocument(meta, ogcBaseUrl(req, options.baseUrl))));
  });

  router.get('/collections/:collectionId/items', async (req, res) => {
    const meta = await requireCollection(req.params.collectionId);
    const p = parseItemsParams(req.query, meta);
    const page = await store.collectionItems(meta.id, {
      limit: p.limit,
      offset: p.offset,
      ...(p.bbox ? { bbox: bboxToRd(p.bbox, p.bboxCrs) } : {}),
      where: p.where,
    });
    const collectionHref = `${ogcBaseUrl(req, options.baseUrl)}/collections/${meta.id}`;
    if (p.requestedLimit !== undefined) res.setHeader(LIMIT_CLAMPED_HEADER, String(p.limit));
    sendGeoJson(res, p.crs, {
      type: 'FeatureCollection',
      timeStamp: timeStamp(),
      numberMatched: page.numberMatched,
      numberReturned: page.features.length,
      features: page.features.map((f) => outputFeature(f, p.crs)),
      links: itemsPageLinks({
        itemsHref: `${collectionHref}/items`,
        collectionHref,
        echo: p.echo,
        limit: p.limit,
        offset: p.offset,
        numberReturned: page.features.length,
        numberMatched: page.numberMatched,
      }),
    });
  });

  router.get('/collections/:collectionId/items/:featureId', async (req, res) => {
    const meta = await requireCollection(req.params.collectionId);
    const { crs } = parseItemParams(req.query);
    const featureId = req.params.featureId;
    const feature = featureId.length <= MAX_FEATURE_ID_CHARS ? await store.collectionItem(meta.id, featureId) : undefined;
    if (!feature) throw new NotFound(`No feature with id ${JSON.stringify(featureId.slice(0, 100))} in collection ${meta.id}`);
    const collectionHref = `${ogcBaseUrl(req, options.baseUrl)}/collections/${meta.id}`;
    sendGeoJson(res, crs, {
      ...outputFeature(feature, crs),
      links: [
        link(`${collectionHref}/items/${encodeURIComponent(feature.id)}`, 'self', GEOJSON, 'This feature'),
        link(collectionHref, 'collection', JSON_TYPE, 'The collection this feature belongs to'),
      ],
    });
  });

  router.use(unknownRoute);
  return router;
}
