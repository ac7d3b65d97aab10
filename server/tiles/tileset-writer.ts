// Where a tileset build writes. A full build goes to a sibling temporary directory renamed into place at the
// end, so a reader never sees half a tileset. An update writes into the live directory: new content files get
// new names (their content key is in the name), tileset.json is swapped by one rename, and only then are the
// files it no longer references removed, so a reader sees the old tileset or the new one, never a mix.
import { mkdir, readdir, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

export interface TilesetWriter {
  /** Writes one content file; `uri` is relative to the tileset directory and made by us, never from input. */
  writeContent(uri: string, body: Uint8Array): Promise<void>;
  /** Writes the small top-level files (tileset.json, manifest) and makes the new tileset live. Returns files removed. */
  commit(files: Record<string, string>, keepUris: ReadonlySet<string>): Promise<{ removed: number }>;
  abort(): Promise<void>;
}

export function fullTilesetWriter(outDir: string): TilesetWriter {
  const suffix = `${process.pid}-${Date.now()}`;
  const tmpDir = `${outDir}.tmp-${suffix}`;
  return {
    async writeContent(uri, body) {
      const file = join(tmpDir, uri);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, body);
    },
    async commit(files) {
      await mkdir(tmpDir, { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(join(tmpDir, name), text);
      await swapIntoPlace(tmpDir, outDir, `${outDir}.old-${suffix}`);
      return { removed: 0 };
    },
    async abort() {
      await rm(tmpDir, { recursive: true, force: true });
    },
  };
}

export function updateTilesetWriter(outDir: string): TilesetWriter {
  const written: string[] = [];
  const atomicWrite = async (file: string, body: Uint8Array | string): Promise<void> => {
    const tmp = `${file}.tmp-${process.pid}`;
    await writeFile(tmp, body);
    await rename(tmp, file);
  };
  return {
    async writeContent(uri, body) {
      const file = join(outDir, uri);
      await mkdir(dirname(file), { recursive: true });
      await atomicWrite(file, body);
      written.push(uri);
    },
    async commit(files, keepUris) {
      // tileset.json last: it is what makes the new content visible.
      const names = Object.keys(files).sort((a, b) => Number(a === 'tileset.json') - Number(b === 'tileset.json'));
      for (const name of names) await atomicWrite(join(outDir, name), files[name]);
      return { removed: await sweepContent(outDir, keepUris) };
    },
    async abort() {
      // The live tileset.json still references the old files only; what this run added is unreferenced.
      for (const uri of written) await rm(join(outDir, uri), { force: true });
    },
  };
}

/** Removes content files (and emptied directories) under outDir/content that the new tileset does not reference. */
async function sweepContent(outDir: string, keepUris: ReadonlySet<string>): Promise<number> {
  let removed = 0;
  const visit = async (dir: string): Promise<boolean> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return false;
    }
    let empty = true;
    for (const entry of entries) {
      const file = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (await visit(file)) await rmdir(file);
        else empty = false;
      } else if (keepUris.has(relative(outDir, file).split(sep).join('/'))) {
        empty = false;
      } else {
        await rm(file, { force: true });
        removed++;
      }
    }
    return empty;
  };
  await visit(join(outDir, 'content'));
  return removed;
}

/** Rename is atomic per directory; an existing tileset is moved aside first (a directory can't be renamed over a full one). */
async function swapIntoPlace(tmpDir: string, outDir: string, oldDir: string): Promise<void> {
  let hadOld = false;
  try {
    await rename(outDir, oldDir);
    hadOld = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await rename(tmpDir, outDir);
  if (hadOld) await rm(oldDir, { recursive: true, force: true });
}
