import type { Principal } from '../../../platform/http';
import type { Clock, Ids } from '../../../platform/clock';
import type { CataloguePort } from '../applications.ports';
import {
  newDraft,
  type ApplicationRow,
  type ApplicationsRepository,
} from '../applications.repository';
import { applicationsErrors } from '../errors';
import { checkChild } from '../filing.core';
import type { FilingPort } from '../filing.ports';
import { accountIdOf, partnerIdOf } from '../principals';

export interface StartDraftInput {
  serviceId: string;
  groundId?: string | null;
  urgent?: boolean;
  /** A named level (general, urgent, next-day, same-day); wins over `urgent`. */
  urgency?: string;
  by: Principal;
  filedByKind?: ApplicationRow['filed_by_kind'];
  /** The child a parent files for (filedByKind 'parent'). */
  child?: { name: string; birthDate: string };
  /** Answers already checked with `checkAnswers` (a partner's create request). */
  answers?: Record<string, string | null>;
}

export interface StartDraftDeps {
  repo: ApplicationsRepository;
  clock: Clock;
  ids: Ids;
  catalogue: CataloguePort;
  filing?: Pick<FilingPort, 'applicantsOf'> | undefined;
  actorOf(p: Principal): { actor_kind: string; actor_id: string | null };
}

/**
 * Starts a draft: for oneself, for one's child (a minor on the day), or as a partner system;
 * the service, ground and urgency level must be ones the catalogue offers.
 */
export async function startDraft(
  d: StartDraftDeps,
  input: StartDraftInput,
): Promise<ApplicationRow> {
  const { repo, clock, ids, catalogue } = d;
  if (!catalogue.serviceName(input.serviceId))
    throw applicationsErrors.serviceUnknown(input.serviceId);
  if (input.filedByKind === 'parent') {
    if (!d.filing?.applicantsOf(input.serviceId).includes('parent-for-minor'))
      throw applicationsErrors.filerNotAllowed(input.serviceId, 'parent-for-minor');
    const child = input.child;
    if (!child?.name.trim() || child.name.length > 200)
      throw applicationsErrors.childInvalid('name');
    const check = checkChild(child.birthDate, clock.now());
    if (check === 'not-minor') throw applicationsErrors.notMinor();
    if (check !== 'ok') throw applicationsErrors.childInvalid(check);
  }
  if (input.groundId && !catalogue.groundName(input.serviceId, input.groundId))
    throw applicationsErrors.groundUnknown(input.groundId);
  const now = clock.now();
  const urgency = input.urgency ?? (input.urgent ? 'urgent' : 'general');
  if (
    input.groundId &&
    urgency !== 'general' &&
    !catalogue.ordering
      .urgencyLevels(input.serviceId, input.groundId, now)
      .some((l) => l.id === urgency)
  )
    throw applicationsErrors.urgencyNotOffered(urgency);
  const partnerId = partnerIdOf(input.by);
  const accountId = accountIdOf(input.by);
  const filedByKind = input.filedByKind ?? (partnerId ? 'partner' : 'self');
  const row = newDraft({
    id: ids.uuid(),
    now,
    service_id: input.serviceId,
    ground_id: input.groundId ?? null,
    urgent: urgency !== 'general',
    urgency,
    owner_account_id: filedByKind === 'self' ? accountId : null,
    filed_by_kind: filedByKind,
    filed_by_account_id: accountId,
    filed_by_partner_id: partnerId,
    answers: input.answers ?? {},
    ...(input.filedByKind === 'parent' && input.child
      ? {
          for_person_name: input.child.name.trim(),
          for_person_birth_date: input.child.birthDate,
        }
      : {}),
  });
  await repo.db.transaction().execute((trx) =>
    repo.insertDraft(
      row,
      {
        ...d.actorOf(input.by),
        details: input.answers ? { questions: Object.keys(input.answers) } : {},
      },
      trx,
    ),
  );
  return row;
}
