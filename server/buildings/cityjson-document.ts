// zod schemas for the parts of CityJSON 1.1 / 2.0 and CityJSONSeq we read. Loose on purpose: unknown members
// (appearance, extensions, "+" properties) pass through untouched; geometry boundaries are checked where they
// are used (city-object-mesh.ts), so one bad object can be named and skipped instead of failing the file.
import { z } from 'zod';

export const cityJsonTransform = z.object({
  scale: z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]),
  translate: z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]),
});
export type CityJsonTransform = z.infer<typeof cityJsonTransform>;

export const cityJsonGeometry = z.looseObject({
  type: z.string(),
  /** A string in 2.0 ("2.2"); a number in some 1.0 files. */
  lod: z.union([z.string(), z.number()]).optional(),
  boundaries: z.unknown(),
  semantics: z
    .looseObject({
      surfaces: z.array(z.looseObject({ type: z.string() })),
      values: z.unknown(),
    })
    .optional(),
});
export type CityJsonGeometry = z.infer<typeof cityJsonGeometry>;

export const cityObject = z.looseObject({
  type: z.string(),
  attributes: z.record(z.string(), z.unknown()).optional(),
  geometry: z.array(z.unknown()).optional(),
  children: z.array(z.string()).optional(),
  parents: z.array(z.string()).optional(),
});
export type CityObject = z.infer<typeof cityObject>;

const vertices = z.array(z.array(z.number().finite()).min(3));
const metadata = z.looseObject({ referenceSystem: z.string().optional() }).optional();

/** A whole CityJSON file, or the first line of a CityJSONSeq (empty CityObjects and vertices). */
export const cityJsonDocument = z.looseObject({
  type: z.literal('CityJSON'),
  version: z.string(),
  transform: cityJsonTransform.optional(),
  metadata,
  CityObjects: z.record(z.string(), z.unknown()),
  vertices,
});
export type CityJsonDocument = z.infer<typeof cityJsonDocument>;

/** One line of a CityJSONSeq after the header. */
export const cityJsonFeature = z.looseObject({
  type: z.literal('CityJSONFeature'),
  id: z.string().optional(),
  CityObjects: z.record(z.string(), z.unknown()),
  vertices,
});
export type CityJsonFeature = z.infer<typeof cityJsonFeature>;
