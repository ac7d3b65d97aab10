// Writes a municipality as GeoJSON files, one per layer, into a directory (created if missing).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Municipality } from '../contracts/model.ts';
import { GEOJSON_LAYERS, layerGeoJsonText } from './geojson-layers.ts';

/** Returns the paths written, in layer order: buildings, addresses, streets, areas, buurten. */
export async function writeMunicipalityGeoJson(m: Municipality, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const layer of GEOJSON_LAYERS) {
    // Layer names are a fixed allow-list, never input, so the path cannot leave dir.
    const path = join(dir, `${layer}.geojson`);
    await writeFile(path, layerGeoJsonText(m, layer), 'utf8');
    paths.push(path);
  }
  return paths;
}
