// A scenario's candidate antennas (contract form: RD position, height, azimuth, tilt, EIRP, frequency) as the 5G
// engine's sector records. Pure.
import type { ScenarioInputs } from '../../contracts/workspace.ts';
import { type Antenna, BANDS, type BandId, antenna as antennaSchema } from '../../scenarios/fiveg/antenna.ts';

type AntennaInput = ScenarioInputs['antennas'][number];

/** The band whose carrier is nearest to the given frequency (the engine knows n28, n3 and n78). */
export function nearestBand(frequencyGHz: number): BandId {
  let best: BandId = 'n78';
  for (const band of Object.values(BANDS)) {
    if (Math.abs(band.frequencyMHz / 1000 - frequencyGHz) < Math.abs(BANDS[best].frequencyMHz / 1000 - frequencyGHz)) best = band.id;
  }
  return best;
}

/**
 * One sector per candidate, as a ground mast of the operator "scenario". `groundAt` gives the terrain height at a
 * point (NAP metres); the engine needs it for the antenna's absolute height.
 */
export function scenarioAntennas(inputs: readonly AntennaInput[], groundAt: (x: number, y: number) => number): Antenna[] {
  return inputs.map((a, i) =>
    antennaSchema.parse({
      id: `scenario-${i + 1}-${a.id.replace(/[^A-Za-z0-9._:-]/g, '_')}`.slice(0, 120),
      siteId: `scenario-${i + 1}`,
      operator: 'scenario',
      kind: 'mast',
      position: [a.x, a.y],
      groundM: Math.min(400, Math.max(-10, groundAt(a.x, a.y))),
      heightM: Math.max(1.01, a.heightM),
      buildingId: null,
      band: nearestBand(a.frequencyGHz),
      // The engine measures azimuth in [0, 360).
      azimuthDeg: a.azimuthDeg % 360,
      downtiltDeg: a.tiltDeg,
      eirpDbm: a.eirpDbm,
    }),
  );
}
