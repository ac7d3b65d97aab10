// Renders one saved view and takes a picture of it: jump the camera, set the layers, wait until the globe and the 3D
// tiles report everything loaded for two frames in a row, then copy Cesium's canvas (kept readable by
// preserveDrawingBuffer, see create-viewer.ts) and deck.gl's overlay canvas on top into one JPEG data URL.
import { Cesium3DTileset, type Scene } from '@cesium/engine';
import type { SavedView } from '../../../server/contracts/workspace.ts';
import type { ModeContext } from '../mode-context.ts';
import { flyToView, withViewLayers } from '../shared/saved-view.ts';

const MAX_WAIT_MS = 8000;

function everythingLoaded(scene: Scene): boolean {
  if (!scene.globe.tilesLoaded) return false;
  for (let i = 0; i < scene.primitives.length; i++) {
    const primitive: unknown = scene.primitives.get(i);
    if (primitive instanceof Cesium3DTileset && primitive.show && !primitive.tilesLoaded) return false;
  }
  return true;
}

export async function captureView(ctx: ModeContext, view: SavedView, widthPx = 960): Promise<string> {
  ctx.store.set(withViewLayers(ctx.store.state, ctx.layers, view.layers));
  await flyToView(ctx.scene.camera, view.camera, true);
  const started = performance.now();
  let settled = 0;
  while (settled < 2 && performance.now() - started < MAX_WAIT_MS) {
    await ctx.nextFrame();
    settled = everythingLoaded(ctx.scene) ? settled + 1 : 0;
  }
  // deck.gl redraws on its own animation frame after the state changed; give it two.
  for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
  await ctx.nextFrame();
  const canvases = [...ctx.viewerContainer.querySelectorAll('canvas')].filter((c) => c.width > 0 && c.height > 0 && c.offsetParent !== null);
  const base = ctx.scene.canvas;
  const scale = Math.min(1, widthPx / base.width);
  const out = document.createElement('canvas');
  out.width = Math.round(base.width * scale);
  out.height = Math.round(base.height * scale);
  const g = out.getContext('2d');
  if (!g) return base.toDataURL('image/jpeg', 0.85);
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, out.width, out.height);
  const baseRect = base.getBoundingClientRect();
  for (const canvas of [base, ...canvases.filter((c) => c !== base)]) {
    const rect = canvas.getBoundingClientRect();
    const sx = out.width / baseRect.width;
    g.drawImage(canvas, (rect.left - baseRect.left) * sx, (rect.top - baseRect.top) * sx, rect.width * sx, rect.height * sx);
  }
  return out.toDataURL('image/jpeg', 0.85);
}
