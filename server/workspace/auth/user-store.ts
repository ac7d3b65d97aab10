// Local accounts for planners, council members and admins. Citizens never get an account (no personal data).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { RoleName, User } from '../../contracts/workspace.ts';
import { Conflict, InvalidParameter, NotFound } from '../../errors.ts';
import type { Actor } from '../roles.ts';
import type { Workspace } from '../workspace.ts';
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

/** Creates an account. 409 when the name is taken, in any letter case. */
export async function createUser(workspace: Workspace, input: NewUser, actor: Actor = COMMAND_LINE_ACTOR): Promise<User> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ in: 'body', field: i.path.join('.'), message: i.message }));
    throw new InvalidParameter(`Invalid account: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, { errors });
  }
  const { username, password, role } = parsed.data;
  const user: User = { id: randomUUID(), username, role };
  // Hashing takes ~100 ms of CPU: before the transaction, not inside it.
  const hash = hashPassword(password);
  await workspace.db.transaction(async (tx) => {
    // Two servers creating the same name at once: the second one waits and then sees the first one's account.
    await tx.lock('users');
    if (await tx.get('SELECT 1 FROM users WHERE lower(username) = lower(?)', [username])) throw new Conflict(`An account named ${username} exists already`);
    await tx.run('INSERT INTO users (id, username, role, password_hash, disabled, created_at) VALUES (?, ?, ?, ?, 0, ?)', [
      user.id,
      username,
      role,
      hash,
      workspace.now().toISOString(),
    ]);
    await workspace.audit.append(tx, { actor, action: 'user.create', target: `user:${user.id}`, details: { username, role } });
  });
  return user;
}

export async function listUsers(workspace: Workspace): Promise<UserRecord[]> {
  const rows = await workspace.db.all<UserRow>('SELECT * FROM users ORDER BY lower(username), username');
  return rows.map(toRecord);
}

export async function findUserById(workspace: Workspace, id: string): Promise<UserRecord | undefined> {
  const row = await workspace.db.get<UserRow>('SELECT * FROM users WHERE id = ?', [id]);
  return row && toRecord(row);
}

export async function setUserDisabled(workspace: Workspace, username: string, disabled: boolean, actor: Actor = COMMAND_LINE_ACTOR): Promise<void> {
  await workspace.db.transaction(async (tx) => {
    const row = await tx.get<UserRow>('SELECT * FROM users WHERE lower(username) = lower(?)', [username]);
    if (!row) throw new NotFound(`No account named ${username}`);
    await tx.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, row.id]);
    // A disabled account loses its sessions at once, on every server (they all read the same table).
    if (disabled) await tx.run('DELETE FROM sessions WHERE user_id = ?', [row.id]);
    await workspace.audit.append(tx, { actor, action: disabled ? 'user.disable' : 'user.enable', target: `user:${row.id}`, details: { username: row.username } });
  });
}

/**
 * The account for a username and password, or undefined. Unknown names and disabled accounts cost the same scrypt
 * work as a wrong password, so the answer time does not tell which usernames exist.
 */
export async function verifyPassword(workspace: Workspace, username: string, password: string, decoy: () => string): Promise<User | undefined> {
  const row = await workspace.db.get<UserRow>('SELECT * FROM users WHERE lower(username) = lower(?)', [username]);
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
