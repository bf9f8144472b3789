import type { FastifyInstance } from 'fastify';
import type { PersonsPagesService } from './pages.service';
import { personPages } from './person.pages';
import { reviewPages } from './review.pages';

export { PERSONS_PATH } from './pages.shared';
export { REVIEWS_PATH } from './review.pages';
export type { PersonsPagesService } from './pages.service';

/**
 * The persons pages of the workbench (issue 7): search by any spelling, the person with both
 * histories after a merge, the review queue of the grey band, and merge, split and undo. Plain
 * forms with CSRF tokens; no JavaScript.
 */
export function personsPages(deps: {
  service: PersonsPagesService;
  /**
   * Accepted as the brief's wiring passes it, and not used: the register audits every read and
   * action itself (searches, persons, the queue, reviews), so the pages add no entries of their own.
   */
  audit?: unknown;
  /** A staff member's display name by account id, shown in the history of actions. */
  staffName?: (accountId: string) => Promise<string | undefined>;
}) {
  return async (app: FastifyInstance) => {
    // The review routes first: `/reviews` is a fixed path beside `/:id` (the router prefers it).
    await app.register(reviewPages(deps));
    await app.register(personPages(deps));
  };
}
