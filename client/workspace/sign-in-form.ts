// Sign-in for planners and council members: a real <form> (Enter submits), labelled inputs, and an error region with
// role=alert so a failed attempt is announced. Signed in, it shows who and a sign-out button instead.
import { translate } from '../i18n/i18n.ts';
import { el } from '../panels/dom.ts';
import type { StateStore } from '../state/app-state.ts';
import type { WorkspaceSession } from './workspace-session.ts';

export function createSignInForm(store: StateStore, session: WorkspaceSession): HTMLElement {
  const heading = el('h2', { id: 'ws-signin-heading' });
  const userLabel = el('label', { for: 'ws-username' });
  const username = el('input', { id: 'ws-username', name: 'username', type: 'text', autocomplete: 'username', required: true, maxlength: '64' });
  const passwordLabel = el('label', { for: 'ws-password' });
  const password = el('input', { id: 'ws-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: '256' });
  const submit = el('button', { type: 'submit', id: 'ws-signin-submit' });
  const error = el('p', { id: 'ws-signin-error', class: 'error', role: 'alert' });
  const form = el(
    'form',
    { class: 'ws-signin-form', 'aria-labelledby': 'ws-signin-heading', novalidate: true },
    el('div', { class: 'ws-field' }, userLabel, username),
    el('div', { class: 'ws-field' }, passwordLabel, password),
    submit,
    error,
  );
  const who = el('p', { id: 'ws-signed-in-as', class: 'ws-who' });
  const signOut = el('button', { type: 'button', id: 'ws-signout' });
  const signedIn = el('div', { class: 'ws-signed-in' }, who, signOut);
  const section = el('section', { class: 'panel ws-signin', 'aria-labelledby': 'ws-signin-heading' }, heading, form, signedIn);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const t = (key: string) => translate(store.state.lang, key);
    if (!username.value || !password.value) {
      error.textContent = t('ws.signIn.missing');
      (username.value ? password : username).focus();
      return;
    }
    void session.signIn(username.value, password.value).then((ok) => {
      password.value = '';
      if (ok) signOut.focus();
      else password.focus();
    });
  });
  signOut.addEventListener('click', () => {
    void session.signOut().then(() => username.focus());
  });

  const render = () => {
    const { lang } = store.state;
    const t = (key: string, params: Record<string, string> = {}) => translate(lang, key, params);
    const user = session.user;
    heading.textContent = user ? t('ws.heading') : t('ws.signIn.heading');
    userLabel.textContent = t('ws.signIn.username');
    passwordLabel.textContent = t('ws.signIn.password');
    submit.textContent = t('ws.signIn.submit');
    submit.disabled = session.busy;
    signOut.textContent = t('ws.signIn.signOut');
    form.hidden = user !== null;
    signedIn.hidden = user === null;
    if (user) who.textContent = t('ws.signIn.as', { name: user.username, role: t(`ws.role.${user.role}`) });
    const fb = session.feedback;
    const signInError = !user && fb?.kind === 'error' ? t(fb.key) : '';
    if (signInError || user) error.textContent = signInError;
  };
  store.subscribe((state, previous) => {
    if (state.lang !== previous.lang || !heading.textContent) render();
  });
  session.subscribe(render);
  return section;
}
