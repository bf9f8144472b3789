import type { PersonsService } from './register/register.service';
import type { MatchResult, RecordInput } from './register/types';

/**
 * Demonstration persons for the workbench (issue 7), matched in as any record would be: one
 * Ukrainian applicant whose Lithuanian registry record (names Lithuanianised, day and month of
 * birth swapped) waits in the review queue; his namesake born 18 years earlier, never linked;
 * a woman whose three records (Cyrillic, passport Latin, Lithuanian spelling) link by her passport
 * and by probability; a Belarusian in two spellings; a Georgian with one record. The sources are
 * marked DEMO. Idempotent: a source matched before answers as it did.
 */
export const DEMO_PERSON_RECORDS: readonly RecordInput[] = [
  {
    sourceKind: 'application',
    sourceId: 'demo:application:1',
    sourceLabel: 'DEMO-APP-1',
    givenNames: 'Олександр',
    surname: 'Коваленко',
    dateOfBirth: '1990-03-12',
    sex: 'M',
    nationality: 'UKR',
    documentNumber: 'FX5081736',
    documentState: 'UKR',
    documentType: 'passport',
    documentValidUntil: '2031-06-30',
    placeOfBirth: 'Київ',
  },
  {
    sourceKind: 'registry',
    sourceId: 'demo:registry:1',
    sourceLabel: 'DEMO-REGISTRY-1',
    givenNames: 'Aleksandras',
    surname: 'Kovalenka',
    dateOfBirth: '1990-12-03',
    sex: 'M',
    nationality: 'UKR',
    placeOfBirth: 'Kijevas',
  },
  {
    sourceKind: 'application',
    sourceId: 'demo:application:2',
    sourceLabel: 'DEMO-APP-2',
    givenNames: 'Oleksandr',
    surname: 'Kovalenko',
    dateOfBirth: '1972-05-02',
    sex: 'M',
    nationality: 'UKR',
    documentNumber: 'EK0456123',
    documentState: 'UKR',
    documentType: 'passport',
  },
  {
    sourceKind: 'application',
    sourceId: 'demo:application:3',
    sourceLabel: 'DEMO-APP-3',
    givenNames: 'Марія',
    surname: 'Шевченко',
    dateOfBirth: '1985-07-21',
    sex: 'F',
    nationality: 'UKR',
    documentNumber: 'FK7654321',
    documentState: 'UKR',
    documentType: 'passport',
  },
  {
    sourceKind: 'import',
    sourceId: 'demo:import:1',
    sourceLabel: 'DEMO-IMPORT-1',
    givenNames: 'Mariia',
    surname: 'Shevchenko',
    dateOfBirth: '1985-07-21',
    sex: 'F',
    nationality: 'UKR',
    documentNumber: 'FK7654321',
    documentState: 'UKR',
  },
  {
    sourceKind: 'held-document',
    sourceId: 'demo:held-document:1',
    sourceLabel: 'DEMO-RP-1',
    givenNames: 'Marija',
    surname: 'Ševčenko',
    dateOfBirth: '1985-07-21',
    sex: 'F',
    nationality: 'UKR',
    documentNumber: 'LT0000001',
    documentState: 'LTU',
    documentType: 'residence-permit',
    documentValidUntil: '2028-09-30',
  },
  {
    sourceKind: 'application',
    sourceId: 'demo:application:4',
    sourceLabel: 'DEMO-APP-4',
    givenNames: 'Сяргей',
    surname: 'Іваноў',
    dateOfBirth: '1988-11-30',
    sex: 'M',
    nationality: 'BLR',
  },
  {
    sourceKind: 'registry',
    sourceId: 'demo:registry:2',
    sourceLabel: 'DEMO-REGISTRY-2',
    givenNames: 'Siarhei',
    surname: 'Ivanou',
    dateOfBirth: '1988-11-30',
    sex: 'M',
    nationality: 'BLR',
  },
  {
    sourceKind: 'application',
    sourceId: 'demo:application:5',
    sourceLabel: 'DEMO-APP-5',
    givenNames: 'Giorgi',
    surname: 'Beridze',
    dateOfBirth: '1995-01-15',
    sex: 'M',
    nationality: 'GEO',
  },
];

/** Matches the demonstration records in, in order; answers what each record became. */
export async function seedDemoPersons(
  service: Pick<PersonsService, 'matchRecord'>,
): Promise<{ results: MatchResult[]; persons: number; reviews: number }> {
  const results: MatchResult[] = [];
  for (const r of DEMO_PERSON_RECORDS) results.push(await service.matchRecord(r));
  return {
    results,
    persons: new Set(results.map((r) => r.personId)).size,
    reviews: results.filter((r) => r.reviewId).length,
  };
}
