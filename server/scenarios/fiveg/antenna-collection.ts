// Antennas as the OGC API Features collection `antennes` (one point feature per sector) and back. The feature
// properties are flat, as attribute tables want; the round trip goes through the antenna zod schema.
import type { CollectionMeta, FeatureRd } from '../../contracts/feature.ts';
import { InvalidParameter } from '../../errors.ts';
import { type Antenna, BANDS, antenna } from './antenna.ts';
import { complianceDistanceM, referenceLevel } from './emf.ts';
import { dbmToWatt } from './link-budget.ts';

export const ANTENNA_COLLECTION_ID = 'antennes';

export interface AntennaProvenance {
  source: string;
  licence: string;
  date: string;
  synthetic: boolean;
}

/** Boresight compliance distance (veiligheidsafstand, indicative) for ICNIRP general public, no reflection factor. */
export function safetyDistanceM(a: Pick<Antenna, 'eirpDbm' | 'band'>): number {
  return complianceDistanceM(dbmToWatt(a.eirpDbm), referenceLevel(BANDS[a.band].frequencyMHz).powerDensityWPerM2);
}

export function antennaCollection(antennas: readonly Antenna[], provenance: AntennaProvenance): { meta: CollectionMeta; features: FeatureRd[] } {
  return {
    meta: {
      id: ANTENNA_COLLECTION_ID,
      title: { nl: 'Antennes (mobiel netwerk)', en: 'Antennas (mobile network)' },
      description: {
        nl: 'Sectorantennes per operator en frequentieband, met hoogte, richting, tilt, EIRP en indicatieve veiligheidsafstand (ICNIRP, hoofdbundel).',
        en: 'Sector antennas per operator and band, with height, azimuth, tilt, EIRP and indicative safety distance (ICNIRP, main beam).',
      },
      ...provenance,
      privacyClass: 'open',
      queryables: [
        { name: 'operator', type: 'string' },
        { name: 'band', type: 'string' },
        { name: 'kind', type: 'string' },
        { name: 'siteId', type: 'string' },
      ],
    },
    features: antennas.map(antennaToFeature),
  };
}

export function antennaToFeature(a: Antenna): FeatureRd {
  const { id, position, ...rest } = a;
  return {
    id,
    geometry: { type: 'Point', coordinates: position },
    properties: { ...rest, frequencyMHz: BANDS[a.band].frequencyMHz, safetyDistanceM: Math.round(safetyDistanceM(a) * 100) / 100 },
  };
}

/** Inverse of antennaToFeature; derived properties are dropped, everything else must pass the schema. */
export function featureToAntenna(f: FeatureRd): Antenna {
  if (f.geometry?.type !== 'Point') throw new InvalidParameter(`Antenna feature ${f.id}: geometry must be a Point`);
  const { frequencyMHz: _f, safetyDistanceM: _s, ...props } = f.properties;
  const parsed = antenna.safeParse({ ...props, id: f.id, position: [f.geometry.coordinates[0], f.geometry.coordinates[1]] });
  if (!parsed.success) {
    throw new InvalidParameter(`Antenna feature ${f.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
