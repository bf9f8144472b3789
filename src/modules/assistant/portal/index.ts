/**
 * The assistant's portal interfaces (issue 10): the `/assistant` page and hand-off form, the
 * `POST /api/v1/assistant/ask` API and the panel's script. The panel markup itself is in the
 * portal layout (`views/portal/panel.njk`).
 */
import type { FastifyInstance } from 'fastify';
import { assistantApi } from './assistant.api';
import { assistantPages } from './assistant.pages';
import { createAskLimiter, DEFAULT_ASK_LIMITS } from './ask-limits';
import { conversationCookie } from './conversation-cookie';
import { panelAssets } from './panel-assets';
import type { AssistantPortalDeps } from './portal.deps';

export type { AssistantPortalConfig, AssistantPortalDeps } from './portal.deps';
export { DEFAULT_ASK_LIMITS, type AskLimitSettings } from './ask-limits';
export { conversationCookieName } from './conversation-cookie';
export { KEEP_CONVERSATION_HEADER } from './assistant.api';
export { PANEL_SCRIPT_URL } from './panel-assets';

export function assistantPortalRoutes(deps: AssistantPortalDeps) {
  const cookie = conversationCookie(deps.conversations, deps.config?.secure ?? false);
  const given = deps.config?.limits ?? {};
  const limit = createAskLimiter(deps.db, {
    perAddressPerMinute: given.perAddressPerMinute ?? DEFAULT_ASK_LIMITS.perAddressPerMinute,
    perAccountPerMinute: given.perAccountPerMinute ?? DEFAULT_ASK_LIMITS.perAccountPerMinute,
  });
  const pages = assistantPages(deps, cookie, limit);
  const api = assistantApi(deps, cookie, limit);
  const assets = panelAssets();
  return async (app: FastifyInstance) => {
    await app.register(pages);
    await app.register(api);
    await app.register(assets);
  };
}
