import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import type { CasesModule } from './index';

/**
 * For contact centre tests: a submitted application of the account with `email`, with identity
 * answers, and its case opened as a submission opens it (search keys included). Rows are written
 * directly: submitting through the forms is tested by the applications module.
 */
export async function submittedWithAnswers(
  db: Db,
  cases: CasesModule,
  email: string,
  answers: Record<string, string>,
): Promise<{ caseId: string; applicationId: string; reference: string }> {
  const account = await sql<{ id: string }>`select id from accounts where email = ${email}`.execute(
    db,
  );
  const accountId = account.rows[0]!.id;
  const applicationId = randomUUID();
  const reference = `CC-${applicationId.slice(0, 8).toUpperCase()}`;
  const at = new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${applicationId}, ${reference}, 'temporary-residence-permit', 'work', false, 'submitted',
      ${accountId}, 'self', ${accountId}, ${JSON.stringify(answers)}::jsonb, ${at}, ${at}, ${at})`.execute(
    db,
  );
  const c = await db.transaction().execute((trx) =>
    cases.service.openCase(
      {
        id: applicationId,
        service_id: 'temporary-residence-permit',
        ground_id: 'work',
        submitted_at: at,
        reference,
        answers,
      },
      trx,
    ),
  );
  return { caseId: c.id, applicationId, reference };
}
