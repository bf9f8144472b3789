import type { FastifyInstance } from 'fastify';
import { createCatalogueModule } from '../catalogue';
import { loadBranchesPack } from '../appointments';
import { createI18n, type I18n } from '../../platform/i18n';
import { systemClock } from '../../platform/clock';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeskConversationsService, DeskFaqEntry } from './conversations';
import { createAssistantCore, type AssistantCoreDeps } from './core';
import { assistantPortalRoutes, type AssistantPortalConfig } from './portal';
import type { Db } from '../../platform/db';
import type { Principal, Session } from '../../platform/http';

export type {
  AssistantService,
  Conversation,
  ConversationsService,
  OwnCaseFacts,
  OwnCasePorts,
} from './assistant.contract';
export {
  AskRequest,
  AskResponse,
  HANDOFF_BELOW,
  INTENTS,
  OWN_CASE_INTENTS,
  type Answer,
  type Intent,
  type Source,
  type Understanding,
} from './assistant.model';
export {
  createConversationsService,
  conversationsErrors,
  type DeskConversationsService,
  type NotifyAssistantReply,
} from './conversations';
export { accountConversationRoutes, deskRoutes, type DeskRoutesDeps } from './desk';
export { DEFAULT_ASK_LIMITS, type AskLimitSettings } from './portal';
export { knowledgeErrors, loadFaq, type FaqEntry } from './knowledge';
export { createAssistantCore, vocabularyOf, type AssistantCore } from './core';

/** How often a running process looks for FAQ entries published since it started (other processes publish too). */
const FAQ_REFRESH_MS = 60_000;

export interface AssistantModuleDeps extends AssistantCoreDeps {
  db: Db;
  /** The conversation store with the desk's operations (src/app/assistant-desk.wiring.ts). */
  conversations: DeskConversationsService;
  sessionPrincipal: (session: Session | null) => Promise<Principal>;
  portal?: AssistantPortalConfig;
}

/**
 * The virtual assistant (issue 10): the portal page, panel and API over the in-process core,
 * with FAQ entries the contact centre published added to what it knows.
 */
export function createAssistantModule(deps: AssistantModuleDeps) {
  const core = createAssistantCore(deps);
  const known = new Set<string>();
  let refreshedAt = -Infinity;
  const addPublished = (entries: DeskFaqEntry[]) => {
    for (const e of entries) {
      if (known.has(e.id)) continue;
      known.add(e.id);
      core.addFaq(e);
    }
  };
  const refresh = async () => {
    refreshedAt = deps.clock.now().getTime();
    addPublished(await deps.conversations.publishedFaq());
  };
  const assistant = {
    async ask(...args: Parameters<typeof core.service.ask>) {
      if (deps.clock.now().getTime() - refreshedAt > FAQ_REFRESH_MS) await refresh();
      return core.service.ask(...args);
    },
  };
  return {
    service: assistant,
    core,
    /** Loads the published FAQ drafts; call once before serving. */
    start: refresh,
    routes: async (app: FastifyInstance) => {
      await app.register(
        assistantPortalRoutes({
          assistant,
          conversations: deps.conversations,
          i18n: deps.i18n,
          clock: deps.clock,
          db: deps.db,
          sessionPrincipal: deps.sessionPrincipal,
          ...(deps.portal ? { config: deps.portal } : {}),
        }),
      );
    },
  };
}
export type AssistantModule = ReturnType<typeof createAssistantModule>;

const MESSAGES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../content/messages',
);

/** The assistant without a database or cases, for `npm run bench -- assistant`. */
export async function createAssistantForBench(i18n?: I18n) {
  const catalogue = createCatalogueModule({ clock: systemClock });
  const core = createAssistantCore({
    catalogue,
    i18n: i18n ?? createI18n(MESSAGES),
    clock: systemClock,
    branches: loadBranchesPack(),
  });
  return {
    ask: (req: { question: string; lang?: 'lt' | 'en' | 'ru' | 'uk' }) => core.service.ask(req, {}),
  };
}
