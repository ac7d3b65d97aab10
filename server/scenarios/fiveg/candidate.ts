// A candidate site as planners describe it (position, mast or rooftop, band, sector azimuths) and its expansion
// into sector antennas. zod schema for the API; the expansion is pure given the buildings.
import { z } from 'zod';
import type { Building } from '../../contracts/model.ts';
import { type Antenna, ANTENNA_KINDS, BAND_IDS, antenna } from './antenna.ts';
import { MACRO_PANEL_PATTERN } from './antenna-pattern.ts';

/** RD New area of use with a margin (as the omgevingsplan router). */
const RD_X = [-7000, 300000] as const;
const RD_Y = [289000, 629000] as const;

export const antennaCandidate = z
  .object({
    id: z.string().min(1).max(60).regex(/^[A-Za-z0-9._:-]+$/),
    operator: z.string().min(1).max(60).default('Kandidaat'),
    x: z.number().min(RD_X[0]).max(RD_X[1]),
    y: z.number().min(RD_Y[0]).max(RD_Y[1]),
    kind: z.enum(ANTENNA_KINDS),
    /** Mast: antenna height above ground. Rooftop: height of the support above the roof. */
    heightM: z.number().positive().max(300),
    /** Rooftop only: the building it stands on. */
    buildingId: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/).optional(),
    bands: z.array(z.enum(BAND_IDS)).min(1).max(3).default(['n78']),
    azimuthsDeg: z.array(z.number().min(0).lt(360)).min(1).max(6).default([0, 120, 240]),
    downtiltDeg: z.number().min(-10).max(30).default(6),
    eirpDbm: z.number().min(0).max(90).default(70),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'rooftop' && c.buildingId === undefined) ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'a rooftop candidate needs the building it stands on' });
    if (c.kind === 'mast' && c.buildingId !== undefined) ctx.addIssue({ code: 'custom', path: ['buildingId'], message: 'a mast stands on the ground; leave buildingId out' });
  });
export type AntennaCandidate = z.output<typeof antennaCandidate>;
export type AntennaCandidateInput = z.input<typeof antennaCandidate>;

export interface CandidateSiteProblem {
  field: string;
  message: string;
}

/**
 * Sector antennas of a candidate. Rooftop: on top of its building (ground + building height + support). Mast: on
 * the ground level of the nearest building (the twin has no terrain model). Returns a problem instead of throwing
 * when the building is unknown, so callers can name the field.
 */
export function candidateAntennas(c: AntennaCandidate, buildings: readonly Building[], buildingIndex: ReadonlyMap<string, number>): Antenna[] | CandidateSiteProblem {
  let groundM: number;
  let heightM = c.heightM;
  if (c.kind === 'rooftop') {
    const bi = buildingIndex.get(c.buildingId!);
    if (bi === undefined) return { field: 'buildingId', message: `no building with id ${c.buildingId}` };
    groundM = buildings[bi].groundM;
    heightM = buildings[bi].heightM + c.heightM;
  } else {
    groundM = nearestGround(c.x, c.y, buildings);
  }
  const out: Antenna[] = [];
  for (const band of c.bands) {
    c.azimuthsDeg.forEach((az, s) => {
      out.push(
        antenna.parse({
          id: `${c.id}-${band}-${s + 1}`,
          siteId: c.id,
          operator: c.operator,
          kind: c.kind,
          position: [c.x, c.y],
          groundM,
          heightM,
          buildingId: c.buildingId ?? null,
          band,
          azimuthDeg: az,
          downtiltDeg: c.downtiltDeg,
          eirpDbm: c.eirpDbm,
          maxGainDbi: MACRO_PANEL_PATTERN.maxGainDbi,
          hBeamwidthDeg: MACRO_PANEL_PATTERN.hBeamwidthDeg,
          vBeamwidthDeg: MACRO_PANEL_PATTERN.vBeamwidthDeg,
        }),
      );
    });
  }
  return out;
}

function nearestGround(x: number, y: number, buildings: readonly Building[]): number {
  let best = Infinity;
  let ground = 0;
  for (const b of buildings) {
    const [bx, by] = b.footprint[0][0];
    const d = (bx - x) ** 2 + (by - y) ** 2;
    if (d < best) {
      best = d;
      ground = b.groundM;
    }
  }
  return ground;
}
