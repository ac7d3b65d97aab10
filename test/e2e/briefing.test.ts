// The council member's journey in real Chromium against the real twin: sign in with the keyboard, step through a
// briefing with → and PageDown (and Home/End, and Tab + Enter on the buttons), export it to the printable page, print
// that to PDF and read the PDF back (pdfjs): one page per step after the cover, each with its step's title.
// axe-core checks the briefing and the print page (0 serious/critical violations). Few page loads: SwiftShader.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';
import { postAs, signInByApi } from '../support/workspace-http.ts';
import { launchChromium, openRecordedPage } from './support/browser.ts';
import { axeFindings } from './support/axe.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { expectClean, LOAD_TIMEOUT_MS, type LoadedViewer } from './support/viewer-page.ts';
import { stageLog } from './support/stage-log.ts';

const TEST_TIMEOUT_MS = 600_000;
const PLANNER = { username: 'planner-brief', password: 'planner password 1' };
const COUNCIL = { username: 'raad-brief', password: 'council password 1' };
const STEP_TITLES = ['Het centrum vandaag', 'Van opzij gezien zonder ondergrond', 'Van boven met het omgevingsplan'];

let twin: TestTwin;
let browser: Browser;
const contexts: LoadedViewer[] = [];
let briefingId: string;
let synthetic: boolean;
let planLayer: string | undefined;

async function stepShown(page: Page): Promise<{ step: string | undefined; title: string; counter: string }> {
  return page.evaluate(() => ({
    step: document.getElementById('briefing-stage')?.dataset.step,
    title: document.getElementById('briefing-title')?.textContent ?? '',
    counter: document.getElementById('briefing-counter')?.textContent ?? '',
  }));
}

async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    // Items are runs of glyphs; a line end is marked, not a space, so join them as they lie and mark line ends.
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('').replace(/\s+/g, ' '));
  }
  await document.destroy();
  return pages;
}

describe('council briefing', { timeout: TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    ensureClientBuilt();
    twin = await startTestTwin();
    await createUser(twin.workspace, { ...PLANNER, role: 'planner' });
    await createUser(twin.workspace, { ...COUNCIL, role: 'council' });
    const info = (await (await fetch(`${twin.url}/api/twin`)).json()) as { centerLonLat: [number, number]; groundHeightM: number; synthetic: boolean };
    synthetic = info.synthetic;
    const layers = ((await (await fetch(`${twin.url}/api/layers`)).json()) as { layers: { id: string; kind: string }[] }).layers;
    planLayer = layers.find((l) => l.kind === 'features' && /omgevingsplan/.test(l.id))?.id;
    const [lon, lat] = info.centerLonLat;
    const ground = info.groundHeightM;
    // Three views: from the south, from the west (looking east), and from straight above.
    const steps = [
      { title: STEP_TITLES[0], text: 'Zo ziet het centrum er nu uit.\n\nDe kleuren tonen de functie van elk gebouw.', view: { camera: { lonDeg: lon, latDeg: lat - 0.0045, heightM: ground + 350, headingDeg: 0, pitchDeg: -35 }, layers: ['buildings', 'basemap'] } },
      { title: STEP_TITLES[1], text: 'Zonder ondergrond vallen de hoogteverschillen op.', view: { camera: { lonDeg: lon - 0.007, latDeg: lat, heightM: ground + 300, headingDeg: 90, pitchDeg: -30 }, layers: ['buildings'] } },
      { title: STEP_TITLES[2], text: 'Het omgevingsplan bepaalt wat waar mag.', view: { camera: { lonDeg: lon, latDeg: lat, heightM: ground + 1200, headingDeg: 0, pitchDeg: -89 }, layers: ['buildings', 'basemap', ...(planLayer ? [planLayer] : [])] } },
    ];
    const planner = await signInByApi(twin.url, PLANNER);
    briefingId = (await postAs<{ id: string }>(twin.url, planner, '/api/briefings', { title: 'Briefing Demostad centrum', summary: 'Drie beelden voor de raad.', steps })).id;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close();
    await browser?.close();
    await twin?.close();
  });

  it('a council member signs in, steps through with the keyboard, exports, and the PDF has the pages and titles', async () => {
    const log = stageLog('briefing e2e');
    const opened = await openRecordedPage(browser, twin.url);
    contexts.push(opened);
    const { page } = opened;
    // Reduced motion: each step jumps, which the mode must respect, and keeps the test deterministic.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${twin.url}/?mode=briefing&briefing=${briefingId}`);

    // Sign in with the keyboard only: the form puts the focus in the username field.
    await page.locator('#sign-in-user').waitFor({ timeout: LOAD_TIMEOUT_MS });
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 20_000 }).toBe('sign-in-user');
    expect(await axeFindings(page, ['.sign-in-form'])).toEqual([]);
    await page.keyboard.type(COUNCIL.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(COUNCIL.password);
    await page.keyboard.press('Enter');
    await page.locator('#briefing-next').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.body.dataset.tilesLoaded === 'true', undefined, { timeout: LOAD_TIMEOUT_MS, polling: 250 });
    await page.waitForFunction(() => document.getElementById('briefing-stage')?.dataset.ready === 'true', undefined, { timeout: LOAD_TIMEOUT_MS });
    log('signed in, briefing loaded');
    expect(await stepShown(page)).toEqual({ step: '1', title: STEP_TITLES[0], counter: '1 / 3' });
    // The title has the focus, so a screen reader starts reading at the step.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('briefing-title');
    await page.screenshot({ path: '/tmp/brief-step1.png' });
    expect(await axeFindings(page, ['#briefing-stage', '#app-header'])).toEqual([]);

    // → and PageDown (what presentation clickers send) go forward; the layers follow the step.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => stepShown(page), { timeout: 20_000 }).toEqual({ step: '2', title: STEP_TITLES[1], counter: '2 / 3' });
    await expect.poll(() => page.evaluate(() => (window.__tweeling?.state() as { hiddenLayers: string[] }).hiddenLayers), { timeout: 20_000 }).toEqual(['basemap']);
    await page.screenshot({ path: '/tmp/brief-step2.png' });
    await page.keyboard.press('PageDown');
    await expect.poll(() => stepShown(page), { timeout: 20_000 }).toEqual({ step: '3', title: STEP_TITLES[2], counter: '3 / 3' });
    expect(await page.locator('#briefing-next').isDisabled()).toBe(true);
    // At the end one more press does nothing; PageUp goes back, Home and End jump.
    await page.keyboard.press('PageDown');
    expect((await stepShown(page)).step).toBe('3');
    await page.keyboard.press('PageUp');
    await expect.poll(async () => (await stepShown(page)).step, { timeout: 20_000 }).toBe('2');
    await page.keyboard.press('Home');
    await expect.poll(async () => (await stepShown(page)).step, { timeout: 20_000 }).toBe('1');
    await page.keyboard.press('End');
    await expect.poll(async () => (await stepShown(page)).step, { timeout: 20_000 }).toBe('3');
    await page.screenshot({ path: '/tmp/brief-step3.png' });
    log('stepped with the keys');

    // Keyboard only with Tab and Enter: back to the start with the Previous button, then Next.
    const tabTo = async (id: string) => {
      for (let i = 0; i < 20; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await tabTo('briefing-previous');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stepShown(page)).step, { timeout: 20_000 }).toBe('2');
    await tabTo('briefing-next');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await stepShown(page)).step, { timeout: 20_000 }).toBe('3');
    // Next became disabled under the focus: the focus went to the step title, not lost to <body>.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('briefing-title');
    await expectClean(opened);

    // Export: Tab to the link and follow it with Enter.
    await tabTo('briefing-export');
    await Promise.all([page.waitForURL(/mode=briefing-print/), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.body.dataset.briefingPrintReady === 'true', undefined, { timeout: 180_000, polling: 500 });
    log('print page rendered');
    const pictures = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('.print-picture')].map((img) => ({ ok: img.complete && img.naturalWidth > 0, alt: img.alt, jpeg: img.src.startsWith('data:image/jpeg') })),
    );
    expect(pictures).toHaveLength(3);
    for (const p of pictures) expect(p).toMatchObject({ ok: true, jpeg: true });
    await page.screenshot({ path: '/tmp/brief-print.png', fullPage: true });
    expect(await axeFindings(page, ['#briefing-print'])).toEqual([]);
    if (planLayer) {
      const links = await page.evaluate(() => [...document.querySelectorAll<HTMLAnchorElement>('.print-step:last-child .print-algorithms a')].map((a) => a.getAttribute('href')));
      expect(links.some((href) => href?.startsWith('/api/algorithms#omgevingsplan-'))).toBe(true);
    }

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.writeFileSync('/tmp/brief-export.pdf', pdf);
    const texts = await pdfPageTexts(pdf);
    log(`PDF: ${texts.length} pages`);
    // The cover, then one page per step, each with its own title (and no other step's title).
    expect(texts).toHaveLength(1 + STEP_TITLES.length);
    // Compared without white space: how a PDF splits a line into text runs is the renderer's business.
    const squash = (text: string) => text.replace(/\s+/g, '');
    expect(squash(texts[0])).toContain(squash('Briefing Demostad centrum'));
    if (synthetic) expect(squash(texts[0])).toMatch(/verzonnengemeente|made-upmunicipality/);
    STEP_TITLES.forEach((title, i) => {
      expect(squash(texts[i + 1]), `page ${i + 2}`).toContain(squash(title));
      for (const other of STEP_TITLES.filter((t) => t !== title)) expect(squash(texts[i + 1])).not.toContain(squash(other));
    });
    await expectClean(opened);
  });

  it('a planner builds a briefing from the current view and saves it', async () => {
    const opened = await openRecordedPage(browser, twin.url);
    contexts.push(opened);
    const { page } = opened;
    await page.goto(`${twin.url}/?mode=briefing-edit`);
    await page.locator('#sign-in-user').waitFor({ timeout: LOAD_TIMEOUT_MS });
    await page.fill('#sign-in-user', PLANNER.username);
    await page.fill('#sign-in-password', PLANNER.password);
    await page.keyboard.press('Enter');
    await page.locator('#briefing-add-step').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.body.dataset.tilesLoaded === 'true', undefined, { timeout: LOAD_TIMEOUT_MS, polling: 250 });
    await page.fill('#briefing-edit-title', 'Nieuwe briefing');
    await page.fill('#briefing-step-title', 'Overzicht');
    await page.fill('#briefing-step-text', 'De hele stad.');
    await page.click('#briefing-add-step');
    // A second step without the basemap: the step keeps the layers that were visible when it was added.
    await page.evaluate(() => {
      location.hash = '#hide=basemap';
    });
    await expect.poll(() => page.evaluate(() => (window.__tweeling?.state() as { hiddenLayers: string[] }).hiddenLayers), { timeout: 20_000 }).toEqual(['basemap']);
    await page.fill('#briefing-step-title', 'Alleen gebouwen');
    await page.click('#briefing-add-step');
    expect(await page.locator('#briefing-edit-steps li').count()).toBe(2);
    expect(await axeFindings(page, ['#briefing-editor'])).toEqual([]);
    await page.click('#briefing-save');
    await page.waitForURL(/mode=briefing-edit&briefing=/, { timeout: 20_000 });
    await page.screenshot({ path: '/tmp/brief-editor.png' });
    const id = new URL(page.url()).searchParams.get('briefing');
    const council = await signInByApi(twin.url, COUNCIL);
    const saved = (await (await fetch(`${twin.url}/api/briefings/${id}`, { headers: { cookie: council.cookie } })).json()) as {
      title: string;
      steps: { title: string; text: string; view: { layers: string[]; camera: { heightM: number } } }[];
    };
    expect(saved.title).toBe('Nieuwe briefing');
    expect(saved.steps.map((st) => [st.title, st.text])).toEqual([
      ['Overzicht', 'De hele stad.'],
      ['Alleen gebouwen', ''],
    ]);
    expect(saved.steps[0].view.layers).toContain('basemap');
    expect(saved.steps[1].view.layers).not.toContain('basemap');
    expect(saved.steps[1].view.layers).toContain('buildings');
    expect(saved.steps[0].view.camera.heightM).toBeGreaterThan(0);
    await expectClean(opened);
  });
});
