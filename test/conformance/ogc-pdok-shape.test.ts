// Our items responses have the shape of PDOK's OGC API server (gokoala) responses, recorded in
// shared/fixtures/ogcapi-features (see shared/fixtures/SOURCES.md): top-level members, link relations and link
// members, feature members. Structure only, never values.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EPSG_28992 } from '../../server/api/ogc/crs.ts';
import { startOgcTestServer, type OgcTestServer } from './ogc-test-server.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../../shared/fixtures/ogcapi-features');
const present = fs.existsSync(FIXTURES);
if (!present) console.warn(`SKIPPED ogc-pdok-shape: fixture folder ${FIXTURES} is absent`);

/** Plain GeoJSON responses (not JSON-FG) recorded from gokoala. */
const GEOJSON_FIXTURES = [
  'pdok-gokoala-addresses-items-bbox-wgs84-paged.json',
  'pdok-gokoala-addresses-items-bbox-rd-crs28992.json',
  'pdok-bgt-wegdelen-items-rd.json',
];

/** Relations PDOK offers that we do not: `alternate` points at HTML / JSON-FG renderings we do not serve. */
const NOT_SERVED_RELS = new Set(['alternate']);

interface Link { rel: string; href: string; type?: string; title?: string }
type Body = Record<string, unknown> & { links: Link[]; features: Record<string, unknown>[] };

const load = (name: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Body;

describe.skipIf(!present)('items response shape compared with PDOK (gokoala)', () => {
  let srv: OgcTestServer;
  let ours: Body;
  let oursRd: Body;
  beforeAll(async () => {
    srv = await startOgcTestServer();
    // A second page, so that next and prev both exist, as in the paged PDOK fixture.
    const { body } = await fetch(`${srv.ogcUrl}/collections/addresses/items?limit=10`).then(async (r) => ({ body: (await r.json()) as Body }));
    const next = body.links.find((l) => l.rel === 'next')!.href;
    ours = (await (await fetch(next)).json()) as Body;
    const enc = encodeURIComponent(EPSG_28992);
    oursRd = (await (await fetch(`${srv.ogcUrl}/collections/addresses/items?limit=6&crs=${enc}`)).json()) as Body;
  });
  afterAll(async () => {
    await srv?.close();
  });

  it.each(GEOJSON_FIXTURES)('has every top-level member of %s, with the same JSON types', (name) => {
    const pdok = load(name);
    for (const [key, value] of Object.entries(pdok)) {
      expect(ours, key).toHaveProperty(key);
      expect(typeof ours[key], key).toBe(typeof value);
      expect(Array.isArray(ours[key]), key).toBe(Array.isArray(value));
    }
    expect(ours.type).toBe(pdok.type);
    // OGC members PDOK leaves out (numberMatched is optional in Part 1); we add it.
    expect(typeof ours.numberMatched).toBe('number');
  });

  it.each(GEOJSON_FIXTURES)('offers the link relations of %s (except alternate renderings) with the same link members', (name) => {
    const pdok = load(name);
    const ourRels = new Set(ours.links.map((l) => l.rel));
    for (const l of pdok.links.filter((l) => !NOT_SERVED_RELS.has(l.rel))) expect(ourRels, l.rel).toContain(l.rel);
    const pdokLinkKeys = new Set(pdok.links.flatMap((l) => Object.keys(l)));
    for (const l of ours.links) expect(new Set(Object.keys(l))).toEqual(pdokLinkKeys);
    for (const rel of ['self', 'next', 'prev']) {
      const a = pdok.links.find((l) => l.rel === rel);
      const b = ours.links.find((l) => l.rel === rel);
      if (a && b) expect(b.type).toBe(a.type);
    }
  });

  it.each(GEOJSON_FIXTURES)('has features with the members of those in %s', (name) => {
    const pdok = load(name);
    const keys = (f: Record<string, unknown>) => Object.keys(f).sort();
    const pdokKeys = new Set(pdok.features.flatMap(keys));
    for (const f of ours.features) expect(new Set(keys(f))).toEqual(pdokKeys);
    for (const f of [...pdok.features, ...ours.features]) {
      expect(f.type).toBe('Feature');
      expect(Object.keys(f.geometry as object).sort()).toEqual(['coordinates', 'type']);
      expect(typeof f.properties).toBe('object');
    }
  });

  it('gives RD coordinates of the same magnitude as PDOK does for crs=EPSG:28992', () => {
    const pdok = load('pdok-gokoala-addresses-items-bbox-rd-crs28992.json');
    const coords = (b: Body) => b.features.map((f) => (f.geometry as { coordinates: number[] }).coordinates);
    for (const [x, y] of [...coords(pdok), ...coords(oursRd)]) {
      // Inside the RD New validity area (x ~ 0–300 km, y ~ 300–625 km).
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(300_000);
      expect(y).toBeGreaterThan(300_000);
      expect(y).toBeLessThan(625_000);
    }
    // PDOK records the CRS only in the self link's crs= parameter; we do the same (and send Content-Crs).
    const selfCrs = (b: Body) => new URL(b.links.find((l) => l.rel === 'self')!.href).searchParams.get('crs');
    expect(selfCrs(oursRd)).toBe(selfCrs(pdok));
  });
});
