// Algorithm-register entries for the omgevingsplan rule service; the lead adds them to ALGORITHMS in
// algorithms/register.ts.
import type { AlgorithmEntry } from '../algorithms/register.ts';
import { DEFAULT_PLACEMENT } from './placement-defaults.ts';

const d = DEFAULT_PLACEMENT;
const pct = Math.round(d.heightDeviationFraction * 100);

export const OMGEVINGSPLAN_ALGORITHMS: AlgorithmEntry[] = [
  {
    id: 'omgevingsplan-rules-at',
    title: { nl: 'Regels op een locatie (omgevingsplan)', en: 'Rules at a location (omgevingsplan)' },
    purpose: {
      nl: 'Toont welke regels, activiteiten, gebiedsaanwijzingen en normwaarden van het omgevingsplan gelden op een aangeklikt punt, en welke gebouwen hoger zijn dan de maximum bouwhoogte.',
      en: 'Shows which rules, activities, area designations and norm values of the omgevingsplan apply at a clicked point, and which buildings are taller than the maximum building height.',
    },
    inputs: ['omgevingsplan in IMOW form (Locaties, juridische regels, activiteiten, gebiedsaanwijzingen, omgevingsnormen)', 'point in RD New or WGS84', 'building footprints and heights'],
    assumptions: [
      { nl: 'Een punt ligt in een gebied als het binnen de buitenrand en buiten alle gaten ligt (even-oneven regel); een punt precies op de grens kan aan beide kanten vallen.', en: 'A point is in an area when it is inside the outer ring and outside every hole (even-odd rule); a point exactly on a boundary may fall either way.' },
      { nl: 'Een Gebiedengroep geldt waar een van zijn leden geldt; een Ambtsgebied zonder geometrie geldt overal in het plangebied.', en: 'A Gebiedengroep applies where any of its members does; an Ambtsgebied without geometry applies everywhere in the plan area.' },
      { nl: 'Een gebouw overschrijdt de bouwhoogte als zijn hoogte boven maaiveld (LoD1, hoogste punt) groter is dan de laagste maximum bouwhoogte die het zwaartepunt van zijn contour bevat.', en: 'A building exceeds the height limit when its height above ground (LoD1, highest point) is greater than the lowest maximum building height containing its footprint centroid.' },
    ],
    limits: [
      { nl: 'Idealisatie "indicatief" wordt getoond maar niet anders behandeld. Bouwhoogte wordt in het omgevingsplan vaak anders gemeten (bijv. zonder schoorstenen), dus een overschrijding is een signaal, geen constatering.', en: 'Idealisation "indicatief" is shown but not treated differently. Plans often measure building height differently (e.g. without chimneys), so an exceedance is a signal, not a finding.' },
      { nl: 'Alleen het omgevingsplan dat in Tweeling is geladen; geen omgevingsverordening, waterschapsverordening, rijksregels of het tijdelijk deel (oude bestemmingsplannen).', en: 'Only the omgevingsplan loaded into Tweeling; no provincial or water-board ordinances, national rules, or the transitional part (old bestemmingsplannen).' },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (beleidsmedewerker omgevingsplan); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Spatial planning team (omgevingsplan policy officer); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De getoonde regels helpen het plan te lezen; bij een aanvraag of handhaving toetst de vergunningverlener of toezichthouder aan de officiële tekst in het Omgevingsloket. Een hoogteoverschrijding is een signaal dat een mens nagaat, geen constatering.',
      en: 'The rules shown help to read the plan; for an application or enforcement the permit officer or inspector checks against the official text in the Omgevingsloket. A height exceedance is a signal for a person to check, not a finding.',
    },
    code: ['server/omgevingsplan/rules-at.ts', 'server/omgevingsplan/plan-index.ts', 'server/omgevingsplan/rule-check.ts'],
    references: ['DOMAIN.md Part B §1', 'https://docs.geostandaarden.nl/ow/def-im-imow-20231215'],
  },
  {
    id: 'omgevingsplan-placement-check',
    title: { nl: 'Plaatsingscheck antennes, straatkasten en gebouwen', en: 'Placement check for antennas, street cabinets and buildings' },
    purpose: {
      nl: 'Geeft een indicatie of een antennemast, dakantenne, straatkast of gebouw op een plek is toegestaan, vergunningplichtig of niet toegestaan, met de regel die de doorslag geeft.',
      en: 'Indicates whether an antenna mast, rooftop antenna, street cabinet or building is allowed, needs a permit or is not allowed at a place, naming the deciding rule.',
    },
    inputs: ['structure kind, height, optional width/depth', 'position', 'building height (rooftop antennas)', 'omgevingsplan'],
    assumptions: [
      { nl: 'De strengste uitkomst wint: niet toegestaan > vergunningplichtig > toegestaan.', en: 'The most restrictive outcome wins: not allowed > permit required > allowed.' },
      { nl: `Landelijke standaardregels, NIET geverifieerd tegen de actuele tekst van het Bbl en instelbaar: antenne op een gebouw tot ${d.rooftopAntennaPermitFreeMaxM} m vergunningvrij buiten monumenten en beschermd stadsgezicht (Nationaal Antennebeleid); vrijstaande mast nooit vergunningvrij; straatkast vergunningvrij tot ${d.streetCabinetPermitFreeMaxHeightM} m hoog en ${d.streetCabinetPermitFreeMaxVolumeM3} m³; een gebouw vraagt een vergunning tenzij het plan iets anders zegt.`, en: `National default rules, NOT verified against the current Bbl text and configurable: rooftop antenna up to ${d.rooftopAntennaPermitFreeMaxM} m permit-free outside monuments and protected townscapes (national antenna policy); free-standing mast never permit-free; street cabinet permit-free up to ${d.streetCabinetPermitFreeMaxHeightM} m high and ${d.streetCabinetPermitFreeMaxVolumeM3} m³; a building needs a permit unless the plan says otherwise.` },
      { nl: `Hoger dan de maximum bouwhoogte tot ${pct} %: vergunningplichtig (aanname: binnenplanse afwijking); meer dan ${pct} %: niet toegestaan. Een vergunningvrije dakantenne telt niet mee voor de bouwhoogte; bij andere dakantennes telt gebouwhoogte + antennehoogte.`, en: `Above the maximum building height by up to ${pct} %: permit required (assumption: in-plan deviation); more than ${pct} %: not allowed. A permit-free rooftop antenna is not checked against the height limit; other rooftop antennas count building height + antenna height.` },
      { nl: 'Functie water: niets bouwen. Functie groen: geen straatkast of gebouw; een mast alleen met vergunning. Monument of beschermd stadsgezicht: antennes, straatkasten en gebouwen vergunningplichtig.', en: 'Function water: nothing is built. Function green: no street cabinet or building; a mast only with a permit. Monument or protected townscape: antennas, street cabinets and buildings need a permit.' },
      { nl: 'Activiteitregels van het plan tellen mee als de naam van de activiteit (of een bovenliggende activiteit) bij het soort bouwwerk past (bijv. "antenne"); verbod = niet toegestaan, vergunningplicht/gebod/anders geduid = vergunningplichtig, toegestaan/meldingsplicht/informatieplicht = toegestaan. Voor gebouwen en masten vervangen ze de landelijke standaardregel.', en: 'The plan\'s activity rules count when the activity name (or a parent activity) matches the kind of structure (e.g. "antenne"); verbod = not allowed, vergunningplicht/gebod/anders geduid = permit required, toegestaan/meldingsplicht/informatieplicht = allowed. For buildings and masts they replace the national default.' },
    ],
    limits: [
      { nl: 'Indicatie, niet juridisch bindend: de Vergunningcheck in het Omgevingsloket is leidend. Geen instemmingsprocedure (antenneconvenant), welstand, milieuregels (> 4 kW), Natura 2000 of beperkingengebieden.', en: 'Indication, not legally binding: the Omgevingsloket Vergunningcheck is authoritative. No consent procedure (antenna covenant), aesthetics review, environmental rules (> 4 kW), Natura 2000 or restriction areas.' },
      { nl: 'Activiteiten worden op naam herkend; een plan dat andere namen gebruikt wordt niet begrepen en valt terug op de landelijke standaardregels.', en: 'Activities are recognised by name; a plan using other names is not understood and falls back on the national defaults.' },
    ],
    owner: {
      nl: 'Team Ruimtelijke Ordening (beleidsmedewerker omgevingsplan) samen met Team Vergunningen; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Spatial planning team (omgevingsplan policy officer) together with the permits team; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De planner beoordeelt elke voorgestelde locatie; het resultaat is advies, geen besluit. Over een vergunningaanvraag beslist het bevoegd gezag (Team Vergunningen) op basis van de officiële regels.',
      en: 'The planner reviews every proposed location; the result is advice, not a decision. The competent authority (permits team) decides on a permit application under the official rules.',
    },
    code: ['server/omgevingsplan/rule-check.ts', 'server/omgevingsplan/placement-defaults.ts', 'server/api/omgevingsplan-router.ts'],
    references: ['DOMAIN.md Part A §4', 'DOMAIN.md Part B §1.6', 'https://www.antennebureau.nl/onderwerpen/plaatsing-antennes'],
  },
  {
    id: 'demo-omgevingsplan-generator',
    title: { nl: 'Synthetisch omgevingsplan voor Demostad', en: 'Synthetic omgevingsplan for Demostad' },
    purpose: {
      nl: 'Maakt een verzonnen maar geloofwaardig omgevingsplan voor de demogemeente om de omgevingsplanlagen en de regelcheck zonder echte gegevens te tonen.',
      en: 'Creates a fictional but plausible omgevingsplan for the demo municipality so the plan layers and rule check can be shown without real data.',
    },
    inputs: ['Demostad buurten, buildings, water and green areas', 'seed'],
    assumptions: [
      { nl: 'Functie per buurt: centrum waar de monumenten staan, bedrijventerrein waar kantoren en industrie overheersen, groen zonder gebouwen, anders wonen. Maximum bouwhoogte per zone zo gekozen dat ongeveer 1–3 % van de gebouwen te hoog is.', en: 'Function per buurt: centre where the monuments are, business park where offices and industry dominate, green without buildings, housing otherwise. Maximum height per zone chosen so that roughly 1–3 % of buildings are too tall.' },
    ],
    limits: [{ nl: 'Volledig verzonnen; zegt niets over een echte gemeente.', en: 'Entirely made up; says nothing about any real municipality.' }],
    owner: {
      nl: 'De Tweeling-maintainers (synthetische demogegevens; geen gemeentelijke rol).',
      en: 'The Tweeling maintainers (synthetic demo data; no municipal role).',
    },
    humanInTheLoop: {
      nl: 'Niemand neemt besluiten op basis van deze gegevens; het plan is als synthetisch gemarkeerd en hoort alleen bij Demostad.',
      en: 'Nobody takes decisions on this data; the plan is marked synthetic and belongs to Demostad only.',
    },
    code: ['server/demo/omgevingsplan/generate-omgevingsplan.ts', 'server/demo/omgevingsplan/demo-zones.ts'],
    references: ['server/omgevingsplan/README.md'],
  },
];
