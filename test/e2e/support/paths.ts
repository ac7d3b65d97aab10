import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLIENT_DIST_DIR = path.join(REPO_ROOT, 'client/dist');
export const CESIUM_BUILD_DIR = path.join(REPO_ROOT, 'node_modules/cesium/Build/Cesium');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');
