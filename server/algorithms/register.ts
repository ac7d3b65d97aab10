// The algorithm register: every algorithm that shapes what users see states its inputs, assumptions and limits
// (transparency rule). Entries are data, bilingual, and served at /api/algorithms and in the viewer.
import { HEALTH_ALGORITHMS } from '../health/algorithm-entries.ts';
import { OMGEVINGSPLAN_ALGORITHMS } from '../omgevingsplan/algorithm-entries.ts';
import { FIVEG_ALGORITHMS } from '../scenarios/fiveg/algorithm-entries.ts';
import { SENSOR_ALGORITHMS } from '../sensors/algorithm-entries.ts';
import { FIBRE_ALGORITHMS } from '../scenarios/fibre/algorithm-entries.ts';

export interface AlgorithmEntry {
  id: string;
  title: { nl: string; en: string };
  purpose: { nl: string; en: string };
  inputs: string[];
  assumptions: { nl: string; en: string }[];
  limits: { nl: string; en: string }[];
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
    code: ['server/geo/crs.ts'],
    references: ['DOMAIN.md Part B §5.5', 'https://www.nsgi.nl/rdnaptrans'],
  },
  {
    id: 'lod1-extrusion',
    title: { nl: 'LoD1-gebouwblokken en 3D Tiles', en: 'LoD1 building blocks and 3D Tiles' },
    purpose: {
      nl: 'Maakt van elke gebouwcontour een blok van maaiveld tot dakhoogte en verdeelt de gebouwen over tegels voor vloeiend laden.',
      en: 'Turns every building footprint into a block from ground level to roof height and spreads the buildings over tiles for smooth streaming.',
    },
    inputs: ['footprint polygon with holes (RD New)', 'ground level (NAP m)', 'height above ground (m)'],
    assumptions: [
      { nl: 'Eén hoogte per gebouw (platte bovenkant); het daktype wordt als kenmerk getoond, niet als vorm.', en: 'One height per building (flat top); the roof type is shown as an attribute, not as a shape.' },
      { nl: 'Dakvlak getrianguleerd met earcut (ook concave vormen en binnenplaatsen); wanden per rand met naar buiten gerichte normalen.', en: 'Roof triangulated with earcut (concave shapes and courtyards too); walls per edge with outward normals.' },
      { nl: 'Quadtree over het RD-gebied, hoogstens 400 gebouwen per tegel; geometrische fout halveert per niveau.', en: 'Quadtree over the RD extent, at most 400 buildings per tile; geometric error halves per level.' },
    ],
    limits: [
      { nl: 'Geen dakvormen (LoD2) en geen vereenvoudigde tussenniveaus: bij ver uitzoomen worden alle tegels geladen.', en: 'No roof shapes (LoD2) and no simplified intermediate levels: zoomed far out all tiles load.' },
    ],
    code: ['server/tiles/extrude.ts', 'server/geo/triangulate-polygon.ts', 'server/tiles/build-tileset.ts'],
    references: ['3D Tiles 1.1 (OGC 22-025r4)', 'EXT_mesh_features', 'EXT_structural_metadata'],
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
    code: ['server/demo/generate-demostad.ts'],
    references: ['data/demo/README.md'],
  },
];

export const ALGORITHMS: readonly AlgorithmEntry[] = [...CORE_ALGORITHMS, ...OMGEVINGSPLAN_ALGORITHMS, ...HEALTH_ALGORITHMS, ...FIVEG_ALGORITHMS, ...FIBRE_ALGORITHMS, ...SENSOR_ALGORITHMS];
