/**
 * `/assistant`: the assistant as a plain form page, the path that works without JavaScript (the
 * panel on every page links here), and `/assistant/handoff`, which passes the conversation to a
 * contact-centre agent. Questions are answered in the language they are written in, whatever
 * the page's language (the assistant is given no language hint).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { fromFieldErrors } from '../../../platform/http';
import { QUESTION_MAX, type Answer } from '../assistant.model';
import type { AskLimiter } from './ask-limits';
import type { ConversationCookie } from './conversation-cookie';
import { applicantIdOf, type AssistantPortalDeps } from './portal.deps';
import { transcriptOf } from './transcript';

const V = 'modules/assistant/views/portal';
export const NOTE_MAX = 1000;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const Email = z.email().max(254);

interface PageState {
  values?: { question?: string; email?: string; note?: string };
  fieldErrors?: Record<string, string>;
  errors?: { text: string; href: string }[];
  latest?: Answer;
  limited?: boolean;
  /** The conversation just written to (its cookie is only in the response yet). */
  conversationId?: string;
}

export function assistantPages(
  d: AssistantPortalDeps,
  cookie: ConversationCookie,
  limit: AskLimiter,
) {
  const askPage = async (req: FastifyRequest, reply: FastifyReply, s: PageState = {}) => {
    const accountId = applicantIdOf(req.principal);
    const conversation = s.conversationId
      ? await d.conversations.get(s.conversationId)
      : await cookie.current(req, accountId);
    const turns = transcriptOf(
      conversation?.messages ?? [],
      req.t,
      s.latest && { links: s.latest.links, handoff: s.latest.handoff },
    );
    return reply.page(`${V}/ask.njk`, {
      title: req.t('assistant.page.title'),
      hideAssistantPanel: true,
      signedIn: accountId !== undefined,
      turns,
      values: s.values ?? {},
      fieldErrors: s.fieldErrors ?? {},
      errors: s.errors ?? [],
      limited: s.limited ?? false,
    });
  };

  /** 429 with the form and the typed text, not the bare error page. */
  const limitedPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    retryAfterSeconds: number,
    values: PageState['values'],
  ) =>
    askPage(req, reply.status(429).header('retry-after', String(retryAfterSeconds)), {
      values,
      limited: true,
    });

  return async (app: FastifyInstance) => {
    app.get('/assistant', { config: { access: { who: 'public' } } }, (req, reply) =>
      askPage(req, reply),
    );

    app.post('/assistant', { config: { access: { who: 'public' } } }, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const question = str(b.question);
      const values = { question };
      if (!question || question.length > QUESTION_MAX) {
        const fieldErrors = {
          question: question
            ? req.t('assistant.error.questionTooLong', { max: QUESTION_MAX })
            : req.t('assistant.error.questionEmpty'),
        };
        return askPage(req, reply.status(400), { values, ...fromFieldErrors(fieldErrors) });
      }
      const accountId = applicantIdOf(req.principal);
      const counted = await limit(req.ip, accountId);
      if (counted.limited) return limitedPage(req, reply, counted.retryAfterSeconds, values);
      const { id } = await cookie.ensure(req, reply, { accountId, lang: req.lang });
      // No language hint (neither `lang` nor the page's): the answer follows the question's
      // language, so a Ukrainian question on a Lithuanian page is answered in Ukrainian.
      const answer = await d.assistant.ask({ question }, { accountId });
      await d.conversations.recordExchange(id, question, answer);
      return askPage(req, reply, { latest: answer, conversationId: id });
    });

    app.post(
      '/assistant/handoff',
      { config: { access: { who: 'public' } } },
      async (req, reply) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const accountId = applicantIdOf(req.principal);
        const values = { email: str(b.email), note: str(b.note) };
        const existing = await cookie.current(req, accountId);
        const fieldErrors: Record<string, string> = {};
        // A signed-in applicant is answered in their account (and told by e-mail there).
        if (!accountId) {
          if (!values.email) fieldErrors.email = req.t('assistant.error.emailEmpty');
          else if (!Email.safeParse(values.email).success)
            fieldErrors.email = req.t('assistant.error.emailInvalid');
        }
        if (values.note.length > NOTE_MAX)
          fieldErrors.note = req.t('assistant.error.noteTooLong', { max: NOTE_MAX });
        else if (!values.note && !existing?.messages.length)
          fieldErrors.note = req.t('assistant.error.noteNeeded');
        if (Object.keys(fieldErrors).length > 0)
          return askPage(req, reply.status(400), { values, ...fromFieldErrors(fieldErrors) });
        // Hand-offs fill the agents' queue: they count like questions.
        const counted = await limit(req.ip, accountId);
        if (counted.limited) return limitedPage(req, reply, counted.retryAfterSeconds, values);
        const id = existing?.id ?? (await d.conversations.start({ accountId, lang: req.lang })).id;
        await d.conversations.handOff(id, {
          ...(accountId ? {} : { email: values.email }),
          ...(values.note ? { note: values.note } : {}),
        });
        cookie.forget(reply);
        return reply.page(`${V}/handoff-done.njk`, {
          title: req.t('assistant.handoff.done.title'),
          hideAssistantPanel: true,
          signedIn: accountId !== undefined,
          email: accountId ? undefined : values.email,
        });
      },
    );
  };
}
