// Our own JSON API for the twin: overview, layer catalogue, basemap and building details.
import { Router } from 'express';
import { z } from 'zod';
import type { Building } from '../contracts/model.ts';
import { NotFound, Unavailable } from '../errors.ts';
import { rdToLonLatDeg } from '../geo/crs.ts';
import type { Store } from '../store/store.ts';
import pkg from '../../package.json' with { type: 'json' };
import { apiOpenApi } from './api-openapi.ts';
import { basemapGeoJson } from './basemap.ts';
import { layerCatalogue } from './layer-catalogue.ts';
import { parseParams } from './validate.ts';

export const buildingParams = z.object({ id: z.string().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/) });

export function twinRouter(store: Store, options: { sensors?: boolean; tilesBaseUrl?: string } = {}): Router {
  const router = Router();

  const requireMeta = async () => {
    const meta = await store.meta();
    if (!meta) throw new Unavailable('No municipality has been loaded yet; run `tweeling generate` or an import first.');
    return meta;
  };

  router.get('/twin', async (_req, res) => {
    const meta = await requireMeta();
    const [extent, counts] = await Promise.all([store.extent(), store.counts()]);
    if (!extent) throw new Unavailable('The store holds no buildings.');
    const [west, south] = rdToLonLatDeg(extent[0], extent[1]);
    const [east, north] = rdToLonLatDeg(extent[2], extent[3]);
    const centre = rdToLonLatDeg((extent[0] + extent[2]) / 2, (extent[1] + extent[3]) / 2);
    const sample = await store.buildings({ limit: 200 });
    const groundNapM = sample.length ? median(sample.map((b) => b.groundM)) : 0;
    res.json({
      name: meta.name,
      municipalityCode: meta.municipalityCode,
      synthetic: meta.synthetic,
      source: meta.source,
      licence: meta.licence,
      date: meta.date,
      extentRd: extent,
      extentLonLat: [west, south, east, north],
      centerLonLat: centre,
      geoidHeightM: meta.geoidHeightM,
      groundHeightM: groundNapM + meta.geoidHeightM,
      counts,
    });
  });

  router.get('/openapi.json', (_req, res) => {
    res.json(apiOpenApi({ version: pkg.version }));
  });

  router.get('/layers', async (_req, res) => {
    res.json({ layers: layerCatalogue(await requireMeta(), await store.collections(), options) });
  });

  router.get('/basemap', async (req, res) => {
    const meta = await requireMeta();
    const [streets, areas] = await Promise.all([
      store.streets({ limit: 1_000_000 }),
      store.areas({ limit: 1_000_000 }),
    ]);
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.json(basemapGeoJson(meta, streets, areas));
  });

  router.get('/buildings/:id', async (req, res) => {
    const { id } = parseParams(buildingParams, req);
    const b = await store.building(id);
    if (!b) throw new NotFound(`No building with id ${id}`);
    const addresses = await store.addressesOfBuilding(id);
    res.json(buildingDetails(b, addresses.map((a) => ({
      id: a.id,
      street: a.street,
      houseNumber: a.houseNumber,
      houseLetter: a.houseLetter,
      postcode: a.postcode,
    }))));
  });

  return router;
}

function buildingDetails(b: Building, addresses: unknown[]) {
  return {
    id: b.id,
    function: b.function,
    year: b.year,
    heightM: b.heightM,
    groundM: b.groundM,
    roofType: b.roofType,
    dwellings: b.dwellings,
    buurtCode: b.buurtCode,
    // Source attributes as imported (e.g. 3D BAG); demo buildings have none.
    attributes: b.attributes ?? {},
    addresses,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
