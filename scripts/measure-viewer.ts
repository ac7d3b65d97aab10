// Opens a running Tweeling in headless Chromium (software WebGL), as a first-time visitor would, and reports
// the time to the first rendered frame and to the buildings being loaded, plus every request that tried to
// leave the machine. Usage: npx tsx scripts/measure-viewer.ts [http://localhost:8080] [screenshot.png]
import { launchChromium, openRecordedPage } from '../test/e2e/support/browser.ts';

const url = process.argv[2] ?? 'http://localhost:8080';
const screenshot = process.argv[3];

const browser = await launchChromium();
try {
  const { page, record } = await openRecordedPage(browser, url);
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.tilesLoaded === 'true' || document.body.dataset.bootFailed === 'true', undefined, {
    timeout: 180_000,
    polling: 250,
  });
  const wallMs = Date.now() - started;
  const timings = await page.evaluate(() => ({
    firstFrameMs: window.__tweeling?.firstFrameMs,
    tilesLoadedMs: window.__tweeling?.tilesLoadedMs,
    bootFailed: document.body.dataset.bootFailed === 'true',
  }));
  if (screenshot) await page.screenshot({ path: screenshot });
  console.log(JSON.stringify({ url, ...timings, wallMs, foreignRequests: record.foreignRequests, consoleErrors: record.consoleErrors }, null, 2));
} finally {
  await browser.close();
}
