// Builds the browser client (client/ → client/dist). Cesium's workers and assets are not bundled or copied:
// the server serves node_modules/cesium/Build/Cesium at /cesium/ (client/viewer/cesium-base-url.ts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const cesiumBuildDir = path.join(repoRoot, 'node_modules/cesium/Build/Cesium');

const DEV_CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
  '.xml': 'application/xml',
};

/** `vite dev` only: serve Cesium's static build at /cesium/ the way the real server does. */
function cesiumDevAssets(): Plugin {
  return {
    name: 'tweeling-cesium-dev-assets',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use('/cesium', (req, res, next) => {
        const relative = decodeURIComponent((req.url ?? '/').split('?')[0]).replace(/^\/+/, '');
        const file = path.resolve(cesiumBuildDir, relative);
        const type = DEV_CONTENT_TYPES[path.extname(file)];
        if (!file.startsWith(cesiumBuildDir + path.sep) || !type || !fs.existsSync(file)) return next();
        res.setHeader('Content-Type', type);
        fs.createReadStream(file).pipe(res);
      });
    },
  };
}

export default defineConfig({
  root: 'client',
  base: '/',
  // Nothing to copy verbatim: no public/ folder, and Cesium's assets stay in node_modules.
  publicDir: false,
  plugins: [cesiumDevAssets()],
  resolve: {
    // Exact match only: the stand-in itself imports the real 'meshoptimizer/decoder' on demand.
    alias: [{ find: /^meshoptimizer$/, replacement: path.join(repoRoot, 'client/viewer/meshopt-decoder-lazy.ts') }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // Cesium is one large, cacheable chunk by nature.
    chunkSizeWarningLimit: 5000,
    // No data: URIs for assets: keeps every asset a cacheable same-origin file.
    assetsInlineLimit: 0,
  },
  server: {
    // `vite dev` against a running `tweeling serve` (default port 3000).
    proxy: {
      '/api': 'http://127.0.0.1:3000',
      '/tiles': 'http://127.0.0.1:3000',
    },
  },
});
