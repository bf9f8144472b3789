import type { Clock } from '../../platform/clock';
import { randomIds } from '../../platform/clock';
import { recordingJobs, type TestDatabase } from '../../platform/testing';
import type { AuditModule } from '../audit';
import { createCatalogueModule } from '../catalogue';
import type { VisitHappenings } from './visit.happenings';
import { createAppointmentsModule } from './index';

/**
 * The appointments module alone on a test database, for tests of booking and the waitlist: the
 * real pack and holidays, no application behind the bookings (the visit pages have their own
 * tests on the whole app).
 */
export function appointmentsForTest(opts: {
  db: TestDatabase;
  clock: Clock;
  audit: AuditModule;
  happenings?: VisitHappenings;
}) {
  return createAppointmentsModule({
    db: opts.db.db,
    clock: opts.clock,
    ids: randomIds,
    audit: opts.audit,
    holidays: createCatalogueModule().pack.holidays,
    jobs: recordingJobs().jobs,
    ports: {
      applicationOf: () => Promise.reject(new Error('not used here')),
      visitRule: () => undefined,
    },
    ...(opts.happenings ? { happenings: opts.happenings } : {}),
  });
}
