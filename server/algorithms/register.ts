// The algorithm register: every algorithm that shapes what users see states its inputs, assumptions and limits
// (transparency rule). Entries are data, bilingual, and served at /api/algorithms and in the viewer.
import { HEALTH_ALGORITHMS } from '../health/algorithm-entries.ts';
import { OMGEVINGSPLAN_ALGORITHMS } from '../omgevingsplan/algorithm-entries.ts';
import { FIVEG_ALGORITHMS } from '../scenarios/fiveg/algorithm-entries.ts';
import { SENSOR_ALGORITHMS } from '../sensors/algorithm-entries.ts';
import { FIBRE_ALGORITHMS } from '../scenarios/fibre/algorithm-entries.ts';
import { PARTICIPATION_ALGORITHMS } from '../participation/algorithm-entries.ts';
import { WORKSPACE_ALGORITHMS } from '../workspace/algorithm-entries.ts';

export interface AlgorithmEntry {
  id: string;
  title: { nl: string; en: string };
  purpose: { nl: string; en: string };
  inputs: string[];
  assumptions: { nl: string; en: string }[];
  limits: { nl: string; en: string }[];
  /** The accountable role in a municipality (a role, never a person), and who maintains the code. */
  owner: { nl: string; en: string };
  /** What a person decides or checks before the output has an effect, or why nobody needs to. */
  humanInTheLoop: { nl: string; en: string };
  /** Where the implementation lives, for anyone who wants to check it. */
  code: string[];
  references: string[];
}

const CORE_ALGORITHMS: readonly AlgorithmEntry[] = [
  {
    id: 'crs-rd-wgs84',
    title: { nl: 'Coördinaattransformatie RD New → WGS84', en: 'Coordinate transformation RD New → WGS84' },
    purpose: {
      nl: 'Zet opgeslagen RD-coördinaten (EPSG:28992) om naar lengte/breedte en aardgecentreerde coördinaten voor de 3D-weergave.',
      en: 'Converts stored RD coordinates (EPSG:28992) to longitude/latitude and earth-centred coordinates for the 3D view.',
    },
    inputs: ['RD New x, y (m)', 'NAP heights (m)', 'geoid height per dataset (m)'],
    assumptions: [
      { nl: 'Zevenparameter-datumtransformatie (proj4, towgs84) zonder RDNAPTRANS-correctierooster.', en: 'Seven-parameter datum shift (proj4, towgs84) without the RDNAPTRANS correction grid.' },
      { nl: 'Eén geoïdehoogte per dataset (Demostad: 43 m) om NAP-hoogten naar ellipsoïdische hoogten om te rekenen.', en: 'One geoid height per dataset (Demostad: 43 m) to turn NAP heights into ellipsoidal heights.' },
    ],
    limits: [
      { nl: 'Horizontaal tot enkele decimeters afwijking t.o.v. RDNAPTRANS™2018; geschikt voor weergave, niet voor kadastrale of juridische metingen.', en: 'Horizontal error up to a few decimetres against RDNAPTRANS™2018; fine for display, not for cadastral or legal measurement.' },
      { nl: 'De geoïde varieert in Nederland 40–47 m; één waarde per dataset geeft tot ~1 m hoogtefout aan de randen van een grote regio.', en: 'The geoid varies 40–47 m across the Netherlands; one value per dataset gives up to ~1 m height error at the edges of a large region.' },
    ],
    owner: {
      nl: 'Team Geo-informatie (GIS-specialist); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Geo-information team (GIS specialist); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De GIS-specialist stelt bij het inlezen van een dataset de geoïdehoogte in en controleert of gebouwen en kaartlagen op elkaar passen. Voor metingen met juridische gevolgen gebruikt men RDNAPTRANS™, niet de 3D-weergave.',
      en: 'The GIS specialist sets the geoid height when a dataset is loaded and checks that buildings and map layers line up. Measurements with legal consequences use RDNAPTRANS™, not the 3D view.',
    },
    code: ['server/geo/crs.ts'],
    references: ['DOMAIN.md Part B §5.5', 'https://www.nsgi.nl/rdnaptrans'],
  },
  {
    id: 'lod1-extrusion',
    title: { nl: 'Gebouwgeometrie (LoD1-blokken en LoD2-daken) en 3D Tiles', en: 'Building geometry (LoD1 blocks and LoD2 roofs) and 3D Tiles' },
    purpose: {
      nl: 'Toont elk gebouw met de geïmporteerde 3D-vorm (bijv. LoD2.2-daken uit CityJSON) of anders als blok van maaiveld tot dakhoogte, en verdeelt de gebouwen over tegels met vereenvoudigde tussenniveaus voor vloeiend laden.',
      en: 'Shows every building with its imported 3D shape (e.g. LoD2.2 roofs from CityJSON) or otherwise as a block from ground level to roof height, and spreads the buildings over tiles with simplified intermediate levels for smooth streaming.',
    },
    inputs: ['footprint polygon with holes (RD New)', 'ground level (NAP m)', 'height above ground (m)', 'imported CityJSON surfaces with semantics (optional)'],
    assumptions: [
      { nl: 'Heeft een gebouw een geïmporteerde vorm (CityJSON, hoogste LoD per object: 2.2 > 2 > 1.3 > 1.2 > 1), dan wordt die getekend met dak-, wand- en grondvlakken; anders één hoogte per gebouw (platte bovenkant) en wordt het daktype alleen als kenmerk getoond.', en: 'A building with an imported shape (CityJSON, highest LoD per object: 2.2 > 2 > 1.3 > 1.2 > 1) is drawn with its roof, wall and ground surfaces; otherwise it gets one height (flat top) and the roof type is shown only as an attribute.' },
      { nl: 'Dakvlak van een blok getrianguleerd met earcut (ook concave vormen en binnenplaatsen); wanden per rand met naar buiten gerichte normalen. Geïmporteerde vlakken worden per vlak getrianguleerd (Newell-normaal + earcut).', en: 'A block\'s roof is triangulated with earcut (concave shapes and courtyards too); walls per edge with outward normals. Imported surfaces are triangulated one by one (Newell normal + earcut).' },
      { nl: 'Quadtree over het RD-gebied, hoogstens 400 gebouwen per tegel; geometrische fout halveert per niveau.', en: 'Quadtree over the RD extent, at most 400 buildings per tile; geometric error halves per level.' },
      { nl: 'Vereenvoudigde tussenniveaus (HLOD): een binnentegel boven meer dan 1.000 gebouwen krijgt LoD1-blokken van de grootste gebouwen eronder (footprint-omhullende × hoogte; ongeveer een kwart van wat de kinderen tonen, hoogstens 1.000) en wordt bij inzoomen vervangen (REPLACE). De geometrische fout dekt het hoogste weggelaten gebouw en hoeveel een geïmporteerd dak boven zijn blok uitsteekt.', en: 'Simplified intermediate levels (HLOD): an inner tile over more than 1,000 buildings gets LoD1 blocks of the biggest buildings below it (footprint bbox × height; about a quarter of what its children show, at most 1,000) and is replaced when zooming in (REPLACE). Its geometric error covers the tallest building left out and how far an imported roof rises above its block.' },
      { nl: 'Bij `tweeling import buildings --update` blijft de quadtree van de vorige bouw staan en worden alleen tegels herschreven waarvan de gebouwen zijn veranderd; zonder eerdere manifest, bij andere instellingen of een gebouw buiten het oude gebied wordt alles opnieuw opgebouwd (met de reden in het verslag).', en: 'With `tweeling import buildings --update` the previous quadtree is kept and only tiles whose buildings changed are rewritten; without an earlier manifest, with different settings or with a building outside the old extent everything is rebuilt (the report says why).' },
    ],
    limits: [
      { nl: 'Ver uitgezoomd zijn de tussenniveaus blokken zonder dakvorm en ontbreken kleine gebouwen; pas dichterbij verschijnen alle gebouwen met hun dakvorm.', en: 'Zoomed far out the intermediate levels are blocks without roof shapes and small buildings are missing; only closer in do all buildings appear with their roofs.' },
      { nl: 'Een gebouw staat zowel in zijn bladtegel als in grovere oudertegels; de tegelset wordt daardoor ongeveer een derde groter. Gebieden met minder dan 1.000 gebouwen krijgen geen tussenniveau en laden ver uitgezoomd alle bladtegels.', en: 'A building is in its leaf tile and in coarser parents, which makes the tileset about a third bigger. Areas under 1,000 buildings get no intermediate level and load all their leaf tiles when zoomed far out.' },
      { nl: 'Zonder geïmporteerde vorm (bijv. alleen 2D-contouren uit GeoJSON) blijft het een blok met platte bovenkant.', en: 'Without an imported shape (e.g. only 2D footprints from GeoJSON) a building stays a flat-topped block.' },
    ],
    owner: {
      nl: 'Team Geo-informatie (beheerder 3D-basisgegevens); in de demo beheren de Tweeling-maintainers de code.',
      en: 'Geo-information team (3D base data administrator); in the demo the Tweeling maintainers own the code.',
    },
    humanInTheLoop: {
      nl: 'De beheerder kiest welke bestanden worden geïmporteerd (en of ongeldige gebouwen worden overgeslagen) en leest het importverslag: overgeslagen gebouwen, en bij --update of alleen gewijzigde tegels zijn herschreven of waarom toch alles opnieuw is opgebouwd. De weergave zelf neemt geen besluiten.',
      en: 'The administrator chooses which files are imported (and whether invalid buildings are skipped) and reads the import report: skipped buildings and, with --update, whether only changed tiles were rewritten or why a full rebuild ran instead. The view itself decides nothing.',
    },
    code: [
      'server/tiles/extrude.ts',
      'server/geo/triangulate-polygon.ts',
      'server/tiles/build-tileset.ts',
      'server/tiles/building-surfaces.ts',
      'server/tiles/building-content.ts',
      'server/tiles/tile-manifest.ts',
      'server/buildings/city-object-surfaces.ts',
      'server/buildings/triangulate-surface.ts',
    ],
    references: ['3D Tiles 1.1 (OGC 22-025r4)', 'EXT_mesh_features', 'EXT_structural_metadata', 'CityJSON 2.0', 'server/buildings/README.md'],
  },
  {
    id: 'demostad-generator',
    title: { nl: 'Generator van de demogemeente Demostad', en: 'Generator of the demo municipality Demostad' },
    purpose: {
      nl: 'Maakt een verzonnen maar herkenbaar Nederlands stadje om Tweeling zonder echte gegevens te kunnen gebruiken en testen.',
      en: 'Creates a fictional but recognisably Dutch town so Tweeling can be used and tested without real data.',
    },
    inputs: ['seed (whole number)', 'scale'],
    assumptions: [
      { nl: 'Alles is synthetisch: gebouwen, adressen, inwonertallen en namen bestaan niet.', en: 'Everything is synthetic: buildings, addresses, population counts and names do not exist.' },
      { nl: 'Huishoudens per buurt = woonadressen in die buurt; inwoners = huishoudens × een gemiddelde huishoudgrootte per buurttype.', en: 'Households per buurt = dwelling addresses in that buurt; population = households × an average household size per buurt type.' },
    ],
    limits: [
      { nl: 'Niet geschikt om conclusies over een echte gemeente te trekken.', en: 'Not suitable for drawing conclusions about any real municipality.' },
    ],
    owner: {
      nl: 'De Tweeling-maintainers (synthetische demogegevens; geen gemeentelijke rol).',
      en: 'The Tweeling maintainers (synthetic demo data; no municipal role).',
    },
    humanInTheLoop: {
      nl: 'Niemand neemt besluiten op basis van deze gegevens; de tegels en de metadata zijn als synthetisch gemarkeerd, zodat gebruikers zien dat alles verzonnen is.',
      en: 'Nobody takes decisions on this data; tiles and metadata are marked synthetic so users can see that everything is made up.',
    },
    code: ['server/demo/generate-demostad.ts'],
    references: ['data/demo/README.md'],
  },
];

export const ALGORITHMS: readonly AlgorithmEntry[] = [
  ...CORE_ALGORITHMS,
  ...OMGEVINGSPLAN_ALGORITHMS,
  ...HEALTH_ALGORITHMS,
  ...FIVEG_ALGORITHMS,
  ...FIBRE_ALGORITHMS,
  ...SENSOR_ALGORITHMS,
  ...WORKSPACE_ALGORITHMS,
  ...PARTICIPATION_ALGORITHMS,
];
