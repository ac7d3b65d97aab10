import { describe, expect, it } from 'vitest';
import type { Municipality } from '../../server/contracts/model.ts';
import { featureRd } from '../../server/contracts/feature.ts';
import { generateDemoAntennas } from '../../server/demo/antennas/generate-antennas.ts';
import { antennaCollection, featureToAntenna, safetyDistanceM } from '../../server/scenarios/fiveg/antenna-collection.ts';
import { pointInFootprint } from '../../server/scenarios/fiveg/footprint-geometry.ts';
import { createBuilding, createMunicipality } from '../support/factories.ts';

/** The factory town plus a 20 m tower block and a 2 km spread, so both rooftop and mast sites appear. */
function createTown(): Municipality {
  const m = createMunicipality();
  const extra = [createBuilding(20, 145390, 445390, { heightM: 24, function: 'kantoor' })];
  for (let i = 0; i < 6; i++) extra.push(createBuilding(30 + i, 145000 + i * 400, 446500 - i * 250));
  return { ...m, buildings: [...m.buildings, ...extra] };
}

describe('generateDemoAntennas', () => {
  it('is deterministic in the seed and differs between seeds', () => {
    const town = createTown();
    expect(generateDemoAntennas(town, 5)).toEqual(generateDemoAntennas(town, 5));
    expect(generateDemoAntennas(town, 5)).not.toEqual(generateDemoAntennas(town, 6));
  });

  it('places three-sector n78 plus 700/1800 MHz sites of three operators, rooftop on tall buildings', () => {
    const town = createTown();
    const antennas = generateDemoAntennas(town, 1);
    expect(new Set(antennas.map((a) => a.operator)).size).toBeGreaterThanOrEqual(2);
    expect(new Set(antennas.map((a) => a.band))).toEqual(new Set(['n78', 'n28', 'n3']));
    const rooftop = antennas.filter((a) => a.kind === 'rooftop');
    expect(rooftop.length).toBeGreaterThan(0);
    for (const a of rooftop) {
      const b = town.buildings.find((x) => x.id === a.buildingId)!;
      expect(b.heightM).toBeGreaterThanOrEqual(15);
      expect(a.heightM).toBeCloseTo(b.heightM + 4, 6);
    }
    for (const a of antennas.filter((x) => x.kind === 'mast')) {
      expect(a.buildingId).toBeNull();
      expect(town.buildings.some((b) => pointInFootprint(a.position[0], a.position[1], b.footprint))).toBe(false);
    }
    // Three sectors 120° apart per operator, band and site.
    const bySector = new Map<string, number[]>();
    for (const a of antennas) bySector.set(`${a.siteId}|${a.operator}|${a.band}`, [...(bySector.get(`${a.siteId}|${a.operator}|${a.band}`) ?? []), a.azimuthDeg]);
    for (const az of bySector.values()) {
      const s = [...az].sort((x, y) => x - y);
      expect(s.length).toBe(3);
      expect([s[1] - s[0], s[2] - s[1]]).toEqual([120, 120]);
    }
  });
});

describe('antennaCollection', () => {
  it('publishes `antennes` as open, synthetic CC0 point features that round-trip to the same antennas', () => {
    const antennas = generateDemoAntennas(createTown(), 1);
    const { meta, features } = antennaCollection(antennas, { source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true });
    expect(meta).toMatchObject({ id: 'antennes', licence: 'CC0-1.0', privacyClass: 'open', synthetic: true });
    for (const f of features) expect(featureRd.safeParse(f).success).toBe(true);
    expect(features.map(featureToAntenna)).toEqual(antennas);
    expect(features[0].properties.safetyDistanceM).toBeCloseTo(safetyDistanceM(antennas[0]), 2);
  });

  it('names the feature and field when a stored feature is broken', () => {
    const [a] = generateDemoAntennas(createTown(), 1);
    const { features } = antennaCollection([a], { source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true });
    const broken = { ...features[0], properties: { ...features[0].properties, band: 'n99' } };
    expect(() => featureToAntenna(broken)).toThrow(new RegExp(`${a.id}.*band`));
  });
});
