// Sector wedges of antennas in a local metre frame: a fan from the antenna towards its azimuth, as wide as the
// horizontal beamwidth. Azimuths are clockwise from grid north; the RD grid and true north differ by well under
// a degree in a municipality, invisible at this scale.

/** Ring (closed) of a wedge: apex, arc from azimuth − width/2 to + width/2, apex again. [east, north] metres. */
export function sectorRing(
  apex: readonly [number, number],
  azimuthDeg: number,
  radiusM: number,
  beamwidthDeg = 65,
  arcSteps = 12,
): [number, number][] {
  const ring: [number, number][] = [[apex[0], apex[1]]];
  const start = azimuthDeg - beamwidthDeg / 2;
  for (let i = 0; i <= arcSteps; i++) {
    const a = ((start + (beamwidthDeg * i) / arcSteps) * Math.PI) / 180;
    // Clockwise from north: east = sin, north = cos.
    ring.push([apex[0] + radiusM * Math.sin(a), apex[1] + radiusM * Math.cos(a)]);
  }
  ring.push([apex[0], apex[1]]);
  return ring;
}

/**
 * Vertical extent of the main-beam safety volume around an antenna's centre: the beam's half-power height at the
 * safety distance (vertical beamwidth, plus downtilt), at least a metre either way for the panel itself.
 */
export function safetyVolumeSpanM(safetyDistanceM: number, vBeamwidthDeg = 10, downtiltDeg = 6): { belowM: number; aboveM: number } {
  const rad = (d: number) => (d * Math.PI) / 180;
  const below = safetyDistanceM * Math.tan(rad(Math.min(80, downtiltDeg + vBeamwidthDeg / 2)));
  const above = safetyDistanceM * Math.tan(rad(Math.max(0, vBeamwidthDeg / 2 - downtiltDeg)));
  return { belowM: Math.max(1, below), aboveM: Math.max(1, above) };
}
