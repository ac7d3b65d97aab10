// The offline viewer in real Chromium (software WebGL) under the production Content Security Policy.
// Every test: no request leaves the test server, no CSP violation, no console error.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALGORITHMS } from '../../server/algorithms/register.ts';
import {
  canvasPixelStats,
  cspViolations,
  launchChromium,
  openRecordedPage,
  type PageRecord,
} from './support/browser.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { ARTIFACTS_DIR } from './support/paths.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';

const TEST_TIMEOUT_MS = 120_000;
const LOAD_TIMEOUT_MS = 90_000;

let server: TestServer;
let browser: Browser;
let clientBuild: { built: boolean; ms: number };
const open: { context: BrowserContext; page: Page; record: PageRecord }[] = [];

interface Loaded {
  page: Page;
  record: PageRecord;
  wallReadyMs: number;
}

async function loadViewer(hash = ''): Promise<Loaded> {
  const opened = await openRecordedPage(browser, server.url);
  open.push(opened);
  const started = Date.now();
  await opened.page.goto(`${server.url}/${hash}`);
  await opened.page.waitForFunction(
    () => document.body.dataset.tilesLoaded === 'true' || document.body.dataset.bootFailed === 'true',
    undefined,
    { timeout: LOAD_TIMEOUT_MS, polling: 250 },
  );
  expect(await opened.page.evaluate(() => document.body.dataset.bootFailed)).toBeUndefined();
  await opened.page.evaluate(() => window.__tweeling?.ready);
  return { ...opened, wallReadyMs: Date.now() - started };
}

async function expectClean({ page, record }: { page: Page; record: PageRecord }): Promise<void> {
  expect(record.foreignRequests, 'requests to other hosts').toEqual([]);
  expect(await cspViolations(page), 'CSP violations').toEqual([]);
  expect(record.pageErrors, 'uncaught page errors').toEqual([]);
  expect(record.consoleErrors, 'console errors').toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `e2e-${name}.png`) });
}

/** A point where a real click hits a building (scanned with scene.pick in the page). */
async function findBuilding(page: Page): Promise<{ clientX: number; clientY: number; id: string }> {
  const hit = await page.evaluate(() => window.__tweeling?.findBuildingPixel());
  expect(hit, 'a building somewhere on screen').toBeTruthy();
  return hit as { clientX: number; clientY: number; id: string };
}

async function pixelAt(page: Page, clientX: number, clientY: number): Promise<number[]> {
  return page.evaluate(
    ([x, y]) => {
      const source = document.querySelector<HTMLCanvasElement>('#viewer canvas');
      if (!source) throw new Error('no canvas');
      const rect = source.getBoundingClientRect();
      const copy = document.createElement('canvas');
      copy.width = source.width;
      copy.height = source.height;
      const ctx = copy.getContext('2d');
      if (!ctx) throw new Error('no 2D context');
      ctx.drawImage(source, 0, 0);
      const scale = source.width / rect.width;
      return [...ctx.getImageData(Math.round((x - rect.left) * scale), Math.round((y - rect.top) * scale), 1, 1).data];
    },
    [clientX, clientY],
  );
}

/** Waits until Cesium has drawn at least one more frame. */
async function nextFrames(page: Page, frames = 2): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    frames + 2,
  );
}

describe('offline viewer in Chromium', { timeout: TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    clientBuild = ensureClientBuilt();
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

  it('renders the twin from its own origin only, under the strict CSP', async () => {
    const loaded = await loadViewer();
    const { page } = loaded;
    const stats = await canvasPixelStats(page);
    await screenshot(page, 'loaded');
    expect(stats.width).toBeGreaterThan(300);
    // A blank or single-colour canvas has (near) zero variance and a handful of colours.
    expect(stats.variance).toBeGreaterThan(100);
    expect(stats.distinctColours).toBeGreaterThan(10);
    await expect.poll(() => page.locator('#synthetic-banner').textContent()).toContain('synthetische gemeente');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    await expectClean(loaded);

    const timings = await page.evaluate(() => ({
      firstFrameMs: window.__tweeling?.firstFrameMs,
      tilesLoadedMs: window.__tweeling?.tilesLoadedMs,
      domContentLoadedMs: performance.getEntriesByType('navigation')[0]
        ? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd
        : undefined,
    }));
    expect(timings.firstFrameMs).toBeGreaterThan(0);
    expect(timings.tilesLoadedMs).toBeGreaterThanOrEqual(timings.firstFrameMs ?? 0);
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.writeFileSync(
      path.join(ARTIFACTS_DIR, 'e2e-timings.json'),
      `${JSON.stringify(
        {
          measuredAt: new Date().toISOString(),
          server: server.kind,
          viewport: page.viewportSize(),
          renderer: 'Chromium, SwiftShader WebGL (software)',
          clientBuildMs: clientBuild.built ? clientBuild.ms : null,
          ...timings,
          navigationToReadyWallMs: loaded.wallReadyMs,
          canvas: stats,
        },
        null,
        2,
      )}\n`,
    );
  });

  it('shows a clicked building’s attributes and addresses', async () => {
    const loaded = await loadViewer();
    const { page } = loaded;
    const target = await findBuilding(page);
    await page.mouse.click(target.clientX, target.clientY);
    const panel = page.locator('#building-panel');
    await panel.waitFor({ state: 'visible' });
    await expect.poll(() => panel.locator('[data-attribute="id"]').textContent()).toBe(target.id);
    const functionText = await panel.locator('[data-attribute="function"]').textContent();
    expect(functionText).toMatch(/^(Woning|Winkel|Kantoor|Industrie|Maatschappelijk|Monument)$/);
    await expect.poll(() => panel.locator('.building-addresses').textContent()).not.toContain('laden');
    expect(await panel.locator('.building-addresses').textContent()).not.toContain('niet');
    // The selection is part of the shareable state.
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(`building=${target.id}`);
    await nextFrames(page);
    await screenshot(page, 'building-selected');
    await expectClean(loaded);
  });

  it('switches language from the keyboard and relabels the UI', async () => {
    const loaded = await loadViewer();
    const { page } = loaded;
    expect(await page.locator('#layers-heading').textContent()).toBe('Lagen');
    await page.focus('#language-toggle');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#layers-heading').textContent()).toBe('Layers');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.locator('#synthetic-banner').textContent()).toContain('synthetic municipality');
    expect(await page.locator('label[for="colour-mode"]').textContent()).toBe('Colour buildings by');
    expect(await page.locator('#language-toggle').textContent()).toBe('Nederlands');
    expect(new URL(page.url()).hash).toContain('lang=en');
    // The algorithm register follows the language too, and lists every registered algorithm.
    expect(await page.locator('#algorithms-heading').textContent()).toBe('Algorithm register');
    const tiling = ALGORITHMS.find((a) => a.id === 'lod1-extrusion')!;
    await expect.poll(() => page.locator('[data-algorithm="lod1-extrusion"] summary').textContent()).toBe(tiling.title.en);
    expect(await page.locator('details.algorithm').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'english');
    await expectClean(loaded);
  });

  it('recolours buildings by height with a matching legend', async () => {
    const loaded = await loadViewer();
    const { page } = loaded;
    const target = await findBuilding(page);
    const before = await pixelAt(page, target.clientX, target.clientY);
    await page.selectOption('#colour-mode', 'height');
    await expect
      .poll(() => page.locator('[data-legend="buildings"] li').first().textContent())
      .toBe('lager dan 6 m');
    await nextFrames(page, 4);
    await expect.poll(() => pixelAt(page, target.clientX, target.clientY), { timeout: 20_000 }).not.toEqual(before);
    expect(new URL(page.url()).hash).toContain('colour=height');
    await screenshot(page, 'by-height');
    await expectClean(loaded);
  });

  it('hides a layer from its checkbox and restores state from the URL', async () => {
    const loaded = await loadViewer('#lang=en&colour=year');
    const { page } = loaded;
    expect(await page.locator('#layers-heading').textContent()).toBe('Layers');
    expect(await page.locator('#colour-mode').inputValue()).toBe('year');
    const target = await findBuilding(page);
    await page.uncheck('#layer-buildings');
    await nextFrames(page);
    const picked = await page.evaluate(
      ([x, y]) => {
        const canvas = document.querySelector('#viewer canvas') as HTMLCanvasElement;
        const rect = canvas.getBoundingClientRect();
        return window.__tweeling?.pickAt(x - rect.left, y - rect.top) ?? null;
      },
      [target.clientX, target.clientY],
    );
    expect(picked).toBeNull();
    expect(new URL(page.url()).hash).toContain('hide=buildings');
    await expectClean(loaded);
  });
});
