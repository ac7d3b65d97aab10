// Safety volumes (veiligheidsafstand, indicative): which façades of other buildings come within the distance at
// which one antenna's power density, with its pattern toward that façade point, reaches the ICNIRP reference level.
// Pure. Free space and main-lobe pattern, no reflection factor unless asked: the conservative planning estimate of
// DOMAIN.md §3.3, not RDI's method.
import type { Building } from '../../contracts/model.ts';
import { polygonBbox } from '../../geo/polygon.ts';
import { type Antenna, BANDS, patternOf, txPowerDbm } from './antenna.ts';
import { antennaGainDbi } from './antenna-pattern.ts';
import { type EmfGuideline, GROUND_REFLECTION_FACTOR, complianceDistanceM, referenceLevel } from './emf.ts';
import { nearestFootprintPoint, pointInFootprint } from './footprint-geometry.ts';
import { dbmToWatt } from './link-budget.ts';

export interface FacadeExposure {
  antennaId: string;
  buildingId: string;
  /** 3D distance from the antenna to the nearest façade point at (or clamped to) the antenna's height, m. */
  distanceM: number;
  /** S / S_lim at that point. */
  exposureRatio: number;
}

export interface SafetyOptions {
  guideline?: EmfGuideline;
  withReflection?: boolean;
}

/** Boresight compliance distance of one sector for its band's limit. */
export function boresightSafetyDistanceM(a: Antenna, options: SafetyOptions = {}): number {
  return complianceDistanceM(dbmToWatt(a.eirpDbm), referenceLevel(BANDS[a.band].frequencyMHz, options.guideline).powerDensityWPerM2, options.withReflection);
}

export function facadesInSafetyVolume(antennas: readonly Antenna[], buildings: readonly Building[], options: SafetyOptions = {}): FacadeExposure[] {
  const boxes = buildings.map((b) => polygonBbox(b.footprint));
  const out: FacadeExposure[] = [];
  const k = options.withReflection ? GROUND_REFLECTION_FACTOR : 1;
  for (const a of antennas) {
    const reach = boresightSafetyDistanceM(a, options);
    const [ax, ay] = a.position;
    const az = a.groundM + a.heightM;
    const limit = referenceLevel(BANDS[a.band].frequencyMHz, options.guideline).powerDensityWPerM2;
    const pW = dbmToWatt(txPowerDbm(a));
    const pattern = patternOf(a);
    buildings.forEach((b, i) => {
      if (b.id === a.buildingId) return;
      const box = boxes[i];
      if (ax < box[0] - reach || ax > box[2] + reach || ay < box[1] - reach || ay > box[3] + reach) return;
      const top = b.groundM + b.heightM;
      const inside = pointInFootprint(ax, ay, b.footprint);
      const p = inside ? { x: ax, y: ay, distanceM: 0 } : nearestFootprintPoint(ax, ay, b.footprint);
      // The closest point of that façade (or roof, when the antenna is above the footprint) to the antenna.
      const z = Math.min(Math.max(az, b.groundM), top);
      const dz = az - z;
      const d3 = Math.hypot(p.distanceM, dz);
      if (d3 > reach) return;
      const bearing = (Math.atan2(p.x - ax, p.y - ay) * 180) / Math.PI;
      const zenith = 90 + (Math.atan2(dz, p.distanceM) * 180) / Math.PI;
      const g = antennaGainDbi(pattern, bearing - a.azimuthDeg, zenith, a.downtiltDeg);
      const s = (k * pW * 10 ** (g / 10)) / (4 * Math.PI * Math.max(d3, 0.1) ** 2);
      if (s >= limit) out.push({ antennaId: a.id, buildingId: b.id, distanceM: Math.round(d3 * 100) / 100, exposureRatio: Math.round((s / limit) * 1000) / 1000 });
    });
  }
  return out;
}
