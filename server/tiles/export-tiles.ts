// `tweeling export tiles OUTDIR`: a self-contained static copy of the twin's tilesets for any web server or CDN:
// OUTDIR/tiles/<tileset>/… with a precompressed .gz next to every file gzip makes smaller (nginx gzip_static,
// or a CDN upload with Content-Encoding), and an example nginx.conf. Written to a temporary sibling and renamed.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { dataPaths } from '../config.ts';
import { nginxConf } from './nginx-conf.ts';

const EXTENSIONS = new Set(['.json', '.glb', '.subtree']);

export interface ExportReport {
  files: number;
  gzipFiles: number;
  bytes: number;
  outDir: string;
}

export async function exportTiles(dataDir: string, outDir: string): Promise<ExportReport> {
  const tilesets = { buildings: dataPaths({ dataDir }).buildingTiles };
  const target = path.resolve(outDir);
  const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
  const report: ExportReport = { files: 0, gzipFiles: 0, bytes: 0, outDir: target };
  try {
    for (const [name, dir] of Object.entries(tilesets)) {
      if (!(await stat(path.join(dir, 'tileset.json')).catch(() => undefined))) {
        throw new Error(`No ${name} tileset in ${dataDir}; run the server once (or prepare) to build it`);
      }
      await copyTree(dir, path.join(tmp, 'tiles', name), report);
    }
    await writeFile(path.join(tmp, 'nginx.conf'), nginxConf({ root: target }));
    await rm(target, { recursive: true, force: true });
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  return report;
}

async function copyTree(from: string, to: string, report: ExportReport): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    // Only regular files with tile extensions, never symlinks: the export must not pull in anything else.
    if (entry.name.startsWith('.')) continue;
    const source = path.join(from, entry.name);
    const dest = path.join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, dest, report);
    else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name))) {
      const body = await readFile(source);
      await writeFile(dest, body);
      report.files++;
      report.bytes += body.byteLength;
      const gz = zlib.gzipSync(body, { level: 9 });
      if (gz.byteLength < body.byteLength * 0.95) {
        await writeFile(`${dest}.gz`, gz);
        report.gzipFiles++;
      }
    }
  }
}
