import type { Db } from '../../platform/db';
import type { NotifyApplicant } from './applicant-notices';
import type { CasesRepository } from './cases.repository';
import type { DecisionsRepository } from './decisions.repository';
import type { DecisionLetterJob } from './decisions.service';

/**
 * Tells the applicant (through the notifications module) that a decision letter is in their
 * account. The letter itself stays behind sign-in (it carries the reasons); the notification only
 * points to it. Told once per decision: a retry finds the notification made.
 */
export function decisionLetterJob(deps: {
  db: Db;
  repo: DecisionsRepository;
  cases: CasesRepository;
  notify: NotifyApplicant;
}) {
  return async (data: DecisionLetterJob): Promise<void> => {
    const c = await deps.cases.findByApplication(data.applicationId);
    const taken = c
      ? (await deps.repo.list(c.id)).filter((d) => d.state === 'approved' || d.state === 'decided')
      : [];
    const decision = taken.at(-1);
    if (!decision) return;
    await deps.db.transaction().execute((trx) =>
      deps.notify(
        {
          event: 'decision-made',
          accountId: data.accountId,
          applicationId: data.applicationId,
          about: decision.id,
          path: `/applications/${data.applicationId}/letters`,
          values: { reference: data.reference },
        },
        trx,
      ),
    );
  };
}
