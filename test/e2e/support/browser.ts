// Real Chromium (Debian's, software WebGL) driven by playwright-core, with a page that records everything a
// test must assert on: requests to other hosts (aborted), CSP violations and console errors.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.TWEELING_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const VIEWPORT = { width: 1024, height: 700 };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

export interface PageRecord {
  /** URLs the page tried to fetch from any host but the test server; all were aborted. */
  foreignRequests: string[];
  consoleErrors: string[];
  pageErrors: string[];
}

export interface CspViolation {
  directive: string;
  blockedURI: string;
  sourceFile: string;
}

declare global {
  interface Window {
    __cspViolations?: CspViolation[];
  }
}

export async function openRecordedPage(
  browser: Browser,
  baseUrl: string,
): Promise<{ context: BrowserContext; page: Page; record: PageRecord }> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const record: PageRecord = { foreignRequests: [], consoleErrors: [], pageErrors: [] };
  const allowedHost = new URL(baseUrl).host;
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let host: string | undefined;
    try {
      host = new URL(url).host;
    } catch {
      host = undefined;
    }
    if (host === allowedHost) return route.continue();
    // data: and blob: URLs never reach the router; anything else here is a network request to elsewhere.
    record.foreignRequests.push(url);
    return route.abort('blockedbyclient');
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.__cspViolations?.push({
        directive: event.effectiveDirective,
        blockedURI: event.blockedURI,
        sourceFile: event.sourceFile,
      });
    });
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.pageErrors.push(String(error)));
  page.on('worker', (worker) => {
    worker.on('console', (message) => {
      if (message.type() === 'error') record.consoleErrors.push(`[worker ${worker.url()}] ${message.text()}`);
    });
  });
  return { context, page, record };
}

export async function cspViolations(page: Page): Promise<CspViolation[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

/**
 * Pixel statistics of the Cesium canvas, read in the page through a 2D canvas (works because the WebGL context
 * keeps its drawing buffer). A blank or single-colour canvas has a variance near zero.
 */
export async function canvasPixelStats(
  page: Page,
): Promise<{ width: number; height: number; variance: number; distinctColours: number }> {
  return page.evaluate(() => {
    const source = document.querySelector<HTMLCanvasElement>('#viewer canvas');
    if (!source) throw new Error('no Cesium canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const ctx = copy.getContext('2d');
    if (!ctx) throw new Error('no 2D context');
    ctx.drawImage(source, 0, 0);
    const { data } = ctx.getImageData(0, 0, copy.width, copy.height);
    let sum = 0;
    let sumSq = 0;
    const colours = new Set<number>();
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      sum += luma;
      sumSq += luma * luma;
      if (colours.size < 5000) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    const mean = sum / n;
    return { width: copy.width, height: copy.height, variance: sumSq / n - mean * mean, distinctColours: colours.size };
  });
}
