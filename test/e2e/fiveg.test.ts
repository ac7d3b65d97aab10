// The 5G scenario in real Chromium against the real twin: place candidate antennas by clicking the street, run
// the coverage, and see the heatmap, the per-buurt table, the siting verdict and the change a second site makes.
// One page load: SwiftShader on two cores is slow.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { ARTIFACTS_DIR } from './support/paths.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { canvasChecksum, expectClean, type LoadedViewer, loadViewer, screenshot } from './support/viewer-page.ts';
import { stageLog } from './support/stage-log.ts';

// A ceiling for a loaded 2-core CI machine, not a speed target (speed lives in npm run bench).
const TEST_TIMEOUT_MS = 180_000;
const VERDICTS = ['allowed', 'permit-required', 'not-allowed'];

let server: TestServer;
let browser: Browser;
let opened: LoadedViewer | undefined;

/** deck.gl's canvas, where the 5G overlays draw. */
const deckChecksum = (page: Page) => canvasChecksum(page, 'canvas.deck-overlay');

/**
 * Two street spots for masts, far apart on screen: street midpoints (streets never run through buildings) that
 * Cesium picks as ground, not a building, at that very pixel. Few picks: each one is a render pass in SwiftShader.
 */
async function streetSpots(page: Page): Promise<{ clientX: number; clientY: number }[]> {
  return page.evaluate(async () => {
    const canvas = document.querySelector<HTMLCanvasElement>('#viewer canvas');
    const api = window.__tweeling;
    if (!canvas || !api) return [];
    const basemap = await (await fetch('/api/basemap')).json();
    const rect = canvas.getBoundingClientRect();
    const onScreen: { x: number; y: number }[] = [];
    for (const f of basemap.features as { geometry: { type: string; coordinates: number[][] }; properties: { layer?: string; class?: string } }[]) {
      if (f.properties.layer !== 'streets' || !['hoofdweg', 'wijkweg'].includes(f.properties.class ?? '') || f.geometry.type !== 'LineString') continue;
      const [lon, lat] = f.geometry.coordinates[Math.floor(f.geometry.coordinates.length / 2)];
      const p = api.groundToCanvas(lon, lat);
      if (p && p.x > 80 && p.y > 120 && p.x < rect.width - 80 && p.y < rect.height - 80) onScreen.push(p);
    }
    const [cx, cy] = [rect.width / 2, rect.height / 2];
    onScreen.sort((a, b) => Math.hypot(a.x - cx, a.y - cy) - Math.hypot(b.x - cx, b.y - cy));
    const clear = (p: { x: number; y: number }) => !api.pickAt(p.x, p.y);
    const first = onScreen.slice(0, 12).find(clear);
    if (!first) return [];
    const far = onScreen.filter((p) => Math.hypot(p.x - first.x, p.y - first.y) > 250).sort((a, b) => Math.hypot(b.x - first.x, b.y - first.y) - Math.hypot(a.x - first.x, a.y - first.y));
    const second = far.slice(0, 12).find(clear);
    return [first, ...(second ? [second] : [])].map((p) => ({ clientX: rect.left + p.x, clientY: rect.top + p.y }));
  });
}

describe('5G scenario', { timeout: TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    ensureClientBuilt();
    server = await startTestServer();
    browser = await launchChromium();
    // Warm the server's once-per-town setup (buildings scene for line of sight) outside the timed test.
    const warm = await fetch(`${server.url}/api/fiveg/coverage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ useStoredAntennas: true, options: { gridCellM: 0 }, include: { addresses: false, grid: false } }),
    });
    expect(warm.status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await server?.close();
  });

  it('places candidate antennas by clicking, runs coverage, shows heatmap, table, siting verdict and the gain of a second site', async () => {
    const started = performance.now();
    const step = stageLog('fiveg e2e');
    // Shared link state: count addresses at the "excellent" threshold, where an extra site shows most.
    opened = await loadViewer(browser, server.url, '#rsrp=-80');
    const { page } = opened;
    await page.evaluate(async () => window.__tweeling?.fivegReady);

    step('loaded');
    // The tool from the keyboard; the existing antennas appear on the map.
    const beforeTool = await deckChecksum(page);
    await page.focus('#tool-fiveg');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toContain('tool=fiveg');
    await expect.poll(async () => (await deckChecksum(page)).sum).not.toBe(beforeTool.sum);
    expect(await page.locator('#fiveg-legend li').count()).toBe(5);
    expect(await page.inputValue('#fiveg-threshold')).toBe('-80');

    step('tool on');
    // Two street spots far apart, on screen and clear of buildings.
    const spots = await streetSpots(page);
    expect(spots.length, 'two street spots on screen').toBe(2);
    step('spots found');
    await page.mouse.click(spots[0].clientX, spots[0].clientY);
    await page.locator('#fiveg-c1-title').waitFor({ state: 'visible' });
    expect(await page.locator('#fiveg-c1-title').textContent()).toContain('mast');
    expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/ant=m,5\.\d+,51\.\d+,25,0_120_240,6,70,n78/);
    const siting = page.locator('#fiveg-c1-siting .verdict-line [data-verdict]');
    await siting.waitFor({ state: 'visible', timeout: 20_000 });
    expect(VERDICTS).toContain(await siting.getAttribute('data-verdict'));
    step('candidate 1 checked');
    await screenshot(page, 'fiveg-candidate');

    // Drag the candidate's marker to another spot: the camera holds still, the URL and the siting verdict follow.
    const antOf = () => new URLSearchParams(new URL(page.url()).hash.slice(1)).get('ant') ?? '';
    const placed = antOf();
    await page.mouse.move(spots[0].clientX, spots[0].clientY);
    await page.mouse.down();
    for (let i = 1; i <= 2; i++) await page.mouse.move(spots[0].clientX + i * 24, spots[0].clientY + i * 12);
    await page.mouse.up();
    await expect.poll(antOf, { timeout: 10_000 }).not.toBe(placed);
    expect(await page.locator('#fiveg-candidates > li').count(), 'dragging moves, it does not add').toBe(1);
    await siting.waitFor({ state: 'visible', timeout: 20_000 });
    expect(VERDICTS).toContain(await siting.getAttribute('data-verdict'));
    step('candidate 1 dragged and checked again');

    // The keyboard alternative: 5 m north raises the latitude (~0.000045°); its re-check runs on in the background.
    const dragged = antOf();
    await page.focus('#fiveg-c1-move-north');
    await page.keyboard.press('Enter');
    await expect.poll(antOf).not.toBe(dragged);
    const latOf = (ant: string) => Number(ant.split(',')[2]);
    expect(latOf(antOf()) - latOf(dragged)).toBeCloseTo(5 / 111_200, 5);
    step('candidate 1 moved from the keyboard');

    step('candidate 1 placed and checked');
    // First run: the heatmap is drawn and the per-buurt table has numbers.
    const beforeRun = await deckChecksum(page);
    await page.click('#fiveg-run');
    await expect.poll(() => page.locator('#fiveg-status').getAttribute('data-runs'), { timeout: 30_000 }).toBe('1');
    step('first run answered');
    await expect.poll(async () => (await deckChecksum(page)).opaque, { timeout: 10_000 }).toBeGreaterThan(beforeRun.opaque + 20_000);
    const firstPercents = await page.locator('#fiveg-buurten td.fiveg-percent').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-percent')));
    expect(firstPercents.length).toBeGreaterThan(1);
    for (const p of firstPercents) expect(Number.isFinite(Number(p)) && p !== '').toBe(true);
    expect(await page.locator('#fiveg-chart svg g[data-buurt]').count()).toBe(firstPercents.length);
    expect(await page.locator('#fiveg-exposure tbody tr').count()).toBe(firstPercents.length);
    await screenshot(page, 'fiveg-coverage');

    // The exposure map: buildings recoloured by their highest EMF exposure, with its own legend; and back.
    const cesiumCanvas = '#viewer .cesium-widget canvas';
    const bySignal = await canvasChecksum(page, cesiumCanvas);
    await page.selectOption('#fiveg-colour-by', 'exposure');
    await page.locator('[data-legend="exposure"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-legend="exposure"] li').count()).toBe(7);
    await expect.poll(async () => (await canvasChecksum(page, cesiumCanvas)).sum, { timeout: 15_000 }).not.toBe(bySignal.sum);
    await screenshot(page, 'fiveg-exposure-map');
    await page.selectOption('#fiveg-colour-by', 'signal');
    await page.locator('#fiveg-legend').waitFor({ state: 'visible' });

    step('first run shown');
    // A second candidate elsewhere: rerun, and at least one buurt gains coverage.
    await page.mouse.click(spots[1].clientX, spots[1].clientY);
    await page.locator('#fiveg-c2-title').waitFor({ state: 'visible' });
    await page.fill('#fiveg-c2-height', '35');
    await page.press('#fiveg-c2-height', 'Tab');
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toMatch(/;m,5\.\d+,51\.\d+,35,/);
    await page.click('#fiveg-run');
    await expect.poll(() => page.locator('#fiveg-status').getAttribute('data-runs'), { timeout: 30_000 }).toBe('2');
    step('second run answered');
    const changes = await page.locator('#fiveg-buurten td.fiveg-change').evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-change'))));
    expect(Math.max(...changes), 'percentage points gained in the best buurt').toBeGreaterThan(0);
    await expect.poll(() => page.locator('#fiveg-c2-siting .verdict-line [data-verdict]').getAttribute('data-verdict'), { timeout: 20_000 }).toMatch(/^(allowed|permit-required|not-allowed)$/);
    await screenshot(page, 'fiveg-second-site');

    // Remove the second candidate from the keyboard; the panel speaks English after the language toggle.
    await page.focus('#fiveg-c2-remove');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#fiveg-candidates > li').count()).toBe(1);
    expect(decodeURIComponent(new URL(page.url()).hash)).not.toContain(';m,');

    // The optimiser from the keyboard: two rooftop sites join the candidates, one bar each in the gain chart.
    expect(await page.locator('#fiveg-optimise').textContent()).toBe('Optimaliseer plaatsing');
    await page.fill('#fiveg-optimise-k', '2');
    await page.focus('#fiveg-optimise');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#fiveg-optimise-status').getAttribute('data-state'), { timeout: 40_000 }).toBe('done');
    step('optimiser answered');
    expect(await page.locator('#fiveg-optimise-chart svg g.fiveg-optimise-bar').count()).toBe(2);
    await expect.poll(() => page.locator('#fiveg-candidates > li').count()).toBe(3);
    expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(/;r,5\.\d+,51\.\d+,4,0_120_240,6,70,n78,[^;]+;r,/);
    await page.locator('#fiveg-optimise-chart').scrollIntoViewIfNeeded();
    await screenshot(page, 'fiveg-optimiser');

    await page.click('#language-toggle');
    await expect.poll(() => page.locator('#fiveg-heading').textContent()).toBe('5G scenario');
    expect(await page.locator('#fiveg-optimise').textContent()).toBe('Optimise siting');
    expect(await page.locator('#fiveg-legend li[data-class="excellent"]').textContent()).toContain('Excellent');

    step('second run shown');
    await expectClean(opened);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(ARTIFACTS_DIR, 'e2e-fiveg.json'),
      `${JSON.stringify({ server: server.kind, spots, firstPercents, changes, seconds: Math.round((performance.now() - started) / 1000) }, null, 2)}\n`,
    );
  });
});
