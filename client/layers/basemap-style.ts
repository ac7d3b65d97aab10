// Basemap cartography as pure data: colours and widths per street class and area kind.

export interface StreetSymbol {
  colour: string;
  /** Drawn width on the ground, metres. */
  widthM: number;
  /** Draw order: higher classes go on top where streets meet. */
  order: number;
}

export const STREET_SYMBOLS: Record<string, StreetSymbol> = {
  hoofdweg: { colour: '#f2b24c', widthM: 14, order: 5 },
  wijkweg: { colour: '#f6d27e', widthM: 10, order: 4 },
  woonstraat: { colour: '#ffffff', widthM: 7, order: 3 },
  erf: { colour: '#ece3cf', widthM: 5, order: 2 },
  fietspad: { colour: '#c8644f', widthM: 2.5, order: 1 },
};

export const DEFAULT_STREET_SYMBOL: StreetSymbol = { colour: '#f4f4f4', widthM: 5, order: 0 };

export const AREA_COLOURS: Record<string, string> = {
  water: '#8fbcdc',
  groen: '#b3d49a',
};

export function streetSymbol(streetClass: string | undefined): StreetSymbol {
  return (streetClass && Object.hasOwn(STREET_SYMBOLS, streetClass) && STREET_SYMBOLS[streetClass]) || DEFAULT_STREET_SYMBOL;
}

/** Small offsets above the flat ground so areas and streets never fight the globe's depth. */
export const LIFT_M = { groen: 0.15, water: 0.2, street: 0.35 } as const;
