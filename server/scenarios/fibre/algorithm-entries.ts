// Register entries for the fibre engine's algorithms (see server/algorithms/register.ts).
import type { AlgorithmEntry } from '../../algorithms/register.ts';

export const FIBRE_ALGORITHMS: readonly AlgorithmEntry[] = [
  {
    id: 'fibre-steiner-route',
    title: { nl: 'Tracé van het glasvezelnet (Steinerboom)', en: 'Fibre network route (Steiner tree)' },
    purpose: {
      nl: 'Zoekt het goedkoopste stratennet dat de wijkcentrale (POP) met alle aan te sluiten adressen verbindt.',
      en: 'Finds the cheapest set of streets that connects the central office (POP) with every address to connect.',
    },
    inputs: ['street graph with edge costs (€ or m)', 'POP node(s)', 'target nodes (address drops)'],
    assumptions: [
      {
        nl: 'Heuristiek: Mehlhorn en de kortste-padheuristiek vanuit meerdere starts, verbeterd met sleutelpad-uitwisseling en het toevoegen/verwijderen van Steinerknopen.',
        en: 'Heuristic: Mehlhorn and the shortest-path heuristic from several starts, improved by key-path exchange and Steiner-node insertion/elimination.',
      },
      {
        nl: 'Rekenbudget in de planner: tot 3.000 aansluitpunten Mehlhorn plus lokale verbetering (1 start; op Demostad-buurten 1–2,3 % goedkoper dan Mehlhorn, meer starts vonden niets beters); daarboven alleen Mehlhorn met MST-opschoning (op heel Demostad, 11.500 punten, leverde 20 s lokaal zoeken maar 0,05 % op).',
        en: 'Effort budget in the planner: up to 3,000 access points Mehlhorn plus local search (1 start; on Demostad buurten 1–2.3 % cheaper than Mehlhorn, more starts found nothing better); above that Mehlhorn with MST clean-up only (on all of Demostad, 11,500 points, 20 s of local search gained only 0.05 %).',
      },
      {
        nl: 'Kosten per straatdeel zijn vast (lengte × eenheidsprijs per verharding); geen schaalvoordelen of gedeelde sleuven met andere netten.',
        en: 'Edge costs are fixed (length × unit cost per surface); no economies of scale or trenches shared with other networks.',
      },
    ],
    limits: [
      {
        nl: 'Geen gegarandeerd optimum: op de PACE 2018-testinstanties ligt het resultaat binnen 1 % van het optimum (gemeten in de conformiteitstest).',
        en: 'No guaranteed optimum: on the PACE 2018 test instances the result lies within 1 % of the optimum (measured in the conformance test).',
      },
      {
        nl: 'Adressen die niet via het stratennet bereikbaar zijn, worden gemeld en niet aangesloten.',
        en: 'Addresses that cannot be reached over the street network are reported and not connected.',
      },
    ],
    owner: {
      nl: 'Team Openbare Ruimte (coördinator kabels en leidingen) samen met de projectleider digitale infrastructuur; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Public space team (cables and pipes coordinator) together with the digital infrastructure project lead; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'Het tracé is een ontwerpvoorstel: de planner legt het naast bestaande kabels en leidingen (KLIC) en de netbouwer maakt het definitieve ontwerp, waarvoor de gemeente een instemmingsbesluit neemt (Telecommunicatiewet).',
      en: 'The route is a design proposal: the planner compares it with existing cables and pipes (KLIC) and the network builder makes the final design, for which the municipality issues a consent decision (Telecommunications Act).',
    },
    code: ['server/scenarios/fibre/steiner.ts', 'server/scenarios/fibre/steiner-local-search.ts'],
    references: ['DOMAIN.md Part A §5.4', 'Uchoa & Werneck, Fast local search for Steiner trees in graphs (2010)', 'PACE 2018 Steiner tree instances'],
  },
  {
    id: 'fibre-street-network',
    title: { nl: 'Stratennet en huisaansluitpunten voor glasvezel', en: 'Street network and access points for fibre' },
    purpose: {
      nl: 'Maakt van straatassen een routeerbaar net met een prijs per straatdeel, en koppelt elk adres aan het dichtstbijzijnde punt op de dichtstbijzijnde straat.',
      en: 'Turns street centre lines into a routable network with a price per street section, and links every address to the nearest point on the nearest street.',
    },
    inputs: [
      'street centre lines (RD New) with surface and class: Demostad, or imported from OSM XML or GeoJSON (`tweeling import streets`)',
      'address points: Demostad, or imported from GeoJSON or CSV such as a BAG extract (`tweeling import addresses`)',
      'unit costs per surface and method',
      'existing ducts',
      'streets opened anyway',
    ],
    assumptions: [
      {
        nl: 'Geïmporteerde straten: alleen OSM-wegen die auto, fiets of voetganger gebruiken; klasse uit highway=* en verharding uit surface=*. Zonder surface-tag geldt een standaard per klasse (asfalt voor hoofd- en wijkwegen en fietspaden, klinkers voor woonstraten en erven); onbekende waarden krijgen die standaard met een waarschuwing. Geïmporteerde adressen krijgen hun buurt en gebouw door punt-in-polygoon.',
        en: 'Imported streets: only OSM ways used by cars, bikes or pedestrians; class from highway=* and surface from surface=*. Without a surface tag a default per class applies (asphalt for main and district roads and cycle paths, brick paving for residential streets and living streets); unknown values get that default with a warning. Imported addresses get their buurt and building by point in polygon.',
      },
      {
        nl: 'Topologieherstel: punten binnen 0,5 m worden één knoop; lijnen worden gesplitst op kruisingen zonder gedeeld punt en waar een ander lijneinde op of vlak bij de lijn ligt. Elke reparatie wordt gemeld (aantallen en voorbeelden).',
        en: 'Topology repair: points within 0.5 m become one node; lines are split at crossings without a shared vertex and where another line end lies on or near them. Every repair is reported (counts and examples).',
      },
      {
        nl: 'Sleufkosten = lengte × eenheidsprijs van de verharding (DOMAIN.md §5.3, niet geverifieerd); een vrije bestaande mantelbuis kost €8/m (inblazen, aanname); een straat die toch opengaat kost 30 % van de sleufprijs (aanname).',
        en: 'Trench cost = length × unit cost of the surface (DOMAIN.md §5.3, unverified); a free existing duct costs €8/m (cable blown in, our assumption); a street opened anyway costs 30 % of the trench price (our assumption).',
      },
      {
        nl: 'Oversteken: waar het tracé van een hoofdweg een zijstraat in gaat, rekenen we 0,5 verwachte wegoversteek (de sleuf ligt aan één kant, ongeveer de helft van de zijstraten ligt aan de overkant).',
        en: 'Crossings: where the route leaves a main road into a side street we count 0.5 expected road crossings (the trench runs on one verge; about half of the side streets lie across the road).',
      },
      {
        nl: 'Elk adres wordt loodrecht op de dichtstbijzijnde straatas aangesloten; adressen verder dan 250 m van elke straat worden gemeld, niet aangesloten.',
        en: 'Every address is connected at the foot of the perpendicular on the nearest street centre line; addresses more than 250 m from any street are reported, not connected.',
      },
    ],
    limits: [
      {
        nl: 'De verharding in OSM is vaak onvolledig; de standaard per klasse is een aanname die de sleufprijs sterk bepaalt. Wie beter weet, verbetert de surface-tag in de brongegevens.',
        en: 'Surface tags in OSM are often incomplete; the class default is an assumption that strongly drives the trench price. Whoever knows better fixes the surface tag in the source data.',
      },
      {
        nl: 'Eén tracé per straatas: de keuze tussen de twee straatkanten en de kosten van huisaansluitingen aan de overkant worden niet apart gemodelleerd.',
        en: 'One route per street centre line: the choice between the two sides of a street and drops across the road are not modelled separately.',
      },
      {
        nl: 'Straten die na reparatie nog los liggen, worden als aparte componenten gemeld; adressen daaraan worden niet bereikt.',
        en: 'Streets still disconnected after repair are reported as separate components; addresses on them are not reached.',
      },
    ],
    owner: {
      nl: 'Team Geo-informatie (beheerder basisgegevens) samen met Team Openbare Ruimte (coördinator kabels en leidingen); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Geo-information team (base data administrator) together with the public space team (cables and pipes coordinator); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De beheerder leest na het importeren van straten en adressen het verslag (topologiereparaties, overgeslagen records, niet gekoppelde adressen) en verbetert zo nodig de bron; de planner ziet niet aangesloten adressen als melding in het plan.',
      en: 'After importing streets and addresses the administrator reads the report (topology repairs, skipped records, unlinked addresses) and fixes the source where needed; the planner sees unconnected addresses as warnings in the plan.',
    },
    code: [
      'server/scenarios/fibre/build-street-network.ts',
      'server/scenarios/fibre/address-drops.ts',
      'server/scenarios/fibre/trench-cost-graph.ts',
      'server/scenarios/fibre/spatial-grid.ts',
      'server/scenarios/fibre/import/import-network-command.ts',
      'server/scenarios/fibre/import/parse-osm-streets.ts',
      'server/scenarios/fibre/import/street-tags.ts',
      'server/scenarios/fibre/import/parse-address-csv.ts',
      'server/scenarios/fibre/import/link-addresses.ts',
    ],
    references: ['DOMAIN.md Part A §5.1, §5.3, §5.4.1', 'ChrisMolanus/ftth_planner: README.md, cost_parameters.py'],
  },
  {
    id: 'fibre-gpon-clustering',
    title: { nl: 'Splitters en straatkasten (GPON-clustering)', en: 'Splitters and street cabinets (GPON clustering)' },
    purpose: {
      nl: 'Verdeelt de woningen over splitters van 1:32 of 1:64 en de splitters over straatkasten, langs het tracé van het net.',
      en: 'Divides the homes over 1:32 or 1:64 splitters and the splitters over street cabinets, along the network route.',
    },
    inputs: ['trench route (Steiner tree) rooted at the POP', 'homes per access point', 'splitter ratio', 'splitters per cabinet', 'omgevingsplan (optional)'],
    assumptions: [
      {
        nl: 'Boompartitionering: van de uiteinden naar de POP worden wachtende woningen per knoop met first-fit-decreasing in groepen van maximaal 32 (of 64) gepakt; de minst gevulde groep gaat verder omhoog, de rest krijgt hier een splitter. Een splitter staat op de knoop waar zijn takken samenkomen.',
        en: 'Tree partitioning: from the leaves towards the POP, the homes waiting at each node are packed first-fit-decreasing into groups of at most 32 (or 64); the least-filled group moves up, the others get a splitter here. A splitter stands where its branches meet.',
      },
      {
        nl: 'Dezelfde methode een niveau hoger groepeert splitters in straatkasten (standaard 8 splitters per kast, aanname).',
        en: 'The same method one level up groups splitters into street cabinets (default 8 splitters per cabinet, our assumption).',
      },
      {
        nl: 'Met een omgevingsplan wordt elke kastlocatie getoetst (straatkast 1,6 × 1,2 × 0,5 m); is die niet toegestaan, dan schuift de kast tot 150 m langs het tracé richting POP.',
        en: 'With an omgevingsplan every cabinet site is checked (street cabinet 1.6 × 1.2 × 0.5 m); where it is not allowed the cabinet moves up to 150 m along the route towards the POP.',
      },
    ],
    limits: [
      {
        nl: 'Geen optimale clustering: het aantal splitters kan boven het minimum ⌈woningen / 32⌉ liggen; geen optisch vermogensbudget of maximale kabellengte.',
        en: 'Not an optimal clustering: the number of splitters can exceed the minimum ⌈homes / 32⌉; no optical power budget or maximum cable length.',
      },
      {
        nl: 'Kabelmaat (12–576 vezels) en buisklasse volgen uit het aantal vezels per straatdeel; indicatief.',
        en: 'Cable size (12–576 fibres) and duct class follow from the fibres per section; indicative.',
      },
    ],
    owner: {
      nl: 'Team Openbare Ruimte (coördinator kabels en leidingen) samen met de projectleider digitale infrastructuur; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Public space team (cables and pipes coordinator) together with the digital infrastructure project lead; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'Kastlocaties worden getoetst maar blijven voorstellen: het bevoegd gezag beslist over elke plaatsing en de netbouwer over de definitieve netarchitectuur.',
      en: 'Cabinet sites are checked but remain proposals: the competent authority decides on every placement and the network builder on the final network architecture.',
    },
    code: ['server/scenarios/fibre/gpon-clustering.ts', 'server/scenarios/fibre/design-network.ts', 'server/scenarios/fibre/rooted-tree.ts'],
    references: ['DOMAIN.md Part A §5.4.4, §5.5', 'ChrisMolanus/ftth_planner (k_means_constrained)'],
  },
  {
    id: 'fibre-cost-model',
    title: { nl: 'Kostenraming en fasering glasvezelaanleg', en: 'Fibre roll-out cost estimate and phasing' },
    purpose: {
      nl: 'Rekent het ontwerp om naar een hoeveelhedenstaat, kosten per aangesloten en per gepasseerde woning, een tabel per buurt en een fasering per jaar binnen een budget.',
      en: 'Turns the design into a bill of quantities, cost per home passed and per home connected, a table per buurt and yearly phases within a budget.',
    },
    inputs: ['network design', 'unit costs (overridable)', 'take-rate', 'coverage per address', 'yearly budget and ordering'],
    assumptions: [
      {
        nl: 'Eenheidsprijzen uit DOMAIN.md §5.3 (niet geverifieerd, aanpasbaar). capex gepasseerd = sleuf + kabel + POP-aandeel × HP + splitters (+ kasten); aansluitingen = HC × (huisaansluiting + ONT); HC = afgerond(take-rate × HP).',
        en: 'Unit costs from DOMAIN.md §5.3 (unverified, overridable). capex passed = trench + cable + POP share × HP + splitters (+ cabinets); connections = HC × (drop + ONT); HC = round(take-rate × HP).',
      },
      {
        nl: 'Take-rate standaard 50 % (FTTH Council-studies, §5.6). Adressen die al glasvezel hebben tellen niet mee, tenzij anders gevraagd.',
        en: 'Take-rate 50 % by default (FTTH Council studies, §5.6). Addresses that already have fibre are left out unless asked otherwise.',
      },
      {
        nl: 'Per buurt draagt elke woning een deel van elk straatdeel tussen haar en de POP (gedeeld door de woningen die het bedient), van haar splitter en kast, en het POP-aandeel; de buurten tellen op tot het totaal.',
        en: 'Per buurt every home carries a share of each section between it and the POP (split over the homes it serves), of its splitter and cabinet, and the POP share; the buurten add up to the total.',
      },
      {
        nl: 'Fasering: buurten in volgorde van kosten per gepasseerde woning, aandeel witte vlekken of een opgegeven prioriteit, per jaar gevuld tot het budget; de volgorde wordt nooit doorbroken en een buurt duurder dan het jaarbudget krijgt een eigen jaar (gemarkeerd).',
        en: 'Phasing: buurten in order of cost per home passed, white-spot share or a given priority, filled per year up to the budget; the order is never broken and a buurt dearer than the yearly budget gets a year of its own (flagged).',
      },
    ],
    limits: [
      {
        nl: 'Raming voor planning, geen offerte: geen leges, vergunningen, grondsoort, BTW, prijsstijging of exploitatiekosten.',
        en: 'A planning estimate, not a quote: no municipal fees, permits, soil type, VAT, price escalation or operating costs.',
      },
      {
        nl: 'Bij gefaseerde aanleg wordt het net niet per fase opnieuw ontworpen: gedeelde hoofdtracés worden naar rato over de buurten verdeeld.',
        en: 'Phased construction does not redesign the network per phase: shared feeder routes are divided over the buurten pro rata.',
      },
    ],
    owner: {
      nl: 'Projectleider digitale infrastructuur samen met Team Financiën; in de demo beheren de Tweeling-maintainers de code.',
      en: 'Digital infrastructure project lead together with the finance team; in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De projectleider kiest eenheidsprijzen, take-rate, jaarbudget en volgorde en beoordeelt de raming; over geld en fasering beslissen college en raad. Tweeling legt geen budget vast.',
      en: 'The project lead chooses unit costs, take-rate, yearly budget and ordering and reviews the estimate; the executive and council decide on money and phasing. Tweeling commits no budget.',
    },
    code: ['server/scenarios/fibre/fibre-costs.ts', 'server/scenarios/fibre/buurt-costs.ts', 'server/scenarios/fibre/phasing.ts', 'server/scenarios/fibre/fibre-defaults.ts'],
    references: ['DOMAIN.md Part A §5.2, §5.3, §5.5, §5.6'],
  },
];
