import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, CachedTileResponder, cachedStaticFiles, matchesIfNoneMatch, tileFastPath } from '../../server/api/static-files.ts';
import { buildBuildingTileset } from '../../server/tiles/build-tileset.ts';
import { exportTiles } from '../../server/tiles/export-tiles.ts';
import { FileCache } from '../../server/tiles/file-cache.ts';
import { createBuilding } from '../support/factories.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-serving-'));
const dir = path.join(root, 'tiles');
let base = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;

beforeAll(async () => {
  fs.mkdirSync(dir);
  // Compressible JSON (repeated text) and an incompressible binary blob.
  fs.writeFileSync(path.join(dir, 'tileset.json'), JSON.stringify({ asset: { version: '1.1' }, pad: 'x'.repeat(5000) }));
  fs.writeFileSync(path.join(dir, 'noise.glb'), crypto.randomBytes(4096));
  fs.writeFileSync(path.join(root, 'secret.json'), '{"secret":true}');
  fs.symlinkSync(path.join(root, 'secret.json'), path.join(dir, 'link.json'));
  const app = express();
  app.use('/tiles', cachedStaticFiles(() => dir, { cacheControl: () => 'public, max-age=60', cache: new FileCache({ maxBytes: 1e6, maxFileBytes: 1e5, compressible: (f) => /\.(json|glb)$/.test(f), revalidateMs: 0 }) }));
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(root, { recursive: true, force: true });
});

describe('cachedStaticFiles', () => {
  it('sends a precomputed gzip variant with its own ETag when the client accepts it and it is smaller', async () => {
    const plain = await fetch(`${base}/tiles/tileset.json`, { headers: { 'Accept-Encoding': 'identity' } });
    const body = Buffer.from(await plain.arrayBuffer());
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toBe('Accept-Encoding');
    expect(body.toString()).toBe(fs.readFileSync(path.join(dir, 'tileset.json'), 'utf8'));
    // fetch decodes gzip itself; use http-level check via a raw request for the encoding header.
    const gz = await fetch(`${base}/tiles/tileset.json`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(Number(gz.headers.get('content-length'))).toBeLessThan(body.byteLength);
    expect(await gz.text()).toBe(body.toString());
    expect(gz.headers.get('etag')).not.toBe(plain.headers.get('etag'));
    expect(gz.headers.get('cache-control')).toBe('public, max-age=60, no-transform');
  });

  it('sends no gzip variant of an incompressible file', async () => {
    const res = await fetch(`${base}/tiles/noise.glb`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('content-type')).toBe('model/gltf-binary');
    expect(Buffer.from(await res.arrayBuffer()).equals(fs.readFileSync(path.join(dir, 'noise.glb')))).toBe(true);
  });

  it('answers 304 to a matching If-None-Match (also weak or in a list) and notices a changed file', async () => {
    const first = await fetch(`${base}/tiles/noise.glb`);
    const etag = first.headers.get('etag')!;
    expect((await fetch(`${base}/tiles/noise.glb`, { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).toBe(304);
    fs.writeFileSync(path.join(dir, 'noise.glb'), Buffer.from('changed content that is long enough'));
    const changed = await fetch(`${base}/tiles/noise.glb`, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toBe('changed content that is long enough');
  });

  it('refuses traversal, symlinks out of the root, dotfiles and other extensions with 404', async () => {
    for (const p of ['/tiles/../secret.json', '/tiles/..%2fsecret.json', '/tiles/%252e%252e%252fsecret.json', '/tiles/link.json', '/tiles/.hidden.json', '/tiles/x.js', '/tiles/tileset.json%00.glb']) {
      const res = await fetch(`${base}${p}`);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('"secret":true');
    }
  });

  it('parses Accept-Encoding and If-None-Match by the RFC rules', () => {
    expect(acceptsGzip('gzip, deflate, br')).toBe(true);
    expect(acceptsGzip('br;q=1, gzip;q=0')).toBe(false);
    expect(acceptsGzip('identity')).toBe(false);
    expect(matchesIfNoneMatch('*', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b", W/"a"', '"a"')).toBe(true);
    expect(matchesIfNoneMatch('"b"', '"a"')).toBe(false);
  });
});

describe('FileCache', () => {
  it('keeps the total under maxBytes by dropping the least recently used files', () => {
    const d = fs.mkdtempSync(path.join(root, 'lru-'));
    const cache = new FileCache({ maxBytes: 2500, maxFileBytes: 2000, compressible: () => false });
    for (const n of ['a', 'b', 'c']) fs.writeFileSync(path.join(d, n), Buffer.alloc(1000, n));
    cache.get(path.join(d, 'a'));
    cache.get(path.join(d, 'b'));
    cache.get(path.join(d, 'a'));
    cache.get(path.join(d, 'c'));
    expect(cache.size).toEqual({ files: 2, bytes: 2000 });
    fs.writeFileSync(path.join(d, 'big'), Buffer.alloc(3000));
    expect(cache.get(path.join(d, 'big'))).toBeUndefined();
  });
});

describe('exportTiles', () => {
  it('writes a self-contained copy with .gz siblings where smaller and an nginx.conf', async () => {
    const dataDir = path.join(root, 'data');
    const buildings = Array.from({ length: 30 }, (_, i) => createBuilding(i, 155_000 + (i % 6) * 30, 463_000 + Math.floor(i / 6) * 30));
    await buildBuildingTileset(buildings, { outDir: path.join(dataDir, 'tiles', 'buildings'), geoidHeightM: 43, maxBuildingsPerTile: 10 });
    const out = path.join(root, 'export');
    const report = await exportTiles(dataDir, out);
    const files = fs.readdirSync(out, { recursive: true, encoding: 'utf8' });
    const plain = files.filter((f) => /\.(json|glb)$/.test(f));
    expect(report.files).toBe(plain.length);
    expect(plain).toContain(path.join('tiles', 'buildings', 'tileset.json'));
    for (const f of files.filter((x) => x.endsWith('.gz'))) {
      expect(zlib.gunzipSync(fs.readFileSync(path.join(out, f))).equals(fs.readFileSync(path.join(out, f.slice(0, -3))))).toBe(true);
    }
    expect(report.gzipFiles).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(out, 'nginx.conf'), 'utf8')).toContain(`root ${path.resolve(out)};`);
  });
});

describe('tileFastPath', () => {
  it('serves cached tiles before Express and leaves everything else (errors included) to the app', async () => {
    const responder = new CachedTileResponder(new FileCache(), () => 'public, max-age=60');
    const fast = tileFastPath({ buildings: dir }, responder);
    const app = express();
    app.use('/tiles/buildings', cachedStaticFiles(() => dir, { cacheControl: () => 'public, max-age=60', responder }));
    app.use((_req, res) => res.status(404).json({ code: 'not-found', from: 'express' }));
    const byExpress: string[] = [];
    const srv = http.createServer((req, res) => fast(req, res) || (byExpress.push(req.url!), app(req, res)));
    await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
    try {
      const res = await fetch(`${url}/tiles/buildings/tileset.json?v=1`, { headers: { 'Accept-Encoding': 'identity' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(fs.readFileSync(path.join(dir, 'tileset.json'), 'utf8'));
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      for (const p of ['/tiles/other/tileset.json', '/tiles/buildings/missing.glb', '/tiles/buildings/link.json', '/api/health']) {
        expect((await fetch(`${url}${p}`)).status, p).toBe(404);
      }
      expect(byExpress).toEqual(['/tiles/other/tileset.json', '/tiles/buildings/missing.glb', '/tiles/buildings/link.json', '/api/health']);
    } finally {
      await new Promise((r) => srv.close(r));
    }
  });
});
