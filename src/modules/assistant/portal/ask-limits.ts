/**
 * How many questions one client may ask: per client address AND per account, counted in the
 * database (so every app node agrees). The global limiter counts requests per address only; a
 * signed-in applicant behind a shared address (an office, a library) has their own bucket too,
 * and one account cannot spread its questions over many addresses. Questions asked on the page,
 * in the panel and through the API share the buckets.
 */
import type { Db } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import { addressKey, rateLimitHit } from '../../../platform/http';

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

/** IPv6 clients count by their /64 (platform/http address-key.ts). */
export const addressBucket = addressKey;

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
