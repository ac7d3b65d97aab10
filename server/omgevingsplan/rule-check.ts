// The rule service: what applies at a point (rules-at.ts), whether a structure may be placed there, and which
// buildings are taller than the plan allows. Pure; every reason names the deciding rule, and the most
// restrictive verdict wins (not-allowed > permit-required > allowed).
import type { Building, PointRd } from '../contracts/model.ts';
import { InvalidParameter } from '../errors.ts';
import { polygonCentroid } from '../geo/polygon.ts';
import { GA_ERFGOED, GA_FUNCTIE, type Omgevingsplan } from './model.ts';
import { DEFAULT_PLACEMENT, PLACEMENT_DISCLAIMER, type PlacementDefaults, STRUCTURE_LABEL, type StructureKind } from './placement-defaults.ts';
import { PlanIndex } from './plan-index.ts';
import { type RulesHere, erfgoedTypeOf, functieOf, isMaxBouwhoogte, metresOf, rulesAt } from './rules-at.ts';

export { rulesAt, type RulesHere } from './rules-at.ts';
export { DEFAULT_PLACEMENT, type PlacementDefaults, type StructureKind, STRUCTURE_KINDS } from './placement-defaults.ts';

export type Verdict = 'allowed' | 'permit-required' | 'not-allowed';
const SEVERITY: Record<Verdict, number> = { allowed: 0, 'permit-required': 1, 'not-allowed': 2 };

export interface PlacementRequest {
  kind: StructureKind;
  position: PointRd;
  /** Height of the structure itself, metres (for a rooftop antenna: from its foot on the roof). */
  heightM: number;
  widthM?: number;
  depthM?: number;
  /** Rooftop antennas: height of the building it stands on, metres above ground. */
  buildingHeightM?: number;
}

export interface PlacementReason {
  /** The juridische regel, gebiedsaanwijzing or normwaarde that decides; absent for national defaults. */
  ruleId?: string;
  text: string;
  textEn: string;
  verdict: Verdict;
  /** True when the reason rests on a configurable national default rather than on the plan. */
  assumption?: boolean;
}

export interface PlacementVerdict {
  verdict: Verdict;
  reasons: PlacementReason[];
  totalHeightM: number;
  disclaimer: { nl: string; en: string };
}

export function checkPlacement(plan: Omgevingsplan, request: PlacementRequest, defaults: PlacementDefaults = DEFAULT_PLACEMENT): PlacementVerdict {
  const { kind, heightM } = request;
  if (!(heightM > 0)) throw new InvalidParameter('heightM must be a positive number of metres');
  if (kind === 'rooftop-antenna' && !(request.buildingHeightM !== undefined && request.buildingHeightM >= 0)) {
    throw new InvalidParameter('A rooftop antenna needs buildingHeightM (the height of the building it stands on)');
  }
  const here = rulesAt(plan, request.position);
  const label = STRUCTURE_LABEL[kind];
  const totalHeightM = kind === 'rooftop-antenna' ? request.buildingHeightM! + heightM : heightM;
  const reasons: PlacementReason[] = [];

  const erfgoed = here.gebiedsaanwijzingen.filter((g) => g.type === GA_ERFGOED);
  const isProtected = erfgoed.length > 0;

  // 1. Activity rules of the plan that cover this kind of structure here (the activity or one of its parents).
  const planActivity = activityReasons(plan, here, kind, defaults);

  // 2. National defaults; for buildings and masts the plan's own activity rules take their place.
  const baseline = baselineReason(request, defaults, isProtected);
  if (!(baseline.overridable && planActivity.length > 0)) reasons.push(baseline.reason);
  reasons.push(...planActivity);

  // 3. Erfgoed: monuments and beschermd stadsgezicht make any antenna, cabinet or building permit-required.
  for (const g of erfgoed) {
    const type = erfgoedTypeOf(g) ?? g.groep;
    reasons.push({
      ruleId: g.regelIds[0] ?? g.identificatie,
      text: `Locatie ligt in ${type} "${g.naam}": het plaatsen van een ${label.nl} is hier vergunningplichtig.`,
      textEn: `The location is in ${type} "${g.naam}": placing a ${label.en} here requires a permit.`,
      verdict: 'permit-required',
    });
  }

  // 4. Functie: nothing is built in water; cabinets and buildings not in green space, masts only with a permit.
  if (kind !== 'rooftop-antenna') {
    for (const g of here.gebiedsaanwijzingen.filter((x) => x.type === GA_FUNCTIE)) {
      const functie = functieOf(g);
      const verdict: Verdict | undefined = functie === 'water' ? 'not-allowed' : functie === 'groen' ? (kind === 'antenna-mast' ? 'permit-required' : 'not-allowed') : undefined;
      if (!verdict) continue;
      reasons.push({
        ruleId: g.regelIds[0] ?? g.identificatie,
        text: `Functie ${functie} ("${g.naam}"): een ${label.nl} ${verdict === 'not-allowed' ? 'past niet binnen deze functie' : 'kan hier alleen met een omgevingsvergunning'}.`,
        textEn: `Function ${functie} ("${g.naam}"): a ${label.en} ${verdict === 'not-allowed' ? 'does not fit this function' : 'is only possible here with a permit'}.`,
        verdict,
      });
    }
  }

  // 5. Maximum bouwhoogte: the lowest applicable value decides. A permit-free rooftop antenna is exempt.
  const permitFreeRooftop = kind === 'rooftop-antenna' && heightM <= defaults.rooftopAntennaPermitFreeMaxM && !isProtected;
  const heights = here.normwaarden.filter((w) => isMaxBouwhoogte({ naam: w.norm }) && w.kwantitatieveWaarde !== null);
  const lowest = heights.reduce<(typeof heights)[number] | undefined>(
    (best, w) => (!best || metresOf(w.kwantitatieveWaarde!, w.eenheid) < metresOf(best.kwantitatieveWaarde!, best.eenheid) ? w : best),
    undefined,
  );
  if (lowest && !permitFreeRooftop) {
    const maxM = metresOf(lowest.kwantitatieveWaarde!, lowest.eenheid);
    const ruleId = lowest.regelIds[0] ?? lowest.identificatie;
    const h = round1(totalHeightM);
    if (totalHeightM <= maxM) {
      reasons.push({ ruleId, text: `Totale hoogte ${h} m is binnen de maximum bouwhoogte van ${maxM} m.`, textEn: `Total height ${h} m is within the maximum building height of ${maxM} m.`, verdict: 'allowed' });
    } else if (totalHeightM <= maxM * (1 + defaults.heightDeviationFraction)) {
      const pct = Math.round(defaults.heightDeviationFraction * 100);
      reasons.push({
        ruleId,
        text: `Totale hoogte ${h} m is hoger dan de maximum bouwhoogte van ${maxM} m, maar binnen ${pct} %: afwijken kan alleen met een omgevingsvergunning (aanname: binnenplanse afwijking van ${pct} %).`,
        textEn: `Total height ${h} m exceeds the maximum building height of ${maxM} m, but by at most ${pct} %: a deviation needs a permit (assumption: in-plan deviation of ${pct} %).`,
        verdict: 'permit-required',
        assumption: true,
      });
    } else {
      reasons.push({
        ruleId,
        text: `Totale hoogte ${h} m is meer dan ${Math.round(defaults.heightDeviationFraction * 100)} % hoger dan de maximum bouwhoogte van ${maxM} m: niet toegestaan (alleen een buitenplanse afwijking of planwijziging zou dit mogelijk maken).`,
        textEn: `Total height ${h} m exceeds the maximum building height of ${maxM} m by more than ${Math.round(defaults.heightDeviationFraction * 100)} %: not allowed (only an out-of-plan deviation or a plan change could allow it).`,
        verdict: 'not-allowed',
      });
    }
  }

  const verdict = reasons.reduce<Verdict>((v, r) => (SEVERITY[r.verdict] > SEVERITY[v] ? r.verdict : v), 'allowed');
  return { verdict, reasons, totalHeightM: round1(totalHeightM), disclaimer: PLACEMENT_DISCLAIMER };
}

function baselineReason(request: PlacementRequest, d: PlacementDefaults, isProtected: boolean): { reason: PlacementReason; overridable: boolean } {
  const h = round1(request.heightM);
  const assumption = true;
  switch (request.kind) {
    case 'antenna-mast':
      return d.groundMastPermitFree
        ? { overridable: true, reason: { text: 'Vrijstaande mast: volgens de ingestelde landelijke regel vergunningvrij.', textEn: 'Free-standing mast: permit-free under the configured national rule.', verdict: 'allowed', assumption } }
        : {
            overridable: true,
            reason: {
              text: 'Een vrijstaande antennemast (niet op een gebouw) is landelijk nooit vergunningvrij: omgevingsvergunning nodig.',
              textEn: 'A free-standing antenna mast (not on a building) is never permit-free nationally: a permit is required.',
              verdict: 'permit-required',
              assumption,
            },
          };
    case 'rooftop-antenna': {
      const max = d.rooftopAntennaPermitFreeMaxM;
      if (request.heightM > max) {
        return { overridable: false, reason: { text: `Antenne van ${h} m op een gebouw is hoger dan ${max} m: niet vergunningvrij.`, textEn: `A ${h} m rooftop antenna is taller than ${max} m: not permit-free.`, verdict: 'permit-required', assumption } };
      }
      return {
        overridable: false,
        reason: isProtected
          ? { text: `Antenne tot ${max} m op een gebouw is vergunningvrij, maar niet op een monument of in een beschermd stadsgezicht.`, textEn: `A rooftop antenna up to ${max} m is permit-free, but not on a monument or in a protected townscape.`, verdict: 'permit-required', assumption }
          : { text: `Antenne van ${h} m op een gebouw (tot ${max} m, Nationaal Antennebeleid/Bbl): vergunningvrij.`, textEn: `A ${h} m rooftop antenna (up to ${max} m, national antenna policy/Bbl): permit-free.`, verdict: 'allowed', assumption },
      };
    }
    case 'street-cabinet': {
      const volume = request.widthM !== undefined && request.depthM !== undefined ? request.widthM * request.depthM * request.heightM : undefined;
      const small = request.heightM <= d.streetCabinetPermitFreeMaxHeightM && (volume === undefined || volume <= d.streetCabinetPermitFreeMaxVolumeM3);
      return {
        overridable: false,
        reason: small
          ? { text: `Straatkast van ${h} m hoog${volume !== undefined ? ` en ${round1(volume)} m³` : ''}: binnen de vergunningvrije maten voor nutsvoorzieningen.`, textEn: `Street cabinet ${h} m high${volume !== undefined ? ` and ${round1(volume)} m³` : ''}: within the permit-free size for utility structures.`, verdict: 'allowed', assumption }
          : { text: `Straatkast groter dan ${d.streetCabinetPermitFreeMaxHeightM} m hoog of ${d.streetCabinetPermitFreeMaxVolumeM3} m³: omgevingsvergunning nodig.`, textEn: `Street cabinet larger than ${d.streetCabinetPermitFreeMaxHeightM} m high or ${d.streetCabinetPermitFreeMaxVolumeM3} m³: a permit is required.`, verdict: 'permit-required', assumption },
      };
    }
    case 'building':
      return {
        overridable: true,
        reason: { text: 'Een gebouw bouwen vraagt in de regel een omgevingsvergunning (omgevingsplanactiviteit bouwen).', textEn: 'Constructing a building normally requires a permit (omgevingsplan activity "bouwen").', verdict: 'permit-required', assumption },
      };
  }
}

function activityReasons(plan: Omgevingsplan, here: RulesHere, kind: StructureKind, d: PlacementDefaults): PlacementReason[] {
  const byId = new Map(plan.activiteiten.map((a) => [a.identificatie, a]));
  // The activities a structure falls under, plus every parent: a rule on "bouwen" covers "antenne plaatsen".
  const covering = new Set<string>();
  for (const a of plan.activiteiten) {
    if (!d.activityPatterns[kind].test(a.naam)) continue;
    for (let cur: typeof a | undefined = a, depth = 0; cur && depth < 16; cur = cur.bovenliggendeActiviteit ? byId.get(cur.bovenliggendeActiviteit) : undefined, depth++) {
      covering.add(cur.identificatie);
    }
  }
  const label = STRUCTURE_LABEL[kind];
  return here.activiteiten
    .filter((a) => covering.has(a.identificatie))
    .map((a): PlacementReason => {
      const k = a.activiteitregelkwalificatie;
      const verdict: Verdict = k === 'verbod' ? 'not-allowed' : k === 'toegestaan' || k === 'meldingsplicht' || k === 'informatieplicht' ? 'allowed' : 'permit-required';
      const note = k === 'meldingsplicht' ? ' (vooraf melden)' : k === 'informatieplicht' ? ' (vooraf informatie geven)' : '';
      const noteEn = k === 'meldingsplicht' ? ' (notification required beforehand)' : k === 'informatieplicht' ? ' (information required beforehand)' : '';
      return {
        ruleId: a.regelId,
        text: `Activiteit "${a.naam}" geldt hier met kwalificatie ${k}${note} voor een ${label.nl}.`,
        textEn: `Activity "${a.naam}" applies here with qualification ${k}${noteEn} for a ${label.en}.`,
        verdict,
      };
    });
}

export interface HeightExceedance {
  id: string;
  heightM: number;
  maxHeightM: number;
}

/** Buildings taller than the lowest 'maximum bouwhoogte' whose location contains their footprint centroid. */
export function buildingsExceedingHeight(plan: Omgevingsplan, buildings: Iterable<Pick<Building, 'id' | 'footprint' | 'heightM'>>): HeightExceedance[] {
  const index = new PlanIndex(plan);
  const limits = plan.omgevingsnormen
    .filter(isMaxBouwhoogte)
    .flatMap((n) => n.normwaarden.filter((w) => w.kwantitatieveWaarde !== undefined).map((w) => ({ maxM: metresOf(w.kwantitatieveWaarde!, n.eenheid), refs: w.locatieRefs })))
    .sort((a, b) => a.maxM - b.maxM);
  const out: HeightExceedance[] = [];
  if (limits.length === 0) return out;
  for (const b of buildings) {
    const c = polygonCentroid(b.footprint);
    const lowest = limits.find((l) => l.refs.some((r) => index.contains(r, c)));
    if (lowest && b.heightM > lowest.maxM) out.push({ id: b.id, heightM: b.heightM, maxHeightM: lowest.maxM });
  }
  return out;
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
