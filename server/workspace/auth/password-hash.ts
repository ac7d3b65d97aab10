// Password hashing with scrypt (node:crypto): a per-password random salt, cost parameters stored with the hash so
// they can be raised later without invalidating old hashes, and a constant-time comparison.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

/** N = 2^15, r = 8, p = 1: 32 MiB and roughly 50–100 ms per hash, the OWASP minimum for scrypt. */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** scrypt needs 128·N·r bytes; leave headroom over Node's 32 MiB default. */
const MAX_MEM = 128 * PARAMS.N * PARAMS.r * 2;

/** `scrypt$N$r$p$salt$key` with base64url salt and key. Synchronous: used when accounts are created, not per request. */
export function hashPassword(password: string): string {
  const salt = randomBytes(SALT_BYTES);
  const key = scryptSync(password.normalize('NFC'), salt, KEY_BYTES, { ...PARAMS, maxmem: MAX_MEM });
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Asynchronous (the thread pool does the work), so a login does not block the event loop. */
export async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 }, (err, k) => (err ? reject(err) : resolve(k))),
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of a random password: compared against when the username is unknown, so timing does not reveal it. */
export function decoyHash(): string {
  return hashPassword(randomBytes(16).toString('base64url'));
}
