// Which rate-limit bucket a client falls in, without keeping its address: IPv4 per address, IPv6 per /56 (one
// household or customer usually gets a /56 or /48, so rotating through a /56 must not buy new allowances), then
// HMAC'd with a key that lives only in memory for this process (RELIABILITY.md #16, #17).
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

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

/** Keyed hashes of address groups; a new key per process, so the buckets cannot be linked to addresses later. */
export class ClientBucketKeys {
  private readonly key = randomBytes(32);

  of(address: string | undefined): string {
    return createHmac('sha256', this.key).update(addressGroup(address)).digest('base64url');
  }
}
