// Source attributes (3D BAG b3_* of 2022+, the older 3D BAG v21 names without prefix, generic GeoJSON names)
// → the fields of our Building model. Pure. Which name wins is a decision, written here once:
//  - ground: b3_h_maaiveld | h_maaiveld | maaiveld | groundM, else the lowest vertex of the geometry;
//  - roof (absolute NAP): b3_h_dak_70p (DOMAIN.md §4.2: the usual block height) | b3_h_dak_50p | h_dak_70p |
//    h_dak_50p | b3_h_dak_max | h_dak_max, else the highest vertex;
//  - relative height (GeoJSON): height | hoogte | heightM when no absolute roof is given.
import { type Building, type BuildingFunction, type RoofType } from '../contracts/model.ts';

export type SourceAttributes = Record<string, unknown>;
export type ScalarAttributes = NonNullable<Building['attributes']>;

/** The schema's lower bound; stands for "unknown" because the model has no null year (see README in this folder). */
export const UNKNOWN_YEAR = 1000;
const MIN_HEIGHT_M = 0.1;
const MAX_HEIGHT_M = 400;

const GROUND_KEYS = ['b3_h_maaiveld', 'h_maaiveld', 'maaiveld', 'groundM'];
const ROOF_KEYS = ['b3_h_dak_70p', 'b3_h_dak_50p', 'h_dak_70p', 'h_dak_50p', 'b3_h_dak_max', 'h_dak_max'];
const RELATIVE_HEIGHT_KEYS = ['height', 'hoogte', 'heightM', 'measuredHeight'];
const YEAR_KEYS = ['oorspronkelijkbouwjaar', 'oorspronkelijk_bouwjaar', 'bouwjaar', 'yearOfConstruction', 'year'];
const ROOF_TYPE_KEYS = ['b3_dak_type', 'dak_type', 'roofType'];
const FUNCTION_KEYS = ['gebruiksdoel', 'function', 'functie'];

export class AttributeError extends Error {}

function firstNumber(attributes: SourceAttributes, keys: readonly string[]): number | undefined {
  for (const key of keys) {
    const v = attributes[key];
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
    if (typeof n === 'number' && Number.isFinite(n)) return n;
  }
  return undefined;
}

function firstString(attributes: SourceAttributes, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const v = attributes[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

export interface HeightInputs {
  attributes: SourceAttributes;
  /** Lowest and highest vertex (NAP) when there is geometry with heights. */
  minZ?: number;
  maxZ?: number;
}

/** groundM (NAP) and heightM (above ground) of a building; throws AttributeError when neither source has them. */
export function buildingHeights({ attributes, minZ, maxZ }: HeightInputs): { groundM: number; heightM: number } {
  const groundM = firstNumber(attributes, GROUND_KEYS) ?? (Number.isFinite(minZ) ? minZ : undefined);
  const roofM = firstNumber(attributes, ROOF_KEYS);
  const relative = firstNumber(attributes, RELATIVE_HEIGHT_KEYS);
  let heightM: number | undefined;
  if (groundM !== undefined && roofM !== undefined) heightM = roofM - groundM;
  else if (relative !== undefined) heightM = relative;
  else if (groundM !== undefined && maxZ !== undefined && Number.isFinite(maxZ)) heightM = maxZ - groundM;
  if (groundM === undefined) throw new AttributeError('no ground level: neither a maaiveld attribute nor geometry with heights');
  if (heightM === undefined) throw new AttributeError('no height: neither a roof-height attribute nor geometry above the ground');
  if (!(heightM >= MIN_HEIGHT_M)) throw new AttributeError(`height ${heightM.toFixed(2)} m above ground is not positive`);
  return { groundM, heightM: Math.min(heightM, MAX_HEIGHT_M) };
}

export function buildingYear(attributes: SourceAttributes): number {
  const year = firstNumber(attributes, YEAR_KEYS);
  return year !== undefined && Number.isInteger(year) && year >= 1000 && year <= 2100 ? year : UNKNOWN_YEAR;
}

/** 3D BAG roof classes → our roof types; unknown or flat → 'plat'. */
export function buildingRoofType(attributes: SourceAttributes): RoofType {
  const raw = firstString(attributes, ROOF_TYPE_KEYS)?.toLowerCase();
  if (raw === 'slanted') return 'zadeldak';
  if (raw && ['plat', 'zadeldak', 'schilddak', 'lessenaarsdak', 'sheddak'].includes(raw)) return raw as RoofType;
  return 'plat';
}

/**
 * BAG gebruiksdoel (woonfunctie, winkelfunctie, …) → our function. 3D BAG carries none, so most imports get
 * the default 'woning' (the model has no "unknown" function); the raw value stays in `attributes`.
 */
export function buildingFunction(attributes: SourceAttributes): BuildingFunction {
  const raw = firstString(attributes, FUNCTION_KEYS)?.toLowerCase() ?? '';
  if (raw.includes('winkel')) return 'winkel';
  if (raw.includes('kantoor')) return 'kantoor';
  if (raw.includes('industrie')) return 'industrie';
  if (/(onderwijs|gezondheidszorg|bijeenkomst|sport|cel|logies|maatschappelijk)/.test(raw)) return 'maatschappelijk';
  return 'woning';
}

export function buildingDwellings(attributes: SourceAttributes): number {
  const n = firstNumber(attributes, ['aantal_verblijfsobjecten', 'woningen', 'dwellings']);
  return n !== undefined && Number.isInteger(n) && n >= 0 ? n : 0;
}

/** Keeps scalar attributes as they are; lists and objects (e.g. b3_val3dity_lod22) as their JSON text. */
export function scalarAttributes(attributes: SourceAttributes): ScalarAttributes {
  const out: ScalarAttributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : null;
    else if (value !== undefined) out[key] = JSON.stringify(value);
  }
  return out;
}

/** The pand id: 3D BAG's identificatie when present (the CityObject key is a feature id in v21), else the key. */
export function buildingId(key: string, attributes: SourceAttributes): string {
  const id = firstString(attributes, ['identificatie']) ?? key;
  if (id.length > 64) throw new AttributeError(`id ${JSON.stringify(id.slice(0, 20))}… is longer than 64 characters`);
  return id;
}
