/**
 * Which conversation a browser is in. The id (random, from `conversations.start`) lives in its
 * own httpOnly cookie, not in the session: asking needs no session, and a conversation outlives
 * signing in. A conversation that belongs to an account is only ever continued by that account,
 * so a shared computer never shows the previous visitor's signed-in conversation.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Language } from '../../../platform/i18n';
import type { Conversation, ConversationsService } from '../assistant.contract';

/** Two hours after the last question the next one starts a new conversation. */
const COOKIE_MAX_AGE_S = 2 * 3600;

export function conversationCookieName(secure: boolean): string {
  // __Host- binds the cookie to this exact origin over HTTPS (no Domain, Path=/).
  return secure ? '__Host-vartai_assistant' : 'vartai_assistant';
}

export function conversationCookie(conversations: ConversationsService, secure: boolean) {
  const name = conversationCookieName(secure);

  /** The browser's conversation if it may continue it, claiming an anonymous one on sign-in. */
  async function current(
    req: FastifyRequest,
    accountId: string | undefined,
  ): Promise<Conversation | undefined> {
    const id = req.cookies[name];
    if (!id || id.length > 100) return undefined;
    const c = await conversations.get(id);
    if (!c || c.status !== 'open') return undefined;
    if (c.accountId && c.accountId !== accountId) return undefined;
    if (!c.accountId && accountId) {
      await conversations.claim(c.id, accountId);
      return { ...c, accountId };
    }
    return c;
  }

  /** The current conversation, or a new one remembered in the cookie. */
  async function ensure(
    req: FastifyRequest,
    reply: FastifyReply,
    input: { accountId?: string; lang: Language },
  ): Promise<{ id: string; conversation?: Conversation }> {
    const c = await current(req, input.accountId);
    const id = c?.id ?? (await conversations.start(input)).id;
    remember(reply, id);
    return { id, conversation: c };
  }

  function remember(reply: FastifyReply, id: string) {
    reply.setCookie(name, id, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      maxAge: COOKIE_MAX_AGE_S,
    });
  }

  /** After a hand-off the next question starts a new conversation. */
  function forget(reply: FastifyReply) {
    reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  }

  return { name, current, ensure, forget };
}

export type ConversationCookie = ReturnType<typeof conversationCookie>;
