/**
 * What the persons pages need from the register (`register/`): a narrow interface over the
 * register's service, so the pages are written and tested against the contract of the brief. The
 * register's service satisfies it structurally; the shapes are the register's own.
 */
import type { Principal } from '../../../platform/http';
import type {
  PersonSummary,
  PersonView,
  ReviewDecision,
  ReviewSummary,
  ReviewView,
} from '../register/types';

export { REVIEW_DECISIONS } from '../register/types';
export type {
  PersonAction,
  PersonSummary,
  PersonView,
  ReviewDecision,
  ReviewSummary,
  ReviewView,
} from '../register/types';

export interface PersonsPagesService {
  /** The person by id or number; the read is audited with the purpose given. */
  getPerson(idOrNumber: string, actor: Principal, purpose: string): Promise<PersonView>;
  /** Persons whose names match in any spelling; audited. */
  search(
    q: { name: string; dateOfBirth?: string },
    actor: Principal,
    purpose: string,
  ): Promise<readonly PersonSummary[]>;
  /** Open reviews, oldest first; the read is audited for the actor given. */
  openReviews(actor?: Principal): Promise<readonly ReviewSummary[]>;
  /** Both sides of a review and the score's explanation; audited. */
  getReview(id: string, actor: Principal): Promise<ReviewView>;
  decideReview(
    id: string,
    decision: ReviewDecision,
    actor: Principal,
    reason: string,
  ): Promise<{ personId: string }>;
  merge(survivorId: string, mergedId: string, actor: Principal, reason: string): Promise<unknown>;
  split(
    personId: string,
    recordIds: string[],
    actor: Principal,
    reason: string,
  ): Promise<{ personId: string }>;
  undo(actionId: string, actor: Principal, reason: string): Promise<unknown>;
}
