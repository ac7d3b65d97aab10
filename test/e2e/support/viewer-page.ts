// What every browser test of the viewer does: open a recorded page (foreign requests blocked), wait until the
// tiles and overlays are in, check the page stayed clean, take screenshots and read canvases.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { cspViolations, openRecordedPage, type PageRecord } from './browser.ts';
import { ARTIFACTS_DIR } from './paths.ts';

export const LOAD_TIMEOUT_MS = 90_000;

export interface LoadedViewer {
  context: BrowserContext;
  page: Page;
  record: PageRecord;
}

/** Opens the viewer at baseUrl/hash and waits for tiles and overlays; the caller closes the context. */
export async function loadViewer(browser: Browser, baseUrl: string, hash = ''): Promise<LoadedViewer> {
  const opened = await openRecordedPage(browser, baseUrl);
  await opened.page.goto(`${baseUrl}/${hash}`);
  await opened.page.waitForFunction(
    () => document.body.dataset.tilesLoaded === 'true' || document.body.dataset.bootFailed === 'true',
    undefined,
    { timeout: LOAD_TIMEOUT_MS, polling: 250 },
  );
  expect(await opened.page.evaluate(() => document.body.dataset.bootFailed)).toBeUndefined();
  await opened.page.evaluate(async () => {
    await window.__tweeling?.ready;
    await window.__tweeling?.overlaysReady;
  });
  return opened;
}

/** No request left the machine, no CSP violation, no uncaught error, no console error. */
export async function expectClean({ page, record }: { page: Page; record: PageRecord }): Promise<void> {
  expect(record.foreignRequests, 'requests to other hosts').toEqual([]);
  expect(await cspViolations(page), 'CSP violations').toEqual([]);
  expect(record.pageErrors, 'uncaught page errors').toEqual([]);
  expect(record.consoleErrors, 'console errors').toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `e2e-${name}.png`) });
}

export async function nextFrames(page: Page, frames = 3): Promise<void> {
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

/** Sum of RGBA over one of the viewer's canvases (Cesium's or deck.gl's), a cheap "did the picture change" probe. */
export async function canvasChecksum(page: Page, selector: string): Promise<{ sum: number; alpha: number; opaque: number }> {
  return page.evaluate((sel) => {
    const source = document.querySelector<HTMLCanvasElement>(sel);
    if (!source) throw new Error(`no canvas ${sel}`);
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let sum = 0;
    let alpha = 0;
    let opaque = 0;
    for (let i = 0; i < data.length; i += 4) {
      sum += data[i] + data[i + 1] + data[i + 2] + data[i + 3];
      alpha += data[i + 3];
      if (data[i + 3] > 0) opaque++;
    }
    return { sum, alpha, opaque };
  }, selector);
}
