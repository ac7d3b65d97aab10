// zod schema of a 3D Tiles 1.1 tileset.json (OGC 22-025r4; DOMAIN.md Part B §4.1), strict where the spec
// says MUST (bounding volume sizes, 16-number transform, refine values, version), open for extensions/extras.
// Used to check every tileset we write; the same schema accepts the Cesium sample tilesets in the fixtures.
import { z } from 'zod';

const finite = z.number().finite();
const extensible = { extensions: z.record(z.string(), z.unknown()).optional(), extras: z.unknown().optional() };

export const boundingVolume = z
  .looseObject({
    /** [cx, cy, cz, x half-axis (3), y half-axis (3), z half-axis (3)]. */
    box: z.array(finite).length(12).optional(),
    /** [west, south, east, north] radians, [minHeight, maxHeight] metres above the WGS84 ellipsoid. */
    region: z
      .array(finite)
      .length(6)
      .refine(([w, s, e, n, lo, hi]) => s <= n && lo <= hi && Math.abs(s) <= Math.PI / 2 && Math.abs(n) <= Math.PI / 2 && Math.abs(w) <= Math.PI && Math.abs(e) <= Math.PI, {
        message: 'region must be [west, south, east, north, minHeight, maxHeight] with south ≤ north, radians in range and minHeight ≤ maxHeight',
      })
      .optional(),
    sphere: z.array(finite).length(4).refine((s) => s[3] >= 0, { message: 'sphere radius must not be negative' }).optional(),
    ...extensible,
  })
  .refine((v) => v.box !== undefined || v.region !== undefined || v.sphere !== undefined || v.extensions !== undefined, {
    message: 'a bounding volume needs box, region or sphere',
  });

const content = z.looseObject({
  uri: z.string().min(1),
  boundingVolume: boundingVolume.optional(),
  group: z.number().int().min(0).optional(),
  metadata: z.unknown().optional(),
  ...extensible,
});

const implicitTiling = z.looseObject({
  subdivisionScheme: z.enum(['QUADTREE', 'OCTREE']),
  subtreeLevels: z.number().int().min(1),
  availableLevels: z.number().int().min(1),
  subtrees: z.looseObject({ uri: z.string().min(1) }),
});

export interface TileJson {
  boundingVolume: z.infer<typeof boundingVolume>;
  viewerRequestVolume?: z.infer<typeof boundingVolume>;
  geometricError: number;
  refine?: 'ADD' | 'REPLACE';
  transform?: number[];
  content?: z.infer<typeof content>;
  contents?: z.infer<typeof content>[];
  implicitTiling?: z.infer<typeof implicitTiling>;
  children?: TileJson[];
  [key: string]: unknown;
}

export const tile: z.ZodType<TileJson> = z.lazy(() =>
  z
    .looseObject({
      boundingVolume,
      viewerRequestVolume: boundingVolume.optional(),
      geometricError: finite.min(0),
      refine: z.enum(['ADD', 'REPLACE']).optional(),
      /** Column-major 4×4. */
      transform: z.array(finite).length(16).optional(),
      content: content.optional(),
      contents: z.array(content).min(1).optional(),
      implicitTiling: implicitTiling.optional(),
      children: z.array(tile).min(1).optional(),
      metadata: z.unknown().optional(),
      ...extensible,
    })
    .refine((t) => !(t.content && t.contents), { message: 'a tile has content or contents, not both' }),
);

export const tileset = z
  .looseObject({
    asset: z.looseObject({ version: z.enum(['1.0', '1.1']), tilesetVersion: z.string().optional(), ...extensible }),
    properties: z.record(z.string(), z.unknown()).optional(),
    schema: z.unknown().optional(),
    schemaUri: z.string().optional(),
    statistics: z.unknown().optional(),
    groups: z.array(z.unknown()).optional(),
    metadata: z.unknown().optional(),
    geometricError: finite.min(0),
    root: tile.refine((t) => t.refine !== undefined, { message: 'the root tile must say refine ADD or REPLACE' }),
    extensionsUsed: z.array(z.string()).optional(),
    extensionsRequired: z.array(z.string()).optional(),
    ...extensible,
  })
  .refine((t) => !(t.schema !== undefined && t.schemaUri !== undefined), { message: 'schema and schemaUri are mutually exclusive' });
export type TilesetJson = z.infer<typeof tileset>;

/**
 * Rules the schema cannot express per node: a child's geometric error must not exceed its parent's
 * (the spec's refinement assumption). Returns human-readable problems; empty means fine.
 */
export function tilesetProblems(json: TilesetJson): string[] {
  const problems: string[] = [];
  if (json.root.geometricError > json.geometricError) problems.push(`root geometricError ${json.root.geometricError} > tileset ${json.geometricError}`);
  const visit = (t: TileJson, path: string): void => {
    (t.children ?? []).forEach((c, i) => {
      if (c.geometricError > t.geometricError) problems.push(`${path}.children[${i}] geometricError ${c.geometricError} > parent ${t.geometricError}`);
      visit(c, `${path}.children[${i}]`);
    });
  };
  visit(json.root, 'root');
  return problems;
}
