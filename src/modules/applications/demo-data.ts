import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction } from '../../platform/db';
import type { AuditModule } from '../audit';
import {
  newDraft,
  type ApplicationRow,
  type ApplicationsRepository,
} from './applications.repository';
import { formatReference } from './reference-number';
import type { SubmissionListener } from './use-cases/submit-application';

/** One submitted application of the demo data (`npm start` and `seed --demo`). */
export interface DemoApplication {
  ownerAccountId: string;
  serviceId: string;
  groundId: string;
  answers: Record<string, string>;
  submittedAt: Date;
  delivery?: { method: 'branch'; branch: string } | { method: 'courier'; address: string };
}

/**
 * Writes demo applications as if they had been submitted on `submittedAt`: the draft, its
 * timeline and the submission, and tells the submission listener so the case opens as it would
 * for a real one. No confirmation e-mail: nobody reads the demo mailboxes. Safe to repeat: an
 * owner who already has an application of the service is skipped.
 */
export async function seedDemoApplications(
  d: {
    repo: ApplicationsRepository;
    clock: Clock;
    ids: Ids;
    audit: AuditModule;
    onSubmitted?: SubmissionListener;
  },
  items: readonly DemoApplication[],
  after?: (row: ApplicationRow, trx: AnyTransaction) => Promise<void>,
): Promise<{ created: number }> {
  let created = 0;
  for (const item of items) {
    const existing = await d.repo.db
      .selectFrom('applications')
      .select('id')
      .where('owner_account_id', '=', item.ownerAccountId)
      .where('service_id', '=', item.serviceId)
      .executeTakeFirst();
    if (existing) continue;
    await d.repo.db.transaction().execute(async (trx) => {
      const at = item.submittedAt;
      const row = newDraft({
        id: d.ids.uuid(),
        service_id: item.serviceId,
        ground_id: item.groundId,
        filed_by_kind: 'self',
        owner_account_id: item.ownerAccountId,
        filed_by_account_id: item.ownerAccountId,
        answers: item.answers,
        declaration_at: at,
        now: at,
        ...(item.delivery
          ? {
              delivery_method: item.delivery.method,
              delivery_branch: item.delivery.method === 'branch' ? item.delivery.branch : null,
              delivery_address: item.delivery.method === 'courier' ? item.delivery.address : null,
            }
          : {}),
      });
      const by = { actor_kind: 'system', actor_id: null };
      await d.repo.insertDraft(row, { ...by, details: { demo: true } }, trx);
      const reference = formatReference(at.getUTCFullYear(), await d.repo.nextReferenceNumber(trx));
      const submitted = await d.repo.markSubmitted(row.id, reference, at, trx);
      if (!submitted) return;
      await d.repo.appendEvent(
        { application_id: row.id, at, action: 'submitted', details: { reference }, ...by },
        trx,
      );
      await d.onSubmitted?.(submitted, trx);
      await d.audit.record(
        {
          actor: { kind: 'system', id: 'demo-data' },
          action: 'applications.demo-submitted',
          subject: { kind: 'application', id: row.id },
          details: { reference },
        },
        trx,
      );
      await after?.(submitted, trx);
      created += 1;
    });
  }
  return { created };
}
