// Omgevingsplan and public-health overlays in real Chromium (software WebGL) under the production CSP, and
// deck.gl drawn over Cesium in step with its camera. Few page loads: SwiftShader on two cores is slow.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { ARTIFACTS_DIR } from './support/paths.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { canvasChecksum, expectClean, type LoadedViewer, loadViewer, nextFrames, screenshot } from './support/viewer-page.ts';

// A ceiling for a loaded 2-core CI machine, not a speed target (speed lives in npm run bench).
const TEST_TIMEOUT_MS = 240_000;

let server: TestServer;
let browser: Browser;
const open: LoadedViewer[] = [];

type Ring = [number, number][];
interface Feature {
  id?: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
}

async function openViewer(hash = ''): Promise<LoadedViewer> {
  const loaded = await loadViewer(browser, server.url, hash);
  open.push(loaded);
  return loaded;
}

async function pixel(page: Page, selector: string, x: number, y: number): Promise<number[]> {
  return page.evaluate(
    ([sel, px, py]) => {
      const source = document.querySelector<HTMLCanvasElement>(sel as string);
      if (!source) throw new Error('no canvas');
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      ctx.drawImage(source, 0, 0);
      const scale = source.width / source.getBoundingClientRect().width;
      return [...ctx.getImageData(Math.round((px as number) * scale), Math.round((py as number) * scale), 1, 1).data];
    },
    [selector, x, y],
  );
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => (await fetch(u)).json(), url) as Promise<T>;
}

/** All features of an OGC collection, following next links (in the page: same origin, same CSP). */
async function allFeatures(page: Page, collection: string): Promise<Feature[]> {
  return page.evaluate(async (id) => {
    const out: unknown[] = [];
    let next: string | undefined = `/ogc/collections/${id}/items?limit=10000`;
    while (next) {
      const body = await (await fetch(next)).json();
      out.push(...body.features);
      const link = (body.links ?? []).find((l: { rel: string }) => l.rel === 'next');
      next = link ? new URL(link.href, location.href).pathname + new URL(link.href, location.href).search : undefined;
    }
    return out;
  }, collection) as Promise<Feature[]>;
}

function outerRings(feature: Feature): Ring[] {
  const g = feature.geometry;
  if (g?.type === 'Polygon') return [(g.coordinates as Ring[])[0]];
  if (g?.type === 'MultiPolygon') return (g.coordinates as Ring[][]).map((p) => p[0]);
  return [];
}

function inside([x, y]: [number, number], ring: Ring): boolean {
  let result = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) result = !result;
  }
  return result;
}

/** Points inside a polygon (a grid over its bbox), nearest the bbox centre first. */
function pointsInside(ring: Ring, steps = 9): [number, number][] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const points: [number, number][] = [];
  for (let i = 1; i < steps; i++) for (let j = 1; j < steps; j++) points.push([x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps]);
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  return points.filter((p) => inside(p, ring)).sort((a, b) => Math.hypot(a[0] - cx, a[1] - cy) - Math.hypot(b[0] - cx, b[1] - cy));
}

/** A ground point inside one of `features`, on screen, where a click hits no building. Page (client) coordinates. */
async function groundSpotIn(page: Page, features: Feature[]): Promise<{ clientX: number; clientY: number; lonLat: [number, number] } | undefined> {
  const candidates = features.flatMap((f) => outerRings(f).flatMap((ring) => pointsInside(ring)));
  return page.evaluate((points) => {
    const canvas = document.querySelector<HTMLCanvasElement>('#viewer canvas');
    const api = window.__tweeling;
    if (!canvas || !api) return undefined;
    const rect = canvas.getBoundingClientRect();
    for (const [lon, lat] of points) {
      const p = api.groundToCanvas(lon, lat);
      if (!p || p.x < 60 || p.y < 60 || p.x > rect.width - 60 || p.y > rect.height - 60) continue;
      // Clear of buildings for a few pixels around, so a real click there meets the ground.
      const clear = [[0, 0], [4, 0], [-4, 0], [0, 4], [0, -4]].every(([dx, dy]) => !api.pickAt(p.x + dx, p.y + dy));
      if (clear) return { clientX: rect.left + p.x, clientY: rect.top + p.y, lonLat: [lon, lat] as [number, number] };
    }
    return undefined;
  }, candidates.slice(0, 400));
}

describe('omgevingsplan and public-health overlays', { timeout: TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    ensureClientBuilt();
    server = await startTestServer();
    browser = await launchChromium();
  }, 300_000);

  afterEach(async () => {
    while (open.length > 0) await open.pop()?.context.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws zones, envelopes, heritage and exceedances; answers rules and placement checks', async () => {
    const loaded = await openViewer();
    const { page } = loaded;
    const catalogue = await getJson<{ layers: { id: string }[] }>(page, '/api/layers');
    expect(catalogue.layers.map((l) => l.id)).toEqual(expect.arrayContaining(['omgevingsplan-functies', 'omgevingsplan-bouwhoogte', 'omgevingsplan-erfgoed', 'gezondheid']));
    const deckCanvas = 'canvas.deck-overlay';
    const cesiumCanvas = '#viewer .cesium-widget canvas';

    // Zones: toggling the layer changes what deck.gl draws, and its provenance is listed.
    const zonesRow = page.locator('li.layer[data-layer="omgevingsplan-functies"]');
    await expect.poll(() => zonesRow.locator('.layer-meta').textContent()).toContain('CC0');
    const before = await canvasChecksum(page, deckCanvas);
    await page.focus('#layer-omgevingsplan-functies');
    await page.keyboard.press('Space');
    await nextFrames(page);
    await expect.poll(async () => (await canvasChecksum(page, deckCanvas)).opaque).toBeGreaterThan(before.opaque + 10_000);
    expect(await page.locator('[data-legend="zones"] li').count()).toBe(8);
    expect(new URL(page.url()).hash).toContain('show=omgevingsplan-functies');

    // The fade slider, from the keyboard: halfway down, the zones draw fainter. (deck.gl applies layer opacity
    // gamma-corrected, 0.5 ** (1 / 2.2) ≈ 0.73 of the alpha.)
    const full = await canvasChecksum(page, deckCanvas);
    await page.focus('#opacity-omgevingsplan-functies');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await nextFrames(page);
    await expect.poll(async () => (await canvasChecksum(page, deckCanvas)).alpha).toBeLessThan(full.alpha * 0.8);
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('opacity=omgevingsplan-functies:50');

    // Envelopes and exceeding buildings: a building above its norm turns the exceedance colour.
    const exceedances = await getJson<{ buildings: { id: string; heightM: number }[] }>(page, '/api/omgevingsplan/exceedances');
    expect(exceedances.buildings.length).toBeGreaterThan(0);
    // Aim at the roof centre of each exceeding building (a full-canvas pick scan takes minutes under SwiftShader)
    // and keep the first whose roof Cesium picks as that building, a few pixels around.
    const roofs: { id: string; lon: number; lat: number; heightM: number }[] = [];
    for (const b of exceedances.buildings.slice(0, 80)) {
      const item = await getJson<Feature>(page, `/ogc/collections/buildings/items/${encodeURIComponent(b.id)}`);
      const ring = outerRings(item)[0];
      if (!ring) continue;
      const pts = ring.slice(0, -1);
      roofs.push({ id: b.id, lon: pts.reduce((s, p) => s + p[0], 0) / pts.length, lat: pts.reduce((s, p) => s + p[1], 0) / pts.length, heightM: b.heightM });
    }
    const spot = await page.evaluate((candidates) => {
      const canvas = document.querySelector<HTMLCanvasElement>('#viewer canvas');
      const api = window.__tweeling;
      if (!canvas || !api) return undefined;
      const { clientWidth: w, clientHeight: h } = canvas;
      for (const c of candidates) {
        const p = api.groundToCanvas(c.lon, c.lat, c.heightM);
        if (!p || p.x < 20 || p.y < 20 || p.x > w - 20 || p.y > h - 20) continue;
        const [x, y] = [Math.round(p.x), Math.round(p.y)];
        if ([[0, 0], [3, 0], [-3, 0], [0, 3], [0, -3]].every(([dx, dy]) => api.pickAt(x + dx, y + dy)?.id === c.id)) return { x, y, id: c.id };
      }
      return undefined;
    }, roofs);
    expect(spot, 'an exceeding building on screen').toBeTruthy();
    const cesiumBefore = await canvasChecksum(page, cesiumCanvas);
    const colourBefore = await pixel(page, cesiumCanvas, spot!.x, spot!.y);
    await page.check('#layer-omgevingsplan-bouwhoogte');
    await nextFrames(page, 6);
    await expect.poll(async () => (await canvasChecksum(page, cesiumCanvas)).sum, { timeout: 30_000 }).not.toBe(cesiumBefore.sum);
    await expect
      .poll(async () => {
        const [r, g, b] = await pixel(page, cesiumCanvas, spot!.x, spot!.y);
        return r > g + 50 && r > b && (r !== colourBefore[0] || g !== colourBefore[1]);
      }, { timeout: 30_000 })
      .toBe(true);
    expect(await page.locator('[data-legend="buildings"]').textContent()).toContain('hoger dan toegestaan');
    await page.check('#layer-omgevingsplan-erfgoed');
    expect(await page.locator('[data-legend="heritage"]').textContent()).toContain('Beschermd stadsgezicht');
    await nextFrames(page);
    await screenshot(page, 'plan-overlays');

    // "Which rules apply here?": click the ground inside a zone.
    // Parks and water first: there a ground spot clear of buildings is found after a few picks.
    const open = (f: Feature) => (['groen', 'water'].includes(String(f.properties.functie)) ? 0 : 1);
    const zones = (await allFeatures(page, 'omgevingsplan-functies')).sort((a, b) => open(a) - open(b));
    const ground = await groundSpotIn(page, zones);
    expect(ground, 'a clear ground spot inside a zone').toBeTruthy();
    await page.mouse.click(ground!.clientX, ground!.clientY);
    const rules = page.locator('#rules-panel');
    await rules.waitFor({ state: 'visible' });
    await expect.poll(() => rules.locator('.rules-body').textContent()).not.toContain('opvragen');
    expect(await rules.locator('.rules-body').textContent()).not.toContain('niet worden opgevraagd');
    expect(await rules.locator('article.rule').count()).toBeGreaterThan(0);
    expect(new URL(page.url()).hash).toContain('at=');
    await nextFrames(page);
    await screenshot(page, 'rules-here');
    await page.click('#rules-close');
    await rules.waitFor({ state: 'hidden' });

    // Placement check: a 40 m antenna mast, placed by clicking the same spot.
    await page.click('#tool-check');
    expect(new URL(page.url()).hash).toContain('tool=check');
    await page.selectOption('#check-kind', 'antenna-mast');
    await page.fill('#check-height', '40');
    await page.mouse.click(ground!.clientX, ground!.clientY);
    const verdict = page.locator('#check-result .verdict-line .verdict');
    await verdict.waitFor({ state: 'visible' });
    expect(await verdict.getAttribute('data-verdict')).toMatch(/^(allowed|permit-required|not-allowed)$/);
    expect(await verdict.textContent()).toMatch(/^(Toegestaan|Vergunning nodig|Niet toegestaan)$/);
    expect(await page.locator('#check-result .check-reasons li').count()).toBeGreaterThan(0);
    await nextFrames(page);
    await screenshot(page, 'placement-check');
    await expectClean(loaded);
  });

  it('shows the health choropleth with suppressed buurten hatched and labelled, in both languages', async () => {
    const loaded = await openViewer('#show=gezondheid');
    const { page } = loaded;
    const chart = page.locator('#health-chart svg');
    await chart.waitFor({ state: 'attached', timeout: 30_000 });
    const indicator = await page.locator('#health-indicator').inputValue();
    const values = await getJson<{ buurten: { code: string; status: string }[] }>(page, `/api/public-health/indicators/${indicator}`);
    const okCount = values.buurten.filter((b) => b.status === 'ok').length;
    const suppressedRows = chart.locator('g[data-suppressed="true"]');
    expect(await suppressedRows.count()).toBe(values.buurten.length - okCount);
    expect(await suppressedRows.count()).toBeGreaterThan(0);
    expect(await suppressedRows.first().locator('text.health-suppressed').textContent()).toBe('onvoldoende gegevens');
    // Suppressed buurten are labelled, not drawn as a zero-length bar.
    expect(await suppressedRows.locator('rect').count()).toBe(0);
    expect(await chart.locator('g[data-suppressed="false"] rect').count()).toBe(okCount);
    expect(await page.locator('[data-legend="health"] li[data-suppressed="true"]').textContent()).toBe('onvoldoende gegevens');

    // On the map: a suppressed buurt is grey (hatched) in deck.gl's canvas.
    const suppressedCodes = new Set(values.buurten.filter((b) => b.status !== 'ok').map((b) => b.code));
    const buurten = (await allFeatures(page, 'gezondheid')).filter((f) => suppressedCodes.has(String(f.properties.code)));
    const spot = await page.evaluate(
      (points) => {
        const api = window.__tweeling;
        const canvas = document.querySelector<HTMLCanvasElement>('canvas.deck-overlay');
        if (!api || !canvas) return undefined;
        for (const [lon, lat] of points) {
          const p = api.groundToCanvas(lon, lat);
          if (p && p.x > 10 && p.y > 10 && p.x < canvas.clientWidth - 10 && p.y < canvas.clientHeight - 10) return p;
        }
        return undefined;
      },
      buurten.flatMap((f) => outerRings(f).flatMap((r) => pointsInside(r, 12))),
    );
    expect(spot, 'a suppressed buurt on screen').toBeTruthy();
    await nextFrames(page);
    const [r, g, b, a] = await pixel(page, 'canvas.deck-overlay', spot!.x, spot!.y);
    expect(a).toBeGreaterThan(100);
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeLessThan(12);
    await screenshot(page, 'health-choropleth');

    // Another indicator, then English.
    const options = await page.locator('#health-indicator option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
    if (options.length > 1) {
      await page.selectOption('#health-indicator', options[1]);
      await expect.poll(() => new URL(page.url()).hash).toContain(`indicator=${options[1]}`);
      await chart.waitFor({ state: 'attached' });
    }
    await page.click('#language-toggle');
    await expect.poll(() => page.locator('#health-chart svg g[data-suppressed="true"] text.health-suppressed').first().textContent()).toBe('insufficient data');
    expect(await page.locator('#health-heading').textContent()).toBe('Health per neighbourhood');
    await screenshot(page, 'health-english');
    await expectClean(loaded);
  });

  it('keeps a deck.gl marker on a building’s roof corner within 2 px of Cesium as the camera moves', async () => {
    const loaded = await openViewer();
    const { page } = loaded;
    const target = await page.evaluate(() => window.__tweeling?.findBuildingPixel());
    expect(target, 'a building on screen').toBeTruthy();
    const twin = await getJson<{ geoidHeightM?: number }>(page, '/api/twin');
    const item = await getJson<Feature>(page, `/ogc/collections/buildings/items/${encodeURIComponent(target!.id)}`);
    const [lon, lat] = outerRings(item)[0][0];
    const props = item.properties as { groundM: number; heightM: number; cornerHeightsM?: number[] };
    const roofM = props.cornerHeightsM ? props.cornerHeightsM[0] + props.heightM : props.groundM + (twin.geoidHeightM ?? 0) + props.heightM;

    // The camera looks at a point some metres off the corner, so the corner lands somewhere else on screen
    // each time (looking at the corner itself would put it at the centre whatever the rotation).
    const cameras: [heading: number, pitch: number, range: number, eastM: number, northM: number][] = [
      [0, -35, 250, 40, 25],
      [60, -20, 180, -30, 15],
      [150, -55, 320, 60, -50],
      [240, -80, 200, -25, -45],
      [315, -12, 140, 20, 30],
    ];
    const metresPerDegLat = 111_320;
    const metresPerDegLon = metresPerDegLat * Math.cos((lat * Math.PI) / 180);
    const results: { camera: number[]; deck: number[]; cesium: number[]; drawn: number[] }[] = [];
    for (const [heading, pitch, range, eastM, northM] of cameras) {
      const look = [lon + eastM / metresPerDegLon, lat + northM / metresPerDegLat, roofM - 5, heading, pitch, range];
      await page.evaluate(([a, b, c, d, e, f]) => window.__tweeling?.lookAt(a, b, c, d, e, f), look);
      const probe = await page.evaluate(([a, b, c]) => window.__tweeling?.probe?.(a, b, c), [lon, lat, roofM]);
      await nextFrames(page, 4);
      // Where the magenta probe actually is on deck.gl's canvas: the centroid of its pixels.
      const drawn = await page.evaluate(() => {
        const source = document.querySelector<HTMLCanvasElement>('canvas.deck-overlay');
        if (!source) return null;
        const copy = document.createElement('canvas');
        copy.width = source.width;
        copy.height = source.height;
        const ctx = copy.getContext('2d');
        if (!ctx) return null;
        ctx.drawImage(source, 0, 0);
        const { data, width } = ctx.getImageData(0, 0, copy.width, copy.height);
        let sx = 0;
        let sy = 0;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          if (data[i] > 200 && data[i + 1] < 60 && data[i + 2] > 200 && data[i + 3] > 200) {
            const p = i / 4;
            sx += (p % width) + 0.5;
            sy += Math.floor(p / width) + 0.5;
            n++;
          }
        }
        const scale = source.width / source.getBoundingClientRect().width;
        return n > 0 ? [sx / n / scale, sy / n / scale, n] : null;
      });
      expect(probe?.deck, 'deck.gl projects the corner').toBeTruthy();
      expect(probe?.cesium, 'Cesium projects the corner').toBeTruthy();
      expect(drawn, 'the probe is drawn').toBeTruthy();
      const [cx, cy] = probe!.cesium!;
      results.push({ camera: [heading, pitch, range, eastM, northM], deck: probe!.deck!, cesium: [cx, cy], drawn: drawn!.slice(0, 2) });
      expect(Math.hypot(probe!.deck![0] - cx, probe!.deck![1] - cy)).toBeLessThanOrEqual(2);
      expect(Math.hypot(drawn![0] - cx, drawn![1] - cy)).toBeLessThanOrEqual(2);
      if (heading === 150) await screenshot(page, 'deck-probe');
    }
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS_DIR, 'e2e-deck-alignment.json'), `${JSON.stringify({ server: server.kind, building: target!.id, corner: [lon, lat, roofM], results }, null, 2)}\n`);
    await expectClean(loaded);
  });
});
