/**
 * A sample foreigner's application that needs exactly two documents (a renewal on the ground of
 * Lithuanian descent): used by the partner API tests and the intake benchmark.
 */
export const SAMPLE_RENEWAL = {
  service: 'temporary-residence-permit',
  ground: 'lithuanian-descent',
  answers: {
    'given-names': 'OLEKSANDR',
    surname: 'KOVALENKO',
    'date-of-birth': '1990-03-27',
    nationality: 'UKR',
    email: 'oleksandr@example.ua',
    'application-kind': 'renewal',
    'in-lithuania': 'no',
  },
} as const;
