// A minimal sign-in form for the modes that need an account (briefing: council and planners; moderation: planners).
// Resolves with the session once the server accepted the credentials; failures are announced (role=alert).
import type { RoleName, SessionInfo } from '../../../server/contracts/workspace.ts';
import { fetchSessionInfo, ProblemError, signIn } from '../../api/briefing-api.ts';
import { translate } from '../../i18n/i18n.ts';
import { el } from '../../panels/dom.ts';
import type { StateStore } from '../../state/app-state.ts';

function hasRole(info: SessionInfo, roles: readonly RoleName[]): boolean {
  return info.user !== null && (info.user.role === 'admin' || roles.includes(info.user.role));
}

/** The current session when it has one of `roles`; otherwise shows the form in `container` until someone signs in. */
export async function ensureSignedIn(store: StateStore, container: HTMLElement, roles: readonly RoleName[]): Promise<SessionInfo> {
  try {
    const info = await fetchSessionInfo();
    if (hasRole(info, roles)) return info;
  } catch {
    // No session endpoint answer (signed out, or the server restarted): ask for credentials.
  }
  return new Promise<SessionInfo>((resolve) => {
    const t = (key: string) => translate(store.state.lang, key);
    const heading = el('h2', { id: 'sign-in-heading', tabindex: '-1' }, t('mode.signIn.heading'));
    const user = el('input', { id: 'sign-in-user', name: 'username', autocomplete: 'username', required: true, maxlength: '64' });
    const password = el('input', { id: 'sign-in-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '256' });
    const error = el('p', { class: 'mode-error', role: 'alert' });
    const submit = el('button', { type: 'submit', class: 'mode-primary' }, t('mode.signIn.submit'));
    const form = el(
      'form',
      { class: 'sign-in-form', 'aria-labelledby': heading.id },
      heading,
      el('p', {}, t('mode.signIn.explain')),
      el('label', { for: user.id }, t('mode.signIn.username')),
      user,
      el('label', { for: password.id }, t('mode.signIn.password')),
      password,
      submit,
      error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      signIn(user.value, password.value)
        .then((info) => {
          if (!hasRole(info, roles)) {
            error.textContent = t('mode.signIn.wrongRole');
            return;
          }
          form.remove();
          resolve(info);
        })
        .catch((e: unknown) => {
          error.textContent = e instanceof ProblemError && (e.status === 401 || e.status === 400) ? t('mode.signIn.failed') : t('mode.error.network');
        })
        .finally(() => {
          submit.disabled = false;
        });
    });
    container.append(form);
    user.focus();
  });
}
