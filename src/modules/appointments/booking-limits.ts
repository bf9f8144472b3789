/**
 * Rate limits of the booking endpoints, per account AND per client address. The global limiter
 * (@fastify/rate-limit in build-app) counts per address per minute only; one bot with many
 * accounts, or one account from many addresses, would pass it. A route opts in with
 * `config: { access: { who: 'applicant' }, bookingLimits: true }` (like `config.rateLimit`); the
 * appointments module's routes add the check to every such route (an `onRoute` hook), after the
 * access and CSRF checks, so only signed-in applicants' real form posts are counted.
 */
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { Db } from '../../platform/db';
import { AppError } from '../../platform/errors';
import { rateLimitHit } from '../../platform/http';
import { addressKey } from '../../platform/http';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A booking endpoint: counted against the per-account and per-address booking limits. */
    bookingLimits?: boolean;
  }
}

export const BOOKING_LIMIT_WINDOW_MS = 3_600_000;

export interface BookingLimitSettings {
  perAccountPerHour: number;
  perAddressPerHour: number;
}

/** The refusal: the same `RATE_LIMITED` as every other limit (a 429 page, or problem+json). */
export const bookingRateLimited = () =>
  new AppError('RATE_LIMITED', 'rate_limited', 'Too many booking requests in the last hour');

export interface BookingLimiterDeps {
  db: Db;
  settings: BookingLimitSettings;
  /** Told of the first refusal in a window (one per account or address, not one per request). */
  onFirstRefusal?: (req: FastifyRequest) => Promise<void>;
}

export function createBookingLimiter(d: BookingLimiterDeps) {
  const { perAccountPerHour, perAddressPerHour } = d.settings;

  /** A preHandler: counts the request on both keys and refuses it when either is over. */
  async function check(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const p = req.principal;
    // Partners book for many people and are limited per partner by the global limiter; staff and
    // anonymous callers never reach a booking route (the access check runs first).
    if (p.kind !== 'applicant') return;
    const account = await rateLimitHit(
      d.db,
      `booking:account:${p.accountId}`,
      BOOKING_LIMIT_WINDOW_MS,
    );
    const address = await rateLimitHit(
      d.db,
      `booking:address:${addressKey(req.ip)}`,
      BOOKING_LIMIT_WINDOW_MS,
    );
    const overAccount = account.current > perAccountPerHour;
    const overAddress = address.current > perAddressPerHour;
    if (!overAccount && !overAddress) return;
    if (account.current === perAccountPerHour + 1 || address.current === perAddressPerHour + 1)
      await d.onFirstRefusal?.(req);
    const ttl = Math.max(overAccount ? account.ttl : 0, overAddress ? address.ttl : 0);
    reply.header('retry-after', String(Math.max(1, Math.ceil(ttl / 1000))));
    throw bookingRateLimited();
  }

  return {
    check,
    /** For `app.addHook('onRoute', …)`: adds `check` to routes with `config.bookingLimits`. */
    onRoute(route: RouteOptions) {
      if (!route.config?.bookingLimits) return;
      const existing = route.preHandler;
      route.preHandler = [...(existing ? [existing].flat() : []), check];
    },
  };
}

export type BookingLimiter = ReturnType<typeof createBookingLimiter>;
