// Signing in and writing to the workspace API over real HTTP, shared by the API and browser tests.
import { expect } from 'vitest';

export interface ApiSession {
  /** `tweeling_session=…`, for the Cookie header. */
  cookie: string;
  /** The session's CSRF token, for the X-CSRF-Token header of state-changing requests. */
  csrf: string;
}

export async function signInByApi(baseUrl: string, user: { username: string; password: string }): Promise<ApiSession> {
  const response = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(user) });
  expect(response.status).toBe(200);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** POSTs as the signed-in user and expects success (the answer's text is in the failure message). */
export async function postAs<T>(baseUrl: string, auth: ApiSession, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: auth.cookie, 'x-csrf-token': auth.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

/** Headers that act as the signed-in user: the session cookie and its CSRF token. */
export const sessionHeaders = (session: ApiSession): Record<string, string> => ({ cookie: session.cookie, 'x-csrf-token': session.csrf });

/** One request with the given headers: the answer's status and its JSON body (undefined when empty). */
export async function callApi(baseUrl: string, headers: Record<string, string>, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
