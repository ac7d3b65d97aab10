import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../server/config.ts';
import { openSqliteStore } from '../../server/store/sqlite/sqlite-store.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';

let twin: TestTwin;
beforeAll(async () => {
  twin = await startTestTwin();
});
afterAll(async () => {
  await twin?.close();
});

/** GET with the path sent exactly as given (no URL normalisation), like curl --path-as-is. */
function rawGet(rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(twin.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function someBuildingId(): Promise<string> {
  const store = await openSqliteStore(dataPaths({ dataDir: twin.dataDir }).store, { readonly: true });
  const [b] = await store.buildings({ limit: 1, offset: 10 });
  await store.close();
  return b.id;
}

describe('health and catalogue', () => {
  it('reports health with the WAL size', async () => {
    const res = await fetch(`${twin.url}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(typeof body.walBytes).toBe('number');
  });

  it('lists layers with source, licence, date, privacy class and bilingual titles', async () => {
    const { layers } = await (await fetch(`${twin.url}/api/layers`)).json();
    expect(layers.map((l: { id: string }) => l.id)).toEqual(expect.arrayContaining(['buildings', 'basemap', 'gezondheid']));
    for (const l of layers) {
      expect(l.title.nl).toBeTruthy();
      expect(l.title.en).toBeTruthy();
      expect(l.title.nl).not.toBe(l.title.en);
      expect(l.source).toMatch(/synthetic/i);
      expect(l.licence).toBe('CC0-1.0');
      expect(l.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // Health figures and the sensor layer (footfall counts) are aggregates; everything else is open data.
      expect(l.privacyClass).toBe(l.id === 'gezondheid' || l.id === 'sensoren' ? 'aggregated' : 'open');
      expect(l.synthetic).toBe(true);
    }
  });

  it('describes the twin with an extent in the Netherlands', async () => {
    const twinInfo = await (await fetch(`${twin.url}/api/twin`)).json();
    expect(twinInfo.name).toBe('Demostad');
    expect(twinInfo.synthetic).toBe(true);
    const [w, s, e, n] = twinInfo.extentLonLat;
    expect(w).toBeGreaterThan(3.3);
    expect(e).toBeLessThan(7.3);
    expect(s).toBeGreaterThan(50.7);
    expect(n).toBeLessThan(53.6);
    expect(e - w).toBeGreaterThan(0.01);
    expect(twinInfo.groundHeightM).toBeGreaterThan(twinInfo.geoidHeightM - 10);
    expect(twinInfo.counts.buildings).toBeGreaterThan(1000);
  });

  it('serves the basemap as WGS84 GeoJSON with streets, water and green', async () => {
    const fc = await (await fetch(`${twin.url}/api/basemap`)).json();
    const layers = new Set(fc.features.map((f: { properties: { layer: string } }) => f.properties.layer));
    expect(layers).toEqual(new Set(['streets', 'water', 'groen']));
    const street = fc.features.find((f: { geometry: { type: string } }) => f.geometry.type === 'LineString');
    const [lon, lat] = street.geometry.coordinates[0];
    expect(lon).toBeGreaterThan(3.3);
    expect(lat).toBeGreaterThan(50.7);
    expect(fc.metadata.synthetic).toBe(true);
  });
});

describe('buildings API', () => {
  it('returns a building with its addresses', async () => {
    const id = await someBuildingId();
    const res = await fetch(`${twin.url}/api/buildings/${id}`);
    expect(res.status).toBe(200);
    const b = await res.json();
    expect(b.id).toBe(id);
    expect(['woning', 'winkel', 'kantoor', 'industrie', 'maatschappelijk', 'monument']).toContain(b.function);
    expect(Array.isArray(b.addresses)).toBe(true);
  });

  it('returns the source attributes as an object (empty for a synthetic building)', async () => {
    const id = await someBuildingId();
    const b = await (await fetch(`${twin.url}/api/buildings/${id}`)).json();
    expect(b.attributes).toEqual({});
  });

  it('answers 404 problem+json for an unknown building', async () => {
    const res = await fetch(`${twin.url}/api/buildings/NL.IMBAG.Pand.0000000000000000`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const p = await res.json();
    expect(p).toMatchObject({ status: 404, code: 'not-found', title: 'Not Found' });
  });

  it('answers 400 naming the parameter for a malformed id', async () => {
    const res = await fetch(`${twin.url}/api/buildings/${'x'.repeat(100)}`);
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.code).toBe('invalid-parameter');
    expect(p.errors[0]).toMatchObject({ in: 'path', field: 'id' });
  });

  it('answers 404 problem+json for unknown API routes', async () => {
    const res = await fetch(`${twin.url}/api/nothing-here`);
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toContain('/api/nothing-here');
  });
});

describe('buildings tileset', () => {
  it('serves tileset.json (3D Tiles 1.1) with caching validators', async () => {
    const res = await fetch(`${twin.url}/tiles/buildings/tileset.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const tileset = await res.json();
    expect(tileset.asset.version).toBe('1.1');
    const again = await fetch(`${twin.url}/tiles/buildings/tileset.json`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('serves a content tile as binary glTF', async () => {
    const tileset = await (await fetch(`${twin.url}/tiles/buildings/tileset.json`)).json();
    const uri = findContentUri(tileset.root);
    expect(uri).toBeTruthy();
    const res = await fetch(new URL(uri!, `${twin.url}/tiles/buildings/tileset.json`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('model/gltf-binary');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder().decode(bytes.slice(0, 4))).toBe('glTF');
  });

  it.each([
    '/tiles/buildings/../../package.json',
    '/tiles/buildings/..%2f..%2fpackage.json',
    '/tiles/buildings/%252e%252e%252fpackage.json',
    '/tiles/buildings/..%5c..%5cpackage.json',
    '/tiles/buildings/tileset.json%00.glb',
    '/tiles/..%2f..%2f/package.json',
    '/tiles/buildings/x.js',
    '/tiles/unknown/tileset.json',
    `/tiles/${'a'.repeat(5000)}/tileset.json`,
  ])('refuses %s without leaking files', async (p) => {
    const res = await rawGet(p);
    expect([400, 404]).toContain(res.status);
    expect(res.body).not.toContain('"devDependencies"');
  });
});

describe('security headers', () => {
  it('sends a CSP on pages that allows same-origin workers but no eval', async () => {
    const res = await rawGet('/');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('worker-src');
    expect(csp).not.toContain('unsafe-eval');
  });

  it("lets only Cesium's workers compile WebAssembly", async () => {
    const res = await rawGet('/cesium/Workers/createVerticesFromHeightmap.js');
    expect(res.headers['content-security-policy']).toContain("'wasm-unsafe-eval'");
    expect(res.headers['content-security-policy']).not.toContain("'unsafe-eval'");
  });
});

function findContentUri(tile: { content?: { uri: string }; children?: unknown[] }): string | undefined {
  if (tile.content?.uri) return tile.content.uri;
  for (const c of tile.children ?? []) {
    const found = findContentUri(c as typeof tile);
    if (found) return found;
  }
  return undefined;
}


describe('algorithm register', () => {
  it('lists every algorithm with inputs, assumptions and limits in both languages', async () => {
    const { algorithms } = await (await fetch(`${twin.url}/api/algorithms`)).json();
    expect(algorithms.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(['crs-rd-wgs84', 'lod1-extrusion', 'demostad-generator']),
    );
    for (const a of algorithms) {
      expect(a.inputs.length).toBeGreaterThan(0);
      expect(a.assumptions.length).toBeGreaterThan(0);
      expect(a.limits.length).toBeGreaterThan(0);
      for (const text of [a.title, a.purpose, ...a.assumptions, ...a.limits]) {
        expect(text.nl).toBeTruthy();
        expect(text.en).toBeTruthy();
      }
    }
  });
});
