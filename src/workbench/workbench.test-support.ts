import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { CasesModule } from '../modules/cases';
import type { Db } from '../platform/db';

/**
 * For workbench tests: a submitted temporary residence permit application of the account with
 * `email`, and its case, optionally held by the branch with `branchCode`. Rows are written
 * directly: submitting through the forms is tested by the applications module.
 */
export async function submittedCase(
  db: Db,
  cases: CasesModule,
  opts: { email: string; branchCode?: string; submittedAt?: Date },
): Promise<{ caseId: string; applicationId: string; reference: string }> {
  const account = await sql<{
    id: string;
  }>`select id from accounts where email = ${opts.email}`.execute(db);
  const accountId = account.rows[0]!.id;
  const applicationId = randomUUID();
  const reference = `TEST-${applicationId.slice(0, 8).toUpperCase()}`;
  const at = opts.submittedAt ?? new Date();
  await sql`insert into applications (id, reference, service_id, ground_id, urgent, state,
      owner_account_id, filed_by_kind, filed_by_account_id, answers, created_at, updated_at, submitted_at)
    values (${applicationId}, ${reference}, 'temporary-residence-permit', 'work', false, 'submitted',
      ${accountId}, 'self', ${accountId}, '{}'::jsonb, ${at}, ${at}, ${at})`.execute(db);
  const c = await db.transaction().execute((trx) =>
    cases.service.openCase(
      {
        id: applicationId,
        service_id: 'temporary-residence-permit',
        ground_id: 'work',
        submitted_at: at,
      },
      trx,
    ),
  );
  if (opts.branchCode) {
    await sql`update cases set branch_id = (select id from branches where code = ${opts.branchCode})
      where id = ${c.id}::uuid`.execute(db);
  }
  return { caseId: c.id, applicationId, reference };
}
