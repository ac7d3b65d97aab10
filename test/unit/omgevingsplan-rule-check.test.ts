import { describe, expect, it } from 'vitest';
import type { GeometryRd } from '../../server/contracts/feature.ts';
import { InvalidParameter } from '../../server/errors.ts';
import type { Omgevingsplan } from '../../server/omgevingsplan/model.ts';
import { type PlacementRequest, buildingsExceedingHeight, checkPlacement, rulesAt } from '../../server/omgevingsplan/rule-check.ts';
import { checkPlan } from '../../server/omgevingsplan/validate-plan.ts';

const X0 = 145000;
const Y0 = 445000;
const id = (type: string, key: string): string => `nl.imow-gm9999.${type}.${key}`;

function square(x: number, size: number, hole?: [number, number]): GeometryRd {
  const ring = (a: number, b: number, y0 = Y0, y1 = Y0 + size): [number, number][] => [[a, y0], [b, y0], [b, y1], [a, y1], [a, y0]];
  const outer = ring(X0 + x, X0 + x + size);
  if (!hole) return { type: 'Polygon', coordinates: [outer] };
  // The hole is clockwise, as GeoJSON wants; the check must not depend on it.
  const inner = ring(X0 + hole[0], X0 + hole[1], Y0 + hole[0] - x, Y0 + hole[1] - x).reverse();
  return { type: 'Polygon', coordinates: [outer, inner] };
}

/**
 * Five zones in a row along x, 100 m wide, 200 m apart: wonen (with a hole at 40..60, max 10 m), water,
 * groen, centrum (beschermd stadsgezicht, max 15 m, with a monument at 620..630) and bedrijventerrein
 * (max 30 m, where building and antennas are 'toegestaan').
 */
function createPlan(): Omgevingsplan {
  const gebied = (key: string, geometrie: GeometryRd) => ({ identificatie: id('gebied', key), type: 'Gebied' as const, noemer: key, geometrie });
  const ga = (key: string, type: string, groep: string, loc: string) => ({ identificatie: id('gebiedsaanwijzing', key), type, naam: key, groep, locatieRefs: [id('gebied', loc)] });
  const aanduiding = (act: string, k: 'toegestaan' | 'verbod' | 'vergunningplicht', loc: string) => ({ activiteitRef: id('activiteit', act), activiteitregelkwalificatie: k, locatieRefs: [id('gebied', loc)] });
  const regel = (key: string, extra: Partial<Omgevingsplan['juridischeRegels'][number]>) => ({
    identificatie: id('juridischeregel', key),
    type: 'RegelVoorIedereen' as const,
    regeltekstRef: id('regeltekst', key),
    idealisatie: 'exact' as const,
    locatieRefs: [],
    activiteitaanduidingen: [],
    gebiedsaanwijzingRefs: [],
    omgevingsnormRefs: [],
    ...extra,
  });
  return {
    meta: { naam: 'Testplan', bevoegdGezag: 'gm9999', source: 'test', licence: 'CC0-1.0', date: '2026-01-01', synthetic: true },
    regelteksten: ['functies', 'bouwhoogte', 'water', 'bedrijven', 'erfgoed'].map((k) => ({ identificatie: id('regeltekst', k), wId: `gm9999_art_${k}`, titel: `Artikel ${k}`, tekst: `Tekst ${k}` })),
    juridischeRegels: [
      regel('functies', { locatieRefs: ['wonen', 'water', 'groen', 'centrum', 'bedrijven'].map((k) => id('gebied', k)), gebiedsaanwijzingRefs: ['wonen', 'water', 'groen', 'centrum', 'bedrijven'].map((k) => id('gebiedsaanwijzing', k)) }),
      regel('bouwhoogte', { locatieRefs: [id('gebied', 'wonen'), id('gebied', 'centrum'), id('gebied', 'bedrijven')], omgevingsnormRefs: [id('omgevingsnorm', 'bouwhoogte')] }),
      regel('water', { locatieRefs: [id('gebied', 'water')], activiteitaanduidingen: [aanduiding('bouwen', 'verbod', 'water')] }),
      regel('bedrijven', { locatieRefs: [id('gebied', 'bedrijven')], activiteitaanduidingen: [aanduiding('gebouw', 'toegestaan', 'bedrijven'), aanduiding('antenne', 'toegestaan', 'bedrijven')] }),
      regel('erfgoed', { locatieRefs: [id('gebied', 'centrum')], gebiedsaanwijzingRefs: [id('gebiedsaanwijzing', 'stadsgezicht'), id('gebiedsaanwijzing', 'monument')] }),
    ],
    activiteiten: [
      { identificatie: id('activiteit', 'bouwen'), naam: 'Bouwen', groep: 'BouwactiviteitRuimtelijk' },
      { identificatie: id('activiteit', 'gebouw'), naam: 'Gebouw bouwen', groep: 'BouwactiviteitRuimtelijk', bovenliggendeActiviteit: id('activiteit', 'bouwen') },
      { identificatie: id('activiteit', 'antenne'), naam: 'Antenne-installatie plaatsen', groep: 'BouwactiviteitRuimtelijk', bovenliggendeActiviteit: id('activiteit', 'bouwen') },
    ],
    locaties: [
      { identificatie: id('ambtsgebied', 'test'), type: 'Ambtsgebied', geometrie: null, bestuurlijkeGrenzenId: 'GM9999' },
      gebied('wonen', square(0, 100, [40, 60])),
      gebied('water', square(200, 100)),
      gebied('groen', square(400, 100)),
      gebied('centrum', square(600, 100)),
      gebied('monument', { type: 'Polygon', coordinates: [[[X0 + 620, Y0 + 20], [X0 + 630, Y0 + 20], [X0 + 630, Y0 + 30], [X0 + 620, Y0 + 30], [X0 + 620, Y0 + 20]]] }),
      gebied('bedrijven', square(800, 100)),
    ],
    gebiedsaanwijzingen: [
      ga('wonen', 'Functie', 'wonen', 'wonen'),
      ga('water', 'Functie', 'water', 'water'),
      ga('groen', 'Functie', 'groen', 'groen'),
      ga('centrum', 'Functie', 'centrum', 'centrum'),
      ga('bedrijven', 'Functie', 'bedrijventerrein', 'bedrijven'),
      ga('stadsgezicht', 'Erfgoed', 'beschermd stadsgezicht', 'centrum'),
      ga('monument', 'Erfgoed', 'rijksmonument', 'monument'),
    ],
    omgevingsnormen: [
      {
        identificatie: id('omgevingsnorm', 'bouwhoogte'),
        kind: 'Omgevingsnorm',
        naam: 'maximum bouwhoogte',
        type: 'Omgevingsnorm',
        groep: 'bouwhoogte',
        eenheid: 'm',
        normwaarden: [
          { identificatie: id('normwaarde', 'wonen'), kwantitatieveWaarde: 10, locatieRefs: [id('gebied', 'wonen')] },
          { identificatie: id('normwaarde', 'centrum'), kwantitatieveWaarde: 15, locatieRefs: [id('gebied', 'centrum')] },
          { identificatie: id('normwaarde', 'bedrijven'), kwantitatieveWaarde: 30, locatieRefs: [id('gebied', 'bedrijven')] },
        ],
      },
    ],
    regelingsgebieden: [],
  };
}

const at = (x: number, y = 50): [number, number] => [X0 + x, Y0 + y];
const verdictOf = (r: Omit<PlacementRequest, 'position'> & { x: number; y?: number }) => {
  const { x, y, ...rest } = r;
  return checkPlacement(createPlan(), { ...rest, position: at(x, y) });
};

describe('the hand-made test plan', () => {
  it('is consistent', () => {
    expect(checkPlan(createPlan()).errors).toEqual([]);
  });
});

describe('rulesAt', () => {
  it('finds the zone, its functie, norm and rule texts at a point', () => {
    const here = rulesAt(createPlan(), at(20, 20));
    expect(here.locaties.map((l) => l.identificatie)).toEqual([id('ambtsgebied', 'test'), id('gebied', 'wonen')]);
    expect(here.gebiedsaanwijzingen.map((g) => g.groep)).toEqual(['wonen']);
    expect(here.normwaarden).toMatchObject([{ norm: 'maximum bouwhoogte', kwantitatieveWaarde: 10, eenheid: 'm', regelIds: [id('juridischeregel', 'bouwhoogte')] }]);
    expect(here.regels.map((r) => r.regeltekst?.tekst)).toEqual(['Tekst functies', 'Tekst bouwhoogte']);
  });

  it('leaves out a zone whose hole holds the point', () => {
    const here = rulesAt(createPlan(), at(50, 50));
    expect(here.locaties.map((l) => l.identificatie)).toEqual([id('ambtsgebied', 'test')]);
    expect(here.normwaarden).toEqual([]);
  });

  it('reports activiteiten with their kwalificatie where they apply', () => {
    const here = rulesAt(createPlan(), at(850));
    expect(here.activiteiten.map((a) => [a.naam, a.activiteitregelkwalificatie])).toEqual([
      ['Gebouw bouwen', 'toegestaan'],
      ['Antenne-installatie plaatsen', 'toegestaan'],
    ]);
  });

  it('treats an Ambtsgebied without geometry as the whole plan area', () => {
    expect(rulesAt(createPlan(), [150000, 450000]).locaties.map((l) => l.type)).toEqual(['Ambtsgebied']);
  });

  it('resolves Gebiedengroep members', () => {
    const plan = createPlan();
    plan.locaties.push({ identificatie: id('gebiedengroep', 'g'), type: 'Gebiedengroep', geometrie: null, groepselementen: [id('gebied', 'groen'), id('gebied', 'water')] });
    expect(rulesAt(plan, at(250)).locaties.map((l) => l.identificatie)).toContain(id('gebiedengroep', 'g'));
    expect(rulesAt(plan, at(20)).locaties.map((l) => l.identificatie)).not.toContain(id('gebiedengroep', 'g'));
  });
});

describe('checkPlacement: antenna mast', () => {
  it('is allowed where the plan allows antennas and the mast fits under the height limit', () => {
    expect(verdictOf({ kind: 'antenna-mast', heightM: 25, x: 850 }).verdict).toBe('allowed');
  });
  it('needs a permit by national default elsewhere', () => {
    const v = verdictOf({ kind: 'antenna-mast', heightM: 8, x: 20, y: 20 });
    expect(v.verdict).toBe('permit-required');
    expect(v.reasons.some((r) => r.assumption && r.verdict === 'permit-required')).toBe(true);
  });
  it('is not allowed far above the maximum bouwhoogte, naming that rule', () => {
    const v = verdictOf({ kind: 'antenna-mast', heightM: 30, x: 20, y: 20 });
    expect(v.verdict).toBe('not-allowed');
    expect(v.reasons.find((r) => r.verdict === 'not-allowed')?.ruleId).toBe(id('juridischeregel', 'bouwhoogte'));
  });
  it('is not allowed in water', () => {
    expect(verdictOf({ kind: 'antenna-mast', heightM: 5, x: 250 }).verdict).toBe('not-allowed');
  });
});

describe('checkPlacement: rooftop antenna', () => {
  it('is allowed up to 5 m outside protected areas, whatever the height limit', () => {
    const v = verdictOf({ kind: 'rooftop-antenna', heightM: 4, buildingHeightM: 9, x: 20, y: 20 });
    expect(v.verdict).toBe('allowed');
    expect(v.totalHeightM).toBe(13);
  });
  it('needs a permit in the beschermd stadsgezicht', () => {
    const v = verdictOf({ kind: 'rooftop-antenna', heightM: 3, buildingHeightM: 9, x: 650, y: 80 });
    expect(v.verdict).toBe('permit-required');
    expect(v.reasons.map((r) => r.ruleId)).toContain(id('juridischeregel', 'erfgoed'));
  });
  it('is not allowed when a tall antenna takes the total far above the height limit', () => {
    expect(verdictOf({ kind: 'rooftop-antenna', heightM: 7, buildingHeightM: 9, x: 20, y: 20 }).verdict).toBe('not-allowed');
  });
  it('needs the building height', () => {
    expect(() => checkPlacement(createPlan(), { kind: 'rooftop-antenna', heightM: 3, position: at(20) })).toThrow(InvalidParameter);
  });
});

describe('checkPlacement: street cabinet', () => {
  it('is allowed when small, in a residential zone', () => {
    expect(verdictOf({ kind: 'street-cabinet', heightM: 1.6, widthM: 1, depthM: 0.5, x: 20, y: 20 }).verdict).toBe('allowed');
  });
  it('needs a permit on a monument', () => {
    const v = verdictOf({ kind: 'street-cabinet', heightM: 1.6, x: 625, y: 25 });
    expect(v.verdict).toBe('permit-required');
    expect(v.reasons.filter((r) => r.verdict === 'permit-required').length).toBe(2);
  });
  it('needs a permit when larger than the permit-free size', () => {
    expect(verdictOf({ kind: 'street-cabinet', heightM: 3.5, x: 20, y: 20 }).verdict).toBe('permit-required');
  });
  it('is not allowed in green space', () => {
    const v = verdictOf({ kind: 'street-cabinet', heightM: 1.6, x: 450 });
    expect(v.verdict).toBe('not-allowed');
    expect(v.reasons.find((r) => r.verdict === 'not-allowed')?.ruleId).toBe(id('juridischeregel', 'functies'));
  });
  it('is not allowed in water', () => {
    expect(verdictOf({ kind: 'street-cabinet', heightM: 1.6, x: 250 }).verdict).toBe('not-allowed');
  });
});

describe('checkPlacement: building', () => {
  it('is allowed where the plan allows building and the height fits', () => {
    expect(verdictOf({ kind: 'building', heightM: 12, x: 850 }).verdict).toBe('allowed');
  });
  it('needs a permit by default', () => {
    expect(verdictOf({ kind: 'building', heightM: 9, x: 20, y: 20 }).verdict).toBe('permit-required');
  });
  it('needs a permit when at most 10 % above the height limit', () => {
    const v = verdictOf({ kind: 'building', heightM: 31, x: 850 });
    expect(v.verdict).toBe('permit-required');
    expect(v.reasons.find((r) => r.verdict === 'permit-required')?.ruleId).toBe(id('juridischeregel', 'bouwhoogte'));
  });
  it('is not allowed more than 10 % above the height limit', () => {
    expect(verdictOf({ kind: 'building', heightM: 12, x: 20, y: 20 }).verdict).toBe('not-allowed');
  });
  it('is not allowed where the plan forbids building (water), naming the verbod', () => {
    const v = verdictOf({ kind: 'building', heightM: 5, x: 250 });
    expect(v.verdict).toBe('not-allowed');
    expect(v.reasons.filter((r) => r.verdict === 'not-allowed').map((r) => r.ruleId)).toContain(id('juridischeregel', 'water'));
  });
});

describe('buildingsExceedingHeight', () => {
  const footprint = (x: number, y: number): [number, number][][] => [[[X0 + x, Y0 + y], [X0 + x + 8, Y0 + y], [X0 + x + 8, Y0 + y + 8], [X0 + x, Y0 + y + 8]]];
  it('flags buildings taller than the lowest limit containing their centroid', () => {
    const plan = createPlan();
    // A second, higher limit over the wonen zone: the lower one (10 m) decides.
    plan.omgevingsnormen[0].normwaarden.push({ identificatie: id('normwaarde', 'extra'), kwantitatieveWaarde: 40, locatieRefs: [id('gebied', 'wonen')] });
    const result = buildingsExceedingHeight(plan, [
      { id: 'low', footprint: footprint(10, 10), heightM: 9 },
      { id: 'high', footprint: footprint(10, 10), heightM: 11 },
      { id: 'in-hole', footprint: footprint(46, 46), heightM: 50 },
      { id: 'centre', footprint: footprint(610, 60), heightM: 16 },
    ]);
    expect(result).toEqual([
      { id: 'high', heightM: 11, maxHeightM: 10 },
      { id: 'centre', heightM: 16, maxHeightM: 15 },
    ]);
  });
});
