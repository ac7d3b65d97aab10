// Algorithm-register entries for the 5G scenario engines; the lead adds them to ALGORITHMS in algorithms/register.ts.
import type { AlgorithmEntry } from '../../algorithms/register.ts';
import { HIGH_LOSS_FROM_YEAR } from './o2i-penetration.ts';

export const FIVEG_ALGORITHMS: AlgorithmEntry[] = [
  {
    id: 'fiveg-propagation',
    title: { nl: 'Padverlies en ontvangen signaalsterkte (5G)', en: 'Path loss and received signal strength (5G)' },
    purpose: {
      nl: 'Schat per adres en per straatpunt de signaalsterkte (SS-RSRP) van elke antenne, kiest de sterkste (best server) en berekent een eenvoudige signaal-ruisverhouding; per buurt het aandeel adressen boven de dekkingsdrempels.',
      en: 'Estimates the signal strength (SS-RSRP) of every antenna at every address and street point, picks the strongest (best server) and computes a simple signal-to-interference-plus-noise ratio; per buurt the share of addresses above the coverage thresholds.',
    },
    inputs: [
      'antennas: position (RD), height, azimuth, downtilt, band, EIRP, pattern (collection antennes + candidates)',
      'buildings: footprint, ground level, height, construction year',
      'addresses: position, building',
      'options: grid spacing (10 m), receiver height (1.5 m), maximum link range (1500 m), RSRP thresholds (−80/−90/−100/−110 dBm)',
    ],
    assumptions: [
      { nl: '3GPP TR 38.901 UMa (Urban Macro) mediaan padverlies voor alle antennes, LOS of NLOS, met breekpuntafstand en hE = 1 m; geen schaduwfading (mediaan). Gecontroleerd tegen de ns-3-testvectoren.', en: '3GPP TR 38.901 UMa (Urban Macro) median path loss for every antenna, LOS or NLOS, with breakpoint distance and hE = 1 m; no shadow fading (median). Checked against the ns-3 test vectors.' },
      { nl: 'Sectorantenne volgens 38.901 tabel 7.3-1 (17 dBi, 65° horizontaal, 10° verticaal, 30 dB voor-achterverhouding); downtilt als verschuiving van het verticale diagram (planningsbenadering).', en: 'Sector antenna per 38.901 Table 7.3-1 (17 dBi, 65° horizontal, 10° vertical, 30 dB front-to-back); downtilt as a shift of the vertical cut (planning approximation).' },
      { nl: `Binnenontvangst op de begane grond (1,5 m) bij het adrespunt, met gebouwpenetratie (38.901 §7.4.3): 'high-loss' (gecoat glas) voor gebouwen vanaf bouwjaar ${HIGH_LOSS_FROM_YEAR}, anders 'low-loss'; plus 0,5 dB per meter vanaf de dichtstbijzijnde gevel (max. 25 m). Instelbaar; ontwerpkeuze, geen norm.`, en: `Indoor reception on the ground floor (1.5 m) at the address point, with building penetration (38.901 §7.4.3): high-loss (coated glass) for buildings built from ${HIGH_LOSS_FROM_YEAR} on, low-loss otherwise; plus 0.5 dB per metre from the nearest façade (max 25 m). Configurable; a design choice, not a norm.` },
      { nl: 'RSRP = vermogen per resource element + antennewinst − padverlies − gebouwpenetratie (n78: 100 MHz, 273 PRB; 700 MHz: 52 PRB; 1800 MHz: 106 PRB). SINR: alle andere cellen van dezelfde operator op dezelfde band storen op vol vermogen, plus thermische ruis met 7 dB ruisgetal.', en: 'RSRP = power per resource element + antenna gain − path loss − building penetration (n78: 100 MHz, 273 PRB; 700 MHz: 52 PRB; 1800 MHz: 106 PRB). SINR: every other cell of the same operator on the same band interferes at full power, plus thermal noise with a 7 dB noise figure.' },
      { nl: 'Dekkingsklassen ≥ −80 uitstekend, −90 goed, −100 redelijk, −110 matig: vuistregels uit de praktijk, geen 3GPP-eis.', en: 'Coverage classes ≥ −80 excellent, −90 good, −100 fair, −110 poor: industry rules of thumb, not a 3GPP requirement.' },
    ],
    limits: [
      { nl: 'Indicatief: geen operatordekkingskaart. Zonder schaduwfading ligt de werkelijke signaalsterkte op een plek vaak 5–10 dB hoger of lager.', en: 'Indicative: not an operator coverage map. Without shadow fading the real signal at a spot is often 5–10 dB higher or lower.' },
      { nl: 'Verbindingen langer dan de maximale afstand (standaard 1500 m) tellen niet mee, ook niet als storing. Hogere verdiepingen, terrein en bomen worden niet meegenomen; de straatroosterpunten liggen op de gemiddelde maaiveldhoogte van de gebouwen.', en: 'Links longer than the maximum range (default 1500 m) are left out, as interferers too. Upper floors, terrain and trees are not modelled; street grid points lie at the mean ground level of the buildings.' },
      { nl: 'De demo-antennes zijn verzonnen (drie fictieve operators); echte locaties staan in het Antenneregister.', en: 'The demo antennas are made up (three fictional operators); real sites are in the Antenneregister.' },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (adviseur telecom / antennecoördinator); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Spatial planning team (telecom adviser / antenna coordinator); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De planner beoordeelt de dekkingskaart voordat die in een advies of scenario wordt gebruikt; het is een indicatie, operators en het Antenneregister blijven de bron. Niets wordt automatisch besloten.',
      en: 'The planner reviews the coverage map before it is used in advice or a scenario; it is an indication, operators and the Antenneregister remain the source. Nothing is decided automatically.',
    },
    code: ['server/scenarios/fiveg/path-loss.ts', 'server/scenarios/fiveg/antenna-pattern.ts', 'server/scenarios/fiveg/o2i-penetration.ts', 'server/scenarios/fiveg/link-budget.ts', 'server/scenarios/fiveg/receiver-evaluator.ts', 'server/scenarios/fiveg/coverage.ts'],
    references: ['3GPP TR 38.901 V16.1.0 §7.3, §7.4.1, §7.4.3', 'ns-3 three-gpp-propagation-loss-model.cc and its test suite', 'TS 38.101-1 Table 5.3.2-1', 'TS 38.215 (SS-RSRP)', 'DOMAIN.md Part A §1–2'],
  },
  {
    id: 'fiveg-line-of-sight',
    title: { nl: 'Zichtlijn antenne–ontvanger door de 3D-gebouwen', en: 'Antenna–receiver line of sight through the 3D buildings' },
    purpose: {
      nl: 'Bepaalt of een gebouw de rechte lijn tussen antenne en ontvanger blokkeert; dat kiest tussen het LOS- en het NLOS-padverlies.',
      en: 'Decides whether a building blocks the straight line between antenna and receiver; that chooses between LOS and NLOS path loss.',
    },
    inputs: ['LoD1 building blocks (footprint extruded from ground to roof height)', 'antenna and receiver positions and heights'],
    assumptions: [
      { nl: 'Eén straal per verbinding tegen een bounding-volume-hiërarchie (three-mesh-bvh) over alle gebouwdriehoeken in een lokaal RD-assenstelsel; de eerste treffer beslist.', en: 'One ray per link against a bounding-volume hierarchy (three-mesh-bvh) over all building triangles in a local RD frame; the first hit decides.' },
      { nl: 'Een binnenontvanger wordt bereikt via de gevel van het eigen gebouw: een treffer op het eigen gebouw telt als vrij zicht tot de gevel (het gebouwverlies komt uit het O2I-model).', en: 'An indoor receiver is reached through the façade of its own building: a hit on the own building counts as clear up to the façade (the building loss comes from the O2I model).' },
      { nl: 'Alternatief (instelbaar): de statistische LOS-kans van 38.901 tabel 7.4.2-1 met het verwachte padverlies, voor als er geen gebouwgeometrie is.', en: 'Alternative (configurable): the statistical LOS probability of 38.901 Table 7.4.2-1 with the expected path loss, for when building geometry is missing.' },
    ],
    limits: [
      { nl: 'Alleen blokken (LoD1), ook als er LoD2-daken zijn geïmporteerd: dakvormen, bomen, diffractie over daken en reflecties worden niet gemodelleerd; zicht is ja of nee.', en: 'Blocks only (LoD1), even when LoD2 roofs have been imported: roof shapes, trees, diffraction over roofs and reflections are not modelled; sight is yes or no.' },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (adviseur telecom / antennecoördinator); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Spatial planning team (telecom adviser / antenna coordinator); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'Geen eigen menselijke stap: de uitkomst werkt alleen door via de dekkingsberekening, die de planner beoordeelt.',
      en: 'No step of its own: the result only feeds the coverage computation, which the planner reviews.',
    },
    code: ['server/scenarios/fiveg/building-scene.ts', 'server/scenarios/fiveg/line-of-sight.ts', 'server/scenarios/fiveg/los-probability.ts'],
    references: ['three-mesh-bvh (MeshBVH.raycastFirst)', '3GPP TR 38.901 §7.4.2', 'DOMAIN.md Part A §1.4, Appendix B'],
  },
  {
    id: 'fiveg-emf-exposure',
    title: { nl: 'Blootstelling aan elektromagnetische velden (EMV) en veiligheidsafstand', en: 'Electromagnetic-field (EMF) exposure and safety distance' },
    purpose: {
      nl: 'Telt per adres en straatpunt de vermogensdichtheid van alle antennes op als fractie van de ICNIRP-referentieniveaus, en geeft per antenne een indicatieve veiligheidsafstand en de gevels die daarbinnen vallen.',
      en: 'Sums the power density of all antennas at every address and street point as a fraction of the ICNIRP reference levels, and gives per antenna an indicative safety distance and the façades that fall inside it.',
    },
    inputs: ['antenna EIRP, band, pattern, position and height', 'building footprints and heights', 'guideline (ICNIRP 1998 = EU 1999/519/EC, or ICNIRP 2020)'],
    assumptions: [
      { nl: 'Verre veld in vrije ruimte: S = P·G(θ,φ) / (4π d²); E = √(30·EIRP)/d. Geen demping door gebouwen (conservatief).', en: 'Far field in free space: S = P·G(θ,φ) / (4π d²); E = √(30·EIRP)/d. No attenuation by buildings (conservative).' },
      { nl: 'Referentieniveaus algemene bevolking, heel lichaam: f/200 W/m² (400–2000 MHz), 10 W/m² (2–300 GHz); gelijk in ICNIRP 1998 en 2020 boven 400 MHz. Meerdere bronnen opgeteld als totale blootstellingsratio (≤ 1 is binnen de norm).', en: 'General-public whole-body reference levels: f/200 W/m² (400–2000 MHz), 10 W/m² (2–300 GHz); identical in ICNIRP 1998 and 2020 above 400 MHz. Multiple sources summed as total exposure ratio (≤ 1 is compliant).' },
      { nl: 'Veiligheidsafstand per antenne langs de hoofdbundel bij maximaal EIRP, zonder reflectiefactor (optioneel ×2,56). Een gevel valt binnen de veiligheidszone als daar met het antennediagram het referentieniveau wordt bereikt; het gebouw waarop de antenne staat telt niet mee.', en: 'Safety distance per antenna along the main beam at maximum EIRP, without reflection factor (optionally ×2.56). A façade is inside the safety volume if the reference level is reached there with the antenna pattern; the building the antenna stands on is left out.' },
    ],
    limits: [
      { nl: 'Indicatief: de RDI berekent de officiële veiligheidsafstand per antenne en publiceert die in het Antenneregister; die methode is hier niet nagebouwd. Dicht bij de antenne (nabije veld) overschat de formule.', en: 'Indicative: RDI computes the official safety distance per antenna and publishes it in the Antenneregister; that method is not reproduced here. Close to the antenna (near field) the formula overestimates.' },
      { nl: 'Geen tijdsmiddeling of belasting van massive-MIMO-antennes: altijd maximaal vermogen.', en: 'No time averaging or load of massive-MIMO antennas: always maximum power.' },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (adviseur telecom) samen met de GGD (medische milieukunde) voor vragen van bewoners; in de demo beheren de Tweeling-maintainers de code.',
      en: "Spatial planning team (telecom adviser) together with the GGD (environmental health) for residents' questions; in the demo the Tweeling maintainers own the code.",
    },
    humanInTheLoop: {
      nl: 'De indicatie is nooit een oordeel over naleving: de RDI (Rijksinspectie Digitale Infrastructuur) berekent en meet de officiële waarden. Bij zorgen van bewoners verwijst de adviseur of de GGD naar het Antenneregister en de RDI-metingen.',
      en: 'The indication is never a compliance judgement: the RDI (Dutch Authority for Digital Infrastructure) computes and measures the official values. When residents are worried the adviser or the GGD points to the Antenneregister and the RDI measurements.',
    },
    code: ['server/scenarios/fiveg/emf.ts', 'server/scenarios/fiveg/emf-safety.ts', 'server/scenarios/fiveg/receiver-evaluator.ts'],
    references: ['ICNIRP 1998 (Health Physics 74:494–522)', 'ICNIRP 2020 (Health Physics 118:483–524)', 'EU Council Recommendation 1999/519/EC', 'Gezondheidsraad 2015 (intrekking 3-m-vuistregel)', 'DOMAIN.md Part A §3'],
  },
  {
    id: 'fiveg-site-optimiser',
    title: { nl: 'Keuze van nieuwe antennelocaties (optimalisatie)', en: 'Choice of new antenna sites (optimisation)' },
    purpose: {
      nl: 'Kiest uit kandidaatlocaties de k locaties die samen de meeste nu onvoldoende bediende adressen boven de RSRP-drempel brengen, en laat per toegevoegde locatie de winst zien.',
      en: 'Chooses from candidate sites the k sites that together bring the most currently under-served addresses above the RSRP threshold, and shows the gain per added site.',
    },
    inputs: ['candidate sites (given, or rooftops of the tallest buildings)', 'k', 'RSRP threshold (default −100 dBm)', 'existing network (collection antennes)', 'omgevingsplan and siting policy'],
    assumptions: [
      { nl: 'Eerst haalbaarheid: kandidaten die volgens het omgevingsplan (checkPlacement), de ingestelde minimumafstand tot gevoelige gebouwen (functie maatschappelijk als benadering voor scholen en kinderopvang, standaard 100 m) of de EMV-veiligheidszone niet mogen, vallen af.', en: 'Feasibility first: candidates that the omgevingsplan (checkPlacement), the configured minimum distance to sensitive buildings (function maatschappelijk standing in for schools and day care, default 100 m) or the EMF safety volume rule out are dropped.' },
      { nl: 'Een adres telt als gedekt door een kandidaat als die alleen al de drempel haalt (met zichtlijn en gebouwpenetratie als in de dekkingsberekening, binnen 800 m); adressen die het bestaande netwerk al dekt leveren niets op.', en: 'An address counts as covered by a candidate if that candidate alone reaches the threshold (with line of sight and penetration as in the coverage run, within 800 m); addresses the existing network already covers add nothing.' },
      { nl: 'Maximale dekking: luie gretige keuze (minstens 63 % van het optimum gegarandeerd), daarna verwisselen van één locatie zolang dat beter wordt.', en: 'Maximum coverage: lazy greedy choice (guaranteed at least 63 % of the optimum), then swapping one site at a time while that improves.' },
    ],
    limits: [
      { nl: 'Storing tussen de nieuwe locaties onderling en met het bestaande netwerk telt niet mee bij de keuze; reken de gekozen set na met de dekkingsberekening.', en: 'Interference between the new sites and with the existing network is not part of the choice; re-run the coverage with the chosen set.' },
      { nl: 'Geen kosten, draagvlak of instemmingsprocedure (Antenneconvenant); de uitkomst is een voorstel om te bespreken, geen besluit.', en: 'No costs, public support or consent procedure (Antenneconvenant); the result is a proposal to discuss, not a decision.' },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (adviseur telecom / antennecoördinator); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Spatial planning team (telecom adviser / antenna coordinator); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De planner beoordeelt elke voorgestelde locatie; het resultaat is advies, geen besluit. Plaatsing loopt daarna via de operator, de instemmingsprocedure van het Antenneconvenant en zo nodig een vergunning.',
      en: 'The planner reviews every proposed location; the result is advice, not a decision. Placement then goes through the operator, the Antenneconvenant consent procedure and a permit where needed.',
    },
    code: ['server/scenarios/fiveg/max-coverage.ts', 'server/scenarios/fiveg/site-optimiser.ts', 'server/scenarios/fiveg/siting.ts'],
    references: ['Nemhauser, Wolsey & Fisher (1978), greedy submodular maximisation', 'Minoux (1978), accelerated (lazy) greedy', 'DOMAIN.md Part A §4'],
  },
];
