import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeskConversationsService } from '../conversations';

const V = 'modules/assistant/views/account';
export const ACCOUNT_CONVERSATIONS_PATH = '/account/conversations';
const applicant = { config: { access: { who: 'applicant' as const } } };
const idParam = (req: FastifyRequest) => String((req.params as Record<string, string>).id ?? '');

export interface AccountConversationRoutesDeps {
  conversations: DeskConversationsService;
}

/** The applicant's questions handed to the contact centre, and the answers (owner only). */
export function accountConversationPages(d: AccountConversationRoutesDeps) {
  return async (app: FastifyInstance) => {
    app.get(ACCOUNT_CONVERSATIONS_PATH, applicant, async (req, reply) =>
      reply.page(`${V}/conversations.njk`, {
        title: req.t('assistantDesk.account.title'),
        items: (await d.conversations.ownConversations(req.principal, req.ip)).map((c) => ({
          ...c,
          question: c.messages.find((m) => m.role === 'visitor')?.text ?? '',
        })),
      }),
    );

    app.get(`${ACCOUNT_CONVERSATIONS_PATH}/:id`, applicant, async (req, reply) => {
      const c = await d.conversations.ownConversation(idParam(req), req.principal, req.ip);
      return reply.page(`${V}/conversation.njk`, {
        title: req.t('assistantDesk.account.conversationTitle'),
        conversation: c,
      });
    });
  };
}
