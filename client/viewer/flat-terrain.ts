// The demo twin has no elevation model; the ground is flat at one ellipsoidal height. Buildings carry real
// ellipsoidal heights (NAP + geoid), so a globe at height 0 would leave them floating ~45 m in the air.
import { CustomHeightmapTerrainProvider } from '@cesium/engine';

/** Heightmap tiles are tiny: the surface is flat, only the Earth's curvature needs vertices. */
const TILE_SAMPLES = 16;

export function createFlatTerrain(groundHeightM: number): CustomHeightmapTerrainProvider {
  const heights = new Float32Array(TILE_SAMPLES * TILE_SAMPLES).fill(groundHeightM);
  return new CustomHeightmapTerrainProvider({
    width: TILE_SAMPLES,
    height: TILE_SAMPLES,
    // A copy per tile: Cesium transfers the array to a worker, which detaches it.
    callback: () => heights.slice(),
  });
}
