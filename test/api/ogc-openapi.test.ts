// Conformance class oas30: /ogc/api is an OpenAPI 3.0 document that describes the live API, generated from the
// store's collections and the same constants the validators use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ITEM_PARAMETERS, ITEMS_PARAMETERS, MAX_LIMIT } from '../../server/api/ogc/params.ts';
import { startOgcTestServer, type OgcTestServer } from '../conformance/ogc-test-server.ts';

let srv: OgcTestServer;
let doc: any;
beforeAll(async () => {
  srv = await startOgcTestServer();
  const res = await fetch(`${srv.ogcUrl}/api`);
  expect(res.headers.get('content-type')).toMatch(/^application\/vnd\.oai\.openapi\+json;\s*version=3\.0/);
  doc = await res.json();
});
afterAll(async () => {
  await srv?.close();
});

function resolve(node: any): any {
  if (!node?.$ref) return node;
  const target = (node.$ref as string).replace(/^#\//, '').split('/').reduce((o: any, k: string) => o?.[k], doc);
  expect(target, node.$ref).toBeDefined();
  return target;
}

function* walk(node: unknown): Generator<Record<string, unknown>> {
  if (node && typeof node === 'object') {
    yield node as Record<string, unknown>;
    for (const v of Object.values(node)) yield* walk(v);
  }
}

const paramsOf = (path: string) => (doc.paths[path].get.parameters as unknown[]).map(resolve);

describe('OpenAPI 3.0 definition', () => {
  it('is an OpenAPI 3.0.x document with info and a server URL pointing at this API', () => {
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
    expect(doc.info.title).toBeTruthy();
    expect(doc.info.version).toBeTruthy();
    expect(doc.servers[0].url).toBe(srv.ogcUrl);
  });

  it('describes every route of the API', () => {
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/',
        '/conformance',
        '/api',
        '/collections',
        '/collections/{collectionId}',
        '/collections/{collectionId}/queryables',
        '/collections/{collectionId}/items',
        '/collections/{collectionId}/items/{featureId}',
      ]),
    );
  });

  it('resolves every $ref', () => {
    for (const node of walk(doc)) if (typeof node.$ref === 'string') resolve(node);
  });

  it('declares every path template parameter as a required path parameter, and every parameter has a schema', () => {
    for (const path of Object.keys(doc.paths)) {
      const params = paramsOf(path);
      for (const name of path.match(/\{[^}]+\}/g) ?? []) {
        const p = params.find((q: any) => q.name === name.slice(1, -1));
        expect(p, `${path} ${name}`).toMatchObject({ in: 'path', required: true });
      }
      for (const p of params) {
        expect(p.name).toBeTruthy();
        expect(['path', 'query', 'header']).toContain(p.in);
        expect(p.schema).toBeDefined();
      }
      expect(doc.paths[path].get.responses['200']).toBeDefined();
    }
  });

  it('lists the store collection ids as the collectionId enum', async () => {
    expect(doc.components.parameters.collectionId.schema.enum).toEqual((await srv.store.collections()).map((c) => c.id));
  });

  it('describes the same items parameters the server validates', () => {
    expect(paramsOf('/collections/{collectionId}/items').map((p: any) => p.name).slice(1).sort()).toEqual([...ITEMS_PARAMETERS].sort());
    expect(paramsOf('/collections/{collectionId}/items/{featureId}').map((p: any) => p.name).slice(2).sort()).toEqual([...ITEM_PARAMETERS].sort());
    expect(doc.components.parameters.limit.description).toContain(String(MAX_LIMIT));
  });

  it('generates one items path per collection with its queryables as typed parameters', async () => {
    for (const c of await srv.store.collections()) {
      const params = paramsOf(`/collections/${c.id}/items`);
      for (const q of c.queryables) {
        expect(params.find((p: any) => p.name === q.name)?.schema.type, `${c.id}.${q.name}`).toBe(q.type);
      }
    }
  });

  it('describes paths that answer 200 on the live server', async () => {
    const [f] = (await srv.store.collectionItems('buildings', { limit: 1 })).features;
    for (const path of Object.keys(doc.paths)) {
      const url = srv.ogcUrl + path.replace('{collectionId}', 'buildings').replace('{featureId}', encodeURIComponent(f.id));
      expect((await fetch(url)).status, url).toBe(200);
    }
  });
});
