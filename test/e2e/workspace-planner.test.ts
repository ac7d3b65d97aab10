// The planner's journey in real Chromium against the real twin: sign in with the keyboard only, build two scenarios
// from two antenna sets, run both, compare them side by side (table + swipe on the globe), restore an old version,
// open the algorithm register; then a council member sees the same scenario without edit controls, and the server
// refuses a forced edit. axe-core checks the panels and the register page (0 serious/critical violations).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';
import { postAs, signInByApi } from '../support/workspace-http.ts';
import { launchChromium } from './support/browser.ts';
import { axeFindings } from './support/axe.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { expectClean, loadViewer, type LoadedViewer } from './support/viewer-page.ts';
import { stageLog } from './support/stage-log.ts';

// A ceiling for a loaded 2-core machine (two scenario runs, the current situation and SwiftShader), not a target.
const TEST_TIMEOUT_MS = 420_000;
const RUN_TIMEOUT_MS = 150_000;
const PLANNER = { username: 'planner-e2e', password: 'planner password 1' };
const COUNCIL = { username: 'raad-e2e', password: 'council password 1' };

let twin: TestTwin;
let browser: Browser;
const contexts: LoadedViewer[] = [];
let centre: [number, number];

/** A scenario made over HTTP by the planner, so the council test does not depend on the planner's test. */
async function createScenarioAsPlanner(name: string): Promise<string> {
  const planner = await signInByApi(twin.url, PLANNER);
  return (await postAs<{ id: string }>(twin.url, planner, '/api/scenarios', { name, inputs: {} })).id;
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `/tmp/ws-${name}.png` });
}

/** `m,lon,lat,height,azimuths,tilt,eirp,band` for the URL hash (client/fiveg/fiveg-candidate.ts). */
function mast(dLonDeg: number, dLatDeg: number): string {
  return `m,${(centre[0] + dLonDeg).toFixed(6)},${(centre[1] + dLatDeg).toFixed(6)},30,0_120_240,4,72,n78`;
}

async function scenarioIdNamed(page: Page, name: string): Promise<string> {
  const locator = page.locator('#ws-scenario-list button.ws-choose', { hasText: name });
  await locator.first().waitFor({ timeout: 20_000 });
  return (await locator.first().getAttribute('data-scenario')) ?? '';
}

async function choose(page: Page, id: string): Promise<void> {
  const button = page.locator(`#ws-scenario-list button[data-scenario="${id}"]`);
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await expect.poll(() => new URL(page.url()).hash).toContain(`scenario=${id}`);
  await page.locator('#ws-detail').waitFor({ state: 'visible' });
}

async function runChosen(page: Page): Promise<void> {
  await page.click('#ws-run');
  await page.locator('#ws-indicators dd[data-indicator="coveragePct"]').waitFor({ timeout: RUN_TIMEOUT_MS });
}

describe('planner workspace', { timeout: TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    ensureClientBuilt();
    twin = await startTestTwin();
    await createUser(twin.workspace, { ...PLANNER, role: 'planner' });
    await createUser(twin.workspace, { ...COUNCIL, role: 'council' });
    centre = ((await (await fetch(`${twin.url}/api/twin`)).json()) as { centerLonLat: [number, number] }).centerLonLat;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close();
    await browser?.close();
    await twin?.close();
  });

  it('signs in by keyboard, builds, runs and compares two scenarios, restores a version, opens the register', async () => {
    const step = stageLog('workspace e2e');
    const two = [mast(-0.004, 0.002), mast(0.004, -0.002)].join(';');
    const three = [mast(-0.006, 0.004), mast(0.0, 0.0), mast(0.006, -0.004)].join(';');
    const opened = await loadViewer(browser, twin.url, `#ant=${encodeURIComponent(two)}`);
    contexts.push(opened);
    const { page } = opened;
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 403) refused.push(`${r.request().method()} ${new URL(r.url()).pathname}`);
    });
    step('loaded');

    // axe on the signed-out panels before anything else.
    await page.locator('#ws-username').waitFor();
    expect(await axeFindings(page, ['#app-header', '#ws-signin-heading', '.ws-signin', '#ws-scenarios'])).toEqual([]);

    // Keyboard only: Tab from the top of the page to the user name field, type, Tab, type, Enter.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let tabs = 0;
    while ((await page.evaluate(() => document.activeElement?.id)) !== 'ws-username') {
      await page.keyboard.press('Tab');
      expect(++tabs, 'Tab presses to reach the user name field').toBeLessThan(15);
    }
    await page.keyboard.type(PLANNER.username);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-password');
    await page.keyboard.type(PLANNER.password);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#ws-signed-in-as').textContent(), { timeout: 15_000 }).toContain('planner-e2e');
    // Focus lands on the next thing to do (sign out), not lost on the page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-signout');
    step('signed in by keyboard');

    // Scenario 1 from the two masts in the URL, scenario 2 from three masts.
    expect(await page.locator('#ws-create-takes').textContent()).toContain('2 kandidaat');
    await page.fill('#ws-create-name', 'Twee masten');
    await page.click('#ws-create');
    const idA = await scenarioIdNamed(page, 'Twee masten');
    await page.evaluate((hash) => {
      location.hash = hash;
    }, `#ant=${encodeURIComponent(three)}`);
    await expect.poll(() => page.locator('#ws-create-takes').textContent()).toContain('3 kandidaat');
    await page.fill('#ws-create-name', 'Drie masten');
    await page.click('#ws-create');
    const idB = await scenarioIdNamed(page, 'Drie masten');
    expect(await page.locator('#ws-scenario-list .ws-badge-draft').count()).toBe(2);
    step('two scenarios created');

    await choose(page, idA);
    await runChosen(page);
    step('A computed');
    await choose(page, idB);
    await runChosen(page);
    step('B computed');
    const coverageB = await page.locator('#ws-indicators dd[data-indicator="coveragePct"]').textContent();
    expect(coverageB).toMatch(/^\d+(,\d)?%$/);

    // Compare A with B: the table marks differences in words and arrows; the globe is split between A and B.
    await choose(page, idA);
    await page.click('#ws-compare-open');
    await page.locator('#ws-compare').waitFor({ state: 'visible' });
    await page.selectOption('#ws-compare-b', idB);
    await expect.poll(() => new URL(page.url()).hash).toContain(`compare=${idB}`);
    await page.locator(`#ws-compare-table[data-pair="${idA}|${idB}"]`).waitFor({ timeout: 60_000 });
    const rows = await page.locator('#ws-compare-table tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ key: tr.getAttribute('data-indicator'), verdict: tr.getAttribute('data-verdict'), cells: [...tr.children].map((c) => c.textContent ?? '') })),
    );
    const antennas = rows.find((r) => r.key === 'antennaCount');
    expect(antennas?.cells[3]).toMatch(/^\+\d+$/);
    const judged = rows.filter((r) => r.verdict === 'better' || r.verdict === 'worse');
    expect(judged.length).toBeGreaterThan(0);
    for (const r of judged) expect(r.cells[4]).toMatch(/^[▲▼] B (beter|slechter)$/);
    const swipe = await page.evaluate(() => window.__tweelingWorkspace?.swipeCounts());
    expect(swipe).toEqual({ a: 2, b: 3 });
    await page.locator('#ws-swipe').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('.ws-swipe-line')?.style.left)).toBe('45%');
    await expect.poll(() => page.evaluate(() => window.__tweelingWorkspace?.description() ?? ''), { timeout: 5000 }).toContain('Vergelijking: links scenario Twee masten, rechts Drie masten.');
    await shot(page, 'compare');
    expect(await axeFindings(page, ['#ws-compare', '#ws-scenarios'])).toEqual([]);
    // Folding the table away shows the split globe in full.
    await page.click('#ws-compare-toggle');
    expect(await page.locator('#ws-compare-table').isVisible()).toBe(false);
    expect(await page.getAttribute('#ws-compare-toggle', 'aria-expanded')).toBe('false');
    await shot(page, 'compare-split');
    step('compared');
    await page.click('#ws-compare-close');

    // A new version with a change note, then the old one back.
    await page.fill('#ws-edit-name', 'Twee masten, hoger');
    await page.fill('#ws-edit-note', 'naam aangepast');
    await page.click('#ws-save');
    await page.locator('#ws-history li[data-version="2"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#ws-history li[data-version="2"]').textContent()).toContain('naam aangepast');
    expect(await page.locator('#ws-history li[data-version="2"]').textContent()).toContain('planner-e2e');
    await page.click('#ws-history button[data-restore="1"]');
    await page.locator('#ws-history li[data-version="3"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('#ws-detail-heading').textContent()).toBe('Twee masten');
    expect(await page.inputValue('#ws-edit-name')).toBe('Twee masten');
    await page.locator('#ws-history').scrollIntoViewIfNeeded();
    await shot(page, 'history');
    step('restored');

    // The algorithm register and data provenance, from the header.
    const algorithms = ((await (await fetch(`${twin.url}/api/algorithms`)).json()) as { algorithms: unknown[] }).algorithms;
    const layers = ((await (await fetch(`${twin.url}/api/layers`)).json()) as { layers: unknown[] }).layers;
    await page.click('#ws-register-open');
    await page.locator('#ws-register').waitFor({ state: 'visible' });
    expect(await page.locator('#ws-register article[data-algorithm]').count()).toBe(algorithms.length);
    expect(await page.locator('#ws-register-layers tbody tr').count()).toBe(layers.length);
    await shot(page, 'register');
    expect(await axeFindings(page, ['#ws-register'])).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ws-register-open');
    step('register');

    // Signing in must not break the 5G panel (its siting checks once got 403 from the CSRF check): nothing is refused.
    expect(refused).toEqual([]);
    await expectClean(opened);
  });

  it('shows a council member the scenarios without edit controls; a forced edit is refused', async () => {
    const id = await createScenarioAsPlanner('Voor de raad');
    const opened = await loadViewer(browser, twin.url, `#scenario=${id}`);
    contexts.push(opened);
    const { page } = opened;
    await page.locator('#ws-username').waitFor();
    // A wrong password is announced in the alert region.
    await page.fill('#ws-username', COUNCIL.username);
    await page.fill('#ws-password', 'not the password');
    await page.press('#ws-password', 'Enter');
    await expect.poll(() => page.locator('#ws-signin-error').textContent()).toBe('Gebruikersnaam of wachtwoord klopt niet.');
    expect(await page.locator('#ws-signin-error').getAttribute('role')).toBe('alert');
    await page.fill('#ws-password', COUNCIL.password);
    await page.press('#ws-password', 'Enter');
    await expect.poll(() => page.locator('#ws-signed-in-as').textContent(), { timeout: 15_000 }).toContain('raadslid');
    await page.locator(`#ws-scenario-list button[data-scenario="${id}"]`).waitFor();
    await page.locator('#ws-detail').waitFor({ state: 'visible' });
    // History is readable for the council, without restore buttons.
    await page.locator('#ws-history li[data-version="1"]').waitFor();

    for (const selector of ['#ws-create', '#ws-save', '#ws-run', '#ws-duplicate', '#ws-publish', '#ws-delete', '#ws-history button.ws-restore']) {
      expect(await page.locator(selector).isVisible(), `${selector} hidden for the council`).toBe(false);
    }
    expect(await page.locator('#ws-compare-open').isVisible()).toBe(true);
    const forced = await page.evaluate(async () => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const r = await fetch('/api/scenarios', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: 'Van de raad', inputs: {} }),
      });
      return r.status;
    });
    expect(forced).toBe(403);
    await shot(page, 'council');
    expect(await axeFindings(page, ['.ws-signin', '#ws-scenarios'])).toEqual([]);
    // The failed sign-in and the forced edit are logged by the browser as failed resources; nothing else may be.
    opened.record.consoleErrors = opened.record.consoleErrors.filter((e) => !/status of (401|403)/.test(e));
    await expectClean(opened);
  });
});
