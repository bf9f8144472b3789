import { fixedClock, randomIds } from '../../../platform/clock';
import { loadConfig } from '../../../platform/config';
import type { Principal } from '../../../platform/http';
import { createTestDatabase, type TestDatabase } from '../../../platform/testing';
import { createAuditModule, type AuditModule } from '../../audit';
import type { MatchThresholds } from '../matching/types';
import { createRegisterService, type PersonsService } from './register.service';
import type { RecordInput } from './types';

type Staff = Extract<Principal, { kind: 'staff' }>;

export const staff = (roles: string[], n: number): Staff => ({
  kind: 'staff',
  accountId: `00000000-0000-4000-8000-00000000000${n}`,
  email: `staff${n}@vartai.demo`,
  displayName: `Staff ${n}`,
  roles,
  branchId: null,
  mfaPassed: true,
});
export const officer = staff(['officer'], 1);
export const teamLead = staff(['team-lead'], 2);
export const callCentre = staff(['call-centre'], 3);
export const administrator = staff(['administrator'], 4);

/** The thresholds a deployment gets without configuring them. */
export const DEFAULT_THRESHOLDS: MatchThresholds = {
  autoLink: loadConfig({}).PERSONS_MATCH_AUTO_LINK,
  review: loadConfig({}).PERSONS_MATCH_REVIEW,
};

export interface RegisterUnderTest {
  db: TestDatabase;
  clock: ReturnType<typeof fixedClock>;
  audit: AuditModule;
  persons: PersonsService;
}

/** A fresh database (migrated from `migrationsDir`) with the register on it. */
export async function registerUnderTest(
  migrationsDir: string,
  thresholds: MatchThresholds = DEFAULT_THRESHOLDS,
): Promise<RegisterUnderTest> {
  const db = await createTestDatabase(migrationsDir);
  const clock = fixedClock('2026-05-04T08:00:00Z');
  const audit = createAuditModule({ db: db.db, clock });
  const persons = createRegisterService({ db: db.db, clock, ids: randomIds, audit, thresholds });
  return { db, clock, audit, persons };
}

let seq = 0;
/** A record from an application unless told otherwise, with a source id of its own. */
export const record = (r: Partial<RecordInput> & Pick<RecordInput, 'surname'>): RecordInput => ({
  sourceKind: 'application',
  sourceId: `source-${++seq}`,
  givenNames: '',
  dateOfBirth: null,
  sex: null,
  nationality: null,
  documentNumber: null,
  placeOfBirth: null,
  ...r,
});

/** The person of the issue: one Ukrainian applicant, written four ways over the years. */
export const OLEKSANDR = {
  cyrillic: {
    givenNames: 'Олександр',
    surname: 'Коваленко',
    dateOfBirth: '1990-03-12',
    sex: 'M',
    nationality: 'UKR',
  },
  latin: {
    givenNames: 'Oleksandr',
    surname: 'Kovalenko',
    dateOfBirth: '1990-03-12',
    sex: 'M',
    nationality: 'UKR',
  },
  /** As a Lithuanian register wrote him, with day and month swapped: the grey band. */
  lithuanian: {
    givenNames: 'Aleksandras',
    surname: 'Kovalenka',
    dateOfBirth: '1990-12-03',
    sex: 'M',
    nationality: 'UKR',
  },
  /** Another man of the same name, born 18 years earlier. */
  namesake: {
    givenNames: 'Oleksandr',
    surname: 'Kovalenko',
    dateOfBirth: '1972-05-02',
    sex: 'M',
    nationality: 'UKR',
  },
} as const satisfies Record<string, Partial<RecordInput>>;

/** The code of the AppError a promise rejects with. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
  throw new Error('expected a refusal');
}
