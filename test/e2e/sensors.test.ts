// The sensor layer in real Chromium against the real twin: SensorThings data drawn as coloured columns, a time
// slider driven from the keyboard that changes the colours, and a click on a citizen sensor that charts raw,
// calibrated and reference values.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/browser.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import { canvasChecksum, expectClean, type LoadedViewer, loadViewer, nextFrames, screenshot } from './support/viewer-page.ts';

let server: TestServer;
let browser: Browser;
const open: LoadedViewer[] = [];

interface SensorHooks {
  state: { visible: boolean; hour: number; hours: number; selected: string | null };
  colours(): Record<string, string>;
  screenPosition(siteId: string): { x: number; y: number } | undefined;
  citizenSites(): string[];
  loaded: Promise<void>;
}

describe('sensors with a time slider', { timeout: 180_000 }, () => {
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

  it('colours sensors by the hour on the slider and charts a clicked citizen sensor', async () => {
    if (server.kind !== 'twin') return expect.fail('the sensor test needs the real twin (its SensorThings API)');
    const loaded = await loadViewer(browser, server.url, '#show=sensoren');
    open.push(loaded);
    const { page } = loaded;
    const panel = page.locator('#sensors-panel');
    await panel.waitFor({ state: 'visible', timeout: 30_000 });
    await page.evaluate(async () => (window.__tweeling as unknown as { sensors: SensorHooks }).sensors.loaded);
    const hooks = () => page.evaluate(() => {
      const s = (window.__tweeling as unknown as { sensors: SensorHooks }).sensors;
      return { hour: s.state.hour, hours: s.state.hours, colours: s.colours() };
    });
    const before = await hooks();
    expect(before.hours).toBe(30 * 24);
    const coloured = Object.values(before.colours).filter((c) => c !== '');
    expect(coloured.length, 'sensors with a value at the opening hour').toBeGreaterThan(20);
    expect(await page.locator('[data-legend="sensors"] li').count()).toBe(5);
    expect(await page.locator('.sensors-basis').textContent()).toContain('WHO');

    // Scrub the slider from the keyboard, 12 hours back (night instead of afternoon): colours change.
    const deckCanvas = 'canvas.deck-overlay';
    const pictureBefore = await canvasChecksum(page, deckCanvas);
    await page.focus('#sensors-hour');
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowLeft');
    await nextFrames(page);
    const after = await hooks();
    expect(after.hour).toBe(before.hour - 12);
    const changed = Object.keys(after.colours).filter((id) => after.colours[id] !== before.colours[id]);
    expect(changed.length, 'sensors whose colour changed').toBeGreaterThan(0);
    await expect.poll(async () => (await canvasChecksum(page, deckCanvas)).sum).not.toBe(pictureBefore.sum);
    expect(await page.locator('#sensors-time').textContent()).toMatch(/\d{2}:\d{2}/);
    await screenshot(page, 'sensors-night');

    // Click a citizen sensor: its chart shows raw, calibrated and the reference station.
    const target = await page.evaluate(() => {
      const s = (window.__tweeling as unknown as { sensors: SensorHooks }).sensors;
      for (const id of s.citizenSites()) {
        const p = s.screenPosition(id);
        const canvas = document.querySelector<HTMLCanvasElement>('#viewer canvas');
        if (p && canvas && p.x > 40 && p.y > 40 && p.x < canvas.clientWidth - 40 && p.y < canvas.clientHeight - 40) {
          const r = canvas.getBoundingClientRect();
          return { id, x: r.left + p.x, y: r.top + p.y };
        }
      }
      return undefined;
    });
    expect(target, 'a citizen sensor on screen').toBeTruthy();
    await page.mouse.click(target!.x, target!.y);
    const chart = page.locator('#sensors-chart svg');
    await chart.waitFor({ state: 'attached', timeout: 20_000 });
    await expect.poll(() => chart.locator('path[data-series]').count()).toBe(3);
    expect(await page.evaluate(() => (window.__tweeling as unknown as { sensors: SensorHooks }).sensors.state.selected)).toBe(target!.id);
    await screenshot(page, 'sensors-chart');

    // English: the panel follows the language toggle.
    await page.click('button.language-toggle');
    await expect.poll(() => page.locator('#sensors-heading').textContent()).toBe('Sensors');
    await expectClean(loaded);
  });
});
