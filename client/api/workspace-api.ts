// HTTP client for the workspace API (server/contracts/workspace.ts): sign-in, scenarios, comparison, briefings, audit.
// The session cookie is HttpOnly and travels by itself (same origin); the CSRF token from login/me is kept here, per
// client instance, and sent as X-CSRF-Token on every state-changing request. Errors arrive as RFC 9457
// problem+json and are thrown as WorkspaceApiError with the server's detail as the message.
import type {
  AuditEntryView,
  Briefing,
  Comparison,
  LoginRequest,
  Scenario,
  ScenarioInputs,
  ScenarioVersion,
  SessionInfo,
} from '../../server/contracts/workspace.ts';
import { type JobProgress, type JobView } from './scenario-job.ts';

/** An expected failure answered by the server (4xx/5xx), with the problem document's fields. */
export class WorkspaceApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'WorkspaceApiError';
  }
}

export interface ScenarioDraft {
  name: string;
  description?: string;
  inputs: Partial<ScenarioInputs>;
}

export interface ScenarioEdit extends ScenarioDraft {
  expectedVersion: number;
  changeNote?: string;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  intervalMs?: number;
}

export interface WorkspaceApi {
  readonly session: SessionInfo;
  me(): Promise<SessionInfo>;
  login(request: LoginRequest): Promise<SessionInfo>;
  logout(): Promise<void>;
  listScenarios(): Promise<Scenario[]>;
  createScenario(draft: ScenarioDraft): Promise<Scenario>;
  getScenario(id: string): Promise<Scenario>;
  updateScenario(id: string, edit: ScenarioEdit): Promise<Scenario>;
  duplicateScenario(id: string): Promise<Scenario>;
  listVersions(id: string): Promise<ScenarioVersion[]>;
  restoreVersion(id: string, version: number): Promise<Scenario>;
  publishScenario(id: string): Promise<Scenario>;
  unpublishScenario(id: string): Promise<Scenario>;
  deleteScenario(id: string): Promise<void>;
  runScenario(id: string, options?: RunOptions): Promise<Scenario>;
  compareScenarios(a: string, b: string): Promise<Comparison>;
  listBriefings(): Promise<Briefing[]>;
  /** Admin only: audit entries newest first; `before` is the `seq` of the last entry of the previous page. */
  listAudit(page?: AuditPageRequest): Promise<AuditEntryView[]>;
  /** Admin only: checks the audit log's hash chain. */
  verifyAudit(): Promise<AuditVerification>;
}

export interface AuditPageRequest {
  limit?: number;
  before?: number;
}

/** GET /api/audit/verify (auditVerificationSchema): brokenAt is the `seq` of the first entry that does not match. */
export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt?: number;
}

export interface WorkspaceApiOptions {
  /** Origin for tests outside the browser; '' (same origin) in the page. */
  baseUrl?: string;
  fetchImpl?: typeof fetch;
}

const ANONYMOUS: SessionInfo = { user: null, csrfToken: null };

/** The message of a failed response: the problem's detail, else its title, else the status line. */
export async function problemOf(response: Response): Promise<WorkspaceApiError> {
  let code = `http-${response.status}`;
  let detail = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  try {
    const body = (await response.json()) as { code?: unknown; detail?: unknown; title?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.detail === 'string' && body.detail) detail = body.detail;
    else if (typeof body.title === 'string' && body.title) detail = body.title;
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status line has to do.
  }
  return new WorkspaceApiError(response.status, code, detail);
}

/** Lists arrive as a bare array or wrapped ({ scenarios: [...] }); both are accepted. */
function listOf<T>(body: unknown, key: string): T[] {
  if (Array.isArray(body)) return body as T[];
  const wrapped = (body as Record<string, unknown> | null)?.[key];
  if (Array.isArray(wrapped)) return wrapped as T[];
  const items = (body as Record<string, unknown> | null)?.items;
  return Array.isArray(items) ? (items as T[]) : [];
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
      },
      { once: true },
    );
  });
}

export function createWorkspaceApi({ baseUrl = '', fetchImpl = (...args) => fetch(...args) }: WorkspaceApiOptions = {}): WorkspaceApi {
  let session: SessionInfo = ANONYMOUS;

  async function request(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && session.csrfToken) headers['x-csrf-token'] = session.csrfToken;
    const response = await fetchImpl(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
    if (!response.ok) throw await problemOf(response);
    return response;
  }

  async function json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await request(method, path, body);
    return (await response.json()) as T;
  }

  const scenarioPath = (id: string, suffix = '') => `/api/scenarios/${encodeURIComponent(id)}${suffix}`;

  const remember = (info: SessionInfo): SessionInfo => {
    session = { user: info.user ?? null, csrfToken: info.csrfToken ?? null };
    return session;
  };

  return {
    get session() {
      return session;
    },
    me: async () => remember(await json<SessionInfo>('GET', '/api/auth/me')),
    login: async (credentials) => remember(await json<SessionInfo>('POST', '/api/auth/login', credentials)),
    async logout() {
      try {
        await request('POST', '/api/auth/logout', {});
      } finally {
        session = ANONYMOUS;
      }
    },
    listScenarios: async () => listOf<Scenario>(await json('GET', '/api/scenarios'), 'scenarios'),
    createScenario: (draft) => json<Scenario>('POST', '/api/scenarios', draft),
    getScenario: (id) => json<Scenario>('GET', scenarioPath(id)),
    updateScenario: (id, edit) => json<Scenario>('PUT', scenarioPath(id), edit),
    duplicateScenario: (id) => json<Scenario>('POST', scenarioPath(id, '/duplicate'), {}),
    listVersions: async (id) => listOf<ScenarioVersion>(await json('GET', scenarioPath(id, '/versions')), 'versions'),
    restoreVersion: (id, version) => json<Scenario>('POST', scenarioPath(id, '/restore'), { version }),
    publishScenario: (id) => json<Scenario>('POST', scenarioPath(id, '/publish'), {}),
    unpublishScenario: (id) => json<Scenario>('POST', scenarioPath(id, '/unpublish'), {}),
    async deleteScenario(id) {
      await request('DELETE', scenarioPath(id));
    },
    async runScenario(id, options = {}) {
      const response = await request('POST', scenarioPath(id, '/run'), {}, options.signal);
      const body = (await response.json()) as Scenario | (JobView<unknown> & { links?: { self?: string } });
      // 200: the scenario with its indicators. 202: a job to follow until done, then the scenario is read again.
      if (response.status !== 202) return body as Scenario;
      const job = body as JobView<unknown> & { links?: { self?: string } };
      const self = job.links?.self ?? `/api/jobs/${encodeURIComponent(job.id)}`;
      for (;;) {
        await wait(options.intervalMs ?? 300, options.signal);
        const view = await json<JobView<unknown>>('GET', self.startsWith('http') ? self.slice(new URL(self).origin.length) : self);
        options.onProgress?.(view.progress);
        if (view.state === 'done') break;
        if (view.state === 'failed') throw new WorkspaceApiError(500, 'run-failed', view.error ?? 'run failed');
        if (view.state === 'cancelled') throw Object.assign(new Error('cancelled'), { name: 'AbortError' });
      }
      return json<Scenario>('GET', scenarioPath(id));
    },
    compareScenarios: (a, b) => json<Comparison>('GET', `/api/scenarios/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`),
    listBriefings: async () => listOf<Briefing>(await json('GET', '/api/briefings'), 'briefings'),
    async listAudit({ limit, before } = {}) {
      const query = new URLSearchParams();
      if (limit !== undefined) query.set('limit', String(limit));
      if (before !== undefined) query.set('before', String(before));
      const search = query.toString();
      return listOf<AuditEntryView>(await json('GET', `/api/audit${search ? `?${search}` : ''}`), 'entries');
    },
    verifyAudit: () => json<AuditVerification>('GET', '/api/audit/verify'),
  };
}
