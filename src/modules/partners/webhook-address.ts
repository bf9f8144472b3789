import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/**
 * Addresses a webhook may never reach: link-local ranges (where cloud metadata services live),
 * the known metadata addresses, and "this host" (0.0.0.0, ::). Loopback and private networks stay
 * allowed: partners may run inside the authority's network, and tests post to 127.0.0.1.
 */
const refused = new net.BlockList();
refused.addSubnet('169.254.0.0', 16, 'ipv4');
refused.addSubnet('0.0.0.0', 8, 'ipv4');
refused.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
refused.addAddress('192.0.0.192', 'ipv4'); // Oracle Cloud metadata
refused.addSubnet('fe80::', 10, 'ipv6');
refused.addAddress('::', 'ipv6');
refused.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6

const METADATA_NAMES = new Set(['metadata', 'metadata.google.internal', 'instance-data']);

export function isRefusedAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 4) return refused.check(ip, 'ipv4');
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return refused.check(mapped[1]!, 'ipv4');
    return refused.check(ip, 'ipv6');
  }
  return true;
}

/** Why a webhook address is refused, or null when it may be used. Checks the text only. */
export function webhookUrlProblem(raw: string): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'only http and https are allowed';
  if (u.username || u.password) return 'credentials in the address are not allowed';
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!host) return 'no host';
  if (METADATA_NAMES.has(host.replace(/\.$/, ''))) return 'metadata service address';
  if (net.isIP(host) && isRefusedAddress(host)) return 'link-local or metadata address';
  return null;
}

export interface PostResult {
  status: number | null;
  error: string | null;
}

/**
 * POSTs once, without following redirects. The address is checked again on every connection
 * (the `lookup` hook sees what DNS answers now), so a name that later resolves to a metadata
 * address — DNS rebinding — is refused too.
 */
export function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<PostResult> {
  const problem = webhookUrlProblem(url);
  if (problem) return Promise.resolve({ status: null, error: `refused: ${problem}` });
  const u = new URL(url);
  const lookup: net.LookupFunction = (hostname, options, cb) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return cb(err, '', 4);
      const list = addresses as dns.LookupAddress[];
      const bad = list.find((a) => isRefusedAddress(a.address));
      if (bad) return cb(new Error(`refused: ${hostname} resolves to ${bad.address}`), '', 4);
      if ((options as { all?: boolean }).all)
        return (cb as never as (e: null, a: unknown) => void)(null, list);
      cb(null, list[0]!.address, list[0]!.family);
    });
  };
  return new Promise((resolve) => {
    const req = (u.protocol === 'https:' ? https : http).request(
      u,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
        },
        lookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // Only the status matters; the body is drained (and cut off by the same timeout).
        res.on('error', () => {});
        res.resume();
        resolve({ status: res.statusCode ?? null, error: null });
      },
    );
    req.on('error', (e) =>
      resolve({ status: null, error: e.name === 'AbortError' ? 'timeout' : e.message }),
    );
    req.end(body);
  });
}
