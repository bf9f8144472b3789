import { isIPv6 } from 'node:net';

/**
 * The part of a client address that identifies one client for the rate limits and abuse signals.
 * An IPv6 client usually has a whole /64 to itself and can take a new address from it for every
 * request, so IPv6 addresses are cut to their /64; IPv4 (also written IPv4-mapped) is kept whole.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
