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

const open: Workspace[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function createWorkspace(): Workspace {
  const w = openWorkspace(':memory:');
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

describe('accounts', () => {
  it('creates, lists, verifies and disables an account, and audit-logs it', async () => {
    const w = createWorkspace();
    const user = createUser(w, { username: 'petra', password: 'long-enough', role: 'planner' });
    expect(listUsers(w)).toEqual([expect.objectContaining({ id: user.id, username: 'petra', role: 'planner', disabled: false })]);
    expect(JSON.stringify(w.db.prepare('SELECT * FROM users').all())).not.toContain('long-enough');
    const decoy = createDecoy();
    expect(await verifyPassword(w, 'PETRA', 'long-enough', decoy)).toEqual(user);
    expect(await verifyPassword(w, 'petra', 'wrong-password', decoy)).toBeUndefined();
    setUserDisabled(w, 'petra', true);
    expect(await verifyPassword(w, 'petra', 'long-enough', decoy)).toBeUndefined();
    expect(w.audit.list({ limit: 10 }).map((e) => e.action)).toEqual(['user.disable', 'user.create']);
  });

  it('refuses a taken name (in any case), a short password and an unknown role', () => {
    const w = createWorkspace();
    createUser(w, { username: 'petra', password: 'long-enough', role: 'planner' });
    expect(() => createUser(w, { username: 'Petra', password: 'long-enough', role: 'council' })).toThrow(/exists already/);
    expect(() => createUser(w, { username: 'kort', password: 'short', role: 'council' })).toThrow(/at least 8/);
    expect(() => createUser(w, { username: 'burger', password: 'long-enough', role: 'citizen' as 'council' })).toThrow(/role/);
  });
});

describe('login limiter', () => {
  it('blocks after 10 failures within 15 minutes and frees the key when the window has passed', () => {
    const limiter = createLoginLimiter();
    for (let i = 0; i < 9; i++) limiter.recordFailure('k', 1000 * i);
    expect(limiter.retryAfterS('k', 9000)).toBe(0);
    limiter.recordFailure('k', 9000);
    expect(limiter.retryAfterS('k', 10_000)).toBe(15 * 60 - 10);
    expect(limiter.retryAfterS('other', 10_000)).toBe(0);
    expect(limiter.retryAfterS('k', 15 * 60 * 1000)).toBe(0);
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

describe('demo accounts', () => {
  it('creates planner, raad and admin once for a synthetic twin, in a file only the owner can read', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tweeling-demo-accounts-'));
    dirs.push(dataDir);
    const w = createWorkspace();
    expect(ensureDemoAccounts(w, { dataDir, synthetic: false })).toBeUndefined();
    const lines = ensureDemoAccounts(w, { dataDir, synthetic: true });
    expect(lines?.map((l) => l.split('\t').slice(0, 2))).toEqual([['planner', 'planner'], ['raad', 'council'], ['admin', 'admin']]);
    const file = path.join(dataDir, 'demo-accounts.txt');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [, , password] = lines![1].split('\t');
    expect(password.length).toBeGreaterThanOrEqual(24);
    expect(fs.readFileSync(file, 'utf8')).toContain(password);
    expect(await verifyPassword(w, 'raad', password, createDecoy())).toMatchObject({ role: 'council' });
    expect(ensureDemoAccounts(w, { dataDir, synthetic: true })).toBeUndefined();
  });
});
