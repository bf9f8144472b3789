import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule, DemoApplication } from '../modules/applications';
import type { CaseActionKind, CasesModule } from '../modules/cases';
import type { Clock } from '../platform/clock';

const DAY_MS = 86_400_000;

interface DemoCase {
  email: string;
  serviceId: string;
  groundId: string;
  given: string;
  surname: string;
  born: string;
  nationality: string;
  travelDocument: string;
  submittedDaysAgo: number;
  /** Steps taken on the case since it opened, by the system (the officers' work is theirs). */
  steps: CaseActionKind[];
  delivery?: DemoApplication['delivery'];
}

/**
 * The cases a demo officer finds on `npm start`: one just submitted (to take), one waiting for
 * the applicant's visit, one in examination, and two changes of employer whose 20-working-day
 * term counts from submission, one near its deadline and one past it, so the queue's highlights
 * have something to show. Names and numbers are invented.
 */
const DEMO_CASES: DemoCase[] = [
  {
    email: 'oleksandr.kovalenko@vartai.demo',
    serviceId: 'temporary-residence-permit',
    groundId: 'work',
    given: 'Oleksandr',
    surname: 'Kovalenko',
    born: '1990-04-17',
    nationality: 'UKR',
    travelDocument: 'FX123456',
    submittedDaysAgo: 2,
    steps: [],
  },
  {
    email: 'priya.sharma@vartai.demo',
    serviceId: 'temporary-residence-permit',
    groundId: 'studies',
    given: 'Priya',
    surname: 'Sharma',
    born: '2001-09-03',
    nationality: 'IND',
    travelDocument: 'Z7654321',
    submittedDaysAgo: 6,
    steps: ['visit-required'],
  },
  {
    email: 'aliaksandr.ivanou@vartai.demo',
    serviceId: 'temporary-residence-permit',
    groundId: 'family',
    given: 'Aliaksandr',
    surname: 'Ivanou',
    born: '1986-12-01',
    nationality: 'BLR',
    travelDocument: 'MP2345678',
    submittedDaysAgo: 15,
    steps: ['visit-required', 'accepted', 'examination-started'],
  },
  {
    email: 'priya.sharma@vartai.demo',
    serviceId: 'change-of-employer',
    groundId: 'new-employer',
    given: 'Priya',
    surname: 'Sharma',
    born: '2001-09-03',
    nationality: 'IND',
    travelDocument: 'Z7654321',
    submittedDaysAgo: 26,
    steps: ['accepted', 'examination-started'],
  },
  {
    email: 'oleksandr.kovalenko@vartai.demo',
    serviceId: 'change-of-employer',
    groundId: 'new-function',
    given: 'Oleksandr',
    surname: 'Kovalenko',
    born: '1990-04-17',
    nationality: 'UKR',
    travelDocument: 'FX123456',
    submittedDaysAgo: 33,
    steps: ['accepted', 'examination-started'],
  },
];

/** Loads the demo cases once (an applicant's application of a service is not made twice). */
export async function seedDemoCases(d: {
  clock: Clock;
  accounts: AccountsModule;
  applications: ApplicationsModule;
  cases: CasesModule;
}): Promise<{ created: number }> {
  const now = d.clock.now().getTime();
  const items: (DemoApplication & { steps: CaseActionKind[] })[] = [];
  for (const c of DEMO_CASES) {
    const owner = await d.accounts.repo.findByEmail(c.email);
    if (!owner) continue;
    items.push({
      ownerAccountId: owner.id,
      serviceId: c.serviceId,
      groundId: c.groundId,
      submittedAt: new Date(now - c.submittedDaysAgo * DAY_MS),
      answers: {
        'given-names': c.given,
        surname: c.surname,
        'date-of-birth': c.born,
        nationality: c.nationality,
        'travel-document-number': c.travelDocument,
      },
      steps: c.steps,
      ...(c.delivery ? { delivery: c.delivery } : {}),
    });
  }
  let created = 0;
  for (const item of items) {
    const seeded = await d.applications.seedDemo([item], async (row, trx) => {
      const opened = await d.cases.repo.findByApplication(row.id, trx);
      if (!opened) return;
      for (const kind of item.steps) {
        await d.cases.service.recordAction(
          opened.id,
          { kind, actor_kind: 'system', actor_id: null },
          trx,
        );
      }
    });
    created += seeded.created;
  }
  return { created };
}
