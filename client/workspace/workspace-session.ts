// The signed-in user and the scenarios they see, beside the app state (which holds only the chosen scenario's id,
// so a URL can share it). Every action goes to the server and then refreshes what it changed; panels listen.
import type { RoleName, Scenario, ScenarioVersion, User } from '../../server/contracts/workspace.ts';
import type { ScenarioDraft, ScenarioEdit, WorkspaceApi } from '../api/workspace-api.ts';
import { WorkspaceApiError } from '../api/workspace-api.ts';
import type { JobProgress } from '../api/scenario-job.ts';

export type Feedback = { kind: 'status' | 'error'; key: string; detail?: string } | undefined;

export interface WorkspaceSession {
  readonly user: User | null;
  readonly scenarios: readonly Scenario[];
  /** The selected scenario's versions, newest first; empty until loaded. */
  readonly versions: readonly ScenarioVersion[];
  /** Ids of scenarios whose run is in progress. */
  readonly running: ReadonlySet<string>;
  readonly runProgress: JobProgress | undefined;
  /** The last action's outcome, for the panel's status and alert regions. */
  readonly feedback: Feedback;
  readonly busy: boolean;
  canEdit(): boolean;
  canCompare(): boolean;
  find(id: string | undefined): Scenario | undefined;
  start(): Promise<void>;
  signIn(username: string, password: string): Promise<boolean>;
  signOut(): Promise<void>;
  refresh(): Promise<void>;
  loadVersions(id: string): Promise<void>;
  create(draft: ScenarioDraft): Promise<Scenario | undefined>;
  save(id: string, edit: ScenarioEdit): Promise<Scenario | undefined>;
  duplicate(id: string): Promise<Scenario | undefined>;
  restore(id: string, version: number): Promise<Scenario | undefined>;
  setPublished(id: string, published: boolean): Promise<void>;
  remove(id: string): Promise<boolean>;
  run(id: string): Promise<Scenario | undefined>;
  subscribe(listener: () => void): () => void;
}

const EDITORS: readonly RoleName[] = ['planner', 'admin'];
const VIEWERS: readonly RoleName[] = ['planner', 'council', 'admin'];

/** The message key for a failure: 409 on save has its own text (someone else saved in between). */
export function errorKeyOf(error: unknown, action: string): { key: string; detail?: string } {
  if (error instanceof WorkspaceApiError) {
    if (error.status === 409) return { key: 'ws.error.conflict', detail: error.message };
    if (error.status === 401) return { key: 'ws.error.signedOut', detail: error.message };
    if (error.status === 403) return { key: 'ws.error.forbidden', detail: error.message };
    return { key: `ws.error.${action}`, detail: error.message };
  }
  return { key: `ws.error.${action}`, detail: error instanceof Error ? error.message : String(error) };
}

export function createWorkspaceSession(api: WorkspaceApi): WorkspaceSession {
  const listeners = new Set<() => void>();
  let scenarios: Scenario[] = [];
  let versions: ScenarioVersion[] = [];
  let versionsOf: string | undefined;
  let feedback: Feedback;
  let busy = false;
  let runProgress: JobProgress | undefined;
  const running = new Set<string>();

  const notify = () => {
    for (const listener of listeners) listener();
  };

  const replace = (scenario: Scenario) => {
    const index = scenarios.findIndex((s) => s.id === scenario.id);
    scenarios = index >= 0 ? scenarios.map((s) => (s.id === scenario.id ? scenario : s)) : [...scenarios, scenario];
  };

  /** Runs one server action with busy/feedback bookkeeping; undefined on failure (the feedback says why). */
  async function act<T>(action: string, work: () => Promise<T>, success?: string): Promise<T | undefined> {
    busy = true;
    feedback = undefined;
    notify();
    try {
      const result = await work();
      feedback = success ? { kind: 'status', key: success } : undefined;
      return result;
    } catch (error) {
      feedback = { kind: 'error', ...errorKeyOf(error, action) };
      return undefined;
    } finally {
      busy = false;
      notify();
    }
  }

  const session: WorkspaceSession = {
    get user() {
      return api.session.user;
    },
    get scenarios() {
      return scenarios;
    },
    get versions() {
      return versions;
    },
    get running() {
      return running;
    },
    get runProgress() {
      return runProgress;
    },
    get feedback() {
      return feedback;
    },
    get busy() {
      return busy;
    },
    canEdit: () => EDITORS.includes(api.session.user?.role ?? 'citizen'),
    canCompare: () => VIEWERS.includes(api.session.user?.role ?? 'citizen'),
    find: (id) => (id ? scenarios.find((s) => s.id === id) : undefined),
    async start() {
      try {
        await api.me();
      } catch {
        // No workspace on this server (or it is down): the panels stay in their signed-out form.
      }
      await session.refresh();
    },
    async signIn(username, password) {
      const info = await act('signIn', () => api.login({ username, password }));
      if (!info?.user) {
        // A wrong password answers 401; say so in words, not the server's.
        if (feedback?.kind === 'error' && feedback.key === 'ws.error.signedOut') feedback = { kind: 'error', key: 'ws.error.credentials' };
        notify();
        return false;
      }
      // The list follows; the caller can move focus to the signed-in controls right away.
      void session.refresh();
      return true;
    },
    async signOut() {
      await act('signOut', () => api.logout());
      scenarios = [];
      versions = [];
      versionsOf = undefined;
      await session.refresh();
    },
    async refresh() {
      try {
        scenarios = await api.listScenarios();
      } catch {
        scenarios = [];
      }
      if (versionsOf && session.canCompare()) await session.loadVersions(versionsOf);
      notify();
    },
    async loadVersions(id) {
      versionsOf = id;
      try {
        const list = await api.listVersions(id);
        versions = [...list].sort((a, b) => b.version - a.version);
      } catch {
        versions = [];
      }
      notify();
    },
    async create(draft) {
      const created = await act('create', () => api.createScenario(draft), 'ws.status.created');
      if (created) replace(created);
      return created;
    },
    async save(id, edit) {
      const saved = await act('save', () => api.updateScenario(id, edit), 'ws.status.saved');
      if (saved) {
        replace(saved);
        await session.loadVersions(id);
      }
      return saved;
    },
    async duplicate(id) {
      const copy = await act('duplicate', () => api.duplicateScenario(id), 'ws.status.duplicated');
      if (copy) replace(copy);
      return copy;
    },
    async restore(id, version) {
      const restored = await act('restore', () => api.restoreVersion(id, version), 'ws.status.restored');
      if (restored) {
        replace(restored);
        await session.loadVersions(id);
      }
      return restored;
    },
    async setPublished(id, published) {
      const result = await act('publish', () => (published ? api.publishScenario(id) : api.unpublishScenario(id)), published ? 'ws.status.published' : 'ws.status.unpublished');
      if (result) replace(result);
      notify();
    },
    async remove(id) {
      const ok = await act('delete', async () => {
        await api.deleteScenario(id);
        return true;
      }, 'ws.status.deleted');
      if (ok) {
        scenarios = scenarios.filter((s) => s.id !== id);
        if (versionsOf === id) {
          versionsOf = undefined;
          versions = [];
        }
        notify();
      }
      return ok === true;
    },
    async run(id) {
      running.add(id);
      runProgress = undefined;
      const result = await act(
        'run',
        () =>
          api.runScenario(id, {
            onProgress: (p) => {
              runProgress = p;
              notify();
            },
          }),
        'ws.status.ran',
      );
      running.delete(id);
      runProgress = undefined;
      if (result) replace(result);
      notify();
      return result;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return session;
}
