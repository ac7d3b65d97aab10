// Accounts, password hashes, the login limiter, scenario antennas and the demo accounts (no HTTP).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureDemoAccounts } from '../../server/workspace/auth/demo-accounts.ts';
import { createLoginLimiter } from '../../server/workspace/auth/login-limiter.ts';
import { hashPassword, passwordMatches } from '../../server/workspace/auth/password-hash.ts';
import { createDecoy, createUser, listUsers, setUserDisabled, verifyPassword } from '../../server/workspace/auth/user-store.ts';
import { nearestBand, scenarioAntennas } from '../../server/workspace/scenarios/scenario-antennas.ts';
import { type Workspace, openWorkspace } from '../../server/workspace/workspace.ts';
import { type WorkspaceBackend, freshWorkspaceTarget, workspaceBackends } from '../support/workspace-backends.ts';

const backends = workspaceBackends('workspace accounts');
const open: Workspace[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const w of open.splice(0)) await w.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
async function createWorkspace(backend: WorkspaceBackend): Promise<Workspace> {
  const w = await openWorkspace(await freshWorkspaceTarget(backend));
  open.push(w);
  return w;
}

describe('password hashes', () => {
  it('are salted scrypt hashes that match only the right password', async () => {
    const a = hashPassword('correct horse');
    const b = hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await passwordMatches('correct horse', a)).toBe(true);
    expect(await passwordMatches('correct horsE', a)).toBe(false);
    expect(await passwordMatches('correct horse', 'plain-text')).toBe(false);
  });
});

describe.each(backends)('accounts (%s workspace)', (backend) => {
  it('creates, lists, verifies and disables an account, and audit-logs it', async () => {
    const w = await createWorkspace(backend);
    const user = await createUser(w, { username: 'petra', password: 'long-enough', role: 'planner' });
    expect(await listUsers(w)).toEqual([expect.objectContaining({ id: user.id, username: 'petra', role: 'planner', disabled: false })]);
    expect(JSON.stringify(await w.db.all('SELECT * FROM users'))).not.toContain('long-enough');
    const decoy = createDecoy();
    expect(await verifyPassword(w, 'PETRA', 'long-enough', decoy)).toEqual(user);
    expect(await verifyPassword(w, 'petra', 'wrong-password', decoy)).toBeUndefined();
    await setUserDisabled(w, 'petra', true);
    expect(await verifyPassword(w, 'petra', 'long-enough', decoy)).toBeUndefined();
    expect((await w.audit.list(w.db, { limit: 10 })).map((e) => e.action)).toEqual(['user.disable', 'user.create']);
  });

  it('refuses a taken name (in any case), a short password and an unknown role', async () => {
    const w = await createWorkspace(backend);
    await createUser(w, { username: 'petra', password: 'long-enough', role: 'planner' });
    await expect(createUser(w, { username: 'Petra', password: 'long-enough', role: 'council' })).rejects.toThrow(/exists already/);
    await expect(createUser(w, { username: 'kort', password: 'short', role: 'council' })).rejects.toThrow(/at least 8/);
    await expect(createUser(w, { username: 'burger', password: 'long-enough', role: 'citizen' as 'council' })).rejects.toThrow(/role/);
  });

  it('lists accounts by name regardless of letter case', async () => {
    const w = await createWorkspace(backend);
    for (const username of ['bert', 'Anna', 'carla']) await createUser(w, { username, password: 'long-enough', role: 'council' });
    expect((await listUsers(w)).map((u) => u.username)).toEqual(['Anna', 'bert', 'carla']);
  });
});

describe.each(backends)('login limiter (%s workspace)', (backend) => {
  it('blocks after 10 failures within 15 minutes and frees the key when the window has passed', async () => {
    const limiter = createLoginLimiter((await createWorkspace(backend)).db);
    // Each attempt is counted before the password is checked; a wrong password leaves it counted as a failure.
    for (let i = 0; i < 9; i++) expect(await limiter.attempt('k', 1000 * i)).toBe(0);
    expect(await limiter.attempt('k', 9000)).toBe(0);
    expect(await limiter.attempt('k', 10_000)).toBe(15 * 60 - 10);
    expect(await limiter.attempt('other', 10_000)).toBe(0);
    expect(await limiter.attempt('k', 15 * 60 * 1000)).toBe(0);
  });

  it('forgets a key on reset, after a successful sign-in', async () => {
    const limiter = createLoginLimiter((await createWorkspace(backend)).db);
    for (let i = 0; i < 10; i++) await limiter.attempt('k', i);
    await limiter.reset('k');
    expect(await limiter.attempt('k', 20)).toBe(0);
  });

  it('counts together with every other limiter on the same database (one per server)', async () => {
    const db = (await createWorkspace(backend)).db;
    const servers = [createLoginLimiter(db), createLoginLimiter(db)];
    for (let i = 0; i < 10; i++) expect(await servers[i % 2].attempt('k', i)).toBe(0);
    expect(await servers[0].attempt('k', 10)).toBeGreaterThan(0);
    expect(await servers[1].attempt('k', 11)).toBeGreaterThan(0);
  });

  it('lets no more than 10 of many parallel guesses through', async () => {
    const db = (await createWorkspace(backend)).db;
    const servers = [createLoginLimiter(db), createLoginLimiter(db)];
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => servers[i % 2].attempt('k', 100)));
    expect(answers.filter((s) => s === 0)).toHaveLength(10);
  });

  it('stores only hashed keys and removes the windows that have passed', async () => {
    const db = (await createWorkspace(backend)).db;
    await createLoginLimiter(db).attempt('petra\u0000127.0.0.1', 0);
    const rows = await db.all<{ key_hash: string }>('SELECT key_hash FROM login_failures');
    expect(rows).toEqual([{ key_hash: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    // A fresh limiter sweeps on its first attempt: the passed window goes, only the new key stays.
    await createLoginLimiter(db).attempt('other', 15 * 60 * 1000);
    expect(await db.get('SELECT count(*) AS n FROM login_failures')).toEqual({ n: 1 });
  });
});

describe('scenario antennas', () => {
  it('maps contract antennas to engine sectors on the nearest band', () => {
    expect(nearestBand(3.5)).toBe('n78');
    expect(nearestBand(0.7)).toBe('n28');
    expect(nearestBand(2.1)).toBe('n3');
    const [a] = scenarioAntennas([{ id: 'mast 1', x: 150000, y: 450000, heightM: 30, azimuthDeg: 360, tiltDeg: 4, eirpDbm: 61, frequencyGHz: 3.6 }], () => 2.5);
    expect(a).toMatchObject({ id: 'scenario-1-mast_1', position: [150000, 450000], groundM: 2.5, heightM: 30, azimuthDeg: 0, downtiltDeg: 4, eirpDbm: 61, band: 'n78', operator: 'scenario', buildingId: null });
  });
});

describe.each(backends)('demo accounts (%s workspace)', (backend) => {
  it('creates planner, raad and admin once for a synthetic twin, in a file only the owner can read', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-demo-accounts-'));
    dirs.push(dataDir);
    const w = await createWorkspace(backend);
    expect(await ensureDemoAccounts(w, { dataDir, synthetic: false })).toBeUndefined();
    const lines = await ensureDemoAccounts(w, { dataDir, synthetic: true });
    expect(lines?.map((l) => l.split('\t').slice(0, 2))).toEqual([['planner', 'planner'], ['raad', 'council'], ['admin', 'admin']]);
    const file = path.join(dataDir, 'demo-accounts.txt');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [, , password] = lines![1].split('\t');
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(fs.readFileSync(file, 'utf8')).toContain(password);
    expect(await verifyPassword(w, 'raad', password, createDecoy())).toMatchObject({ role: 'council' });
    expect(await ensureDemoAccounts(w, { dataDir, synthetic: true })).toBeUndefined();
  });
});
