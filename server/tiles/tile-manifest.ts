// What a built tileset was made from, so a re-import can rewrite only the tiles whose content changed.
// Stored as a dotfile next to tileset.json: the tile server and the static export skip dotfiles, so it is never
// published. Pure apart from readTileManifest.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Building } from '../contracts/model.ts';

export const TILE_MANIFEST_FILE = '.manifest.json';

/**
 * Bump when the bytes of a content file change for the same buildings (encoding, colours, columns): an update
 * against an older manifest then rebuilds everything instead of mixing old and new content.
 */
export const CONTENT_VERSION = 1;

const region = z.tuple([z.number(), z.number(), z.number(), z.number(), z.number(), z.number()]);

const tileEntry = z.object({
  /** Hash of what the content is made from (building ids and their fingerprints). */
  key: z.string(),
  uri: z.string(),
  region,
  /** Absolute ENU→ECEF transform of the content (children's are made relative when written to tileset.json). */
  transform: z.array(z.number()).length(16),
  features: z.number().int(),
  skipped: z.number().int(),
  bytes: z.number().int(),
});
export type TileManifestEntry = z.infer<typeof tileEntry>;

const settings = z.object({
  contentVersion: z.number().int(),
  geoidHeightM: z.number(),
  floor: z.boolean(),
  coarseContent: z.boolean(),
  coarseMinBuildings: z.number().int(),
  maxBuildingsPerTile: z.number().int(),
});
export type TileSettings = z.infer<typeof settings>;

export const tileManifest = z.object({
  format: z.literal(1),
  settings,
  /** The quadtree's root square in RD metres; kept across updates so unchanged areas keep their tiles. */
  rootSquare: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  rootError: z.number(),
  /** By tile address `level/x/y`. */
  tiles: z.record(z.string(), tileEntry),
});
export type TileManifest = z.infer<typeof tileManifest>;

/** The manifest in `dir`, or a reason why there is none to update against. */
export async function readTileManifest(dir: string): Promise<{ manifest: TileManifest } | { reason: string }> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, TILE_MANIFEST_FILE), 'utf8');
    await fs.access(path.join(dir, 'tileset.json'));
  } catch {
    return { reason: 'no earlier tileset with a manifest' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { reason: 'the earlier manifest is damaged' };
  }
  const parsed = tileManifest.safeParse(json);
  return parsed.success ? { manifest: parsed.data } : { reason: 'the earlier manifest is of another format' };
}

export function sameSettings(a: TileSettings, b: TileSettings): boolean {
  return (Object.keys(a) as (keyof TileSettings)[]).every((k) => a[k] === b[k]);
}

/**
 * A building's fingerprint: any change to the record or its mesh changes it. Over-sensitive on purpose (an
 * attribute's key order counts); a false "changed" costs one tile rebuild, a false "same" a stale tile.
 */
export function buildingFingerprint(building: Building): string {
  return createHash('sha1').update(JSON.stringify(building)).digest('base64url');
}

/** Key of one tile's content: its address, kind and the fingerprints of the buildings drawn, in the given order. */
export function contentKey(address: string, kind: 'leaf' | 'coarse', ids: readonly string[], fingerprints: ReadonlyMap<string, string>): string {
  const hash = createHash('sha1').update(`${CONTENT_VERSION} ${kind} ${address}\n`);
  for (const id of ids) hash.update(`${id}\0${fingerprints.get(id)}\n`);
  return hash.digest('hex');
}
