// Stand-in omgevingsplan and public-health data for the fixture server, laid out on the fixture town's local
// east-north-up grid (fixture-tileset.ts): four function zones, height norms, a protected townscape, five
// buurten of which two are suppressed. Answers the same contracts as the real API (see the client's api/).
import type { FixtureTwin } from './fixture-tileset.ts';
import { enuToEcef } from './fixture-tileset.ts';

type Rect = [east0: number, north0: number, east1: number, north1: number];
type Props = Record<string, string | number | null>;

export interface FixturePlanHealth {
  collections: Record<string, { features: { type: 'Feature'; id: string; geometry: unknown; properties: Props }[] }>;
  /** One building as an OGC feature in CRS84 with its exact footprint (ENU → ECEF → geodetic). */
  buildingItem(id: string): unknown;
  rulesAt(lon: number, lat: number): unknown;
  check(body: { structure?: { kind?: string; heightM?: number }; lon?: number; lat?: number }): unknown;
  exceedances: { id: string; heightM: number; maxHeightM: number }[];
  indicators: unknown;
  indicatorValues(id: string): unknown;
  geoidHeightM: number;
}

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;

/** ECEF → geodetic (Bowring's iteration; converges to well below a millimetre in three rounds). */
function ecefToLonLatH(x: number, y: number, z: number): [number, number, number] {
  const e2 = WGS84_F * (2 - WGS84_F);
  const p = Math.hypot(x, y);
  let lat = Math.atan2(z, p * (1 - e2));
  let h = 0;
  for (let i = 0; i < 6; i++) {
    const n = WGS84_A / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    h = p / Math.cos(lat) - n;
    lat = Math.atan2(z, p * (1 - (e2 * n) / (n + h)));
  }
  return [(Math.atan2(y, x) * 180) / Math.PI, (lat * 180) / Math.PI, h];
}

export function createFixturePlanHealth(twin: FixtureTwin): FixturePlanHealth {
  const [lon0, lat0] = twin.centerLonLat;
  const m = enuToEcef(lon0, lat0, twin.groundHeightM);
  const enuToLonLatH = (e: number, n: number, u: number) =>
    ecefToLonLatH(
      m[0] * e + m[4] * n + m[8] * u + m[12],
      m[1] * e + m[5] * n + m[9] * u + m[13],
      m[2] * e + m[6] * n + m[10] * u + m[14],
    );
  const lonLat = (e: number, n: number) => enuToLonLatH(e, n, 0).slice(0, 2) as [number, number];
  const rect = ([e0, n0, e1, n1]: Rect) => ({
    type: 'Polygon',
    coordinates: [[lonLat(e0, n0), lonLat(e1, n0), lonLat(e1, n1), lonLat(e0, n1), lonLat(e0, n0)]],
  });
  const feature = (id: string, r: Rect, properties: Props) => ({ type: 'Feature' as const, id, geometry: rect(r), properties });

  const zones: [string, string, Rect, number | null][] = [
    ['nl.imro.z1', 'wonen', [-300, -200, -30, 200], 12],
    ['nl.imro.z2', 'centrum', [-30, -200, 120, 200], 20],
    ['nl.imro.z3', 'bedrijventerrein', [120, -200, 220, 200], 25],
    ['nl.imro.z4', 'water', [220, -200, 300, 200], null],
  ];
  const townscape: Rect = [-150, -100, 60, 100];
  const buurtBounds = [-200, -90, -30, 30, 90, 200];
  const suppressed = new Set(['BU99990001', 'BU99990003']);
  const buurten = buurtBounds.slice(0, -1).map((n0, i) => ({
    code: `BU9999000${i}`,
    name: ['Noordkwartier', 'Kerkbuurt', 'Molenwijk', 'Havenhoek', 'Stadspark'][i],
    rect: [-300, n0, 300, buurtBounds[i + 1]] as Rect,
  }));
  const inRect = (e: number, n: number, [e0, n0, e1, n1]: Rect) => e >= e0 && e <= e1 && n >= n0 && n <= n1;
  const zoneAt = (e: number, n: number) => zones.find(([, , r]) => inRect(e, n, r));
  const toEnu = (lon: number, lat: number): [number, number] => {
    // Inverse of the linear fixture layout; good to centimetres over the 600 m town.
    const mPerDegLat = 111_320;
    const mPerDegLon = mPerDegLat * Math.cos((lat0 * Math.PI) / 180);
    return [(lon - lon0) * mPerDegLon, (lat - lat0) * mPerDegLat];
  };

  const indicatorList = [
    {
      id: 'ervaren-gezondheid',
      title: { nl: 'Ervaren gezondheid goed of zeer goed', en: 'Self-rated health good or very good' },
      description: { nl: 'Aandeel volwassenen dat de eigen gezondheid goed of zeer goed noemt.', en: 'Share of adults rating their own health good or very good.' },
      unit: '%',
      higherIsBetter: true,
      year: 2024,
      source: 'Tweeling e2e fixture',
    },
    {
      id: 'eenzaamheid',
      title: { nl: 'Eenzaamheid', en: 'Loneliness' },
      description: { nl: 'Aandeel volwassenen dat zich (zeer) eenzaam voelt.', en: 'Share of adults feeling (very) lonely.' },
      unit: '%',
      higherIsBetter: false,
      year: 2024,
      source: 'Tweeling e2e fixture',
    },
  ];
  const valueOf = (indicator: string, i: number) => (indicator === 'eenzaamheid' ? [38, 0, 45, 0, 52][i] : [71, 0, 78, 0, 84][i]);

  const exceedances = twin.buildings.flatMap((b) => {
    const max = zoneAt(b.eastM, b.northM)?.[3];
    return max !== undefined && max !== null && b.hoogte > max ? [{ id: b.identificatie, heightM: b.hoogte, maxHeightM: max }] : [];
  });

  return {
    geoidHeightM: twin.groundHeightM - twin.buildings[0].maaiveld,
    exceedances,
    collections: {
      'omgevingsplan-functies': {
        features: zones.map(([id, functie, r]) => feature(id, r, { identificatie: id, naam: `Enkelbestemming ${functie}`, functie, locatie: `${id}.loc` })),
      },
      'omgevingsplan-bouwhoogte': {
        features: [
          ...zones.flatMap(([id, , r, max]) =>
            max === null ? [] : [feature(`${id}.bh`, r, { identificatie: `${id}.bh`, norm: 'maximum bouwhoogte', waarde: max, eenheid: 'm', locatie: `${id}.loc` })],
          ),
          feature('nl.imro.bl1', zones[0][2], { identificatie: 'nl.imro.bl1', norm: 'maximum aantal bouwlagen', waarde: 3, eenheid: 'bouwlagen', locatie: 'nl.imro.z1.loc' }),
        ],
      },
      'omgevingsplan-erfgoed': {
        features: [feature('nl.imro.e1', townscape, { identificatie: 'nl.imro.e1', naam: 'Oude kern', type: 'beschermd stadsgezicht' })],
      },
      gezondheid: {
        features: buurten.map((b, i) => {
          const props: Props = { code: b.code, naam: b.name };
          for (const ind of indicatorList) {
            props[ind.id] = suppressed.has(b.code) ? null : valueOf(ind.id, i);
            props[`${ind.id}_status`] = suppressed.has(b.code) ? 'onvoldoende-gegevens' : 'ok';
          }
          return feature(b.code, b.rect, props);
        }),
      },
    },
    buildingItem(id) {
      const b = twin.buildings.find((x) => x.identificatie === id);
      if (!b) return undefined;
      const h = b.sizeM / 2;
      const corners: [number, number][] = [[b.eastM - h, b.northM - h], [b.eastM + h, b.northM - h], [b.eastM + h, b.northM + h], [b.eastM - h, b.northM + h]];
      // Footprint on the ENU ground plane, as the tile's boxes are: each corner converted exactly.
      const ring = [...corners, corners[0]].map(([e, n]) => enuToLonLatH(e, n, 0));
      return {
        type: 'Feature',
        id,
        geometry: { type: 'Polygon', coordinates: [ring.map(([lon, lat]) => [lon, lat])] },
        // Not part of the real API: the exact ellipsoidal heights of the footprint corners (the fixture's ENU
        // ground plane is not at constant ellipsoidal height), so the test can put the marker on the roof corner.
        properties: { groundM: b.maaiveld, heightM: b.hoogte, function: b.functie, cornerHeightsM: ring.map(([, , hh]) => hh) },
      };
    },
    rulesAt(lon, lat) {
      // The shape of server/omgevingsplan/rules-at.ts: flat IMOW lists linked to rules by id.
      const [e, n] = toEnu(lon, lat);
      const zone = zoneAt(e, n);
      if (!zone) return { locaties: [], regels: [], activiteiten: [], gebiedsaanwijzingen: [], normwaarden: [] };
      const ruleId = `${zone[0]}.r1`;
      return {
        locaties: [{ identificatie: `${zone[0]}.loc`, type: 'Gebied', noemer: zone[1] }],
        regels: [
          {
            identificatie: ruleId,
            type: 'RegelVoorIedereen',
            idealisatie: 'exact',
            regeltekst: { identificatie: `${zone[0]}.t1`, wId: `${zone[0]}.art3.1`, titel: `Artikel 3.1 Enkelbestemming ${zone[1]}`, tekst: `De voor '${zone[1]}' aangewezen gronden zijn bestemd voor ${zone[1]}.` },
          },
        ],
        activiteiten: [{ identificatie: 'nl.imro.bouwen', naam: 'bouwen van een bouwwerk', groep: 'bouwactiviteit', activiteitregelkwalificatie: 'vergunningplicht', regelId: ruleId }],
        gebiedsaanwijzingen: inRect(e, n, townscape) ? [{ identificatie: 'nl.imro.e1', type: 'Erfgoed', naam: 'Oude kern', groep: 'beschermd stadsgezicht', regelIds: [ruleId] }] : [],
        normwaarden:
          zone[3] === null
            ? []
            : [{ identificatie: `${zone[0]}.bh`, normId: 'nl.imro.bh', norm: 'maximum bouwhoogte', eenheid: 'm', kwantitatieveWaarde: zone[3], kwalitatieveWaarde: null, waardeInRegeltekst: null, regelIds: [ruleId] }],
      };
    },
    check(body) {
      const [e, n] = toEnu(body.lon ?? 0, body.lat ?? 0);
      const zone = zoneAt(e, n);
      const heightM = body.structure?.heightM ?? 0;
      const reasons: { ruleId?: string; text: string; textEn: string; verdict: string }[] = [];
      if (inRect(e, n, townscape) && body.structure?.kind === 'antenna-mast') {
        reasons.push({ ruleId: 'nl.imro.e1', text: 'Antennemasten zijn in het beschermd stadsgezicht niet toegestaan.', textEn: 'Antenna masts are not allowed in the protected townscape.', verdict: 'not-allowed' });
      }
      const max = zone?.[3];
      if (max !== undefined && max !== null && heightM > max) {
        reasons.push({ ruleId: `${zone?.[0]}.r1`, text: `Hoger dan de maximum bouwhoogte van ${max} m.`, textEn: `Taller than the maximum building height of ${max} m.`, verdict: 'permit-required' });
      }
      if (reasons.length === 0) reasons.push({ text: 'Past binnen de regels.', textEn: 'Fits the rules.', verdict: 'allowed' });
      const order = ['allowed', 'permit-required', 'not-allowed'];
      const verdict = reasons.map((r) => r.verdict).sort((a, b) => order.indexOf(b) - order.indexOf(a))[0];
      return { verdict, reasons };
    },
    indicators: { threshold: 50, indicators: indicatorList },
    indicatorValues(id) {
      const indicator = indicatorList.find((i) => i.id === id);
      if (!indicator) return undefined;
      return {
        indicator,
        buurten: buurten.map((b, i) =>
          suppressed.has(b.code)
            ? { code: b.code, name: b.name, value: null, status: 'onvoldoende-gegevens' }
            : { code: b.code, name: b.name, value: valueOf(id, i), status: 'ok' },
        ),
        classes: [],
      };
    },
  };
}
