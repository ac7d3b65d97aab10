// Which rate-limit bucket a client falls in, without keeping its address: IPv4 per address, IPv6 per /56 (one
// household or customer usually gets a /56 or /48, so rotating through a /56 must not buy new allowances), then
// HMAC'd with a key of the current month (RELIABILITY.md #16, #17; AVG rule 2: a rotating keyed hash). The key lives
// in the workspace database so that every server behind the load balancer puts a client in the same bucket.
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import type { SqlRunner } from '../workspace/sql/sql-db.ts';

/** The network part of the address that one bucket covers; '' when the address cannot be read. */
export function addressGroup(address: string | undefined): string {
  if (!address) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  const bare = address.split('%')[0];
  if (!isIPv6(bare)) return '';
  const groups = expandIPv6(bare);
  // /56 = the first three 16-bit groups and the high byte of the fourth.
  const fourth = (parseInt(groups[3], 16) & 0xff00).toString(16);
  return `${groups.slice(0, 3).map((g) => parseInt(g, 16).toString(16)).join(':')}:${fourth}::/56`;
}

/** Eight 16-bit hex groups of a valid IPv6 address (an embedded IPv4 tail is converted). */
function expandIPv6(address: string): string[] {
  let text = address;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1].split('.').map(Number);
    text = `${text.slice(0, -v4[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups];
}

/** The keyed hash of a client's address group: the bucket, never the address. */
export function clientBucketHash(key: Buffer, address: string | undefined): string {
  return createHmac('sha256', key).update(addressGroup(address)).digest('base64url');
}

/** The key period a moment falls in: its UTC month, 'YYYY-MM'. */
export function keyPeriod(now: Date): string {
  return now.toISOString().slice(0, 7);
}

function previousPeriod(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return keyPeriod(new Date(Date.UTC(year, month - 2, 1)));
}

/**
 * The month's bucket key, shared by all servers through rate_limit_keys. The first server of a month creates it
 * (insert-if-absent, then read the row that won, so servers starting the month together agree) and deletes keys from
 * before the previous month: after that nothing can link an old bucket to an address group any more. The previous
 * month's key stays one month so that a server whose clock is a little behind still finds it. A new month starts new
 * buckets, so at midnight on the first a client may place up to twice the limit within one window; accepted, as the
 * price of keys that expire.
 */
export class ClientBucketKeys {
  private current: { period: string; key: Buffer } | undefined;

  constructor(private readonly db: SqlRunner) {}

  async of(address: string | undefined, now: Date): Promise<string> {
    return clientBucketHash(await this.keyFor(now), address);
  }

  async keyFor(now: Date): Promise<Buffer> {
    const period = keyPeriod(now);
    if (this.current?.period === period) return this.current.key;
    await this.db.run('INSERT INTO rate_limit_keys (period, hmac_key) VALUES (?, ?) ON CONFLICT DO NOTHING', [period, randomBytes(32)]);
    await this.db.run('DELETE FROM rate_limit_keys WHERE period < ?', [previousPeriod(period)]);
    const row = await this.db.get<{ hmac_key: Buffer }>('SELECT hmac_key FROM rate_limit_keys WHERE period = ?', [period]);
    if (!row) throw new Error(`rate_limit_keys has no key for ${period} after inserting one`);
    this.current = { period, key: row.hmac_key };
    return row.hmac_key;
  }
}
