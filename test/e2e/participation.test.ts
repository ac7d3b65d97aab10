// The citizen's journey in real Chromium against the real twin: open a session URL (no account), place a comment
// with the keyboard only (pin at the centre of the view) and one on a building with the mouse, see both pending; a
// text with an e-mail address is refused with the server's explanation (role=alert). A planner signs in, sees the
// queue with the QR code and export links, and approves the building comment with an answer; the citizen reloads
// and sees it approved with the answer. axe-core on every panel (0 serious/critical violations).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../server/workspace/auth/user-store.ts';
import { startTestTwin, type TestTwin } from '../support/twin.ts';
import { postAs, signInByApi } from '../support/workspace-http.ts';
import { cspViolations, launchChromium, openRecordedPage } from './support/browser.ts';
import { axeFindings } from './support/axe.ts';
import { ensureClientBuilt } from './support/build-client.ts';
import { LOAD_TIMEOUT_MS, type LoadedViewer } from './support/viewer-page.ts';
import { stageLog } from './support/stage-log.ts';

const TEST_TIMEOUT_MS = 600_000;
const PLANNER = { username: 'planner-part', password: 'planner password 1' };
const KEYBOARD_TEXT = 'Meer bankjes langs de gracht graag';
const BUILDING_TEXT = 'Is dit gebouw geschikt voor zonnepanelen?';
const ANSWER = 'Ja, het dak ligt op het zuiden.';

let twin: TestTwin;
let browser: Browser;
const contexts: LoadedViewer[] = [];
let sessionId: string;

async function openCitizen(page: Page): Promise<void> {
  await page.goto(`${twin.url}/?mode=participation&session=${sessionId}`);
  await page.waitForFunction(() => document.body.dataset.tilesLoaded === 'true' || document.body.dataset.bootFailed === 'true', undefined, {
    timeout: LOAD_TIMEOUT_MS,
    polling: 250,
  });
  expect(await page.evaluate(() => document.body.dataset.bootFailed)).toBeUndefined();
  await page.waitForFunction(() => document.getElementById('participation-panel')?.dataset.ready === 'true', undefined, { timeout: 30_000 });
}

async function comments(page: Page): Promise<{ text: string; status: string; answer: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('#participation-comments .comment-item')].map((li) => ({
      text: li.querySelector('.comment-text')?.textContent ?? '',
      status: li.dataset.status ?? '',
      answer: li.querySelector('.comment-answer')?.textContent ?? '',
    })),
  );
}

async function tabTo(page: Page, id: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached #${id}`);
}

/** No foreign request, no CSP violation, no uncaught error; console errors only for the answers the test provoked. */
async function expectCleanExcept(opened: LoadedViewer, expected: RegExp[]): Promise<void> {
  expect(opened.record.foreignRequests).toEqual([]);
  expect(await cspViolations(opened.page)).toEqual([]);
  expect(opened.record.pageErrors).toEqual([]);
  expect(opened.record.consoleErrors.filter((m) => !expected.some((re) => re.test(m)))).toEqual([]);
}

describe('citizen participation', { timeout: TEST_TIMEOUT_MS }, () => {
  beforeAll(async () => {
    ensureClientBuilt();
    twin = await startTestTwin();
    await createUser(twin.workspace, { ...PLANNER, role: 'planner' });
    const info = (await (await fetch(`${twin.url}/api/twin`)).json()) as { centerLonLat: [number, number]; groundHeightM: number };
    const [lon, lat] = info.centerLonLat;
    const planner = await signInByApi(twin.url, PLANNER);
    // A published scenario whose first view looks at the centre from the south, close enough to tell buildings apart.
    const view = { camera: { lonDeg: lon, latDeg: lat - 0.0022, heightM: info.groundHeightM + 170, headingDeg: 0, pitchDeg: -35 }, layers: ['buildings', 'basemap'] };
    const scenario = await postAs<{ id: string }>(twin.url, planner, '/api/scenarios', { name: 'Groen centrum', description: 'Meer groen en bankjes in het centrum.', inputs: { views: [view] } });
    await postAs(twin.url, planner, `/api/scenarios/${scenario.id}/publish`);
    const closesAt = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();
    sessionId = (
      await postAs<{ id: string }>(twin.url, planner, '/api/participation/sessions', {
        title: 'Uw mening over het centrum',
        introduction: 'We willen het centrum groener maken. Wat vindt u ervan?',
        scenarioId: scenario.id,
        closesAt,
      })
    ).id;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.context.close();
    await browser?.close();
    await twin?.close();
  });

  it('a citizen comments, a planner approves, the citizen sees it; personal data is refused', async () => {
    const log = stageLog('participation e2e');
    const citizen = await openRecordedPage(browser, twin.url);
    contexts.push(citizen);
    const page = citizen.page;
    await openCitizen(page);
    log('citizen page loaded');
    expect(await page.textContent('#participation-title')).toBe('Uw mening over het centrum');
    // The planner panels are hidden; only the participation panel is in the sidebar.
    expect(await page.locator('#app-sidebar > :visible').count()).toBe(1);
    expect(await axeFindings(page, ['#participation-panel', '#app-header'])).toEqual([]);

    // Keyboard only: Tab to "pin at the centre", Enter; arrow to the second category; Tab to the text, type, submit.
    await tabTo(page, 'participation-pin-centre');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#participation-where'), { timeout: 20_000 }).toMatch(/gebouw|plek/);
    await tabTo(page, 'participation-category-idea');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe('concern');
    await tabTo(page, 'participation-text');
    await page.keyboard.type(KEYBOARD_TEXT);
    await tabTo(page, 'participation-submit');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#participation-comments .comment-item') || document.getElementById('participation-error')?.textContent);
    expect(await page.textContent('#participation-error')).toBe('');
    await expect.poll(() => comments(page), { timeout: 20_000 }).toEqual([{ text: KEYBOARD_TEXT, status: 'own-pending', answer: '' }]);
    expect(await page.textContent('#participation-comments')).toContain('Wacht op moderatie');
    log('keyboard comment placed');

    // The mouse: click a building, the pin goes on it.
    const hit = await page.evaluate(() => window.__tweeling?.findBuildingPixel());
    expect(hit, 'a building on screen').toBeTruthy();
    await page.mouse.click(hit!.clientX, hit!.clientY);
    await expect.poll(() => page.textContent('#participation-where'), { timeout: 20_000 }).toContain('gebouw');
    await page.check('#participation-category-question');
    await page.fill('#participation-text', BUILDING_TEXT);
    await page.click('#participation-submit');
    await expect.poll(async () => (await comments(page)).length, { timeout: 20_000 }).toBe(2);
    expect((await comments(page)).map((c) => c.status)).toEqual(['own-pending', 'own-pending']);
    await page.screenshot({ path: '/tmp/part-pending.png' });

    // A text with an e-mail address is refused; the server's explanation is shown in an alert, nothing is stored.
    await page.click('#participation-pin-centre');
    await page.fill('#participation-text', 'Mail me op jan.jansen@example.nl voor overleg');
    await page.click('#participation-submit');
    await expect.poll(() => page.textContent('#participation-error'), { timeout: 20_000 }).toMatch(/e-mailadres/);
    expect(await page.getAttribute('#participation-error', 'role')).toBe('alert');
    expect((await comments(page)).length).toBe(2);
    await page.screenshot({ path: '/tmp/part-refused.png' });
    expect(await axeFindings(page, ['#participation-panel'])).toEqual([]);
    log('personal data refused');

    // The planner: signs in on the moderation page, sees the queue, approves the building comment with an answer.
    const planner = await openRecordedPage(browser, twin.url);
    contexts.push(planner);
    const moderation = planner.page;
    await moderation.goto(`${twin.url}/?mode=moderation&session=${sessionId}`);
    await moderation.locator('#sign-in-user').waitFor({ timeout: LOAD_TIMEOUT_MS });
    await moderation.fill('#sign-in-user', PLANNER.username);
    await moderation.fill('#sign-in-password', PLANNER.password);
    await moderation.keyboard.press('Enter');
    await moderation.waitForFunction(() => document.getElementById('moderation-panel')?.dataset.ready === 'true', undefined, { timeout: LOAD_TIMEOUT_MS });
    await moderation.waitForFunction(() => document.body.dataset.tilesLoaded === 'true', undefined, { timeout: LOAD_TIMEOUT_MS, polling: 250 });
    log('moderation loaded');
    expect(await moderation.evaluate(() => document.getElementById('moderation-panel')?.dataset.pending)).toBe('2');
    expect(await moderation.evaluate(() => (document.querySelector('.moderation-qr') as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await moderation.getAttribute('#moderation-export-geojson', 'href')).toBe(`/api/participation/sessions/${sessionId}/comments.geojson`);
    expect(await moderation.getAttribute('#moderation-export-csv', 'href')).toBe(`/api/participation/sessions/${sessionId}/comments.csv`);
    expect(await moderation.textContent('#moderation-session-url')).toContain(`mode=participation&session=${sessionId}`);
    expect(await axeFindings(moderation, ['#moderation-panel'])).toEqual([]);
    const item = moderation.locator('.moderation-item', { hasText: BUILDING_TEXT });
    expect(await item.locator('.comment-where').textContent()).toMatch(/gebouw/);
    await item.locator('textarea').fill(ANSWER);
    await moderation.screenshot({ path: '/tmp/part-moderation.png' });
    await item.locator('.moderation-approve').click();
    await expect.poll(() => moderation.evaluate(() => document.getElementById('moderation-panel')?.dataset.pending), { timeout: 20_000 }).toBe('1');
    await expectCleanExcept(planner, []);
    log('approved');

    // The export has the approved comment only.
    const geojson = (await (await fetch(`${twin.url}/api/participation/sessions/${sessionId}/comments.geojson`)).json()) as { features: { properties: Record<string, unknown> }[] };
    expect(geojson.features).toHaveLength(1);
    expect(JSON.stringify(geojson.features[0].properties)).toContain(BUILDING_TEXT);

    // The citizen reloads: the building comment is approved with the answer, the other one still waits.
    await openCitizen(page);
    await expect.poll(() => comments(page), { timeout: 20_000 }).toEqual([
      { text: BUILDING_TEXT, status: 'own-approved', answer: `Antwoord van de gemeente: ${ANSWER}` },
      { text: KEYBOARD_TEXT, status: 'own-pending', answer: '' },
    ]);
    await page.screenshot({ path: '/tmp/part-approved.png' });
    // Everyone else (no participant cookie) sees only the approved one.
    const approved = (await (await fetch(`${twin.url}/api/participation/sessions/${sessionId}/comments`)).json()) as { comments: { text: string }[] };
    expect(approved.comments.map((c) => c.text)).toEqual([BUILDING_TEXT]);
    // The refused comment answered 400; the browser logs that failed request, nothing else may be there.
    await expectCleanExcept(citizen, [/status of 400/]);
    log('done');
  });
});
