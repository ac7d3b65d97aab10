// A synthetic mobile network for Demostad: three fictional operators on n78 (3.5 GHz) plus a 700 or 1800 MHz
// layer, on ground masts and on the roofs of tall buildings, with site sharing. Deterministic in the seed; it
// imitates the look of the Antenneregister, not any real network.
import type { CollectionMeta, FeatureRd } from '../../contracts/feature.ts';
import type { Building, Municipality } from '../../contracts/model.ts';
import { polygonBbox, polygonCentroid } from '../../geo/polygon.ts';
import type { Antenna, BandId } from '../../scenarios/fiveg/antenna.ts';
import { antennaCollection } from '../../scenarios/fiveg/antenna-collection.ts';
import { MACRO_PANEL_PATTERN } from '../../scenarios/fiveg/antenna-pattern.ts';
import { pointInFootprint } from '../../scenarios/fiveg/footprint-geometry.ts';
import { createRng } from '../random.ts';

export const DEMO_OPERATORS = ['Operator A', 'Operator B', 'Operator C'] as const;

/** Grid spacing of candidate site positions; one site position per ~0.55 km², each used by one to three operators. */
const SITE_SPACING_M = 800;
/** A building at least this tall near a site position carries the antennas instead of a new mast. */
const ROOFTOP_MIN_BUILDING_M = 15;
const ROOFTOP_SEARCH_M = 300;
/** Rooftop support height: within the 5 m permit-free rule (DOMAIN.md Part A §4.1). */
const ROOFTOP_SUPPORT_M = 4;
const MAST_HEIGHT_M = 30;
/** n78 AAU 200 W × 17 dBi (DOMAIN.md §2.2 worked budget); low bands 40 W × 17 dBi. */
const EIRP_DBM: Record<BandId, number> = { n78: 70, n28: 63, n3: 63 };
const TILT_DEG: Record<BandId, number> = { n78: 6, n28: 3, n3: 4 };

interface Site {
  id: string;
  kind: 'mast' | 'rooftop';
  position: [number, number];
  groundM: number;
  heightM: number;
  buildingId: string | null;
}

export function generateDemoAntennas(m: Municipality, seed: number): Antenna[] {
  const rng = createRng(seed, 'antennas');
  const sites = placeSites(m.buildings, rng.fork('sites'));
  const antennas: Antenna[] = [];
  sites.forEach((site, s) => {
    // Each site has one anchor operator in turn; the others share it half of the time (medegebruik).
    const present = DEMO_OPERATORS.map((_, o) => o === s % DEMO_OPERATORS.length || rng.chance(0.5));
    DEMO_OPERATORS.forEach((operator, o) => {
      if (!present[o]) return;
      const firstAzimuth = rng.int(0, 119);
      // Every operator runs n78; the coverage layer alternates 700/1800 MHz between operators and sites.
      const bands: BandId[] = ['n78', (o + s) % 2 === 0 ? 'n28' : 'n3'];
      for (const band of bands) {
        for (let sector = 0; sector < 3; sector++) {
          antennas.push({
            id: `${site.id}-${String.fromCharCode(65 + o)}-${band}-${sector + 1}`,
            siteId: site.id,
            operator,
            kind: site.kind,
            position: site.position,
            groundM: site.groundM,
            heightM: site.heightM,
            buildingId: site.buildingId,
            band,
            azimuthDeg: (firstAzimuth + sector * 120) % 360,
            downtiltDeg: TILT_DEG[band] + rng.int(0, 2),
            eirpDbm: EIRP_DBM[band],
            maxGainDbi: MACRO_PANEL_PATTERN.maxGainDbi,
            hBeamwidthDeg: MACRO_PANEL_PATTERN.hBeamwidthDeg,
            vBeamwidthDeg: MACRO_PANEL_PATTERN.vBeamwidthDeg,
          });
        }
      }
    });
  });
  return antennas;
}

/** The demo network as the `antennes` collection, ready for store.replaceCollection (prepare.ts). */
export function demoAntennaCollection(m: Municipality, seed: number): { meta: CollectionMeta; features: FeatureRd[] } {
  return antennaCollection(generateDemoAntennas(m, seed), {
    source: `Tweeling synthetic demo generator (seed ${seed}); fictional operators, not the Antenneregister`,
    licence: 'CC0-1.0',
    date: m.meta.date,
    synthetic: true,
  });
}

function placeSites(buildings: readonly Building[], rng: ReturnType<typeof createRng>): Site[] {
  if (buildings.length === 0) return [];
  const boxes = buildings.map((b) => polygonBbox(b.footprint));
  const minX = Math.min(...boxes.map((b) => b[0]));
  const minY = Math.min(...boxes.map((b) => b[1]));
  const maxX = Math.max(...boxes.map((b) => b[2]));
  const maxY = Math.max(...boxes.map((b) => b[3]));
  const centroids = buildings.map((b) => polygonCentroid(b.footprint));
  const used = new Set<number>();
  const sites: Site[] = [];
  for (let y = minY + SITE_SPACING_M / 2, row = 0; y < maxY; y += SITE_SPACING_M, row++) {
    // Offset every other row by half a spacing: a triangular lattice covers more evenly than a square one.
    for (let x = minX + (row % 2 === 0 ? SITE_SPACING_M / 2 : SITE_SPACING_M); x < maxX; x += SITE_SPACING_M) {
      const px = x + rng.range(-100, 100);
      const py = y + rng.range(-100, 100);
      const id = `DS-${String(sites.length + 1).padStart(3, '0')}`;
      let tallest = -1;
      buildings.forEach((b, i) => {
        if (used.has(i) || b.heightM < ROOFTOP_MIN_BUILDING_M) return;
        if (Math.hypot(centroids[i][0] - px, centroids[i][1] - py) > ROOFTOP_SEARCH_M) return;
        if (tallest < 0 || b.heightM > buildings[tallest].heightM) tallest = i;
      });
      if (tallest >= 0) {
        used.add(tallest);
        const b = buildings[tallest];
        sites.push({ id, kind: 'rooftop', position: round2(centroids[tallest]), groundM: b.groundM, heightM: round2([b.heightM + ROOFTOP_SUPPORT_M, 0])[0], buildingId: b.id });
        continue;
      }
      const spot = freeSpotNear(px, py, buildings, boxes);
      let nearest = 0;
      centroids.forEach((c, i) => {
        if (Math.hypot(c[0] - spot[0], c[1] - spot[1]) < Math.hypot(centroids[nearest][0] - spot[0], centroids[nearest][1] - spot[1])) nearest = i;
      });
      sites.push({ id, kind: 'mast', position: round2(spot), groundM: buildings[nearest].groundM, heightM: MAST_HEIGHT_M, buildingId: null });
    }
  }
  return sites;
}

/** The first point on a widening spiral around (x, y) that is not inside a building: a mast stands on open ground. */
function freeSpotNear(x: number, y: number, buildings: readonly Building[], boxes: readonly [number, number, number, number][]): [number, number] {
  const inside = (px: number, py: number) =>
    buildings.some((b, i) => px >= boxes[i][0] - 3 && px <= boxes[i][2] + 3 && py >= boxes[i][1] - 3 && py <= boxes[i][3] + 3 && pointInFootprint(px, py, b.footprint));
  for (let r = 0; r <= 200; r += 10) {
    for (let k = 0; k < Math.max(1, Math.round(r / 5)); k++) {
      const a = (2 * Math.PI * k) / Math.max(1, Math.round(r / 5));
      const px = x + r * Math.cos(a);
      const py = y + r * Math.sin(a);
      if (!inside(px, py)) return [px, py];
    }
  }
  return [x, y];
}

function round2(p: readonly [number, number] | readonly number[]): [number, number] {
  return [Math.round(p[0] * 100) / 100, Math.round(p[1] * 100) / 100];
}
