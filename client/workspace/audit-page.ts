// The audit log for admins (issue #7: "viewable by admin"): the hash-chain check and the entries newest first, with
// "load more" paging by `before`. A modal <dialog> like the register page: the browser gives it focus containment
// and Escape, and closing returns focus to the header button. The button exists only while an admin is signed in;
// the server refuses everyone else anyway (GET /api/audit is admin only).
import type { AuditEntryView } from '../../server/contracts/workspace.ts';
import type { AuditVerification, WorkspaceApi } from '../api/workspace-api.ts';
import { formatNumber, translate, type Language } from '../i18n/i18n.ts';
import { el } from '../panels/dom.ts';
import type { StateStore } from '../state/app-state.ts';
import type { WorkspaceSession } from './workspace-session.ts';

/** Entries per request; the server allows up to 1,000. */
export const AUDIT_PAGE_SIZE = 50;
/** Characters of an account id shown in the table; the full id is in the cell's title. */
const USER_ID_CHARS = 8;
/** Longest details text shown in a cell; the full JSON is in the cell's title. */
const DETAILS_MAX_CHARS = 160;

export interface AuditRow {
  seq: string;
  time: string;
  role: string;
  user: string;
  /** The full account id, or '' for anonymous citizens. */
  userTitle: string;
  action: string;
  target: string;
  details: string;
  /** The full details JSON when `details` was shortened, else ''. */
  detailsTitle: string;
}

/** "a1b2c3d4…" for a long id; short ids unchanged. */
export function shortenId(id: string, chars = USER_ID_CHARS): string {
  return id.length > chars ? `${id.slice(0, chars)}…` : id;
}

/** Details as one line of JSON; '—' for none. */
export function compactDetails(details: Record<string, unknown>): string {
  return Object.keys(details).length === 0 ? '—' : JSON.stringify(details);
}

function roleLabel(lang: Language, role: string): string {
  const key = `ws.role.${role}`;
  const label = translate(lang, key);
  // An unknown role (a newer server) is shown as the server names it.
  return label === key ? role : label;
}

/**
 * "2026-03-04 10:05:06" in the browser's (or the given) time zone: one unambiguous form in both languages, sortable
 * and the same as an auditor would write it down.
 */
export function localTimestamp(date: Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/**
 * One table row's texts. `timeZone` is for tests; the page leaves it to the browser. An unreadable time is shown
 * as sent rather than thrown on.
 */
export function auditRow(lang: Language, entry: AuditEntryView, timeZone?: string): AuditRow {
  const date = new Date(entry.time);
  const time = Number.isNaN(date.getTime()) ? entry.time : localTimestamp(date, timeZone);
  const json = compactDetails(entry.details);
  const shortened = json.length > DETAILS_MAX_CHARS;
  return {
    seq: String(entry.seq),
    time,
    role: roleLabel(lang, entry.actorRole),
    user: entry.actorId === null ? translate(lang, 'ws.audit.anonymous') : shortenId(entry.actorId),
    userTitle: entry.actorId ?? '',
    action: entry.action,
    target: entry.target || '—',
    details: shortened ? `${json.slice(0, DETAILS_MAX_CHARS - 1)}…` : json,
    detailsTitle: shortened ? json : '',
  };
}

/** "Keten intact: 123 regels" or "Keten verbroken bij regel 45". */
export function verificationMessage(lang: Language, result: AuditVerification): string {
  if (!result.ok) {
    return result.brokenAt === undefined
      ? translate(lang, 'ws.audit.brokenUnknown')
      : translate(lang, 'ws.audit.broken', { seq: result.brokenAt });
  }
  return result.entries === 1
    ? translate(lang, 'ws.audit.intactOne')
    : translate(lang, 'ws.audit.intact', { count: formatNumber(lang, result.entries, 0) });
}

/** Where the next page starts: below the oldest entry shown, or nothing when the last page came back short. */
export function nextBefore(entries: readonly AuditEntryView[], lastPageLength: number, pageSize = AUDIT_PAGE_SIZE): number | undefined {
  if (lastPageLength < pageSize || entries.length === 0) return undefined;
  const oldest = Math.min(...entries.map((e) => e.seq));
  return oldest > 1 ? oldest : undefined;
}

const COLUMNS = ['seq', 'time', 'role', 'user', 'action', 'target', 'details'] as const;

function rowElement(lang: Language, entry: AuditEntryView): HTMLTableRowElement {
  const r = auditRow(lang, entry);
  return el(
    'tr',
    { 'data-seq': r.seq },
    el('td', {}, r.seq),
    el('td', {}, el('time', { datetime: entry.time }, r.time)),
    el('td', {}, r.role),
    el('td', { title: r.userTitle || undefined }, r.user),
    el('td', {}, el('code', {}, r.action)),
    el('td', {}, r.target),
    el('td', { class: 'ws-audit-details', title: r.detailsTitle || undefined }, el('code', {}, r.details)),
  );
}

export interface AuditPage {
  /** The header button that opens the log; hidden unless an admin is signed in. */
  button: HTMLButtonElement;
  dialog: HTMLDialogElement;
}

type Problem = { key: string; detail: string } | undefined;

export function createAuditPage(store: StateStore, session: WorkspaceSession, api: Pick<WorkspaceApi, 'listAudit' | 'verifyAudit'>): AuditPage {
  const button = el('button', { type: 'button', id: 'ws-audit-open', class: 'header-button', hidden: true });
  const heading = el('h2', { id: 'ws-audit-heading' });
  const close = el('button', { type: 'button', id: 'ws-audit-close', class: 'ws-close' });
  const intro = el('p', { class: 'panel-intro' });
  const verification = el('p', { id: 'ws-audit-verification', role: 'status' });
  const alert = el('p', { id: 'ws-audit-error', class: 'error', role: 'alert' });
  const caption = el('caption', {});
  const headRow = el('tr', {});
  const body = el('tbody', {});
  const table = el('table', { class: 'ws-register-layers ws-audit-table', id: 'ws-audit-table' }, caption, el('thead', {}, headRow), body);
  const more = el('button', { type: 'button', id: 'ws-audit-more' });
  const pageStatus = el('p', { id: 'ws-audit-page-status', role: 'status' });
  const dialog = el(
    'dialog',
    { class: 'ws-register ws-audit', id: 'ws-audit', 'aria-labelledby': 'ws-audit-heading' },
    el('div', { class: 'panel-head' }, heading, close),
    intro,
    verification,
    alert,
    el('div', { class: 'ws-register-table-wrap' }, table),
    el('div', { class: 'ws-audit-paging' }, more, pageStatus),
  );

  let entries: AuditEntryView[] = [];
  let before: number | undefined;
  let verified: AuditVerification | undefined;
  let verifying = false;
  let loading = false;
  let problem: Problem;
  // Bumped on every open and sign-out, so an answer for an earlier opening is dropped.
  let generation = 0;

  const isAdmin = () => session.user?.role === 'admin';

  const render = () => {
    const { lang } = store.state;
    const t = (key: string, params: Record<string, string | number> = {}) => translate(lang, key, params);
    button.textContent = t('ws.audit.open');
    heading.textContent = t('ws.audit.heading');
    close.textContent = t('ws.audit.close');
    intro.textContent = t('ws.audit.intro');
    verification.textContent = verifying ? t('ws.audit.verifying') : verified ? verificationMessage(lang, verified) : '';
    verification.classList.toggle('ws-audit-broken', verified?.ok === false);
    alert.textContent = problem ? t(problem.key, { detail: problem.detail }) : '';
    caption.textContent = t('ws.audit.caption');
    headRow.replaceChildren(...COLUMNS.map((c) => el('th', { scope: 'col' }, t(`ws.audit.col.${c}`))));
    body.replaceChildren(
      ...(entries.length > 0
        ? entries.map((e) => rowElement(lang, e))
        : [el('tr', {}, el('td', { colspan: String(COLUMNS.length) }, loading ? t('ws.busy') : t('ws.audit.empty')))]),
    );
    more.textContent = t('ws.audit.more');
    more.hidden = before === undefined;
    more.disabled = loading;
    pageStatus.textContent = loading ? t('ws.busy') : entries.length > 0 ? t(before === undefined ? 'ws.audit.all' : 'ws.audit.loaded', { count: entries.length }) : '';
  };

  const failure = (key: string, error: unknown): Problem => ({ key, detail: error instanceof Error ? error.message : String(error) });

  const loadPage = async (mine: number) => {
    loading = true;
    render();
    try {
      const page = await api.listAudit({ limit: AUDIT_PAGE_SIZE, before });
      if (mine !== generation) return;
      // Newest first across pages; a page never repeats an entry, but a re-render must not either.
      const seen = new Set(entries.map((e) => e.seq));
      entries = [...entries, ...page.filter((e) => !seen.has(e.seq))].sort((a, b) => b.seq - a.seq);
      before = nextBefore(entries, page.length);
    } catch (error) {
      if (mine !== generation) return;
      problem = failure('ws.audit.loadFailed', error);
    } finally {
      if (mine === generation) {
        loading = false;
        render();
      }
    }
  };

  const verify = async (mine: number) => {
    verifying = true;
    render();
    try {
      const result = await api.verifyAudit();
      if (mine === generation) verified = result;
    } catch (error) {
      if (mine === generation) problem = failure('ws.audit.verifyFailed', error);
    } finally {
      if (mine === generation) {
        verifying = false;
        render();
      }
    }
  };

  const reset = () => {
    generation++;
    entries = [];
    before = undefined;
    verified = undefined;
    verifying = false;
    loading = false;
    problem = undefined;
  };

  button.addEventListener('click', () => {
    if (!isAdmin()) return;
    reset();
    const mine = generation;
    if (!dialog.open) dialog.showModal();
    heading.focus();
    void verify(mine);
    void loadPage(mine);
  });
  heading.tabIndex = -1;
  more.addEventListener('click', () => {
    if (loading || before === undefined) return;
    problem = undefined;
    void loadPage(generation);
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => {
    // The button is gone when the dialog closed because the admin signed out; focus the header then.
    if (!button.hidden) button.focus();
  });

  session.subscribe(() => {
    const admin = isAdmin();
    button.hidden = !admin;
    if (!admin && (entries.length > 0 || dialog.open)) {
      reset();
      if (dialog.open) dialog.close();
      render();
    }
  });
  store.subscribe((state, previous) => {
    if (state.lang === previous.lang && heading.textContent) return;
    render();
  });
  return { button, dialog };
}
