// Serves a directory of generated static files (3D Tiles) safely: allow-listed extensions, no path escape
// (also not through symlinks), strong validators for caching. Used for tiles; the same files can go to a CDN.
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import { type CachedFile, FileCache } from '../tiles/file-cache.ts';
import { sendProblem } from './problem.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json',
  '.glb': 'model/gltf-binary',
  '.subtree': 'application/octet-stream',
};

export interface StaticFilesOptions {
  /** Cache-Control for the files; tiles are immutable per build, the tileset.json is revalidated. */
  cacheControl: (file: string) => string;
}

/** Returns the real path of `relative` inside `root`, or undefined if it does not exist or escapes root. */
export function resolveInside(root: string, relative: string): string | undefined {
  if (relative.includes('\0') || relative.includes('\\')) return undefined;
  const segments = relative.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return undefined;
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(path.join(root, ...segments));
  } catch {
    return undefined;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
  return real;
}

export function staticFiles(root: () => string | undefined, options: StaticFilesOptions): RequestHandler {
  return (req: Request, res: Response) => {
    const dir = root();
    // req.path is already percent-decoded once by Express; a remaining '%' means double encoding: refuse.
    const relative = decodeURIComponentSafe(req.path.replace(/^\/+/, ''));
    const ext = path.extname(relative ?? '').toLowerCase();
    const file = dir && relative && CONTENT_TYPES[ext] ? resolveInside(dir, relative) : undefined;
    const stat = file ? fs.statSync(file, { throwIfNoEntry: false }) : undefined;
    if (!file || !stat?.isFile()) {
      sendProblem(res, 404, 'not-found', 'No such tile or tileset file');
      return;
    }
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', options.cacheControl(file));
    res.setHeader('Content-Type', CONTENT_TYPES[ext]);
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.setHeader('Content-Length', String(stat.size));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
  };
}

function decodeURIComponentSafe(s: string): string | undefined {
  try {
    const decoded = decodeURIComponent(s);
    return decoded.includes('%') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** True when the client accepts gzip (and did not rule it out with q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  for (const part of header.split(',')) {
    const [coding, ...params] = part.trim().split(';');
    if (coding.trim().toLowerCase() !== 'gzip' && coding.trim() !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  }
  return false;
}

/** If-None-Match matches when any listed tag equals ours, weakly compared (RFC 9110 §13.1.2), or is "*". */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

type Outcome = 'served' | 'not-found' | 'too-big';

/**
 * Answers one tile request from the cache, writing straight to the Node response (no Express needed), so the
 * same code serves the Express route and the pre-Express fast path. `rawRelative` is the path inside the
 * tileset, still percent-encoded.
 */
export class CachedTileResponder {
  // Resolving a path (two realpath calls) costs more than serving a cached tile; remember recent answers.
  // Safe because keys are validated relative paths, and FileCache stats the real file on every hit (a file
  // that vanished or changed is resolved and read again).
  private readonly resolved = new Map<string, string>();
  /** Response headers per cached file and encoding, built once: serving a hit then allocates almost nothing. */
  private readonly headersOf = new WeakMap<CachedFile, { plain: Record<string, string>; gzip?: Record<string, string> }>();

  constructor(
    private readonly cache: FileCache,
    private readonly cacheControl: (file: string) => string,
  ) {}

  respond(dir: string | undefined, rawRelative: string, req: IncomingMessage, res: ServerResponse): Outcome {
    const relative = decodeURIComponentSafe(rawRelative.replace(/^\/+/, ''));
    const ext = path.extname(relative ?? '').toLowerCase();
    if (!dir || !relative || !CONTENT_TYPES[ext] || (req.method !== 'GET' && req.method !== 'HEAD')) return 'not-found';
    const key = `${dir}\0${relative}`;
    let file = this.resolved.get(key);
    let entry = file ? this.cache.get(file) : undefined;
    if (!entry) {
      this.resolved.delete(key);
      file = resolveInside(dir, relative);
      if (!file) return 'not-found';
      entry = this.cache.get(file);
      if (!entry) return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? 'too-big' : 'not-found';
      if (this.resolved.size >= 100_000) this.resolved.clear();
      this.resolved.set(key, file);
    }
    const gzip = entry.gzip && acceptsGzip(req.headers['accept-encoding']) ? entry.gzip : undefined;
    const etag = gzip ? gzip.etag : entry.etag;
    let prepared = this.headersOf.get(entry);
    if (!prepared) {
      prepared = { plain: this.headers(file!, ext, entry, entry.etag, entry.body.byteLength) };
      if (entry.gzip) prepared.gzip = { ...this.headers(file!, ext, entry, entry.gzip.etag, entry.gzip.body.byteLength), 'Content-Encoding': 'gzip' };
      this.headersOf.set(entry, prepared);
    }
    const headers = gzip ? prepared.gzip! : prepared.plain;
    if (matchesIfNoneMatch(req.headers['if-none-match'], etag)) {
      const { 'Content-Length': _length, 'Content-Encoding': _encoding, ...notModified } = headers;
      res.writeHead(304, notModified).end();
      return 'served';
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : gzip ? gzip.body : entry.body);
    return 'served';
  }

  private headers(file: string, ext: string, entry: CachedFile, etag: string, length: number): Record<string, string> {
    return {
      ETag: etag,
      // no-transform: the best encoding is already chosen; keeps compression middleware and proxies from redoing it.
      'Cache-Control': `${this.cacheControl(file)}, no-transform`,
      'Content-Type': CONTENT_TYPES[ext],
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
      ...(entry.gzip ? { Vary: 'Accept-Encoding' } : {}),
      'Content-Length': String(length),
    };
  }
}

/**
 * Same contract as staticFiles (allow-listed extensions, no escape from root, ETag/304, CORS), but serves from
 * an in-memory LRU with precomputed strong ETags and gzip variants, and writes the response directly: express
 * static / send re-stat, re-hash and stream every request, which is what made tiles slow under load.
 */
export function cachedStaticFiles(
  root: () => string | undefined,
  options: StaticFilesOptions & { cache?: FileCache; responder?: CachedTileResponder },
): RequestHandler {
  const responder = options.responder ?? new CachedTileResponder(options.cache ?? new FileCache(), options.cacheControl);
  return (req: Request, res: Response) => {
    const dir = root();
    const outcome = responder.respond(dir, req.path, req, res);
    if (outcome === 'not-found') sendProblem(res, 404, 'not-found', 'No such tile or tileset file');
    // Exists but too big for the cache: the streaming handler serves it.
    else if (outcome === 'too-big') staticFiles(() => dir, options)(req, res, () => undefined);
  };
}

/**
 * A request listener to put in front of the Express app (`http.createServer((req, res) => tiles(req, res) ||
 * app(req, res))`): answers cached tiles of known tilesets without Express's per-request work (which caps
 * the route at ~5,000 req/s on two cores), and returns false for everything else, errors included, so the
 * app's own /tiles route answers those with the usual problem+json.
 */
export function tileFastPath(tilesets: Record<string, string>, responder: CachedTileResponder): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const url = req.url ?? '';
    if (!url.startsWith('/tiles/')) return false;
    const q = url.indexOf('?');
    const pathname = q === -1 ? url : url.slice(0, q);
    const slash = pathname.indexOf('/', 7);
    if (slash === -1) return false;
    const name = pathname.slice(7, slash);
    if (!Object.hasOwn(tilesets, name)) return false;
    return responder.respond(tilesets[name], pathname.slice(slash), req, res) === 'served';
  };
}
