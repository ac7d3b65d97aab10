// Local accounts for planners, council members and admins. Citizens never get an account (no personal data).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RoleName, User } from '../../contracts/workspace.ts';
import { Conflict, InvalidParameter, NotFound } from '../../errors.ts';
import type { Actor } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
import { ensureAuthTables } from './auth-tables.ts';
import { decoyHash, hashPassword, passwordMatches } from './password-hash.ts';

export type AccountRole = Exclude<RoleName, 'citizen'>;
export const ACCOUNT_ROLES = ['admin', 'planner', 'council'] as const satisfies readonly AccountRole[];

export const MIN_PASSWORD_LENGTH = 8;

const newUserSchema = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, 'use 2–64 letters, digits, dots, dashes or underscores'),
  password: z.string().min(MIN_PASSWORD_LENGTH, `use at least ${MIN_PASSWORD_LENGTH} characters`).max(256),
  role: z.enum(ACCOUNT_ROLES),
});
export type NewUser = z.input<typeof newUserSchema>;

export interface UserRecord extends User {
  disabled: boolean;
  createdAt: string;
}

interface UserRow {
  id: string;
  username: string;
  role: AccountRole;
  password_hash: string;
  disabled: number;
  created_at: string;
}

/** The actor recorded in the audit log for work done from the command line (there is no session). */
export const COMMAND_LINE_ACTOR: Actor = Object.freeze({ role: 'admin', username: 'command-line' });

/** Creates an account (synchronous, so a test can call it and sign in right away). 409 when the name is taken. */
export function createUser(workspace: Workspace, input: NewUser, actor: Actor = COMMAND_LINE_ACTOR): User {
  ensureAuthTables(workspace.db);
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ in: 'body', field: i.path.join('.'), message: i.message }));
    throw new InvalidParameter(`Invalid account: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });
  }
  const { username, password, role } = parsed.data;
  const user: User = { id: randomUUID(), username, role };
  const hash = hashPassword(password);
  workspace.db.transaction(() => {
    if (workspace.db.prepare('SELECT 1 FROM users WHERE username = ?').get(username)) throw new Conflict(`An account named ${username} exists already`);
    workspace.db
      .prepare('INSERT INTO users (id, username, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)')
      .run(user.id, username, role, hash, workspace.now().toISOString());
    workspace.audit.append({ actor, action: 'user.create', target: `user:${user.id}`, details: { username, role } });
  })();
  return user;
}

export function listUsers(workspace: Workspace): UserRecord[] {
  ensureAuthTables(workspace.db);
  const rows = workspace.db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[];
  return rows.map(toRecord);
}

export function findUserById(workspace: Workspace, id: string): UserRecord | undefined {
  const row = workspace.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return row && toRecord(row);
}

export function setUserDisabled(workspace: Workspace, username: string, disabled: boolean, actor: Actor = COMMAND_LINE_ACTOR): void {
  ensureAuthTables(workspace.db);
  workspace.db.transaction(() => {
    const row = workspace.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    if (!row) throw new NotFound(`No account named ${username}`);
    workspace.db.prepare('UPDATE users SET disabled = ? WHERE id = ?').run(disabled ? 1 : 0, row.id);
    // A disabled account loses its sessions at once.
    if (disabled) workspace.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(row.id);
    workspace.audit.append({ actor, action: disabled ? 'user.disable' : 'user.enable', target: `user:${row.id}`, details: { username: row.username } });
  })();
}

/**
 * The account for a username and password, or undefined. Unknown names and disabled accounts cost the same scrypt
 * work as a wrong password, so the answer time does not tell which usernames exist.
 */
export async function verifyPassword(workspace: Workspace, username: string, password: string, decoy: () => string): Promise<User | undefined> {
  ensureAuthTables(workspace.db);
  const row = workspace.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  const ok = await passwordMatches(password, row?.password_hash ?? decoy());
  if (!row || !ok || row.disabled) return undefined;
  return { id: row.id, username: row.username, role: row.role };
}

/** One decoy hash per caller (computed lazily): no module state. */
export function createDecoy(): () => string {
  let hash: string | undefined;
  return () => (hash ??= decoyHash());
}

function toRecord(row: UserRow): UserRecord {
  return { id: row.id, username: row.username, role: row.role, disabled: row.disabled === 1, createdAt: row.created_at };
}
