// Sector antenna gain, 3GPP TR 38.901 Table 7.3-1 (DOMAIN.md Part A §2.1): separable vertical and horizontal
// parabolic cuts with side-lobe and front-to-back limits, and downtilt as a shift of the vertical cut. Pure.

export interface AntennaPattern {
  /** Boresight gain G_E,max, dBi. */
  maxGainDbi: number;
  /** Horizontal half-power beamwidth φ3dB, degrees. */
  hBeamwidthDeg: number;
  /** Vertical half-power beamwidth θ3dB, degrees. */
  vBeamwidthDeg: number;
  /** Front-to-back ratio A_max, dB. */
  frontToBackDb: number;
  /** Vertical side-lobe limit SLA_V, dB. */
  sideLobeDb: number;
}

/** The 38.901 single element: 8 dBi, 65° × 65°, 30/30 dB. */
export const ELEMENT_PATTERN_38901: AntennaPattern = { maxGainDbi: 8, hBeamwidthDeg: 65, vBeamwidthDeg: 65, frontToBackDb: 30, sideLobeDb: 30 };

/** A passive macro panel / SSB beam (typical datasheet figures, unverified, DOMAIN.md §2.1). */
export const MACRO_PANEL_PATTERN: AntennaPattern = { maxGainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 10, frontToBackDb: 30, sideLobeDb: 30 };

/**
 * Gain in dBi toward azimuth offset φ (degrees from boresight, any value; wrapped to −180..180) and zenith angle θ
 * (degrees, 90 = horizon, > 90 below it), with downtilt in degrees (> 0 points below the horizon).
 */
export function antennaGainDbi(p: AntennaPattern, azimuthOffsetDeg: number, zenithDeg: number, downtiltDeg = 0): number {
  const phi = wrapDeg(azimuthOffsetDeg);
  const v = (zenithDeg - (90 + downtiltDeg)) / p.vBeamwidthDeg;
  const h = phi / p.hBeamwidthDeg;
  const av = Math.min(12 * v * v, p.sideLobeDb);
  const ah = Math.min(12 * h * h, p.frontToBackDb);
  return p.maxGainDbi - Math.min(av + ah, p.frontToBackDb);
}

/** Wraps an angle in degrees to [−180, 180). */
export function wrapDeg(deg: number): number {
  return ((((deg + 180) % 360) + 360) % 360) - 180;
}

/** Zenith angle (degrees) from an antenna at height difference dh above the receiver at horizontal distance d2D. */
export function zenithAngleDeg(d2DM: number, antennaAboveReceiverM: number): number {
  return 90 + (Math.atan2(antennaAboveReceiverM, d2DM) * 180) / Math.PI;
}
