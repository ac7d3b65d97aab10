// What each kind of Dutch neighbourhood looks like to the generator: street grid, street materials, building
// mix, building years and household size. The numbers are rough averages for the period, not survey data.
import type { Street } from '../contracts/model.ts';

export type DistrictKind =
  | 'centrum'
  | 'vooroorlogs'
  | 'naoorlogs'
  | 'flatwijk'
  | 'bloemkool'
  | 'vinex'
  | 'bedrijven'
  | 'park'
  | 'sportpark';

export type BuildingKind =
  | 'centrumpand'
  | 'hofblok'
  | 'kerk'
  | 'rijtjes'
  | 'twee-onder-een-kap'
  | 'vrijstaand'
  | 'portiekflat'
  | 'galerijflat'
  | 'winkelstrip'
  | 'school'
  | 'hal'
  | 'kantoor';

export type StreetClass = Street['class'];
export type Surface = Street['surface'];

export interface DistrictStyle {
  kind: DistrictKind;
  /** Spacing of the streets that carry most of the houses, metres. */
  acrossM: number;
  /** Spacing of the cross streets, metres. */
  alongM: number;
  /** Amplitude and wavelength of the smooth warp that bends the grid (0 = straight streets). */
  warpM: number;
  warpWavelengthM: number;
  /** Longest straight piece of a street polyline; shorter pieces follow curves more closely. */
  sampleM: number;
  minorClass: StreetClass;
  minorSurface: Surface;
  /** Every n-th line is a wijkweg (asphalt collector road); 0 for none. */
  majorEvery: number;
  years: readonly [number, number];
  recipes: readonly (readonly [BuildingKind, number])[];
  greenCellChance: number;
  waterCellChance: number;
  /** Average persons per household, CBS-like for this kind of neighbourhood. */
  householdSize: number;
}

const STYLES: Record<DistrictKind, DistrictStyle> = {
  centrum: {
    kind: 'centrum',
    acrossM: 58,
    alongM: 95,
    warpM: 9,
    warpWavelengthM: 170,
    sampleM: 24,
    minorClass: 'erf',
    minorSurface: 'klinkers',
    majorEvery: 0,
    years: [1500, 1900],
    recipes: [
      ['centrumpand', 0.9],
      ['hofblok', 0.065],
      ['kerk', 0.012],
      ['school', 0.02],
    ],
    greenCellChance: 0,
    waterCellChance: 0,
    householdSize: 1.8,
  },
  vooroorlogs: {
    kind: 'vooroorlogs',
    acrossM: 68,
    alongM: 190,
    warpM: 0,
    warpWavelengthM: 600,
    sampleM: 200,
    minorClass: 'woonstraat',
    minorSurface: 'klinkers',
    majorEvery: 4,
    years: [1905, 1939],
    recipes: [
      ['rijtjes', 0.7],
      ['hofblok', 0.1],
      ['portiekflat', 0.06],
      ['winkelstrip', 0.05],
      ['twee-onder-een-kap', 0.06],
      ['school', 0.03],
    ],
    greenCellChance: 0.04,
    waterCellChance: 0,
    householdSize: 2.0,
  },
  naoorlogs: {
    kind: 'naoorlogs',
    acrossM: 72,
    alongM: 170,
    warpM: 0,
    warpWavelengthM: 600,
    sampleM: 200,
    minorClass: 'woonstraat',
    minorSurface: 'klinkers',
    majorEvery: 4,
    years: [1948, 1968],
    recipes: [
      ['rijtjes', 0.7],
      ['portiekflat', 0.12],
      ['galerijflat', 0.03],
      ['winkelstrip', 0.04],
      ['twee-onder-een-kap', 0.08],
      ['school', 0.03],
    ],
    greenCellChance: 0.06,
    waterCellChance: 0,
    householdSize: 2.2,
  },
  flatwijk: {
    kind: 'flatwijk',
    acrossM: 90,
    alongM: 160,
    warpM: 0,
    warpWavelengthM: 600,
    sampleM: 200,
    minorClass: 'woonstraat',
    minorSurface: 'klinkers',
    majorEvery: 3,
    years: [1958, 1976],
    recipes: [
      ['galerijflat', 0.14],
      ['portiekflat', 0.3],
      ['rijtjes', 0.45],
      ['winkelstrip', 0.06],
      ['school', 0.05],
    ],
    greenCellChance: 0.15,
    waterCellChance: 0,
    householdSize: 1.9,
  },
  bloemkool: {
    kind: 'bloemkool',
    acrossM: 62,
    alongM: 120,
    warpM: 22,
    warpWavelengthM: 320,
    sampleM: 30,
    minorClass: 'erf',
    minorSurface: 'klinkers',
    majorEvery: 4,
    years: [1972, 1989],
    recipes: [
      ['rijtjes', 0.72],
      ['twee-onder-een-kap', 0.14],
      ['vrijstaand', 0.05],
      ['portiekflat', 0.05],
      ['school', 0.04],
    ],
    greenCellChance: 0.08,
    waterCellChance: 0.03,
    householdSize: 2.3,
  },
  vinex: {
    kind: 'vinex',
    acrossM: 70,
    alongM: 150,
    warpM: 40,
    warpWavelengthM: 560,
    sampleM: 36,
    minorClass: 'woonstraat',
    minorSurface: 'klinkers',
    majorEvery: 4,
    years: [1995, 2012],
    recipes: [
      ['rijtjes', 0.45],
      ['twee-onder-een-kap', 0.25],
      ['vrijstaand', 0.17],
      ['portiekflat', 0.07],
      ['winkelstrip', 0.02],
      ['school', 0.04],
    ],
    greenCellChance: 0.1,
    waterCellChance: 0.08,
    householdSize: 2.6,
  },
  bedrijven: {
    kind: 'bedrijven',
    acrossM: 150,
    alongM: 260,
    warpM: 0,
    warpWavelengthM: 600,
    sampleM: 300,
    minorClass: 'wijkweg',
    minorSurface: 'asfalt',
    majorEvery: 0,
    years: [1962, 2018],
    recipes: [
      ['hal', 0.62],
      ['kantoor', 0.38],
    ],
    greenCellChance: 0.03,
    waterCellChance: 0.03,
    householdSize: 2.0,
  },
  park: {
    kind: 'park',
    acrossM: 190,
    alongM: 230,
    warpM: 35,
    warpWavelengthM: 420,
    sampleM: 25,
    minorClass: 'fietspad',
    minorSurface: 'asfalt',
    majorEvery: 0,
    years: [1880, 1930],
    recipes: [],
    greenCellChance: 0,
    waterCellChance: 0,
    householdSize: 2.0,
  },
  sportpark: {
    kind: 'sportpark',
    acrossM: 66,
    alongM: 170,
    warpM: 14,
    warpWavelengthM: 500,
    sampleM: 40,
    minorClass: 'woonstraat',
    minorSurface: 'klinkers',
    majorEvery: 4,
    years: [1978, 1995],
    recipes: [
      ['rijtjes', 0.45],
      ['twee-onder-een-kap', 0.25],
      ['vrijstaand', 0.2],
      ['school', 0.1],
    ],
    greenCellChance: 0.5,
    waterCellChance: 0.02,
    householdSize: 2.4,
  },
};

export function districtStyle(kind: DistrictKind): DistrictStyle {
  return STYLES[kind];
}

/** Half the paved width of a street of this class, metres; plots keep clear of it. */
export function streetHalfWidthM(streetClass: StreetClass): number {
  switch (streetClass) {
    case 'hoofdweg':
      return 7;
    case 'wijkweg':
      return 5;
    case 'woonstraat':
      return 3.5;
    case 'erf':
      return 2.6;
    case 'fietspad':
      return 1.5;
  }
}
