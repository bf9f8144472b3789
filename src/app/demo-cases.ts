import type { AccountsModule } from '../modules/accounts';
import type { ApplicationsModule, DemoApplication } from '../modules/applications';
import type { CaseActionKind, CasesModule } from '../modules/cases';
import type { DocumentsModule } from '../modules/documents';
import type { ProcessingModule } from '../modules/processing';
import type { RegistriesModule } from '../modules/registries';
import type { Clock } from '../platform/clock';
import { labelledPdf } from '../platform/pdf';

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

/** The answers every demo application gives: who it is for and their travel document. */
const answersOf = (c: DemoCase): Record<string, string> => ({
  'given-names': c.given,
  surname: c.surname,
  'date-of-birth': c.born,
  nationality: c.nationality,
  'travel-document-number': c.travelDocument,
});

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
      answers: answersOf(c),
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

/** A demo application the pipeline works on (issue 8), with documents attached before submission. */
interface DemoAutomationCase extends DemoCase {
  documents?: string[];
  answers?: Record<string, string>;
}

/**
 * The automation's demo (issue 8), names invented: Marie Dubois, an EU citizen already in the
 * persons register through her e-residency (that case waits for the State Security
 * Department's opinion), whose certificate of residence is routine — accepted at the branch,
 * with a grant prepared for the officer; and Viktor Morozov, whose SIS entry-ban alert routes his
 * permit to enhanced scrutiny (registries DEMO_REGISTRY_HITS).
 */
const DEMO_AUTOMATION_CASES: DemoAutomationCase[] = [
  {
    email: 'gintare.jonaityte@vartai.demo',
    serviceId: 'e-resident',
    groundId: 'e-services',
    given: 'Marie',
    surname: 'Dubois',
    born: '1992-03-05',
    nationality: 'FRA',
    travelDocument: '18AB12345',
    submittedDaysAgo: 3,
    steps: [],
  },
  {
    email: 'personalas@vartai.demo',
    serviceId: 'eu-temporary-residence-certificate',
    groundId: 'work',
    given: 'Marie',
    surname: 'Dubois',
    born: '1992-03-05',
    nationality: 'FRA',
    travelDocument: '18AB12345',
    submittedDaysAgo: 1,
    steps: ['visit-required', 'accepted'],
    documents: ['identity-document', 'ground-proof'],
    answers: { 'application-kind': 'first' },
  },
  {
    email: 'personalas@vartai.demo',
    serviceId: 'temporary-residence-permit',
    groundId: 'work',
    given: 'Viktor',
    surname: 'Morozov',
    born: '1979-02-14',
    nationality: 'RUS',
    travelDocument: '7512345',
    submittedDaysAgo: 4,
    steps: [],
  },
];

/** What the automation's demo needs of the app's modules. */
export interface DemoAutomationDeps {
  clock: Clock;
  accounts: AccountsModule;
  applications: ApplicationsModule;
  cases: CasesModule;
  documents: Pick<DocumentsModule, 'service'>;
  registries: Pick<RegistriesModule, 'service' | 'runCheck'>;
  processing: Pick<ProcessingModule, 'service'>;
}

/**
 * Loads the automation's demo cases and runs the pipeline on every open case now, answering the
 * registers at once (the asynchronous VSD acknowledges and waits), so the demo shows tiers, a
 * prepared grant and a case waiting for an answer without a worker having run.
 */
export async function seedDemoAutomation(d: DemoAutomationDeps): Promise<{ created: number }> {
  const now = d.clock.now().getTime();
  let created = 0;
  for (const c of DEMO_AUTOMATION_CASES) {
    const owner = await d.accounts.repo.findByEmail(c.email);
    if (!owner) continue;
    const seeded = await d.applications.seedDemo(
      [
        {
          ownerAccountId: owner.id,
          serviceId: c.serviceId,
          groundId: c.groundId,
          submittedAt: new Date(now - c.submittedDaysAgo * DAY_MS),
          answers: { ...answersOf(c), ...c.answers },
        },
      ],
      async (row, trx) => {
        for (const documentType of c.documents ?? [])
          await d.documents.service.store(
            {
              owner: { kind: 'application', id: row.id },
              uploadedBy: {
                kind: 'applicant',
                accountId: owner.id,
                email: owner.email,
                displayName: owner.display_name,
              },
              documentType,
              fileName: `${documentType}.pdf`,
              bytes: await labelledPdf({
                lang: 'en',
                authority: 'Vartai demo',
                title: documentType,
                rows: [['Holder', `${c.given} ${c.surname}`]],
              }),
            },
            trx,
          );
        const opened = await d.cases.repo.findByApplication(row.id, trx);
        for (const kind of opened ? c.steps : [])
          await d.cases.service.recordAction(
            opened!.id,
            { kind, actor_kind: 'system', actor_id: null },
            trx,
          );
      },
    );
    created += seeded.created;
  }
  // Every demo case through the pipeline, the five above too (persons matched at submission).
  const all = await d.cases.repo.allIds();
  for (const id of all) await runPipelineNow(d, id);
  return { created };
}

/** The pipeline, the registers it asked (synchronous ones answer now), and the pipeline again. */
export async function runPipelineNow(
  d: Pick<DemoAutomationDeps, 'registries' | 'processing'>,
  caseId: string,
): Promise<void> {
  await d.processing.service.run(caseId, 'submitted');
  for (const check of await d.registries.service.checksOf(caseId))
    if (check.state !== 'answered') await d.registries.runCheck(caseId, check.registry);
  await d.processing.service.run(caseId, 'registry-answer');
}
