// HTTP calls of the briefing mode (/api/briefings, /api/scenarios/:id) and the sign-in they need (/api/auth), plus the
// small JSON helper the participation calls share: same-origin, cookies, the CSRF header on state-changing requests,
// and RFC 9457 problem bodies turned into a ProblemError the UI can explain.
import type { Briefing, Scenario, SessionInfo } from '../../server/contracts/workspace.ts';

/** An expected failure answered by the server (4xx/5xx with a problem body), as opposed to a programming error. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly retryAfterS: number | null = null,
    /** The problem body's extension members (e.g. `explanation: {nl, en}` of a refused comment). */
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail || `HTTP ${status}`);
    this.name = 'ProblemError';
  }
}

export interface WriteOptions {
  csrfToken: string | null;
}

export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  body?: unknown,
  options: WriteOptions = { csrfToken: null },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && options.csrfToken) headers['x-csrf-token'] = options.csrfToken;
  const response = await fetch(url, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let code = 'http-error';
    let detail = '';
    let extra: Record<string, unknown> = {};
    try {
      const problem = (await response.json()) as Record<string, unknown>;
      if (typeof problem.code === 'string') code = problem.code;
      if (typeof problem.detail === 'string') detail = problem.detail;
      extra = problem;
    } catch {
      // A body that is not JSON (a proxy's HTML page): the status says enough.
    }
    const retry = Number(response.headers.get('retry-after'));
    throw new ProblemError(response.status, code, detail, Number.isFinite(retry) && retry > 0 ? retry : null, extra);
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export function fetchSessionInfo(): Promise<SessionInfo> {
  return requestJson<SessionInfo>('GET', '/api/auth/me');
}

export function signIn(username: string, password: string): Promise<SessionInfo> {
  return requestJson<SessionInfo>('POST', '/api/auth/login', { username, password });
}

export function signOut(options: WriteOptions): Promise<void> {
  return requestJson<void>('POST', '/api/auth/logout', undefined, options);
}

export interface BriefingInput {
  title: string;
  summary: string;
  steps: Briefing['steps'];
}

export async function listBriefings(): Promise<Briefing[]> {
  const body = await requestJson<Briefing[] | { briefings: Briefing[] }>('GET', '/api/briefings');
  return Array.isArray(body) ? body : (body.briefings ?? []);
}

export function fetchBriefing(id: string): Promise<Briefing> {
  return requestJson<Briefing>('GET', `/api/briefings/${encodeURIComponent(id)}`);
}

export function createBriefing(input: BriefingInput, options: WriteOptions): Promise<Briefing> {
  return requestJson<Briefing>('POST', '/api/briefings', input, options);
}

export function updateBriefing(id: string, input: BriefingInput, options: WriteOptions): Promise<Briefing> {
  return requestJson<Briefing>('PUT', `/api/briefings/${encodeURIComponent(id)}`, input, options);
}

export function fetchScenario(id: string): Promise<Scenario> {
  return requestJson<Scenario>('GET', `/api/scenarios/${encodeURIComponent(id)}`);
}

export async function listScenarios(): Promise<Scenario[]> {
  const body = await requestJson<Scenario[] | { scenarios: Scenario[] }>('GET', '/api/scenarios');
  return Array.isArray(body) ? body : (body.scenarios ?? []);
}
