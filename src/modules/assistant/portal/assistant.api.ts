/**
 * `POST /api/v1/assistant/ask` (issue 10): one question, one answer with its sources. Public;
 * with the portal's session cookie a signed-in applicant is answered about their own cases. The
 * portal panel sends `X-Assistant-Conversation: keep` so its questions are kept in the browser's
 * conversation (the transcript a person sees after a hand-off); other callers keep nothing.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ProblemSchema } from '../../../platform/http';
import { AskRequest, AskResponse } from '../assistant.model';
import { askRateLimited, type AskLimiter } from './ask-limits';
import type { ConversationCookie } from './conversation-cookie';
import { applicantIdOf, type AssistantPortalDeps } from './portal.deps';

export const KEEP_CONVERSATION_HEADER = 'x-assistant-conversation';

const AskRequestDoc = AskRequest.meta({
  examples: [{ question: 'Скільки коштує посвідка на тимчасове проживання?' }],
});
const AskResponseDoc = AskResponse.meta({
  examples: [
    {
      answer:
        'Посвідка на тимчасове проживання коштує 160 EUR у звичайному порядку і 240 EUR у прискореному.',
      lang: 'uk',
      confidence: 0.92,
      sources: [
        {
          id: 'service:temporary-residence-permit',
          title: 'Leidimas laikinai gyventi',
          url: '/services/temporary-residence-permit',
        },
      ],
      handoff: false,
    },
  ],
});

export function assistantApi(
  d: AssistantPortalDeps,
  cookie: ConversationCookie,
  limit: AskLimiter,
) {
  /** The applicant the session cookie stands for (the API's principal ignores cookies). */
  const askerAccount = async (req: FastifyRequest): Promise<string | undefined> => {
    if (req.principal?.kind === 'partner') return undefined;
    if (!d.sessionPrincipal) return applicantIdOf(req.principal);
    return req.session ? applicantIdOf(await d.sessionPrincipal(req.session)) : undefined;
  };

  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post(
      '/api/v1/assistant/ask',
      {
        config: { access: { who: 'public' } },
        schema: {
          tags: ['assistant'],
          summary: 'Ask the virtual assistant',
          description:
            'Answers a question about the Migration Department’s services from the catalogue’s current data and the curated FAQ, always with its sources. The answer is in the language of the question unless `lang` is given. With the portal’s session cookie of a signed-in applicant it may answer about their own applications. `handoff` is true when the assistant is not sure (or was asked for a person) and offers a contact-centre agent. Limited per client address and per account: over the limit it answers 429 with a `Retry-After` header.',
          body: AskRequestDoc,
          response: { 200: AskResponseDoc, 400: ProblemSchema, 429: ProblemSchema },
        },
      },
      async (req, reply) => {
        const accountId = await askerAccount(req);
        const counted = await limit(req.ip, accountId);
        if (counted.limited) {
          reply.header('retry-after', String(counted.retryAfterSeconds));
          throw askRateLimited();
        }
        // Only the caller's explicit `lang` is a hint; otherwise the question's language wins.
        const answer = await d.assistant.ask(req.body, { accountId });
        if (req.headers[KEEP_CONVERSATION_HEADER] === 'keep') {
          const { id } = await cookie.ensure(req, reply, {
            accountId,
            lang: req.body.lang ?? req.lang,
          });
          await d.conversations.recordExchange(id, req.body.question, answer);
        }
        return {
          answer: answer.answer,
          lang: answer.lang,
          confidence: answer.confidence,
          sources: answer.sources.map((s) => ({ id: s.id, title: s.title, url: s.url })),
          handoff: answer.handoff,
        };
      },
    );
  };
}
