// A stand-in for `tweeling serve` with the same URLs and the same Content Security Policy, serving the fixture
// tileset and client/dist. Lets the browser tests run before (or without) the real server's tiler.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createFixturePlanHealth } from './fixture-plan-health.ts';
import { createFixtureTwin } from './fixture-tileset.ts';
import { CESIUM_BUILD_DIR, CLIENT_DIST_DIR } from './paths.ts';

/** The page policy the app must work under (RELIABILITY.md, "CSP for Cesium"). */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
  "frame-ancestors 'self'; form-action 'self'";
/** Only Cesium's workers may compile WebAssembly. */
export const WORKER_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.xml': 'application/xml',
};

export interface FixtureServer {
  url: string;
  close(): Promise<void>;
}

function sendFile(res: http.ServerResponse, root: string, relative: string): void {
  const file = path.resolve(root, relative);
  const type = CONTENT_TYPES[path.extname(file)];
  if (!file.startsWith(root + path.sep) || !type || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    sendJson(res, 404, { code: 'not-found', message: 'Not found' }, 'application/problem+json');
    return;
  }
  res.writeHead(200, { 'Content-Type': type });
  fs.createReadStream(file).pipe(res);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'Content-Type': type });
  res.end(JSON.stringify(body));
}

export interface FixtureServerOptions {
  /** Override the page policy, e.g. to prove a stricter one works. */
  pageCsp?: string;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const twin = createFixtureTwin();
  const byId = new Map(twin.buildings.map((b) => [b.identificatie, b]));
  const plan = createFixturePlanHealth(twin);
  const featureLayer = (id: string, nl: string, en: string, privacyClass = 'open') => ({
    id,
    title: { nl, en },
    kind: 'features',
    url: `/ogc/collections/${id}/items?limit=10000`,
    source: 'Tweeling e2e fixture',
    licence: 'CC0-1.0',
    date: '2026-01-01',
    privacyClass,
    synthetic: true,
  });
  // Small pages, so the client must follow links[rel=next] to get everything.
  const PAGE_SIZE = 2;
  const layers = [
    {
      id: 'buildings',
      title: { nl: 'Gebouwen', en: 'Buildings' },
      kind: '3dtiles',
      url: '/tiles/buildings/tileset.json',
      source: 'Tweeling e2e fixture',
      licence: 'CC0-1.0',
      date: '2026-01-01',
      privacyClass: 'open',
      synthetic: true,
    },
    {
      id: 'basemap',
      title: { nl: 'Ondergrond', en: 'Basemap' },
      kind: 'basemap',
      url: '/api/basemap',
      source: 'Tweeling e2e fixture',
      licence: 'CC0-1.0',
      date: '2026-01-01',
      privacyClass: 'open',
      synthetic: true,
    },
    featureLayer('omgevingsplan-functies', 'Omgevingsplan: functies', 'Zoning plan: functions'),
    featureLayer('omgevingsplan-bouwhoogte', 'Omgevingsplan: maximale bouwhoogte', 'Zoning plan: maximum building height'),
    featureLayer('omgevingsplan-erfgoed', 'Omgevingsplan: erfgoed', 'Zoning plan: heritage'),
    featureLayer('gezondheid', 'Gezondheid per buurt', 'Health per neighbourhood', 'aggregated'),
  ];
  const server = http.createServer((req, res) => {
    const requestUrl = new URL(req.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(requestUrl.pathname);
    const items = /^\/ogc\/collections\/([\w-]+)\/items(?:\/(.+))?$/.exec(pathname);
    res.setHeader(
      'Content-Security-Policy',
      pathname.startsWith('/cesium/Workers/') ? WORKER_CSP : (options.pageCsp ?? PAGE_CSP),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    if (pathname === '/api/twin') {
      sendJson(res, 200, {
        name: 'Demostad',
        synthetic: true,
        source: 'Tweeling e2e fixture',
        licence: 'CC0-1.0',
        date: '2026-01-01',
        extentLonLat: twin.extentLonLat,
        centerLonLat: twin.centerLonLat,
        groundHeightM: twin.groundHeightM,
        geoidHeightM: plan.geoidHeightM,
        counts: { buildings: twin.buildings.length },
      });
    } else if (items && items[1] === 'buildings' && items[2]) {
      const item = plan.buildingItem(items[2]);
      if (item) sendJson(res, 200, item, 'application/geo+json');
      else sendJson(res, 404, { code: 'not-found', message: 'Unknown building' }, 'application/problem+json');
    } else if (items && !items[2] && Object.hasOwn(plan.collections, items[1])) {
      const all = plan.collections[items[1]].features;
      const offset = Number(requestUrl.searchParams.get('offset') ?? 0);
      const page = all.slice(offset, offset + PAGE_SIZE);
      const next = offset + PAGE_SIZE < all.length ? [{ rel: 'next', href: `${pathname}?limit=10000&offset=${offset + PAGE_SIZE}` }] : [];
      sendJson(res, 200, { type: 'FeatureCollection', features: page, numberMatched: all.length, numberReturned: page.length, links: next }, 'application/geo+json');
    } else if (pathname === '/api/omgevingsplan/rules-at') {
      sendJson(res, 200, plan.rulesAt(Number(requestUrl.searchParams.get('lon')), Number(requestUrl.searchParams.get('lat'))));
    } else if (pathname === '/api/omgevingsplan/check' && req.method === 'POST') {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => sendJson(res, 200, plan.check(JSON.parse(text || '{}'))));
    } else if (pathname === '/api/omgevingsplan/exceedances') {
      sendJson(res, 200, { buildings: plan.exceedances });
    } else if (pathname === '/api/public-health/indicators') {
      sendJson(res, 200, plan.indicators);
    } else if (pathname.startsWith('/api/public-health/indicators/')) {
      const body = plan.indicatorValues(pathname.slice('/api/public-health/indicators/'.length));
      if (body) sendJson(res, 200, body);
      else sendJson(res, 404, { code: 'not-found', message: 'Unknown indicator' }, 'application/problem+json');
    } else if (pathname === '/api/algorithms') {
      const algorithm = (id: string, nl: string, en: string) => ({
        id,
        title: { nl, en },
        purpose: { nl: `${nl} (fixture)`, en: `${en} (fixture)` },
        inputs: ['fixture'],
        assumptions: [{ nl: 'Vaste testgegevens.', en: 'Fixed test data.' }],
        limits: [{ nl: 'Alleen voor tests.', en: 'For tests only.' }],
        code: ['test/e2e/support/fixture-server.ts'],
      });
      sendJson(res, 200, {
        algorithms: [
          algorithm('crs-transformation', 'Coördinaattransformatie', 'CRS transformation'),
          algorithm('lod1-extrusion', 'Gebouwgeometrie (LoD1-blokken en LoD2-daken) en 3D Tiles', 'Building geometry (LoD1 blocks and LoD2 roofs) and 3D Tiles'),
          algorithm('demo-generator', 'Demogenerator', 'Demo generator'),
        ],
      });
    } else if (pathname === '/api/layers') {
      sendJson(res, 200, { layers });
    } else if (pathname === '/api/basemap') {
      sendJson(res, 200, twin.basemap, 'application/geo+json');
    } else if (pathname.startsWith('/api/buildings/')) {
      const b = byId.get(pathname.slice('/api/buildings/'.length));
      if (!b) sendJson(res, 404, { code: 'not-found', message: 'Unknown building' }, 'application/problem+json');
      else
        sendJson(res, 200, {
          id: b.identificatie,
          function: b.functie,
          year: b.bouwjaar,
          heightM: b.hoogte,
          groundM: b.maaiveld,
          roofType: b.daktype,
          dwellings: b.woningen,
          buurtCode: b.buurt,
          addresses: [{ street: 'Kerkstraat', houseNumber: 1 + byId.size, houseLetter: null, postcode: '9999AA' }],
        });
    } else if (pathname === '/tiles/buildings/tileset.json') {
      sendJson(res, 200, twin.tilesetJson);
    } else if (pathname === '/tiles/buildings/buildings.glb') {
      res.writeHead(200, { 'Content-Type': 'model/gltf-binary' });
      res.end(twin.glb);
    } else if (pathname.startsWith('/cesium/')) {
      sendFile(res, CESIUM_BUILD_DIR, pathname.slice('/cesium/'.length));
    } else {
      sendFile(res, CLIENT_DIST_DIR, pathname === '/' ? 'index.html' : pathname.slice(1));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
