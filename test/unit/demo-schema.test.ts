import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { address, area, building, buurt, datasetMeta, street } from '../../server/contracts/model.ts';
import type { Municipality } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { writeMunicipalityGeoJson } from '../../server/demo/write-geojson.ts';

function createTown(): Municipality {
  return generateDemostad({ seed: 3, scale: 0.3 });
}

const town = createTown();

describe('Demostad against the domain contracts', () => {
  it('passes the zod schemas for every record', () => {
    expect(datasetMeta.parse(town.meta)).toEqual(town.meta);
    for (const b of town.buildings) building.parse(b);
    for (const a of town.addresses) address.parse(a);
    for (const s of town.streets) street.parse(s);
    for (const a of town.areas) area.parse(a);
    for (const b of town.buurten) buurt.parse(b);
    expect(town.buildings.length).toBeGreaterThan(0);
  });
});

describe('writeMunicipalityGeoJson', () => {
  it('writes one RD New FeatureCollection per layer with closed rings and the metadata', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demostad-'));
    try {
      const paths = await writeMunicipalityGeoJson(town, dir);
      expect(paths.map((p) => basename(p))).toEqual([
        'buildings.geojson',
        'addresses.geojson',
        'streets.geojson',
        'areas.geojson',
        'buurten.geojson',
      ]);
      const counts: Record<string, number> = {
        buildings: town.buildings.length,
        addresses: town.addresses.length,
        streets: town.streets.length,
        areas: town.areas.length,
        buurten: town.buurten.length,
      };
      for (const p of paths) {
        const fc = JSON.parse(await readFile(p, 'utf8'));
        expect(Object.keys(fc)).toEqual(['type', 'name', 'crs', 'metadata', 'features']);
        expect(fc.type).toBe('FeatureCollection');
        expect(fc.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } });
        expect(fc.metadata).toEqual(town.meta);
        expect(fc.metadata.synthetic).toBe(true);
        expect(fc.features.length).toBe(counts[fc.name]);
      }
      const buildings = JSON.parse(await readFile(paths[0], 'utf8'));
      const first = buildings.features[0];
      expect(first.id).toBe(town.buildings[0].id);
      expect(first.geometry.type).toBe('Polygon');
      const ring = first.geometry.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ring.length).toBe(town.buildings[0].footprint[0].length + 1);
      expect(first.properties.function).toBe(town.buildings[0].function);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes byte-identical files for the same town', async () => {
    const a = await mkdtemp(join(tmpdir(), 'demostad-a-'));
    const b = await mkdtemp(join(tmpdir(), 'demostad-b-'));
    try {
      const pa = await writeMunicipalityGeoJson(town, a);
      const pb = await writeMunicipalityGeoJson(createTown(), b);
      for (let i = 0; i < pa.length; i++) expect(await readFile(pb[i], 'utf8')).toBe(await readFile(pa[i], 'utf8'));
    } finally {
      await rm(a, { recursive: true, force: true });
      await rm(b, { recursive: true, force: true });
    }
  });
});
