/**
 * Booking abuse, assembled for the module: the per-account and per-address limits of the booking
 * endpoints, the signals they record, the detection job and the administrators' reports page.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock, Ids } from '../../platform/clock';
import { ConfigSchema, type Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { abusePages } from './abuse.pages';
import { createAbuseRepository } from './abuse.repository';
import { createAbuseService } from './abuse.service';
import { createBookingLimiter } from './booking-limits';

/** Looks at recent booking signals and reports unusual patterns to administrators. */
export const DETECT_ABUSE_JOB = 'appointments.detect-abuse';
export const DETECT_ABUSE_CRON = '*/15 * * * *';

export type BookingAbuseConfig = Pick<
  Config,
  | 'RATE_LIMIT_BOOKING_PER_ACCOUNT_PER_HOUR'
  | 'RATE_LIMIT_BOOKING_PER_ADDRESS_PER_HOUR'
  | 'BOOKING_ABUSE_ACCOUNTS_PER_SOURCE_PER_DAY'
  | 'BOOKING_ABUSE_CANCEL_CYCLES_PER_WEEK'
>;

export function createBookingAbuse(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  /** The application's configuration; the documented defaults when not given (module tests). */
  config?: BookingAbuseConfig;
}) {
  const config = deps.config ?? ConfigSchema.parse({});
  const abuse = createAbuseService({
    ...deps,
    repo: createAbuseRepository(deps.db),
    settings: {
      accountsPerSourcePerDay: config.BOOKING_ABUSE_ACCOUNTS_PER_SOURCE_PER_DAY,
      cancelCyclesPerWeek: config.BOOKING_ABUSE_CANCEL_CYCLES_PER_WEEK,
    },
  });
  const limiter = createBookingLimiter({
    db: deps.db,
    settings: {
      perAccountPerHour: config.RATE_LIMIT_BOOKING_PER_ACCOUNT_PER_HOUR,
      perAddressPerHour: config.RATE_LIMIT_BOOKING_PER_ADDRESS_PER_HOUR,
    },
    onFirstRefusal: (req) => abuse.recordRequest(req, 'refused-rate-limit'),
  });
  deps.jobs.register(DETECT_ABUSE_JOB, async () => {
    await abuse.detect(deps.clock.now());
  });
  deps.jobs.schedule(DETECT_ABUSE_JOB, DETECT_ABUSE_CRON);
  return {
    abuse,
    limiter,
    /**
     * Call (not register) in the module's routes plugin before registering the booking routes:
     * routes declaring `config.bookingLimits` in it get the limits. Adds the reports page too.
     */
    install: async (app: FastifyInstance) => {
      app.addHook('onRoute', limiter.onRoute);
      await app.register(abusePages({ abuse, audit: deps.audit }));
    },
  };
}
