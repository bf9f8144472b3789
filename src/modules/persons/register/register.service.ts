import type { Clock, Ids } from '../../../platform/clock';
import type { Db } from '../../../platform/db';
import type { Principal } from '../../../platform/http';
import type { AuditModule } from '../../audit';
import type { MatchThresholds } from '../matching/types';
import { personsErrors } from '../errors';
import { readerOf } from './access';
import { createMatchRecord } from './match-record';
import { registerMatcher, type RegisterMatcher } from './matcher';
import { createPersonActions } from './person-actions';
import { createPersonViews } from './person-view';
import { createRegisterRepository } from './register.repository';
import { createReviews } from './reviews';
import { createSearch } from './search';
import type { PersonView } from './types';

export interface RegisterDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** PERSONS_MATCH_AUTO_LINK and PERSONS_MATCH_REVIEW (configuration). */
  thresholds: MatchThresholds;
  /** The matcher with the committed model unless given (tests may pass another model's). */
  matcher?: RegisterMatcher;
}

/** The persons register (issue 7): matching records in, reading, searching and correcting persons. */
export function createRegisterService(deps: RegisterDeps) {
  const { review, autoLink } = deps.thresholds;
  if (!(review > 0 && review < autoLink && autoLink <= 1))
    throw new RangeError(
      `Persons thresholds: 0 < review (${review}) < autoLink (${autoLink}) <= 1 is required`,
    );
  const repo = createRegisterRepository(deps.db);
  const matcher = deps.matcher ?? registerMatcher();
  const views = createPersonViews(repo);
  const actions = createPersonActions({ ...deps, repo, views });
  const reviews = createReviews({ ...deps, repo, views, actions });

  /** A person's page: audited as a read of personal data with its purpose. */
  async function getPerson(
    idOrNumber: string,
    actor: Principal,
    purpose: string,
  ): Promise<PersonView> {
    const reader = readerOf(actor);
    if (!purpose.trim()) throw personsErrors.forbidden();
    const person = await actions.resolve(idOrNumber);
    const view = await views.view(person);
    await deps.audit.recordRead({
      actor: reader,
      subject: { kind: 'person', id: person.id },
      purpose,
      fields: [
        'names',
        'dates-of-birth',
        'sexes',
        'nationalities',
        'documents',
        'records',
        'actions',
      ],
    });
    return view;
  }

  return {
    matchRecord: createMatchRecord({ ...deps, repo, matcher }),
    getPerson,
    search: createSearch({ repo, audit: deps.audit, views, matcher }),
    openReviews: reviews.openReviews,
    getReview: reviews.getReview,
    decideReview: reviews.decideReview,
    merge: actions.merge,
    split: actions.split,
    undo: actions.undo,
    thresholds: deps.thresholds,
  };
}

export type PersonsService = ReturnType<typeof createRegisterService>;
