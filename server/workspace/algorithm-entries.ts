// Algorithm-register entries for the planner workspace: the indicators a scenario is judged and compared by.
import type { AlgorithmEntry } from '../algorithms/register.ts';
import { COVERAGE_THRESHOLD_DBM, EXPOSURE_ATTENTION_PCT } from './scenarios/scenario-indicators.ts';

export const WORKSPACE_ALGORITHMS: AlgorithmEntry[] = [
  {
    id: 'scenario-indicators',
    title: { nl: 'Indicatoren en vergelijking van scenario\'s', en: 'Scenario indicators and comparison' },
    purpose: {
      nl: 'Vat een scenario (extra antennes, eventueel een glasvezelaanleg) samen in een vaste set getallen — dekking, blootstelling, sleufmeters, kosten — en zet twee scenario\'s of een scenario en de huidige situatie naast elkaar, met per getal welke kant gunstiger is.',
      en: 'Summarises a scenario (extra antennas, optionally a fibre roll-out) in a fixed set of numbers — coverage, exposure, trench metres, costs — and puts two scenarios, or a scenario and the current situation, side by side, saying per number which side is more favourable.',
    },
    inputs: [
      'scenario inputs: new antennas, optional fibre (POP position, buurt codes, take-rate, unit cost overrides)',
      'stored antennas, buildings and addresses',
      'stored street network (for fibre)',
    ],
    assumptions: [
      {
        nl: `Dekking: de 5G-dekkingsberekening (fiveg-propagation) voor de opgeslagen antennes plus die van het scenario, alleen op adrespunten (binnen, begane grond). Een adres is gedekt bij een beste RSRP van minstens ${COVERAGE_THRESHOLD_DBM} dBm (ondergrens van "redelijk"); dekking % = gedekte adressen / alle adressen × 100, op twee decimalen.`,
        en: `Coverage: the 5G coverage computation (fiveg-propagation) for the stored antennas plus the scenario's, at address points only (indoors, ground floor). An address is covered at a best RSRP of at least ${COVERAGE_THRESHOLD_DBM} dBm (the lower bound of "fair"); coverage % = covered addresses / all addresses × 100, to two decimals.`,
      },
      {
        nl: `Blootstelling: per adres de totale blootstellingsratio van alle antennes (fiveg-emf-exposure); geteld worden de adressen boven ${EXPOSURE_ATTENTION_PCT} % van het ICNIRP-referentieniveau, en het hoogste percentage wordt getoond.`,
        en: `Exposure: per address the total exposure ratio of all antennas (fiveg-emf-exposure); the addresses above ${EXPOSURE_ATTENTION_PCT} % of the ICNIRP reference level are counted, and the highest percentage is shown.`,
      },
      {
        nl: 'Glasvezel (alleen als het scenario glasvezelinvoer heeft): het glasvezelontwerp (fibre-steiner-route, fibre-gpon-clustering, fibre-cost-model) met standaard eenheidsprijzen plus de opgegeven aanpassingen. Sleufmeters = open sleuf over alle verhardingen + microsleuf + boring; kosten per gepasseerde woning en totale capex uit de kostenraming.',
        en: 'Fibre (only when the scenario has fibre inputs): the fibre design (fibre-steiner-route, fibre-gpon-clustering, fibre-cost-model) with the default unit costs plus the given overrides. Trench metres = open trench over all surfaces + micro-trench + drilling; cost per home passed and total capex from the cost estimate.',
      },
      {
        nl: 'Huidige situatie: de opgeslagen antennes en geen nieuwe glasvezel (0 m sleuf, 0 woningen gepasseerd, € 0; kosten per woning onbepaald).',
        en: 'Current situation: the stored antennas and no new fibre (0 m trench, 0 homes passed, € 0; cost per home undefined).',
      },
      {
        nl: 'Vergelijking: verschil = B − A per indicator. Hoger is gunstiger voor dekking % en gedekte adressen en voor gepasseerde woningen; lager is gunstiger voor blootstelling, sleufmeters, kosten per gepasseerde woning en totale capex. Het aantal antennes is neutraal (geen oordeel). Ontbreekt een waarde aan één kant, dan is er geen verschil en geen oordeel.',
        en: 'Comparison: difference = B − A per indicator. Higher is better for coverage % and addresses covered and for homes passed; lower is better for exposure, trench metres, cost per home passed and total capex. The antenna count is neutral (no judgement). If a value is missing on either side there is no difference and no judgement.',
      },
    ],
    limits: [
      {
        nl: 'De indicatoren worden niet tegen elkaar afgewogen: een scenario kan op dekking beter en op kosten slechter zijn, en er is geen totaalscore.',
        en: 'The indicators are not weighed against each other: a scenario can be better on coverage and worse on cost, and there is no overall score.',
      },
      {
        nl: 'Alle beperkingen van de onderliggende 5G- en glasvezelmodellen gelden hier ook (indicatief, mediaan padverlies, raming geen offerte). Gelijk op het getal betekent niet gelijk in de praktijk.',
        en: 'All limits of the underlying 5G and fibre models apply here too (indicative, median path loss, an estimate not a quote). Equal numbers do not mean equal in practice.',
      },
      {
        nl: 'De grondhoogte van een nieuwe antenne is die van het dichtstbijzijnde gebouw; er is geen terreinmodel.',
        en: 'A new antenna\'s ground level is that of the nearest building; there is no terrain model.',
      },
      {
        nl: 'Indicatoren zijn een momentopname: na een nieuwe import van gebouwen, adressen of straten moet een scenario opnieuw worden doorgerekend.',
        en: 'Indicators are a snapshot: after a new import of buildings, addresses or streets a scenario must be run again.',
      },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (planner digitale infrastructuur); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Spatial planning team (digital infrastructure planner); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De planner stelt de invoer samen, start de berekening en beoordeelt de uitkomst; de vergelijking zegt per getal welke kant gunstiger is, maar de afweging tussen dekking, blootstelling en kosten maken planner en bestuur. Het resultaat is advies, geen besluit.',
      en: 'The planner composes the inputs, starts the computation and reviews the result; the comparison says per number which side is more favourable, but planner and council weigh coverage, exposure and cost against each other. The result is advice, not a decision.',
    },
    code: [
      'server/workspace/scenarios/scenario-indicators.ts',
      'server/workspace/scenarios/compare-indicators.ts',
      'server/workspace/scenarios/scenario-antennas.ts',
    ],
    references: ['DOMAIN.md Part A §2.3, §5.3', 'ICNIRP 2020'],
  },
];
