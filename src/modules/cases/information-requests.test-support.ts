import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import type { CasesModule } from './index';

/**
 * For tests of the request-for-information pages: a submitted temporary residence permit
 * application of the account with `email`, and its case taken into examination (the steps before
 * that belong to other pages). Rows are written directly: submitting through the forms is
 * tested by the applications module.
 */
export async function openInExamination(
  db: Db,
  cases: CasesModule,
  email: string,
): Promise<{ caseId: string; applicationId: string }> {
  const account = await sql<{ id: string }>`select id from accounts where email = ${email}`.execute(
    db,
  );
  const accountId = account.rows[0]!.id;
  const applicationId = randomUUID();
  const now = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${applicationId}, ${`TEST-${applicationId.slice(0, 8)}`}, 'temporary-residence-permit', 'work',
      false, 'submitted', ${accountId}, 'self', ${accountId}, '{}'::jsonb, ${now}, ${now}, ${now})`.execute(
    db,
  );
  const c = await db.transaction().execute((trx) =>
    cases.service.openCase(
      {
        id: applicationId,
        service_id: 'temporary-residence-permit',
        ground_id: 'work',
        submitted_at: now,
      },
      trx,
    ),
  );
  for (const kind of ['visit-required', 'accepted', 'examination-started'] as const) {
    await db
      .transaction()
      .execute((trx) =>
        cases.service.recordAction(c.id, { kind, actor_kind: 'system', actor_id: null }, trx),
      );
  }
  return { caseId: c.id, applicationId };
}

/** For tests that produce a card: the identity a test application's card is personalised with. */
export async function setCardIdentity(
  db: Db,
  applicationId: string,
  who: { givenNames: string; surname: string; dateOfBirth: string; nationality: string },
): Promise<void> {
  const answers = {
    'given-names': who.givenNames,
    surname: who.surname,
    'date-of-birth': who.dateOfBirth,
    nationality: who.nationality,
  };
  await sql`update applications set answers = ${JSON.stringify(answers)}::jsonb
    where id = ${applicationId}::uuid`.execute(db);
}
