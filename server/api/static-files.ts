// Serves a directory of generated static files (3D Tiles) safely: allow-listed extensions, no path escape
// (also not through symlinks), strong validators for caching. Used for tiles; the same files can go to a CDN.
import fs from 'node:fs';
import path from 'node:path';
import type { Request, RequestHandler, Response } from 'express';
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
