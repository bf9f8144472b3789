import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../src/platform/db';

/** A small deterministic generator (mulberry32), so every run evaluates the same snapshots. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const GROUNDS = ['work', 'highly-qualified', 'family', 'studies', 'research', 'company'];
const DOCUMENTS = [
  'travel-document',
  'mediation-letter',
  'employment-contract',
  'diploma',
  'health-insurance',
  'proof-of-means',
  'criminal-record',
  'family-tie',
  'university-letter',
];

/**
 * Varied work-based temporary residence permit snapshots (mostly the work and highly qualified
 * grounds, salaries around the thresholds, passports around the margin, some facts unknown), as
 * the submission journey stores them.
 */
export function trpSnapshots(n: number, seed = 6): Record<string, unknown>[] {
  const r = seeded(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const maybe = <T>(v: T, p = 0.1) => (r() < p ? null : v);
  return Array.from({ length: n }, () => {
    const ground = r() < 0.7 ? pick(['work', 'highly-qualified']) : pick(GROUNDS);
    const months = Math.floor(r() * 24) - 4;
    return {
      service: 'temporary-residence-permit',
      ground,
      applicationKind: r() < 0.8 ? 'first' : 'renewal',
      urgency: r() < 0.9 ? 'general' : 'urgent',
      exemptions: [],
      documents: DOCUMENTS.filter(() => r() < 0.7),
      person: {
        birthDate: '1990-03-27',
        age: 18 + Math.floor(r() * 40),
        nationality: pick(['UKR', 'BLR', 'IND', 'UZB', 'KAZ']),
        inLithuania: r() < 0.5,
      },
      travelDocument: {
        validUntil: '2029-01-01',
        monthsValidAfterPermit: maybe(months),
      },
      permit: { requestedMonths: 24, until: '2028-03-01' },
      means: { monthlyCents: maybe(50_000 + Math.floor(r() * 200_000), 0.3) },
      employment: {
        monthlySalaryCents: maybe(200_000 + Math.floor(r() * 250_000)),
        shortageOccupation: maybe(r() < 0.3, 0.2),
      },
      filedOn: '2026-02-01',
      visit: {
        date: null,
        fullMonthsAfterFiling: maybe(Math.floor(r() * 4), 0.5),
        daysBeyondFullMonths: maybe(Math.floor(r() * 30), 0.5),
      },
    };
  });
}

/** Inserts `n` open submission evaluations (one per application) in multi-row batches. */
export async function insertOpenCases(db: Db, n: number, batch = 2000): Promise<void> {
  const pool = trpSnapshots(Math.min(n, 5000));
  const at = new Date('2026-02-01T10:00:00Z');
  for (let i = 0; i < n; i += batch) {
    const rows = Array.from({ length: Math.min(batch, n - i) }, (_, j) => {
      const input = pool[(i + j) % pool.length]!;
      return sql`(${randomUUID()}, ${randomUUID()}, ${randomUUID()}, 'submission', ${at}, '2026-02-01',
        'temporary-residence-permit', ${JSON.stringify(input)}::jsonb, ${'0'.repeat(64)}, '[]'::jsonb,
        '[]'::jsonb, '{}'::jsonb)`;
    });
    await sql`insert into rules_evaluations (id, application_id, case_id, purpose, evaluated_at,
      for_date, service_id, input, input_hash, rule_sets, checks, explanations)
      values ${sql.join(rows)}`.execute(db);
  }
}
