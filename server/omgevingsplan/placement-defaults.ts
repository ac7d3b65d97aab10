// National siting defaults the placement check applies where the omgevingsplan itself says nothing. They are
// assumptions, drawn from DOMAIN.md Part A §4 (Nationaal Antennebeleid, old Bor bijlage II, Bbl) and NOT
// verified against the current Bbl article texts: configurable, and flagged as such in every reason they give.
export type StructureKind = 'antenna-mast' | 'rooftop-antenna' | 'street-cabinet' | 'building';
export const STRUCTURE_KINDS = ['antenna-mast', 'rooftop-antenna', 'street-cabinet', 'building'] as const;

export interface PlacementDefaults {
  /** An antenna (with carrier) on a building up to this height, measured from its foot, is permit-free outside protected areas. */
  rooftopAntennaPermitFreeMaxM: number;
  /** Free-standing masts are never permit-free under the national regime. */
  groundMastPermitFree: boolean;
  /** A utility cabinet (nutsvoorziening) up to this height and volume is permit-free. */
  streetCabinetPermitFreeMaxHeightM: number;
  streetCabinetPermitFreeMaxVolumeM3: number;
  /**
   * Exceeding a maximum bouwhoogte by at most this fraction is taken as "permit required" (the classic
   * binnenplanse afwijking of 10 %); more than that as "not allowed" without a buitenplanse afwijking.
   */
  heightDeviationFraction: number;
  /** Activity names (and their parents) a structure kind falls under, matched case-insensitively. */
  activityPatterns: Record<StructureKind, RegExp>;
}

export const DEFAULT_PLACEMENT: PlacementDefaults = {
  rooftopAntennaPermitFreeMaxM: 5,
  groundMastPermitFree: false,
  streetCabinetPermitFreeMaxHeightM: 3,
  streetCabinetPermitFreeMaxVolumeM3: 50,
  heightDeviationFraction: 0.1,
  activityPatterns: {
    'antenna-mast': /antenne|zendmast|antennemast/i,
    'rooftop-antenna': /antenne/i,
    'street-cabinet': /nutsvoorziening|straatkast|kabelkast|telecomkast|verdeelkast/i,
    building: /gebouw/i,
  },
};

export const STRUCTURE_LABEL: Record<StructureKind, { nl: string; en: string }> = {
  'antenna-mast': { nl: 'vrijstaande antennemast', en: 'free-standing antenna mast' },
  'rooftop-antenna': { nl: 'antenne op een gebouw', en: 'rooftop antenna' },
  'street-cabinet': { nl: 'straatkast (nutsvoorziening)', en: 'street cabinet (utility)' },
  building: { nl: 'gebouw', en: 'building' },
};

export const PLACEMENT_DISCLAIMER = {
  nl: 'Indicatie, niet juridisch bindend. Het omgevingsplan in het Omgevingsloket (DSO) en de Vergunningcheck zijn leidend.',
  en: 'Indication, not legally binding. The omgevingsplan in the Omgevingsloket (DSO) and its Vergunningcheck are authoritative.',
};
