// OSM (and OSM-like GeoJSON) tags → our street class and surface. The mapping, in one place:
//
// | highway=*                                                        | class       |
// |------------------------------------------------------------------|-------------|
// | motorway, trunk, primary, secondary (and their _link)            | hoofdweg    |
// | tertiary, tertiary_link, unclassified, busway                    | wijkweg     |
// | residential, road, service                                       | woonstraat  |
// | living_street, pedestrian, footway, path, track, steps, bridleway | erf         |
// | cycleway                                                         | fietspad    |
// | anything else (construction, proposed, platform, raceway, …)     | not a street: skipped, counted |
//
// | surface=*                                                        | surface     |
// |------------------------------------------------------------------|-------------|
// | asphalt, chipseal, concrete, concrete:plates, concrete:lanes, paved, metal | asfalt |
// | paving_stones on footway/pedestrian/path/steps                    | tegels      |
// | paving_stones elsewhere, sett, cobblestone, unhewn_cobblestone, bricks, brick, grass_paver | klinkers |
// | unpaved, gravel, fine_gravel, compacted, dirt, earth, ground, grass, sand, mud, pebblestone, woodchips, wood | onverhard |
// | absent                                                           | class default: asfalt for hoofdweg, wijkweg and fietspad; klinkers for woonstraat and erf (most Dutch residential streets are brick-paved) |
// | any other value                                                  | the class default, with a warning per value |
//
// Concrete is dug like asphalt (a closed slab that must be cut and reinstated), hence asfalt. The defaults are
// assumptions: a planner who knows better fixes the surface tag in the data, not here.
import type { Street } from '../../../contracts/model.ts';

export type StreetClass = Street['class'];
export type Surface = Street['surface'];

const CLASS_OF_HIGHWAY: Record<string, StreetClass> = {
  motorway: 'hoofdweg',
  motorway_link: 'hoofdweg',
  trunk: 'hoofdweg',
  trunk_link: 'hoofdweg',
  primary: 'hoofdweg',
  primary_link: 'hoofdweg',
  secondary: 'hoofdweg',
  secondary_link: 'hoofdweg',
  tertiary: 'wijkweg',
  tertiary_link: 'wijkweg',
  unclassified: 'wijkweg',
  busway: 'wijkweg',
  residential: 'woonstraat',
  road: 'woonstraat',
  service: 'woonstraat',
  living_street: 'erf',
  pedestrian: 'erf',
  footway: 'erf',
  path: 'erf',
  track: 'erf',
  steps: 'erf',
  bridleway: 'erf',
  cycleway: 'fietspad',
};

const SURFACE_OF_TAG: Record<string, Surface> = {
  asphalt: 'asfalt',
  chipseal: 'asfalt',
  concrete: 'asfalt',
  'concrete:plates': 'asfalt',
  'concrete:lanes': 'asfalt',
  paved: 'asfalt',
  metal: 'asfalt',
  sett: 'klinkers',
  cobblestone: 'klinkers',
  unhewn_cobblestone: 'klinkers',
  bricks: 'klinkers',
  brick: 'klinkers',
  grass_paver: 'klinkers',
  unpaved: 'onverhard',
  gravel: 'onverhard',
  fine_gravel: 'onverhard',
  compacted: 'onverhard',
  dirt: 'onverhard',
  earth: 'onverhard',
  ground: 'onverhard',
  grass: 'onverhard',
  sand: 'onverhard',
  mud: 'onverhard',
  pebblestone: 'onverhard',
  woodchips: 'onverhard',
  wood: 'onverhard',
};

const PEDESTRIAN_HIGHWAYS = new Set(['footway', 'pedestrian', 'path', 'steps']);
const OUR_SURFACES = new Set<string>(['asfalt', 'klinkers', 'tegels', 'onverhard']);
const OUR_CLASSES = new Set<string>(Object.values(CLASS_OF_HIGHWAY));

export function defaultSurfaceOf(cls: StreetClass): Surface {
  return cls === 'woonstraat' || cls === 'erf' ? 'klinkers' : 'asfalt';
}

/** Our class for an OSM highway value (or one of our own class names), or undefined when it is not a street. */
export function streetClassOf(highway: string): StreetClass | undefined {
  if (OUR_CLASSES.has(highway)) return highway as StreetClass;
  return CLASS_OF_HIGHWAY[highway];
}

export type SurfaceSource = 'tag' | 'missing' | 'unknown';

/** Our surface for an OSM surface value (or one of our own surface names); absent or unknown → the class default. */
export function surfaceOf(surface: string | undefined, highway: string, cls: StreetClass): { surface: Surface; source: SurfaceSource } {
  if (surface === undefined || surface === '') return { surface: defaultSurfaceOf(cls), source: 'missing' };
  if (OUR_SURFACES.has(surface)) return { surface: surface as Surface, source: 'tag' };
  if (surface === 'paving_stones') return { surface: PEDESTRIAN_HIGHWAYS.has(highway) ? 'tegels' : 'klinkers', source: 'tag' };
  const mapped = SURFACE_OF_TAG[surface];
  return mapped ? { surface: mapped, source: 'tag' } : { surface: defaultSurfaceOf(cls), source: 'unknown' };
}

/** Per-file tally of how surfaces were decided, for the import report. */
export interface SurfaceTally {
  /** Streets per surface. */
  counts: Record<Surface, number>;
  /** Streets without a surface tag, per default they got. */
  missing: Record<Surface, number>;
  /** Streets with a surface value we do not know, per default they got. */
  unknown: Record<Surface, number>;
  /** Unknown values and how often they occurred. */
  unknownValues: Record<string, number>;
  /** highway values that are not streets, and how often they were skipped. */
  skippedHighways: Record<string, number>;
}

const zeroSurfaces = (): Record<Surface, number> => ({ asfalt: 0, klinkers: 0, tegels: 0, onverhard: 0 });

export function emptySurfaceTally(): SurfaceTally {
  return { counts: zeroSurfaces(), missing: zeroSurfaces(), unknown: zeroSurfaces(), unknownValues: {}, skippedHighways: {} };
}

/** Class and surface of one tagged way, tallied; undefined (tallied as skipped) when the highway is not a street. */
export function classify(tags: { highway?: string; surface?: string }, tally: SurfaceTally): { class: StreetClass; surface: Surface } | undefined {
  const highway = tags.highway ?? '';
  const cls = streetClassOf(highway);
  if (cls === undefined) {
    tally.skippedHighways[highway] = (tally.skippedHighways[highway] ?? 0) + 1;
    return undefined;
  }
  const { surface, source } = surfaceOf(tags.surface, highway, cls);
  tally.counts[surface]++;
  if (source === 'missing') tally.missing[surface]++;
  if (source === 'unknown') {
    tally.unknown[surface]++;
    tally.unknownValues[tags.surface!] = (tally.unknownValues[tags.surface!] ?? 0) + 1;
  }
  return { class: cls, surface };
}

export function mergeTallies(into: SurfaceTally, from: SurfaceTally): void {
  for (const key of ['counts', 'missing', 'unknown'] as const) for (const s of Object.keys(into[key]) as Surface[]) into[key][s] += from[key][s];
  for (const [k, n] of Object.entries(from.unknownValues)) into.unknownValues[k] = (into.unknownValues[k] ?? 0) + n;
  for (const [k, n] of Object.entries(from.skippedHighways)) into.skippedHighways[k] = (into.skippedHighways[k] ?? 0) + n;
}
