import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../../platform/http';
import { LANGUAGES, type Language } from '../../../platform/i18n';
import { CONTACT_CENTRE_ROLES } from '../../cases';
import { INTENTS } from '../assistant.model';
import {
  QUEUE_FILTERS,
  REPLY_MAX,
  type DeskConversationsService,
  type QueueFilter,
} from '../conversations';

const V = 'modules/assistant/views/desk';
export const DESK_PATH = '/workbench/assistant';
/** Contact-centre agents and team leads (as the contact centre's own pages). */
const agents = { config: { access: { who: 'staff' as const, roles: CONTACT_CENTRE_ROLES } } };

export interface DeskRoutesDeps {
  conversations: DeskConversationsService;
  /**
   * A signed-in applicant's applications, for links to the contact centre's application page
   * (/workbench/contact-centre/applications/:reference); without it the page says only that the
   * person is signed in.
   */
  casesOf?: (
    accountId: string,
    lang: Language,
  ) => Promise<{ reference: string; service: string; status?: string }[]>;
  /** Catalogue services an FAQ entry may be about, named in the page's language. */
  services?: (lang: Language) => { id: string; name: string }[];
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(str).filter(Boolean);
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const idParam = (req: FastifyRequest) => String((req.params as Record<string, string>).id ?? '');

export function deskPages(d: DeskRoutesDeps) {
  const svc = d.conversations;

  async function conversationPage(req: FastifyRequest, reply: FastifyReply, extra: object = {}) {
    const c = await svc.view(idParam(req), req.principal, req.ip);
    const cases = c.accountId && d.casesOf ? await d.casesOf(c.accountId, req.lang) : undefined;
    const me = req.principal.kind === 'staff' ? req.principal.accountId : '';
    return reply.page(`${V}/conversation.njk`, {
      title: req.t('assistantDesk.conversation.title'),
      conversation: c,
      cases,
      mine: c.claimedBy === me,
      replyMax: REPLY_MAX,
      values: {},
      ...extra,
    });
  }

  async function faqForm(
    req: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    extra: object = {},
  ) {
    return reply.page(`${V}/faq-propose.njk`, {
      title: req.t('assistantDesk.faq.proposeTitle'),
      conversationId: idParam(req),
      languages: LANGUAGES,
      intents: INTENTS,
      services: d.services?.(req.lang) ?? [],
      values,
      ...extra,
    });
  }

  return async (app: FastifyInstance) => {
    app.get(DESK_PATH, agents, async (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const filter: QueueFilter = QUEUE_FILTERS.find((f) => f === str(q.status)) ?? 'waiting';
      return reply.page(`${V}/queue.njk`, {
        title: req.t('assistantDesk.queue.title'),
        filter,
        filters: QUEUE_FILTERS,
        items: await svc.queue(filter, req.principal, req.ip),
      });
    });

    // --- FAQ drafts: review by someone other than the proposer ---
    app.get(`${DESK_PATH}/faq-drafts`, agents, async (req, reply) => {
      const me = req.principal.kind === 'staff' ? req.principal.accountId : '';
      const drafts = await svc.faqDrafts(req.principal);
      return reply.page(`${V}/faq-drafts.njk`, {
        title: req.t('assistantDesk.drafts.title'),
        drafts: drafts.map((x) => ({ ...x, own: x.createdBy === me })),
        languages: LANGUAGES,
      });
    });

    app.post(`${DESK_PATH}/faq-drafts/:id/review`, agents, async (req, reply) => {
      const decision = str(body(req).decision);
      if (decision !== 'publish' && decision !== 'reject') {
        req.ensureSession().data.flash = 'assistantDesk.drafts.chooseDecision';
        return reply.redirect(`${DESK_PATH}/faq-drafts`, 303);
      }
      await svc.reviewFaq(idParam(req), req.principal, decision);
      req.ensureSession().data.flash =
        decision === 'publish' ? 'assistantDesk.drafts.published' : 'assistantDesk.drafts.rejected';
      return reply.redirect(`${DESK_PATH}/faq-drafts`);
    });

    // --- one conversation ---
    app.get(`${DESK_PATH}/:id`, agents, (req, reply) => conversationPage(req, reply));

    app.post(`${DESK_PATH}/:id/take`, agents, async (req, reply) => {
      await svc.take(idParam(req), req.principal);
      req.ensureSession().data.flash = 'assistantDesk.conversation.taken';
      return reply.redirect(`${DESK_PATH}/${idParam(req)}`);
    });

    app.post(`${DESK_PATH}/:id/reply`, agents, async (req, reply) => {
      const text = str(body(req).text);
      const problem = !text
        ? req.t('assistantDesk.error.reply')
        : text.length > REPLY_MAX
          ? req.t('assistantDesk.error.tooLong', { max: REPLY_MAX })
          : undefined;
      if (problem) {
        reply.status(400);
        return conversationPage(req, reply, {
          ...fromFieldErrors({ text: problem }),
          values: { text },
        });
      }
      await svc.reply(idParam(req), req.principal, text);
      req.ensureSession().data.flash = 'assistantDesk.conversation.sent';
      return reply.redirect(`${DESK_PATH}/${idParam(req)}`);
    });

    app.post(`${DESK_PATH}/:id/close`, agents, async (req, reply) => {
      await svc.close(idParam(req), req.principal);
      req.ensureSession().data.flash = 'assistantDesk.conversation.closed';
      return reply.redirect(DESK_PATH);
    });

    // --- propose a reply as an FAQ entry (four languages) ---
    app.get(`${DESK_PATH}/:id/faq`, agents, async (req, reply) => {
      const c = await svc.view(idParam(req), req.principal, req.ip);
      const messageId = str(((req.query ?? {}) as Record<string, unknown>).message);
      const m = c.messages.find((x) => x.id === messageId && x.role === 'agent');
      if (!m) return reply.redirect(`${DESK_PATH}/${c.id}`);
      // Prefilled in the conversation's language: the visitor's last question before the reply.
      const i = c.messages.indexOf(m);
      const question = c.messages
        .slice(0, i)
        .reverse()
        .find((x) => x.role === 'visitor');
      return faqForm(req, reply, {
        messageId,
        [`question-${c.lang}`]: question?.text ?? '',
        [`answer-${c.lang}`]: m.text,
        intents: [],
        services: [],
      });
    });

    app.post(`${DESK_PATH}/:id/faq`, agents, async (req, reply) => {
      const b = body(req);
      const values: Record<string, unknown> = {
        messageId: str(b.messageId),
        intents: list(b.intents),
        services: list(b.services),
      };
      const errors: Record<string, string> = {};
      for (const l of LANGUAGES)
        for (const part of ['question', 'answer'] as const) {
          const v = str(b[`${part}-${l}`]);
          values[`${part}-${l}`] = v;
          if (!v)
            errors[`${part}-${l}`] = req.t(`assistantDesk.error.${part}`, {
              lang: req.t(`assistantDesk.lang.${l}`),
            });
          else if (v.length > REPLY_MAX)
            errors[`${part}-${l}`] = req.t('assistantDesk.error.tooLong', { max: REPLY_MAX });
        }
      const intents = (values.intents as string[]).filter((x) =>
        (INTENTS as readonly string[]).includes(x),
      );
      if (intents.length === 0) errors.intents = req.t('assistantDesk.error.intents');
      if (Object.keys(errors).length > 0) {
        reply.status(400);
        return faqForm(req, reply, values, fromFieldErrors(errors, { intents: 'intents' }));
      }
      const inLangs = (part: string) =>
        Object.fromEntries(LANGUAGES.map((l) => [l, values[`${part}-${l}`]]));
      await svc.proposeFaq(String(values.messageId), req.principal, {
        question: inLangs('question'),
        answer: inLangs('answer'),
        intents,
        services: values.services,
      });
      req.ensureSession().data.flash = 'assistantDesk.faq.proposed';
      return reply.redirect(`${DESK_PATH}/${idParam(req)}`);
    });
  };
}
