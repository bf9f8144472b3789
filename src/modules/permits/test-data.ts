/**
 * Demo permits, loaded with the demo accounts: Oleksandr Kovalenko holds the digital temporary
 * protection permit Ukrainian war refugees get (faq-facts Q59), Priya Sharma a temporary
 * residence permit for work. Names and dates are made up.
 */
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { PermitsService } from './permits.contract';
import type { PermitsRepository } from './permits.repository';

export const DEMO_PERMITS = [
  {
    email: 'oleksandr.kovalenko@vartai.demo',
    serviceId: 'temporary-protection',
    groundId: 'ukraine-war',
    givenName: 'OLEKSANDR',
    familyName: 'KOVALENKO',
    birthdate: '1986-03-14',
  },
  {
    email: 'priya.sharma@vartai.demo',
    serviceId: 'temporary-residence-permit',
    groundId: 'work',
    givenName: 'PRIYA',
    familyName: 'SHARMA',
    birthdate: '1993-07-21',
  },
] as const;

/** The demo permit holder `credentials:demo` issues for. */
export const DEMO_PERMIT_HOLDER = DEMO_PERMITS[0];

/** Issues each demo permit whose holder has none yet (idempotent). */
export async function seedDemoPermits(d: {
  db: Db;
  clock: Clock;
  service: PermitsService;
  repo: PermitsRepository;
  accountIdOf: (email: string) => Promise<string | undefined>;
}): Promise<{ created: number }> {
  let created = 0;
  for (const p of DEMO_PERMITS) {
    const holder = await d.accountIdOf(p.email);
    if (!holder || (await d.repo.listForHolder(holder)).length > 0) continue;
    await d.db.transaction().execute((trx) =>
      d.service.issueForGrant(
        {
          caseId: null,
          applicationId: null,
          holderAccountId: holder,
          serviceId: p.serviceId,
          groundId: p.groundId,
          givenName: p.givenName,
          familyName: p.familyName,
          birthdate: p.birthdate,
          grantedAt: d.clock.now(),
        },
        trx,
      ),
    );
    created++;
  }
  return { created };
}
