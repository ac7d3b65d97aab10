// The rules panel reads the server's rules-at answer through rulesFromResponse. This test feeds it what the real
// server computes for a monument in Demostad's centre, so the client contract cannot drift from the server's.
import { beforeAll, describe, expect, it } from 'vitest';
import { rulesFromResponse } from '../../client/api/plan-api.ts';
import { generateDemostad } from '../../server/demo/generate-demostad.ts';
import { generateDemoOmgevingsplan } from '../../server/demo/omgevingsplan/generate-omgevingsplan.ts';
import { polygonCentroid } from '../../server/geo/polygon.ts';
import { type RulesHere, rulesAt } from '../../server/omgevingsplan/rule-check.ts';

let here: RulesHere;
beforeAll(() => {
  const town = generateDemostad({ seed: 11, scale: 0.5 });
  const plan = generateDemoOmgevingsplan(town, 11);
  const centre = town.buurten.find((b) => b.name === 'Binnenstad')!;
  const monument = town.buildings.find((b) => b.function === 'monument' && b.buurtCode === centre.code)!;
  here = rulesAt(plan, polygonCentroid(monument.footprint));
});

describe('rulesFromResponse', () => {
  it('turns every rule at the point into an article with its Dutch text', () => {
    const { regels } = rulesFromResponse(JSON.parse(JSON.stringify(here)));
    expect(regels.map((r) => r.identificatie)).toEqual(here.regels.map((r) => r.identificatie));
    expect(regels.length).toBeGreaterThan(0);
    for (const r of regels) expect(r.titel, r.identificatie).toBeTruthy();
  });

  it('puts each norm value, activity and designation under the rule that carries it', () => {
    const { regels } = rulesFromResponse(JSON.parse(JSON.stringify(here)));
    const norms = regels.flatMap((r) => r.normen ?? []);
    const height = norms.find((n) => n.naam === 'maximum bouwhoogte');
    expect(height?.eenheid).toBe('m');
    expect(typeof height?.waarde).toBe('number');
    const designations = regels.flatMap((r) => r.gebiedsaanwijzingen ?? []);
    expect(designations.some((g) => /stadsgezicht/i.test(`${g.type} ${g.naam}`))).toBe(true);
    const linked = here.activiteiten.length;
    expect(regels.flatMap((r) => r.activiteiten ?? []).length).toBe(linked);
  });

  it('survives an empty or malformed body without throwing', () => {
    expect(rulesFromResponse(undefined).regels).toEqual([]);
    expect(rulesFromResponse({ regels: undefined, normwaarden: 'x' as never }).regels).toEqual([]);
  });
});
