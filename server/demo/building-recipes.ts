// One plot's worth of buildings per building kind: sizes, storeys, roofs, functions and dwellings typical
// for Dutch building periods (3 m per storey plus the roof). Pure: returns shapes in the plot's local frame.
import type { BuildingFunction, RoofType } from '../contracts/model.ts';
import type { BuildingKind, DistrictKind, DistrictStyle } from './district-styles.ts';
import type { LocalPolygon } from './building-shapes.ts';
import { courtyardShape, lShape, rectShape, tShape, uShape } from './building-shapes.ts';
import type { Rng } from './random.ts';

export interface DraftUnit {
  shape: LocalPolygon;
  /** Extent along the façade, where its address points go. */
  x0: number;
  x1: number;
  depthM: number;
  heightM: number;
  roofType: RoofType;
  year: number;
  function: BuildingFunction;
  dwellings: number;
  /** 'letters': one house number plus A, B, C… for the rest; 'numbers': a house number per address. */
  numbering: 'letters' | 'numbers';
}

export interface PlotPlan {
  units: DraftUnit[];
  setbackM: number;
  gardenM: number;
  minGardenM: number;
  gapM: number;
  /** Rows may be shortened to fit; a single building may not. */
  divisible: boolean;
}

/** A building has one address per dwelling, plus one for its non-residential use (shop, office, church…). */
export function hasNonResidentialAddress(fn: BuildingFunction, dwellings: number): boolean {
  if (fn === 'woning') return false;
  if (fn === 'monument') return dwellings === 0;
  return true;
}

export function addressCount(fn: BuildingFunction, dwellings: number): number {
  return dwellings + (hasNonResidentialAddress(fn, dwellings) ? 1 : 0);
}

const ROOF_EXTRA_M: Record<RoofType, [number, number]> = {
  plat: [0.3, 0.9],
  zadeldak: [3, 5],
  schilddak: [2.5, 4],
  lessenaarsdak: [1.2, 2.2],
  sheddak: [1.5, 2.5],
};

const HOUSE_ROOFS: Record<DistrictKind, readonly (readonly [RoofType, number])[]> = {
  centrum: [['zadeldak', 0.68], ['schilddak', 0.1], ['plat', 0.14], ['lessenaarsdak', 0.08]],
  vooroorlogs: [['zadeldak', 0.78], ['schilddak', 0.12], ['plat', 0.1]],
  naoorlogs: [['zadeldak', 0.6], ['plat', 0.25], ['lessenaarsdak', 0.15]],
  flatwijk: [['plat', 0.5], ['zadeldak', 0.4], ['lessenaarsdak', 0.1]],
  bloemkool: [['lessenaarsdak', 0.4], ['zadeldak', 0.5], ['plat', 0.1]],
  vinex: [['zadeldak', 0.55], ['plat', 0.25], ['lessenaarsdak', 0.2]],
  bedrijven: [['plat', 1]],
  park: [['zadeldak', 1]],
  sportpark: [['zadeldak', 0.6], ['schilddak', 0.15], ['plat', 0.15], ['lessenaarsdak', 0.1]],
};

const round2 = (v: number): number => Math.round(v * 100) / 100;

function height(rng: Rng, storeys: number, roof: RoofType): number {
  const [lo, hi] = ROOF_EXTRA_M[roof];
  return round2(storeys * 3 + rng.range(lo, hi));
}

function yearIn(rng: Rng, [from, to]: readonly [number, number]): number {
  return rng.int(from, to);
}

export function planPlot(kind: BuildingKind, rng: Rng, style: DistrictStyle): PlotPlan {
  switch (kind) {
    case 'centrumpand':
      return centrumpanden(rng, style);
    case 'hofblok':
      return hofblok(rng, style);
    case 'kerk':
      return kerk(rng);
    case 'rijtjes':
      return rijtjes(rng, style);
    case 'twee-onder-een-kap':
      return houses(rng, style, 2, [7.5, 9], [6, 14], 5);
    case 'vrijstaand':
      return houses(rng, style, 1, [9, 13], [6, 16], 5);
    case 'portiekflat':
      return portiekflat(rng, style);
    case 'galerijflat':
      return galerijflat(rng, style);
    case 'winkelstrip':
      return winkelstrip(rng, style);
    case 'school':
      return school(rng, style);
    case 'hal':
      return hal(rng, style);
    case 'kantoor':
      return kantoor(rng, style);
  }
}

function centrumpanden(rng: Rng, style: DistrictStyle): PlotPlan {
  const units: DraftUnit[] = [];
  let x = 0;
  const count = rng.int(2, 6);
  for (let k = 0; k < count; k++) {
    const w = rng.range(4.5, 9);
    const d = rng.range(9, 16);
    const storeys = rng.int(2, 4);
    const roofType = rng.weighted(HOUSE_ROOFS.centrum);
    const fn = rng.weighted<BuildingFunction>([
      ['woning', 0.43],
      ['winkel', 0.32],
      ['monument', 0.13],
      ['kantoor', 0.08],
      ['maatschappelijk', 0.04],
    ]);
    const dwellings =
      fn === 'woning' ? (storeys >= 3 ? rng.int(1, 3) : 1) : fn === 'winkel' ? rng.int(0, 2) : fn === 'monument' ? rng.int(0, 1) : 0;
    const shapeKind = rng.weighted([
      ['rect', 0.55],
      ['l', 0.3],
      ['t', w >= 6 ? 0.15 : 0],
    ] as const);
    let depthM = d;
    let shape = rectShape(x, w, d);
    if (shapeKind === 'l') {
      depthM = d + rng.range(3, 7);
      shape = lShape(x, w, d, depthM, w * rng.range(0.4, 0.6), rng.chance(0.5));
    } else if (shapeKind === 't') {
      depthM = d + rng.range(3, 6);
      shape = tShape(x, w, d, depthM, w * 0.45);
    }
    const [from, to] = style.years;
    units.push({
      shape,
      x0: x,
      x1: x + w,
      depthM,
      heightM: height(rng, storeys, roofType),
      roofType,
      year: fn === 'monument' ? rng.int(from, Math.min(to, 1750)) : yearIn(rng, style.years),
      function: fn,
      dwellings,
      numbering: 'letters',
    });
    x += w;
  }
  return { units, setbackM: 0, gardenM: rng.range(2, 7), minGardenM: 0, gapM: 0, divisible: true };
}

function hofblok(rng: Rng, style: DistrictStyle): PlotPlan {
  const centre = style.kind === 'centrum';
  // Old-town blocks are shallower than the 1920s ones; the courtyard always stays at least 5 m across.
  const t = centre ? rng.range(7.5, 9) : rng.range(9, 11);
  const w = centre ? rng.range(24, 40) : rng.range(30, 44);
  const d = centre ? rng.range(2 * t + 5, 2 * t + 11) : rng.range(2 * t + 8, 2 * t + 16);
  const storeys = centre ? rng.int(2, 3) : rng.int(3, 4);
  const roofType = rng.weighted<RoofType>([
    ['zadeldak', 0.5],
    ['plat', 0.3],
    ['schilddak', 0.2],
  ]);
  const institution = centre && rng.chance(0.3);
  const floorAreaM2 = (w * d - (w - 2 * t) * (d - 2 * t)) * storeys;
  const dwellings = institution ? 0 : Math.max(4, Math.round(floorAreaM2 / 85));
  const unit: DraftUnit = {
    shape: courtyardShape(0, w, d, t),
    x0: 0,
    x1: w,
    depthM: d,
    heightM: height(rng, storeys, roofType),
    roofType,
    year: centre ? rng.int(1600, 1890) : yearIn(rng, style.years),
    function: institution ? 'maatschappelijk' : 'woning',
    dwellings,
    numbering: dwellings <= 12 ? 'letters' : 'numbers',
  };
  return { units: [unit], setbackM: centre ? 0 : 2, gardenM: 2, minGardenM: 0, gapM: 2, divisible: false };
}

function kerk(rng: Rng): PlotPlan {
  const w = rng.range(22, 28);
  const frontD = rng.range(11, 14);
  const d = rng.range(42, 58);
  const unit: DraftUnit = {
    shape: tShape(0, w, frontD, d, rng.range(11, 13)),
    x0: 0,
    x1: w,
    depthM: d,
    heightM: round2(rng.range(18, 26)),
    roofType: 'zadeldak',
    year: rng.int(1350, 1650),
    function: 'monument',
    dwellings: 0,
    numbering: 'letters',
  };
  return { units: [unit], setbackM: 4, gardenM: 6, minGardenM: 2, gapM: 6, divisible: false };
}

function rijtjes(rng: Rng, style: DistrictStyle): PlotPlan {
  const count = rng.int(4, 9);
  const w = rng.range(5.1, 6.3);
  const d = rng.range(8.5, 10.5);
  const prewar = style.kind === 'vooroorlogs';
  const storeys = rng.chance(prewar ? 0.3 : 0.12) ? 3 : 2;
  const roofType = rng.weighted(HOUSE_ROOFS[style.kind]);
  // Pre-war rows are often split into a ground-floor and an upstairs dwelling (benedenwoning/bovenwoning).
  const dwellingsEach = prewar && storeys === 3 && rng.chance(0.6) ? 2 : 1;
  const year = yearIn(rng, style.years);
  const units: DraftUnit[] = [];
  for (let k = 0; k < count; k++) {
    const x0 = k * w;
    const extension = rng.chance(0.3);
    const depthM = extension ? d + rng.range(2.5, 3.5) : d;
    units.push({
      shape: extension ? lShape(x0, w, d, depthM, w * 0.55, k % 2 === 0) : rectShape(x0, w, d),
      x0,
      x1: x0 + w,
      depthM,
      heightM: height(rng, storeys, roofType),
      roofType,
      year,
      function: 'woning',
      dwellings: dwellingsEach,
      numbering: 'letters',
    });
  }
  return {
    units,
    setbackM: prewar ? rng.range(0.5, 2) : rng.range(3, 5),
    gardenM: rng.range(10, 16),
    minGardenM: 4,
    gapM: rng.range(2, 4),
    divisible: true,
  };
}

function houses(rng: Rng, style: DistrictStyle, count: number, widthM: [number, number], garden: [number, number], gapM: number): PlotPlan {
  const w = rng.range(widthM[0], widthM[1]);
  const d = rng.range(9, 11.5);
  const roofType = rng.weighted<RoofType>([
    ['zadeldak', 0.5],
    ['schilddak', 0.35],
    ['plat', 0.15],
  ]);
  const year = yearIn(rng, style.years);
  const units: DraftUnit[] = [];
  for (let k = 0; k < count; k++) {
    const x0 = k * w;
    const withWing = rng.chance(0.45);
    const depthM = withWing ? d + rng.range(3, 6) : d;
    units.push({
      // The rear wing sits on the outer side of a semi-detached pair, away from the party wall.
      shape: withWing ? lShape(x0, w, d, depthM, w * 0.45, k === 0) : rectShape(x0, w, d),
      x0,
      x1: x0 + w,
      depthM,
      heightM: height(rng, 2, roofType),
      roofType,
      year,
      function: 'woning',
      dwellings: 1,
      numbering: 'letters',
    });
  }
  return { units, setbackM: rng.range(4, 7), gardenM: garden[1], minGardenM: garden[0], gapM, divisible: false };
}

function portiekflat(rng: Rng, style: DistrictStyle): PlotPlan {
  const length = rng.range(24, 42);
  const d = rng.range(10, 11);
  const modern = style.kind === 'vinex';
  const storeys = modern ? rng.int(4, 5) : rng.int(3, 4);
  const roofType = modern || rng.chance(0.6) ? 'plat' : 'zadeldak';
  const portieken = Math.max(1, Math.round(length / 12));
  const dwellings = portieken * storeys * 2;
  const unit: DraftUnit = {
    shape: rectShape(0, length, d),
    x0: 0,
    x1: length,
    depthM: d,
    heightM: height(rng, storeys, roofType),
    roofType,
    year: yearIn(rng, style.years),
    function: 'woning',
    dwellings,
    numbering: dwellings <= 12 ? 'letters' : 'numbers',
  };
  return { units: [unit], setbackM: 6, gardenM: 12, minGardenM: 4, gapM: 12, divisible: false };
}

function galerijflat(rng: Rng, style: DistrictStyle): PlotPlan {
  const length = rng.range(50, 95);
  const d = rng.range(11, 12.5);
  const storeys = style.kind === 'flatwijk' ? rng.int(6, 10) : rng.int(4, 6);
  const dwellings = storeys * Math.floor(length / 8);
  const unit: DraftUnit = {
    shape: rectShape(0, length, d),
    x0: 0,
    x1: length,
    depthM: d,
    heightM: height(rng, storeys, 'plat'),
    roofType: 'plat',
    year: yearIn(rng, style.years),
    function: 'woning',
    dwellings,
    numbering: 'numbers',
  };
  return { units: [unit], setbackM: 10, gardenM: 14, minGardenM: 6, gapM: 18, divisible: false };
}

function winkelstrip(rng: Rng, style: DistrictStyle): PlotPlan {
  const count = rng.int(3, 6);
  const w = rng.range(6, 8);
  const d = rng.range(12, 16);
  const year = yearIn(rng, style.years);
  const units: DraftUnit[] = [];
  for (let k = 0; k < count; k++) {
    units.push({
      shape: rectShape(k * w, w, d),
      x0: k * w,
      x1: (k + 1) * w,
      depthM: d,
      heightM: height(rng, 3, 'plat'),
      roofType: 'plat',
      year,
      function: 'winkel',
      dwellings: 2,
      numbering: 'letters',
    });
  }
  return { units, setbackM: 4, gardenM: 6, minGardenM: 2, gapM: 4, divisible: true };
}

function school(rng: Rng, style: DistrictStyle): PlotPlan {
  const w = rng.range(40, 60);
  const d = rng.range(24, 34);
  const frontD = rng.range(10, 12);
  const storeys = rng.int(1, 2);
  const unit: DraftUnit = {
    shape: uShape(0, w, frontD, d, rng.range(10, 12)),
    x0: 0,
    x1: w,
    depthM: d,
    heightM: round2(storeys * 3.6 + rng.range(0.3, 0.9)),
    roofType: 'plat',
    year: Math.max(1880, yearIn(rng, style.years)),
    function: 'maatschappelijk',
    dwellings: 0,
    numbering: 'letters',
  };
  return { units: [unit], setbackM: 6, gardenM: 10, minGardenM: 3, gapM: 8, divisible: false };
}

function hal(rng: Rng, style: DistrictStyle): PlotPlan {
  const w = rng.range(30, 80);
  const d = rng.range(30, 75);
  const roofType: RoofType = rng.chance(0.45) ? 'sheddak' : 'plat';
  const withOffice = rng.chance(0.25);
  const unit: DraftUnit = {
    // An office strip across the front with the hall behind it, narrower than the office.
    shape: withOffice ? lShape(0, w, 12, d, w * rng.range(0.55, 0.8), rng.chance(0.5)) : rectShape(0, w, d),
    x0: 0,
    x1: w,
    depthM: d,
    heightM: round2(rng.range(8, 14)),
    roofType,
    year: yearIn(rng, style.years),
    function: 'industrie',
    dwellings: 0,
    numbering: 'letters',
  };
  return { units: [unit], setbackM: 10, gardenM: 10, minGardenM: 3, gapM: 10, divisible: false };
}

function kantoor(rng: Rng, style: DistrictStyle): PlotPlan {
  const w = rng.range(20, 45);
  const d = rng.range(14, 22);
  const storeys = rng.int(3, 7);
  const roofType: RoofType = rng.chance(0.85) ? 'plat' : 'schilddak';
  const shapeKind = rng.weighted([
    ['rect', 0.6],
    ['l', 0.25],
    ['u', w >= 30 ? 0.15 : 0],
  ] as const);
  const deep = d + rng.range(8, 14);
  const shape =
    shapeKind === 'l' ? lShape(0, w, d, deep, w * 0.4, rng.chance(0.5)) : shapeKind === 'u' ? uShape(0, w, d, deep, 9) : rectShape(0, w, d);
  const unit: DraftUnit = {
    shape,
    x0: 0,
    x1: w,
    depthM: shapeKind === 'rect' ? d : deep,
    heightM: height(rng, storeys, roofType),
    roofType,
    year: yearIn(rng, style.years),
    function: 'kantoor',
    dwellings: 0,
    numbering: 'letters',
  };
  return { units: [unit], setbackM: 10, gardenM: 10, minGardenM: 3, gapM: 10, divisible: false };
}
