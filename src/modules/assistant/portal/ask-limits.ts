/**
 * How many questions one client may ask: per client address AND per account, counted in the
 * database (so every app node agrees). The global limiter counts requests per address only; a
 * signed-in applicant behind a shared address (an office, a library) has their own bucket too,
 * and one account cannot spread its questions over many addresses. Questions asked on the page,
 * in the panel and through the API share the buckets.
 */
import { isIPv6 } from 'node:net';
import type { Db } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { rateLimitHit } from '../../../platform/http';

export const ASK_WINDOW_MS = 60_000;

export interface AskLimitSettings {
  /** Questions per client address per minute (also counts hand-offs). */
  perAddressPerMinute: number;
  /** Questions per signed-in account per minute. */
  perAccountPerMinute: number;
}

export const DEFAULT_ASK_LIMITS: AskLimitSettings = {
  perAddressPerMinute: 30,
  perAccountPerMinute: 20,
};

/** The refusal: the same `RATE_LIMITED` code as every other limit (problem+json on the API). */
export const askRateLimited = () =>
  new AppError(
    'RATE_LIMITED',
    'rate_limited',
    'Too many questions in the last minute: wait a minute and ask again',
  );

/**
 * An IPv6 client usually holds a whole /64 and may take a new address for every request, so
 * IPv6 addresses count by their /64; IPv4 (also IPv4-mapped) is kept whole.
 */
export function addressBucket(ip: string): string {
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

export type AskLimitResult = { limited: false } | { limited: true; retryAfterSeconds: number };

export function createAskLimiter(db: Db, settings: AskLimitSettings) {
  /** Counts one question on both buckets; limited when either is over. */
  return async function count(ip: string, accountId?: string): Promise<AskLimitResult> {
    const address = await rateLimitHit(db, `assistant:address:${addressBucket(ip)}`, ASK_WINDOW_MS);
    const account = accountId
      ? await rateLimitHit(db, `assistant:account:${accountId}`, ASK_WINDOW_MS)
      : undefined;
    const overAddress = address.current > settings.perAddressPerMinute;
    const overAccount = account !== undefined && account.current > settings.perAccountPerMinute;
    if (!overAddress && !overAccount) return { limited: false };
    const ttl = Math.max(overAddress ? address.ttl : 0, overAccount ? account.ttl : 0);
    return { limited: true, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
  };
}

export type AskLimiter = ReturnType<typeof createAskLimiter>;
