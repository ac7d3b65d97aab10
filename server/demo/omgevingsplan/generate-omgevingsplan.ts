// The demo omgevingsplan of Demostad, in the IMOW model: functie zones, maximum bouwhoogte and bouwlagen,
// a beschermd stadsgezicht over the old centre, the monuments as Erfgoed gebiedsaanwijzingen, activiteiten
// and the juridische regels with plain-Dutch regelteksten that tie them together. Deterministic and synthetic.
import type { PolygonRd, RingRd } from '../../contracts/model.ts';
import type { GeometryRd } from '../../contracts/feature.ts';
import type { Municipality } from '../../contracts/model.ts';
import {
  type Activiteitaanduiding,
  GA_ERFGOED,
  GA_FUNCTIE,
  type JuridischeRegel,
  NORM_MAX_BOUWHOOGTE,
  NORM_MAX_BOUWLAGEN,
  type Omgevingsplan,
  omgevingsplan,
} from '../../omgevingsplan/model.ts';
import { createRng } from '../random.ts';
import { HIGH_RISE_MAX_M, planDemoZones } from './demo-zones.ts';
import { ARTIKELEN, type ArtikelKey } from './regelteksten.ts';

const URI = 'http://standaarden.omgevingswet.overheid.nl';

export function generateDemoOmgevingsplan(m: Municipality, seed: number): Omgevingsplan {
  const rng = createRng(seed, 'omgevingsplan');
  const bg = `gm${m.meta.municipalityCode.replace(/^GM/i, '').toLowerCase()}`;
  const id = (type: string, key: string): string => `nl.imow-${bg}.${type}.${key}`;
  const zoning = planDemoZones(m, rng.fork('zones'));
  const plan: Omgevingsplan = {
    meta: {
      naam: `Omgevingsplan gemeente ${m.meta.name}`,
      bevoegdGezag: bg,
      source: `Tweeling synthetic demo generator (seed ${seed})`,
      licence: 'CC0-1.0',
      date: m.meta.date,
      synthetic: true,
    },
    regelteksten: [],
    juridischeRegels: [],
    activiteiten: [],
    locaties: [],
    gebiedsaanwijzingen: [],
    omgevingsnormen: [],
    regelingsgebieden: [],
  };
  const gebied = (key: string, noemer: string, polygon: PolygonRd): string => {
    const identificatie = id('gebied', key);
    plan.locaties.push({ identificatie, type: 'Gebied', noemer, geometrie: toGeoJson(polygon) });
    return identificatie;
  };
  const groep = (key: string, noemer: string, members: string[]): string => {
    const identificatie = id('gebiedengroep', key);
    plan.locaties.push({ identificatie, type: 'Gebiedengroep', noemer, geometrie: null, groepselementen: members });
    return identificatie;
  };

  const ambtsgebied = id('ambtsgebied', m.meta.name.toLowerCase());
  plan.locaties.push({ identificatie: ambtsgebied, type: 'Ambtsgebied', noemer: m.meta.name, geometrie: null, bestuurlijkeGrenzenId: m.meta.municipalityCode.toUpperCase() });
  plan.regelingsgebieden.push({ identificatie: id('regelingsgebied', 'omgevingsplan'), locatieRefs: [ambtsgebied] });

  // Functie zones per buurt, plus the water and green areas.
  const functieGa: string[] = [];
  const functieLoc: string[] = [];
  const heightValues: { key: string; value: number; loc: string }[] = [];
  const storeyValues: { key: string; value: number; loc: string }[] = [];
  for (const z of zoning.zones) {
    const key = z.buurt.code.toLowerCase();
    const loc = gebied(`functie-${key}`, `${capital(z.functie)} ${z.buurt.name}`, z.functiePolygon);
    functieLoc.push(loc);
    const ga = id('gebiedsaanwijzing', `functie-${key}`);
    plan.gebiedsaanwijzingen.push({ identificatie: ga, type: GA_FUNCTIE, naam: `${capital(z.functie)} - ${z.buurt.name}`, groep: z.functie, locatieRefs: [loc] });
    functieGa.push(ga);
    if (z.maxHeightM !== null) {
      const hLoc = z.heightPolygon.length > z.functiePolygon.length ? gebied(`bouwhoogte-${key}`, `Bouwhoogte ${z.buurt.name}`, z.heightPolygon) : loc;
      heightValues.push({ key, value: z.maxHeightM, loc: hLoc });
      storeyValues.push({ key, value: z.maxStoreys!, loc: hLoc });
    }
  }
  for (const kind of ['water', 'groen'] as const) {
    const members = zoning.areas.filter((a) => a.functie === kind).map(({ area }) => gebied(`${kind}-${area.id}`, area.name, area.polygon));
    if (members.length === 0) continue;
    const loc = groep(kind, kind === 'water' ? 'Watergebieden' : 'Groengebieden', members);
    const ga = id('gebiedsaanwijzing', `functie-${kind}`);
    plan.gebiedsaanwijzingen.push({ identificatie: ga, type: GA_FUNCTIE, naam: kind === 'water' ? 'Water' : 'Groen', groep: kind, locatieRefs: [loc] });
    functieGa.push(ga);
    functieLoc.push(loc);
  }
  const waterLocs = plan.gebiedsaanwijzingen.filter((g) => g.groep === 'water').flatMap((g) => g.locatieRefs);

  // High-rise plots: one group, one higher limit.
  if (zoning.highRisePlots.length > 0) {
    const members = zoning.highRisePlots.map((ring, i) => gebied(`hoogbouw-${i + 1}`, `Bouwvlak hoogbouw ${i + 1}`, [ring]));
    const loc = groep('hoogbouw', 'Bouwvlakken hoogbouw', members);
    heightValues.push({ key: 'hoogbouw', value: HIGH_RISE_MAX_M, loc });
    storeyValues.push({ key: 'hoogbouw', value: HIGH_RISE_MAX_M / 3, loc });
  }
  const heightNorm = id('omgevingsnorm', 'maximumbouwhoogte');
  const storeyNorm = id('omgevingsnorm', 'maximumaantalbouwlagen');
  plan.omgevingsnormen.push(
    {
      identificatie: heightNorm,
      kind: 'Omgevingsnorm',
      naam: NORM_MAX_BOUWHOOGTE,
      type: 'Omgevingsnorm',
      groep: 'bouwhoogte',
      eenheid: 'm',
      normwaarden: heightValues.map((v) => ({ identificatie: id('normwaarde', `bouwhoogte-${v.key}`), kwantitatieveWaarde: v.value, locatieRefs: [v.loc] })),
    },
    {
      identificatie: storeyNorm,
      kind: 'Omgevingsnorm',
      naam: NORM_MAX_BOUWLAGEN,
      type: 'Omgevingsnorm',
      groep: 'bouwlagen',
      eenheid: 'bouwlagen',
      normwaarden: storeyValues.map((v) => ({ identificatie: id('normwaarde', `bouwlagen-${v.key}`), kwantitatieveWaarde: v.value, locatieRefs: [v.loc] })),
    },
  );
  const heightLocs = [...new Set(heightValues.map((v) => v.loc))];

  // Erfgoed: the beschermd stadsgezicht over the centre, and every monument building.
  const erfgoedGa: string[] = [];
  let stadsgezicht: string | undefined;
  if (zoning.centre) {
    stadsgezicht = gebied('beschermd-stadsgezicht', `Beschermd stadsgezicht ${zoning.centre.buurt.name}`, [zoning.centre.buurt.polygon[0]]);
    const ga = id('gebiedsaanwijzing', 'beschermd-stadsgezicht');
    plan.gebiedsaanwijzingen.push({ identificatie: ga, type: GA_ERFGOED, naam: `Beschermd stadsgezicht ${zoning.centre.buurt.name}`, groep: 'beschermd stadsgezicht', locatieRefs: [stadsgezicht] });
    erfgoedGa.push(ga);
  }
  const monumentRng = rng.fork('monumenten');
  const firstAddress = new Map<string, string>();
  for (const a of m.addresses) if (!firstAddress.has(a.buildingId)) firstAddress.set(a.buildingId, `${a.street} ${a.houseNumber}${a.houseLetter ?? ''}`);
  const monumentLocs: string[] = [];
  const monumentGa: string[] = [];
  m.buildings
    .filter((b) => b.function === 'monument')
    .forEach((b, i) => {
      const type = monumentRng.chance(0.25) ? 'rijksmonument' : 'gemeentelijk monument';
      const key = `monument-${String(i + 1).padStart(4, '0')}`;
      const naam = `${capital(type)} ${firstAddress.get(b.id) ?? b.id}`;
      const loc = gebied(key, naam, b.footprint);
      const ga = id('gebiedsaanwijzing', key);
      plan.gebiedsaanwijzingen.push({ identificatie: ga, type: GA_ERFGOED, naam, groep: type, locatieRefs: [loc] });
      monumentLocs.push(loc);
      monumentGa.push(ga);
    });
  const monumenten = monumentLocs.length > 0 ? groep('monumenten', 'Monumenten', monumentLocs) : undefined;

  // Activiteiten.
  const act = (key: string, naam: string, groepLabel: string, parent?: string): string => {
    const identificatie = id('activiteit', key);
    plan.activiteiten.push({ identificatie, naam, groep: `${URI}/activiteit/id/concept/${groepLabel}`, ...(parent ? { bovenliggendeActiviteit: parent } : {}) });
    return identificatie;
  };
  const bouwen = act('bouwen', 'Bouwen', 'BouwactiviteitRuimtelijk');
  const gebouw = act('gebouwbouwen', 'Gebouw bouwen', 'BouwactiviteitRuimtelijk', bouwen);
  const antenne = act('antenneplaatsen', 'Antenne-installatie plaatsen', 'BouwactiviteitRuimtelijk', bouwen);
  const nuts = act('nutsvoorzieningplaatsen', 'Bouwwerk voor een nutsvoorziening plaatsen', 'BouwactiviteitRuimtelijk', bouwen);
  const slopen = act('slopen', 'Slopen in beschermd stadsgezicht', 'SloopactiviteitRuimtelijk');
  const monumentAct = act('monumentactiviteit', 'Activiteit met betrekking tot een monument', 'Monumentenactiviteit');

  // Regelteksten and juridische regels.
  const regel = (key: ArtikelKey, r: Partial<Omit<JuridischeRegel, 'identificatie' | 'type' | 'regeltekstRef' | 'idealisatie'>>): void => {
    const a = ARTIKELEN[key];
    const rt = id('regeltekst', key);
    plan.regelteksten.push({ identificatie: rt, wId: `${bg}_1__chp_${a.nummer.split('.')[0]}__art_${a.nummer}`, titel: `Artikel ${a.nummer} ${a.titel}`, tekst: a.tekst });
    plan.juridischeRegels.push({
      identificatie: id('juridischeregel', key),
      type: 'RegelVoorIedereen',
      regeltekstRef: rt,
      idealisatie: 'exact',
      locatieRefs: r.locatieRefs ?? [],
      activiteitaanduidingen: r.activiteitaanduidingen ?? [],
      gebiedsaanwijzingRefs: r.gebiedsaanwijzingRefs ?? [],
      omgevingsnormRefs: r.omgevingsnormRefs ?? [],
    });
  };
  const aanduiding = (activiteitRef: string, k: Activiteitaanduiding['activiteitregelkwalificatie'], locatieRefs: string[]): Activiteitaanduiding => ({
    activiteitRef,
    activiteitregelkwalificatie: k,
    locatieRefs,
  });
  regel('functies', { locatieRefs: functieLoc, gebiedsaanwijzingRefs: functieGa });
  regel('bouwhoogte', { locatieRefs: heightLocs, omgevingsnormRefs: [heightNorm] });
  regel('bouwlagen', { locatieRefs: heightLocs, omgevingsnormRefs: [storeyNorm] });
  regel('afwijken', { locatieRefs: heightLocs, omgevingsnormRefs: [heightNorm] });
  regel('bouwen', { locatieRefs: [ambtsgebied], activiteitaanduidingen: [aanduiding(gebouw, 'vergunningplicht', [ambtsgebied])] });
  if (waterLocs.length > 0) regel('water', { locatieRefs: waterLocs, activiteitaanduidingen: [aanduiding(bouwen, 'verbod', waterLocs)] });
  regel('nutsvoorzieningen', { locatieRefs: [ambtsgebied], activiteitaanduidingen: [aanduiding(nuts, 'toegestaan', [ambtsgebied])] });
  if (stadsgezicht) {
    regel('antennes', { locatieRefs: [stadsgezicht], activiteitaanduidingen: [aanduiding(antenne, 'vergunningplicht', [stadsgezicht])] });
    regel('stadsgezicht', {
      locatieRefs: [stadsgezicht],
      gebiedsaanwijzingRefs: erfgoedGa,
      activiteitaanduidingen: [aanduiding(slopen, 'vergunningplicht', [stadsgezicht])],
    });
  }
  if (monumenten) {
    regel('monumenten', { locatieRefs: [monumenten], gebiedsaanwijzingRefs: monumentGa, activiteitaanduidingen: [aanduiding(monumentAct, 'vergunningplicht', [monumenten])] });
  }
  return omgevingsplan.parse(plan);
}

/** Core rings (open, as model.ts stores them) → GeoJSON rings (closed). */
function toGeoJson(polygon: PolygonRd): GeometryRd {
  const close = (ring: RingRd): [number, number][] => {
    const out = ring.map(([x, y]): [number, number] => [x, y]);
    const [f, l] = [out[0], out[out.length - 1]];
    if (f[0] !== l[0] || f[1] !== l[1]) out.push([f[0], f[1]]);
    return out;
  };
  return { type: 'Polygon', coordinates: polygon.map(close) };
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
