// Builds client/dist when it is missing or older than any client source (or when TWEELING_E2E_REBUILD=1),
// so the server always serves the code under test.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLIENT_DIST_DIR, REPO_ROOT } from './paths.ts';

function newestSourceMs(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (full !== CLIENT_DIST_DIR) newest = Math.max(newest, newestSourceMs(full));
    } else {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

export function ensureClientBuilt(): { built: boolean; ms: number } {
  const index = path.join(CLIENT_DIST_DIR, 'index.html');
  const sourcesMs = Math.max(newestSourceMs(path.join(REPO_ROOT, 'client')), fs.statSync(path.join(REPO_ROOT, 'vite.config.ts')).mtimeMs);
  const fresh = fs.existsSync(index) && fs.statSync(index).mtimeMs >= sourcesMs;
  if (fresh && process.env.TWEELING_E2E_REBUILD !== '1') return { built: false, ms: 0 };
  const started = performance.now();
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  });
  return { built: true, ms: Math.round(performance.now() - started) };
}
