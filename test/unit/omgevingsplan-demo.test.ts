import { beforeAll, describe, expect, it } from 'vitest';
import type { Municipality } from '../../server/contracts/model.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { generateDemoOmgevingsplan } from '../../server/demo/omgevingsplan/generate-omgevingsplan.ts';
import { polygonCentroid } from '../../server/geo/polygon.ts';
import type { Omgevingsplan } from '../../server/omgevingsplan/model.ts';
import { PLAN_COLLECTION_IDS, omgevingsplanCollections } from '../../server/omgevingsplan/plan-collections.ts';
import { buildingsExceedingHeight, checkPlacement, rulesAt } from '../../server/omgevingsplan/rule-check.ts';
import { checkPlan } from '../../server/omgevingsplan/validate-plan.ts';

let town: Municipality;
let plan: Omgevingsplan;
beforeAll(() => {
  town = generateDemostad({ seed: 7, scale: 0.5 });
  plan = generateDemoOmgevingsplan(town, 7);
});

describe('generateDemoOmgevingsplan', () => {
  it('is deterministic', () => {
    expect(JSON.stringify(generateDemoOmgevingsplan(town, 7))).toBe(JSON.stringify(plan));
  });

  it('is marked synthetic with its seed', () => {
    expect(plan.meta).toMatchObject({ bevoegdGezag: 'gm9999', synthetic: true, source: 'Tweeling synthetic demo generator (seed 7)' });
  });

  it('has every reference resolved and no TPOD1650 violation', () => {
    expect(checkPlan(plan).errors).toEqual([]);
  });

  it('has a small share of buildings above the maximum bouwhoogte', () => {
    const share = buildingsExceedingHeight(plan, town.buildings).length / town.buildings.length;
    expect(share).toBeGreaterThan(0.003);
    expect(share).toBeLessThan(0.04);
  });

  it('covers the centre with a beschermd stadsgezicht and centrum functie', () => {
    const centre = town.buurten.find((b) => b.name === 'Binnenstad')!;
    const monument = town.buildings.find((b) => b.function === 'monument' && b.buurtCode === centre.code)!;
    const here = rulesAt(plan, polygonCentroid(monument.footprint));
    expect(here.gebiedsaanwijzingen.map((g) => g.groep)).toEqual(expect.arrayContaining(['centrum', 'beschermd stadsgezicht']));
    expect(here.gebiedsaanwijzingen.some((g) => g.groep === 'gemeentelijk monument' || g.groep === 'rijksmonument')).toBe(true);
    expect(checkPlacement(plan, { kind: 'rooftop-antenna', heightM: 3, buildingHeightM: monument.heightM, position: polygonCentroid(monument.footprint) }).verdict).toBe('permit-required');
  });

  it('zones the industrial area as bedrijventerrein with a higher limit than housing', () => {
    const functies = new Set(plan.gebiedsaanwijzingen.filter((g) => g.type === 'Functie').map((g) => g.groep));
    expect([...functies].sort()).toEqual(['bedrijventerrein', 'centrum', 'groen', 'water', 'wonen']);
    const limit = (functie: string) => {
      const loc = plan.gebiedsaanwijzingen.find((g) => g.groep === functie)!.locatieRefs[0];
      const key = loc.split('.').pop()!.replace('functie-', '');
      return plan.omgevingsnormen[0].normwaarden.find((w) => w.identificatie.endsWith(`bouwhoogte-${key}`))!.kwantitatieveWaarde!;
    };
    expect(limit('bedrijventerrein')).toBeGreaterThan(limit('wonen'));
  });

  it('publishes the three collections', () => {
    const collections = omgevingsplanCollections(plan);
    expect(collections.map((c) => c.meta.id)).toEqual([...PLAN_COLLECTION_IDS]);
    for (const c of collections) {
      expect(c.features.length).toBeGreaterThan(0);
      expect(c.meta.synthetic).toBe(true);
    }
    const height = collections[1].features[0].properties;
    expect(Object.keys(height).sort()).toEqual(['eenheid', 'identificatie', 'locatie', 'norm', 'waarde']);
    expect(Object.keys(collections[0].features[0].properties).sort()).toEqual(['functie', 'identificatie', 'locatie', 'naam']);
    expect(Object.keys(collections[2].features[0].properties).sort()).toEqual(['identificatie', 'locatie', 'naam', 'type']);
  });
});
