import type { Clock } from '../../../platform/clock';
import type { AnyTransaction } from '../../../platform/db';
import type { Principal } from '../../../platform/http';
import type { JobQueue } from '../../../platform/jobs';
import type { AuditModule } from '../../audit';
import type { Missing } from '../applications.core';
import type { PartnerNotifier } from '../applications.ports';
import type { ApplicationRow, ApplicationsRepository } from '../applications.repository';
import { applicationsErrors } from '../errors';
import { checkChild } from '../filing.core';
import { formatReference } from '../reference-number';

export const SUBMITTED_JOB = 'applications.submitted';
export interface SubmittedJob {
  applicationId: string;
}

/** What the submitting request itself settles: a partner's fee receipt, the declaration. */
export interface Settled {
  feeReceipt?: string;
  confirmDeclaration?: boolean;
}

/**
 * Told of each submission inside the submission's transaction (the cases module opens the case,
 * given from the composition root): if it fails, the submission does not happen either.
 */
export type SubmissionListener = (
  submitted: ApplicationRow,
  trx: AnyTransaction,
) => Promise<unknown>;

export interface SubmitDeps {
  repo: ApplicationsRepository;
  clock: Clock;
  jobs: JobQueue;
  audit: AuditModule;
  notifyPartner?: PartnerNotifier | undefined;
  onSubmitted?: SubmissionListener | undefined;
  getVisible(id: string, p: Principal): Promise<ApplicationRow>;
  missingOf(row: ApplicationRow): Promise<Missing[]>;
  actorOf(p: Principal): { actor_kind: string; actor_id: string | null };
}

/**
 * Submits a complete application exactly once. A second call (double click, retried request)
 * finds it submitted and returns the same reference instead of a new application. What the
 * request settles (fee receipt, declaration) is recorded in the submission's own transaction,
 * with the timeline entries, the audit entry, the confirmation job and the partner's webhook.
 */
export async function submitApplication(
  d: SubmitDeps,
  id: string,
  p: Principal,
  settle: Settled = {},
): Promise<ApplicationRow> {
  const { repo } = d;
  const row = await d.getVisible(id, p);
  if (row.state === 'submitted') return row;
  if (p.kind === 'staff') throw applicationsErrors.notFound();
  const now = d.clock.now();
  // A parent files only for a minor: the child must still be under 18 on the day of submission.
  if (row.filed_by_kind === 'parent' && checkChild(row.for_person_birth_date ?? '', now) !== 'ok')
    throw applicationsErrors.notMinor();
  const settled: Pick<Partial<ApplicationRow>, 'fee_receipt' | 'declaration_at'> = {};
  if (settle.feeReceipt && !row.fee_receipt) settled.fee_receipt = settle.feeReceipt;
  if (settle.confirmDeclaration && !row.declaration_at) settled.declaration_at = now;
  const missing = await d.missingOf({ ...row, ...settled });
  if (missing.length > 0) throw applicationsErrors.incomplete(missing);
  return repo.db.transaction().execute(async (trx) => {
    const locked = await repo.lock(id, trx);
    if (locked?.state === 'submitted') return locked;
    if (!locked || locked.state !== 'draft') throw applicationsErrors.notDraft();
    const reference = formatReference(now.getUTCFullYear(), await repo.nextReferenceNumber(trx));
    const submitted = await repo.markSubmitted(id, reference, now, trx, settled);
    if (!submitted) throw applicationsErrors.notDraft();
    const event = (action: string, details: Record<string, unknown>) =>
      repo.appendEvent({ application_id: id, at: now, action, details, ...d.actorOf(p) }, trx);
    if (settled.fee_receipt)
      await event('fee-paid', { collectedBy: 'partner', receipt: settled.fee_receipt });
    if (settled.declaration_at) await event('declaration-confirmed', {});
    await event('submitted', { reference });
    await d.onSubmitted?.(submitted, trx);
    await d.audit.record(
      {
        actor: p,
        action: 'applications.submitted',
        subject: { kind: 'application', id },
        details: { reference },
      },
      trx,
    );
    await d.jobs.enqueue(trx, SUBMITTED_JOB, { applicationId: id } satisfies SubmittedJob, {
      singletonKey: `submitted:${id}`,
    });
    if (submitted.filed_by_partner_id && d.notifyPartner) {
      await d.notifyPartner(
        submitted.filed_by_partner_id,
        { type: 'application.submitted', data: { id, reference, submittedAt: now.toISOString() } },
        trx,
      );
    }
    return submitted;
  });
}
