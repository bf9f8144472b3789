/** The contact centre's assistant desk and the applicant's conversation pages (issue 10). */
import type { FastifyInstance } from 'fastify';
import { accountConversationPages, type AccountConversationRoutesDeps } from './account.pages';
import { deskPages, type DeskRoutesDeps } from './desk.pages';

export { DESK_PATH, type DeskRoutesDeps } from './desk.pages';
export { ACCOUNT_CONVERSATIONS_PATH, type AccountConversationRoutesDeps } from './account.pages';

/** Workbench: /workbench/assistant (queue, conversation, reply, close, FAQ drafts). */
export function deskRoutes(deps: DeskRoutesDeps) {
  return async (app: FastifyInstance) => {
    await app.register(deskPages(deps));
  };
}

/** Portal: /account/conversations and /account/conversations/:id (the owner only). */
export function accountConversationRoutes(deps: AccountConversationRoutesDeps) {
  return async (app: FastifyInstance) => {
    await app.register(accountConversationPages(deps));
  };
}
