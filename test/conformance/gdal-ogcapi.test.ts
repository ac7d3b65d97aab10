// A real OGC API Features client reads our API: GDAL's OAPIF driver (ogrinfo, ogr2ogr) lists every collection with
// the right feature count, pushes a property filter down (learned from /ogc/api), and its own reprojection of our
// CRS84 output back to RD New lands within 1 m of the stored coordinates.
// Needs GDAL (Debian gdal-bin). Without it the test fails in CI (CI=true) and is skipped, loudly, elsewhere.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOgcTestServer, type OgcTestServer } from './ogc-test-server.ts';

const run = promisify(execFile);

function gdalAvailable(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const HAVE_GDAL = gdalAvailable();
const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
if (!HAVE_GDAL) {
  console.warn(
    '\n!!! SKIPPED gdal-ogcapi: `ogrinfo` is not installed (apt-get install gdal-bin). ' +
      'The OGC API Features client-interoperability test did NOT run. In CI (CI=true) this is a failure.\n',
  );
}

/** No network (PROJ grids), short timeouts, no retries: the server is local and answers in milliseconds. */
const GDAL_ENV = {
  ...process.env,
  GDAL_HTTP_TIMEOUT: '10',
  GDAL_HTTP_MAX_RETRY: '0',
  PROJ_NETWORK: 'OFF',
  CPL_DEBUG: 'OFF',
};
/** Features per request GDAL asks for while reading a whole layer (OAPIF open option PAGE_SIZE). */
const PAGE_SIZE = '1000';

async function gdal(cmd: 'ogrinfo' | 'ogr2ogr', args: string[]): Promise<string> {
  const { stdout } = await run(cmd, args, { env: GDAL_ENV, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

function positions(c: unknown): number[][] {
  if (Array.isArray(c) && typeof c[0] === 'number') return [c as number[]];
  return (c as unknown[]).flatMap(positions);
}

describe('GDAL OAPIF reads the OGC API', () => {
  it.runIf(!HAVE_GDAL && IN_CI)('has GDAL installed in CI', () => {
    expect.fail('ogrinfo is not installed; CI must install gdal-bin for the OGC API client test');
  });

  describe.runIf(HAVE_GDAL)('with ogrinfo and ogr2ogr', () => {
    let srv: OgcTestServer;
    let dsn: string;
    let tmp: string;
    beforeAll(async () => {
      srv = await startOgcTestServer();
      dsn = `OAPIF:${srv.ogcUrl}`;
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-gdal-'));
      console.info(`gdal-ogcapi: ${(await gdal('ogrinfo', ['--version'])).trim()} against the ${srv.kind} at ${srv.ogcUrl}`);
    });
    afterAll(async () => {
      await srv?.close();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it('lists every collection as a layer', async () => {
      const out = await gdal('ogrinfo', ['-ro', '-so', '-oo', `PAGE_SIZE=${PAGE_SIZE}`, dsn]);
      const layers = [...out.matchAll(/^\d+: ([a-z][a-z0-9-]*) /gm)].map((m) => m[1]);
      expect(layers).toEqual((await srv.store.collections()).map((c) => c.id));
    });

    it('reports each layer with the feature count of the store', async () => {
      const counts: Record<string, number> = {};
      for (const c of await srv.store.collections()) {
        const out = await gdal('ogrinfo', ['-ro', '-so', '-oo', `PAGE_SIZE=${PAGE_SIZE}`, dsn, c.id]);
        const count = Number(/^Feature Count: (\d+)$/m.exec(out)?.[1]);
        expect(count, c.id).toBe((await srv.store.collectionItems(c.id, { limit: 0 })).numberMatched);
        counts[c.id] = count;
      }
      console.info(`gdal-ogcapi feature counts: ${JSON.stringify(counts)}`);
    });

    it('counts a property filter the same as the store', async () => {
      const all = (await srv.store.collectionItems('buildings', { limit: 1_000_000 })).features;
      const fn = all[0].properties.function as string;
      const out = await gdal('ogrinfo', ['-ro', '-so', '-oo', `PAGE_SIZE=${PAGE_SIZE}`, dsn, 'buildings', '-where', `function = '${fn}'`]);
      expect(Number(/^Feature Count: (\d+)$/m.exec(out)?.[1])).toBe(all.filter((f) => f.properties.function === fn).length);
    });

    it('reprojects the CRS84 buildings to RD New within 1 m of the store (ogr2ogr -t_srs EPSG:28992)', async () => {
      const file = path.join(tmp, 'buildings.json');
      await gdal('ogr2ogr', ['-f', 'GeoJSON', file, '-oo', `PAGE_SIZE=${PAGE_SIZE}`, dsn, 'buildings', '-t_srs', 'EPSG:28992']);
      const written = JSON.parse(fs.readFileSync(file, 'utf8')) as {
        features: { properties: { id: string }; geometry: { coordinates: unknown } }[];
      };
      const stored = new Map((await srv.store.collectionItems('buildings', { limit: 1_000_000 })).features.map((f) => [f.id, f]));
      expect(written.features).toHaveLength(stored.size);
      let maxDiffM = 0;
      for (const f of written.features) {
        const a = positions(f.geometry.coordinates);
        const b = positions(stored.get(f.properties.id)!.geometry!.coordinates);
        expect(a).toHaveLength(b.length);
        a.forEach((p, i) => (maxDiffM = Math.max(maxDiffM, Math.hypot(p[0] - b[i][0], p[1] - b[i][1]))));
      }
      console.info(`gdal-ogcapi: ${written.features.length} buildings, max |GDAL RD − stored RD| = ${maxDiffM.toFixed(3)} m`);
      expect(maxDiffM).toBeLessThan(1);
    });
  });
});
