// Options of a coverage run: one zod schema, used by the API body and as the defaults of the pure core.
import { z } from 'zod';
import { BAND_IDS } from './antenna.ts';
import { EMF_GUIDELINES } from './emf.ts';
import { DEFAULT_RSRP_THRESHOLDS_DBM } from './link-budget.ts';
import { HIGH_LOSS_FROM_YEAR } from './o2i-penetration.ts';

export const LOS_MODES = ['raycast', 'probability'] as const;
export type LosMode = (typeof LOS_MODES)[number];

export const coverageOptions = z
  .object({
    /** Street-level grid spacing, metres; 0 switches the grid off. */
    gridCellM: z.number().min(0).max(500).default(10),
    gridHeightM: z.number().gt(1).max(50).default(1.5),
    /** Indoor receiver height above ground at every address, metres (ground floor). */
    indoorHeightM: z.number().gt(1).max(50).default(1.5),
    /** Links longer than this are ignored (neither server nor interferer): bounds the work per receiver. */
    maxRangeM: z.number().min(50).max(10_000).default(1500),
    /** 'raycast': LOS from the 3D buildings; 'probability': expected loss from the 38.901 LOS probability. */
    losMode: z.enum(LOS_MODES).default('raycast'),
    /** Buildings from this construction year on are high-loss (coated glazing) for O2I; older ones low-loss. */
    o2iHighLossFromYear: z.number().int().min(1000).max(2100).default(HIGH_LOSS_FROM_YEAR),
    /** Longest indoor distance counted for PL_in (38.901 draws d2D-in from at most 25 m). */
    maxIndoorDistanceM: z.number().min(0).max(100).default(25),
    noiseFigureDb: z.number().min(0).max(20).default(7),
    /** Lower bounds of excellent, good, fair, poor, dBm (DOMAIN.md §2.3). */
    thresholdsDbm: z.array(z.number().min(-160).max(-30)).min(1).max(8).default([...DEFAULT_RSRP_THRESHOLDS_DBM]),
    /** Bands that may serve; every band still counts for EMF exposure. */
    bands: z.array(z.enum(BAND_IDS)).min(1).default([...BAND_IDS]),
    emfGuideline: z.enum(EMF_GUIDELINES).default('icnirp1998'),
  })
  .strict();
export type CoverageOptions = z.output<typeof coverageOptions>;
export type CoverageOptionsInput = z.input<typeof coverageOptions>;

export const defaultCoverageOptions = (): CoverageOptions => coverageOptions.parse({});
