import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Browser, TestApp } from './test-app';

/** ICAO 9303 check digit: weights 7, 3, 1 over digits, letters (A=10 …) and < (0). */
function check(s: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...s].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

/** A Ukrainian passport's machine-readable zone (TD3) with correct check digits; dates YYMMDD. */
export function td3(birth: string, expiry: string): string {
  const line1 = 'P<UKRKOVALENKO<<OLEKSANDR'.padEnd(44, '<');
  const doc = 'FE1234567';
  const personal = '<'.repeat(14);
  const body = `${doc}${check(doc)}UKR${birth}${check(birth)}M${expiry}${check(expiry)}${personal}${check(personal)}`;
  const composite = `${doc}${check(doc)}${birth}${check(birth)}${expiry}${check(expiry)}${personal}${check(personal)}`;
  return `${line1}\n${body}${check(composite)}`;
}

/** YYMMDD of the day `years` after today (for an MRZ expiry date). */
export const yymmddIn = (years: number, now = new Date()) => {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(2, 10).replace(/-/g, '');
};

export const WORK_ANSWERS: Record<string, string> = {
  'given-names': 'Oleksandr',
  surname: 'Kovalenko',
  'date-of-birth': '1990-03-27',
  nationality: 'UKR',
  email: 'oleksandr@example.ua',
  'application-kind': 'first',
  'in-lithuania': 'yes',
  'mediation-letter-number': 'TPR-2026-1',
  'monthly-salary': '2400',
  'requested-months': '24',
};

/**
 * A work-based TRP draft of the signed-in applicant `b`, complete but for what `omit` leaves out:
 * started through the form; answers, documents, the fee and the exemption question written
 * directly (filling each page is tested by the applications module). Returns the draft's id.
 */
export async function workDraft(
  app: Pick<TestApp, 'app' | 'ctx'>,
  b: Browser,
  opts: { answers?: Record<string, string>; omitDocuments?: string[] } = {},
): Promise<string> {
  const created = await b.post(
    '/applications',
    { service: 'temporary-residence-permit', ground: 'work', urgent: 'no' },
    '/applications/new?service=temporary-residence-permit&ground=work',
  );
  const id = String(created.headers.location).split('/').pop()!;
  const db = app.ctx.database.db;
  const answers = { ...WORK_ANSWERS, ...opts.answers };
  await sql`update applications set answers = ${JSON.stringify(answers)}::jsonb,
      fee_exemptions = '[]'::jsonb, fee_receipt = 'TEST-RECEIPT' where id = ${id}`.execute(db);
  const row = (
    await sql<{ owner_account_id: string }>`select owner_account_id from applications
      where id = ${id}`.execute(db)
  ).rows[0]!;
  const required = app.app.modules.catalogue
    .requiredDocuments({
      serviceId: 'temporary-residence-permit',
      groundId: 'work',
      age: 35,
      firstApplication: true,
    })
    .map((d) => d.id)
    .filter((d) => !opts.omitDocuments?.includes(d));
  for (const type of required) {
    const docId = randomUUID();
    await sql`insert into documents (id, owner_kind, owner_id, account_id, document_type,
        original_name, media_type, size_bytes, sha256, storage_key, key_id, scanner, scan_result,
        uploaded_at)
      values (${docId}, 'application', ${id}, ${row.owner_account_id}, ${type}, ${`${type}.pdf`},
        'application/pdf', 1000, ${'0'.repeat(64)}, ${`test/${docId}`}, 'test', 'test', 'clean',
        now())`.execute(db);
  }
  return id;
}
