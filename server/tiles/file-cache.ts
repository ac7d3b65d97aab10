// In-memory LRU of small static files (tiles) with what serving them needs precomputed: a strong ETag and,
// for compressible types, a gzip variant when it is smaller. Files are immutable per tileset build, but a
// rebuild swaps the directory, so every hit is revalidated with one stat (size, mtime, inode).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import zlib from 'node:zlib';

export interface CachedFile {
  body: Buffer;
  etag: string;
  /** Present only when gzip saves at least 5 %. */
  gzip?: { body: Buffer; etag: string };
  /** stat fingerprint used to detect a changed file. */
  stamp: string;
  /** When the stamp was last compared with the file (ms, monotonic). */
  checkedAt: number;
}

export interface FileCacheOptions {
  /** Total bytes of bodies (plain + gzip) kept; least recently used files are dropped beyond it. */
  maxBytes: number;
  /** Bigger files are not cached (served by streaming instead). */
  maxFileBytes: number;
  /** File name → whether a gzip variant is worth trying (JSON and GLB compress; images would not). */
  compressible: (file: string) => boolean;
  /**
   * A hit younger than this is served without a stat: a rebuilt tileset shows within this time. The stat is
   * a syscall per request otherwise, a noticeable share of serving a cached tile.
   */
  revalidateMs?: number;
}

export const DEFAULT_FILE_CACHE: FileCacheOptions = {
  maxBytes: 256 * 1024 * 1024,
  maxFileBytes: 16 * 1024 * 1024,
  compressible: (file) => file.endsWith('.json') || file.endsWith('.glb'),
  revalidateMs: 1000,
};

const stampOf = (stat: fs.Stats): string => `${stat.size}-${stat.mtimeMs}-${stat.ino}`;

export class FileCache {
  private readonly entries = new Map<string, CachedFile>();
  private bytes = 0;

  constructor(private readonly options: FileCacheOptions = DEFAULT_FILE_CACHE) {}

  /**
   * The cached file at `realPath`, loading it on a miss or change; undefined if it is not a regular file or
   * too big to cache. Synchronous on purpose: tiles are small and a cold read is one open/read/close.
   */
  get(realPath: string): CachedFile | undefined {
    const now = performance.now();
    const fresh = this.entries.get(realPath);
    if (fresh && now - fresh.checkedAt < (this.options.revalidateMs ?? 0)) return this.touch(realPath, fresh);
    const stat = fs.statSync(realPath, { throwIfNoEntry: false });
    if (!stat?.isFile()) {
      this.drop(realPath);
      return undefined;
    }
    const stamp = stampOf(stat);
    const hit = this.entries.get(realPath);
    if (hit && hit.stamp === stamp) {
      hit.checkedAt = now;
      return this.touch(realPath, hit);
    }
    this.drop(realPath);
    if (stat.size > this.options.maxFileBytes) return undefined;
    const entry = this.load(realPath, stamp, now);
    this.entries.set(realPath, entry);
    this.bytes += sizeOf(entry);
    for (const [key, old] of this.entries) {
      if (this.bytes <= this.options.maxBytes || key === realPath) break;
      this.entries.delete(key);
      this.bytes -= sizeOf(old);
    }
    return entry;
  }

  get size(): { files: number; bytes: number } {
    return { files: this.entries.size, bytes: this.bytes };
  }

  /** Re-inserts to mark as most recently used (Map keeps insertion order). */
  private touch(realPath: string, entry: CachedFile): CachedFile {
    this.entries.delete(realPath);
    this.entries.set(realPath, entry);
    return entry;
  }

  private load(realPath: string, stamp: string, now: number): CachedFile {
    const body = fs.readFileSync(realPath);
    const hash = createHash('sha1').update(body).digest('base64url').slice(0, 22);
    const entry: CachedFile = { body, etag: `"${hash}"`, stamp, checkedAt: now };
    if (this.options.compressible(realPath) && body.byteLength > 256) {
      const gz = zlib.gzipSync(body, { level: 6 });
      // A distinct strong ETag per representation, as RFC 9110 §8.8.3 requires for content codings.
      if (gz.byteLength < body.byteLength * 0.95) entry.gzip = { body: gz, etag: `"${hash}-gz"` };
    }
    return entry;
  }

  private drop(realPath: string): void {
    const old = this.entries.get(realPath);
    if (!old) return;
    this.entries.delete(realPath);
    this.bytes -= sizeOf(old);
  }
}

function sizeOf(entry: CachedFile): number {
  return entry.body.byteLength + (entry.gzip?.body.byteLength ?? 0);
}
