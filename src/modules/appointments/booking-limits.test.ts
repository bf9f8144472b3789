import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createBookingLimiter } from './booking-limits';

/** Which routes get the limits: those declaring `config.bookingLimits`, keeping their own hooks. */
describe('the booking limiter on routes', () => {
  const limiter = createBookingLimiter({
    db: undefined as never,
    settings: { perAccountPerHour: 1, perAddressPerHour: 1 },
  });
  const route = (config: object, preHandler?: unknown) =>
    ({ method: 'POST', url: '/x', handler: () => undefined, config, preHandler }) as RouteOptions;

  it('adds the check to booking routes only', () => {
    const booking = route({ access: { who: 'applicant' }, bookingLimits: true });
    limiter.onRoute(booking);
    expect(booking.preHandler).toEqual([limiter.check]);
    const other = route({ access: { who: 'applicant' } });
    limiter.onRoute(other);
    expect(other.preHandler).toBeUndefined();
  });

  it('runs after a route’s own preHandlers', () => {
    const own = async () => undefined;
    const r = route({ access: { who: 'applicant' }, bookingLimits: true }, own);
    limiter.onRoute(r);
    expect(r.preHandler).toEqual([own, limiter.check]);
  });

  it('lets partners and staff through (they have limits of their own or no access)', async () => {
    for (const principal of [
      { kind: 'partner', partnerId: 'p', name: 'p', services: [], countries: [] },
      { kind: 'anonymous' },
    ])
      await expect(
        limiter.check({ principal, ip: '10.0.0.1' } as never, {} as never),
      ).resolves.toBeUndefined();
  });
});
