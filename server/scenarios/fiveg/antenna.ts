// The antenna (cell/sector) record the 5G engines work on, its zod schema, and the carrier table. One record is
// one sector of one operator on one band at one site; sectors of a site share its position.
import { z } from 'zod';
import { pointRd } from '../../contracts/model.ts';
import { type AntennaPattern, MACRO_PANEL_PATTERN } from './antenna-pattern.ts';

export const BAND_IDS = ['n78', 'n28', 'n3'] as const;
export type BandId = (typeof BAND_IDS)[number];

export interface Band {
  id: BandId;
  label: string;
  frequencyMHz: number;
  bandwidthMHz: number;
  subcarrierSpacingKHz: number;
  /** Resource blocks of the channel (TS 38.101-1 Table 5.3.2-1). */
  resourceBlocks: number;
}

/**
 * Carriers the engine knows: n78 3.5 GHz 100 MHz at 30 kHz (273 PRB, DOMAIN.md §2.2), n28 700 MHz 10 MHz and
 * n3 1800 MHz 20 MHz at 15 kHz (52 and 106 PRB, same table).
 */
export const BANDS: Record<BandId, Band> = {
  n78: { id: 'n78', label: 'n78 3,5 GHz', frequencyMHz: 3500, bandwidthMHz: 100, subcarrierSpacingKHz: 30, resourceBlocks: 273 },
  n28: { id: 'n28', label: 'n28 700 MHz', frequencyMHz: 700, bandwidthMHz: 10, subcarrierSpacingKHz: 15, resourceBlocks: 52 },
  n3: { id: 'n3', label: 'n3 1800 MHz', frequencyMHz: 1800, bandwidthMHz: 20, subcarrierSpacingKHz: 15, resourceBlocks: 106 },
};

export const ANTENNA_KINDS = ['mast', 'rooftop'] as const;
export type AntennaKind = (typeof ANTENNA_KINDS)[number];

export const antenna = z
  .object({
    id: z.string().min(1).max(120).regex(/^[A-Za-z0-9._:-]+$/),
    siteId: z.string().min(1).max(80),
    operator: z.string().min(1).max(60),
    kind: z.enum(ANTENNA_KINDS),
    position: pointRd,
    /** Ground level at the site, NAP metres. */
    groundM: z.number().min(-10).max(400),
    /** Height of the antenna's centre above ground, metres (for rooftop: building height plus mast). */
    heightM: z.number().gt(1).max(400),
    /** Building a rooftop antenna stands on (BAG pand id); null for a ground mast. */
    buildingId: z.string().min(1).max(64).nullable(),
    band: z.enum(BAND_IDS),
    /** Boresight, degrees clockwise from RD grid north. */
    azimuthDeg: z.number().min(0).lt(360),
    /** Electrical plus mechanical downtilt, degrees below the horizon. */
    downtiltDeg: z.number().min(-10).max(30),
    /** Maximum EIRP of the sector along boresight, dBm. */
    eirpDbm: z.number().min(0).max(90),
    maxGainDbi: z.number().min(0).max(30).default(MACRO_PANEL_PATTERN.maxGainDbi),
    hBeamwidthDeg: z.number().min(5).max(360).default(MACRO_PANEL_PATTERN.hBeamwidthDeg),
    vBeamwidthDeg: z.number().min(2).max(180).default(MACRO_PANEL_PATTERN.vBeamwidthDeg),
  })
  .strict();
export type Antenna = z.infer<typeof antenna>;
/** What callers may pass: the pattern fields have defaults. */
export type AntennaInput = z.input<typeof antenna>;

export function patternOf(a: Pick<Antenna, 'maxGainDbi' | 'hBeamwidthDeg' | 'vBeamwidthDeg'>): AntennaPattern {
  return { maxGainDbi: a.maxGainDbi, hBeamwidthDeg: a.hBeamwidthDeg, vBeamwidthDeg: a.vBeamwidthDeg, frontToBackDb: MACRO_PANEL_PATTERN.frontToBackDb, sideLobeDb: MACRO_PANEL_PATTERN.sideLobeDb };
}

/** Conducted power of the sector, dBm: EIRP minus boresight gain. */
export const txPowerDbm = (a: Pick<Antenna, 'eirpDbm' | 'maxGainDbi'>): number => a.eirpDbm - a.maxGainDbi;
