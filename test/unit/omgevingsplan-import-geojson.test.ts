import { describe, expect, it } from 'vitest';
import { importOmgevingsplanGeoJson } from '../../server/omgevingsplan/import-geojson.ts';
import { omgevingsplanCollections } from '../../server/omgevingsplan/plan-collections.ts';
import { rulesAt } from '../../server/omgevingsplan/rule-check.ts';

function zone(x: number, properties: Record<string, unknown>, id?: string | number) {
  const ring = [[x, 445000], [x + 100, 445000], [x + 100, 445100], [x, 445100], [x, 445000]];
  return { type: 'Feature', ...(id !== undefined ? { id } : {}), geometry: { type: 'Polygon', coordinates: [ring] }, properties };
}

function createFile(features: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ type: 'FeatureCollection', name: 'Testplan', ...extra, features });
}

describe('importOmgevingsplanGeoJson', () => {
  it('turns zones into IMOW objects with generated identificaties', () => {
    const text = createFile([
      zone(145000, { functie: 'centrum', naam: 'Binnenstad', maxBouwhoogteM: 15, maxBouwlagen: 5, erfgoed: 'beschermd stadsgezicht', regeltekst: 'Niet hoger dan 15 m.' }),
      zone(145200, { functie: 'wonen', maxBouwhoogteM: 10, erfgoed: null }),
    ], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } });
    const { plan, warnings } = importOmgevingsplanGeoJson(text, 'plan.geojson');
    expect(warnings).toEqual([]);
    expect(plan.locaties.map((l) => l.identificatie)).toEqual(['nl.imow-gm9999.gebied.1', 'nl.imow-gm9999.gebied.2']);
    expect(plan.gebiedsaanwijzingen.map((g) => [g.identificatie, g.type, g.groep])).toEqual([
      ['nl.imow-gm9999.gebiedsaanwijzing.functie-1', 'Functie', 'centrum'],
      ['nl.imow-gm9999.gebiedsaanwijzing.erfgoed-1', 'Erfgoed', 'beschermd stadsgezicht'],
      ['nl.imow-gm9999.gebiedsaanwijzing.functie-2', 'Functie', 'wonen'],
    ]);
    expect(plan.omgevingsnormen.map((n) => [n.naam, n.normwaarden.map((w) => w.kwantitatieveWaarde)])).toEqual([
      ['maximum bouwhoogte', [15, 10]],
      ['maximum aantal bouwlagen', [5]],
    ]);
    const here = rulesAt(plan, [145050, 445050]);
    expect(here.regels[0].regeltekst?.tekst).toBe('Niet hoger dan 15 m.');
    const collections = Object.fromEntries(omgevingsplanCollections(plan).map((c) => [c.meta.id, c.features.length]));
    expect(collections).toEqual({ 'omgevingsplan-functies': 2, 'omgevingsplan-bouwhoogte': 3, 'omgevingsplan-erfgoed': 1 });
  });

  it('refuses WGS84 coordinates, naming the feature index and id', () => {
    const wgs84 = { type: 'Feature', id: 'z7', geometry: { type: 'Polygon', coordinates: [[[5.3, 52.1], [5.4, 52.1], [5.4, 52.2], [5.3, 52.1]]] }, properties: { functie: 'wonen' } };
    expect(() => importOmgevingsplanGeoJson(createFile([zone(145000, {}), wgs84]), 'plan.json')).toThrow(/plan\.json, feature 1 \(id z7\): coordinate \(5\.3, 52\.1\) is outside the RD New range/);
  });

  it('refuses a crs other than RD New', () => {
    expect(() => importOmgevingsplanGeoJson(createFile([], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } }), 'plan.json')).toThrow(/plan\.json: crs .* is not RD New/);
  });

  it('names the feature with an unknown functie', () => {
    expect(() => importOmgevingsplanGeoJson(createFile([zone(145000, { functie: 'kasteel' }, 3)]), 'plan.json')).toThrow(/plan\.json, feature 0 \(id 3\): properties\.functie/);
  });

  it('reports broken JSON with the file name', () => {
    expect(() => importOmgevingsplanGeoJson('{"type": "FeatureCollection",', 'kapot.json')).toThrow(/kapot\.json: not valid JSON/);
  });
});
