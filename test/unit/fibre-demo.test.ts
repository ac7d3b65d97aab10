// The synthetic fibre situation of Demostad: reproducible, a white spot at the edge, and valid map collections.
import { beforeAll, describe, expect, it } from 'vitest';
import { collectionMeta, featureRd } from '../../server/contracts/feature.ts';
import type { Municipality } from '../../server/contracts/model.ts';
import { fibreCollections } from '../../server/demo/fibre/fibre-collections.ts';
import { generateDemoFibre } from '../../server/demo/fibre/generate-fibre.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { prepareFibreNetwork } from '../../server/scenarios/fibre/fibre-plan.ts';
import { fibreSituation } from '../../server/scenarios/fibre/fibre-situation.ts';

let demostad: Municipality;
beforeAll(() => {
  demostad = generateDemostad({ seed: 1, scale: 1 });
});

describe('generateDemoFibre', () => {
  it('is deterministic per seed and differs between seeds', () => {
    expect(generateDemoFibre(demostad, 1)).toEqual(generateDemoFibre(demostad, 1));
    expect(generateDemoFibre(demostad, 2).coverage).not.toEqual(generateDemoFibre(demostad, 1).coverage);
  });

  it('gives every address a coverage, with fibre in some buurten and a copper-only white spot at the edge', () => {
    const fibre = fibreSituation.parse(generateDemoFibre(demostad, 1));
    expect(Object.keys(fibre.coverage)).toHaveLength(demostad.addresses.length);
    expect(fibre.fibreBuurten.length).toBeGreaterThan(0);
    expect(fibre.whiteSpotBuurten).toHaveLength(1);
    const shareIn = (code: string, kind: string) => {
      const inBuurt = demostad.addresses.filter((a) => a.buurtCode === code);
      return inBuurt.filter((a) => fibre.coverage[a.id] === kind).length / inBuurt.length;
    };
    expect(shareIn(fibre.whiteSpotBuurten[0], 'copper-only')).toBeGreaterThan(0.5);
    for (const code of fibre.fibreBuurten) expect(shareIn(code, 'fibre')).toBeGreaterThan(0.8);
    expect(fibre.popSites.length).toBeGreaterThanOrEqual(1);
    expect(fibre.popSites.length).toBeLessThanOrEqual(3);
    const streetIds = new Set(demostad.streets.map((s) => s.id));
    expect(fibre.existingDuctStreetIds.every((id) => streetIds.has(id))).toBe(true);
  });

  it('publishes valid open, synthetic CC0 collections glasvezel-dekking and glasvezel-pop', () => {
    const collections = fibreCollections(demostad, generateDemoFibre(demostad, 1));
    expect(collections.map((c) => c.meta.id)).toEqual(['glasvezel-dekking', 'glasvezel-pop', 'glasvezel-mantelbuizen']);
    for (const c of collections) {
      expect(collectionMeta.parse(c.meta)).toMatchObject({ licence: 'CC0-1.0', privacyClass: 'open', synthetic: true });
      for (const f of c.features.slice(0, 50)) featureRd.parse(f);
    }
    expect(collections[0].features).toHaveLength(demostad.addresses.length);
  });
});

describe('prepareFibreNetwork on Demostad', () => {
  it('repairs the street lines into one connected network and gives every address an access point close by', () => {
    const prepared = prepareFibreNetwork(demostad.streets, demostad.addresses);
    expect(prepared.topology.components).toBe(1);
    expect(prepared.topology.crossingSplits).toBeGreaterThan(0);
    expect([...prepared.accessNode].filter((n) => n < 0)).toEqual([]);
    expect(Math.max(...prepared.dropM)).toBeLessThan(250);
  });
});
