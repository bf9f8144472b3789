import type { CheckOutcome, RegistryId } from './registries.types';

/** A demo subject whose register answer is fixed, whatever the seed (names invented). */
export interface DemoRegistryHit {
  givenNames: string;
  surname: string;
  dateOfBirth: string;
  nationality: string;
  registry: RegistryId;
  outcome: CheckOutcome;
  reasonCode: string;
  details: Record<string, unknown>;
}

/**
 * Fixed answers for the demo and the tests: the synthetic rates (a 0.3 % SIS alert) would make a
 * demo hit a matter of luck. The first is the SIS entry-ban alert the demo cases and the pipeline
 * tests use; it is found under a Latin or a Cyrillic spelling of the name.
 */
export const DEMO_REGISTRY_HITS: readonly DemoRegistryHit[] = [
  {
    givenNames: 'Viktor',
    surname: 'Morozov',
    dateOfBirth: '1979-02-14',
    nationality: 'RUS',
    registry: 'sis',
    outcome: 'hit',
    reasonCode: 'sis-entry-ban-alert',
    details: {
      alertId: 'SIS-POL-2025-0041773',
      issuingState: 'POL',
      alert: 'refusal of entry and stay (Regulation (EU) 2018/1861 Art 24)',
    },
  },
  {
    givenNames: 'Timur',
    surname: 'Rakhimov',
    dateOfBirth: '1983-08-30',
    nationality: 'UZB',
    registry: 'vsd',
    outcome: 'hit',
    reasonCode: 'vsd-negative-opinion',
    details: { opinion: 'negative', reference: 'VSD-2026-118' },
  },
  {
    givenNames: 'Rajesh',
    surname: 'Kumar',
    dateOfBirth: '1995-06-11',
    nationality: 'IND',
    registry: 'sodra',
    outcome: 'not-confirmed',
    reasonCode: 'no-insured-employment',
    details: { insuredAsEmployee: false },
  },
];
