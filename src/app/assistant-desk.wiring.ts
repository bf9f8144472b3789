import type { ConversationsService } from '../modules/assistant';
import {
  createConversationsService,
  type DeskConversationsService,
  type NotifyAssistantReply,
} from '../modules/assistant';
import { accountConversationRoutes, deskRoutes, type DeskRoutesDeps } from '../modules/assistant';
import type { AuditModule } from '../modules/audit';
import { renderNotification, type NotificationsModule } from '../modules/notifications';
import type { Clock, Ids } from '../platform/clock';
import type { Db } from '../platform/db';
import type { JobQueue } from '../platform/jobs';
import type { MailPort } from '../platform/mail';

/** Sends an agent's reply to an anonymous visitor's e-mail address, after the reply commits. */
export const ASSISTANT_REPLY_MAIL_JOB = 'assistant.reply-mail';
interface ReplyMailJob {
  conversationId: string;
  messageId: string;
}

/**
 * The assistant desk's notify port (issue 10): a signed-in applicant is told through the
 * notifications module (inbox, e-mail, SMS with consent, in the account's language, linking to
 * /account/conversations/:id); an anonymous visitor who left an address gets the same pack text
 * by e-mail in the conversation's language. That e-mail is a job enqueued in the reply's
 * transaction carrying only ids, so no address waits in the job table and nothing is sent for a
 * reply that did not commit. `conversations` is a getter: the service is made with this port.
 */
export function assistantReplyNotifier(d: {
  notifications: Pick<NotificationsModule, 'notify' | 'pack'>;
  jobs: JobQueue;
  mail: MailPort;
  publicUrl: string;
  conversations: () => Pick<ConversationsService, 'get'>;
}): NotifyAssistantReply {
  d.jobs.register<ReplyMailJob>(ASSISTANT_REPLY_MAIL_JOB, async ({ conversationId, messageId }) => {
    const c = await d.conversations().get(conversationId);
    const reply = c?.messages.find((m) => m.id === messageId && m.role === 'agent');
    if (!c || !reply || !c.email || c.accountId) return;
    const text = renderNotification(d.notifications.pack, 'assistant-reply', c.lang, {
      message: reply.text,
      // An anonymous visitor gave no name: the greeting uses the address they gave.
      name: c.email,
      portal: d.publicUrl,
    });
    await d.mail.send({ to: c.email, subject: text.subject, text: text.body, lang: c.lang });
  });

  return async (n, trx) => {
    if (n.accountId) {
      await d.notifications.notify(
        {
          event: 'assistant-reply',
          accountId: n.accountId,
          about: n.messageId,
          path: `/account/conversations/${n.conversationId}`,
          values: { message: n.text },
          at: n.at,
        },
        trx,
      );
    } else if (n.email) {
      await d.jobs.enqueue(
        trx,
        ASSISTANT_REPLY_MAIL_JOB,
        { conversationId: n.conversationId, messageId: n.messageId } satisfies ReplyMailJob,
        { singletonKey: n.messageId },
      );
    }
  };
}

/**
 * The conversation store with its notify port, and the desk's and the account's pages: what
 * build-app needs in one call. `staffName` names agents in the desk's transcript (accounts);
 * `casesOf` links a signed-in applicant's applications; `services` lists catalogue services for
 * the FAQ proposal form.
 */
export function createAssistantDesk(d: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  jobs: JobQueue;
  mail: MailPort;
  publicUrl: string;
  notifications: Pick<NotificationsModule, 'notify' | 'pack'>;
  staffName?: (accountId: string) => Promise<string | undefined>;
  casesOf?: DeskRoutesDeps['casesOf'];
  services?: DeskRoutesDeps['services'];
  /** Called after an FAQ draft is published, so this process answers from it at once. */
  onFaqPublished?: () => Promise<void>;
}) {
  const notify = assistantReplyNotifier({
    notifications: d.notifications,
    jobs: d.jobs,
    mail: d.mail,
    publicUrl: d.publicUrl,
    // Called only by the job, after the service below exists.
    conversations: () => conversations,
  });
  const conversations: DeskConversationsService = createConversationsService({
    db: d.db,
    clock: d.clock,
    ids: d.ids,
    audit: d.audit,
    notify,
    ...(d.staffName ? { staffName: d.staffName } : {}),
  });
  const onPublished = d.onFaqPublished;
  const deskConversations: DeskConversationsService = onPublished
    ? {
        ...conversations,
        reviewFaq: async (draftId, p, decision) => {
          const reviewed = await conversations.reviewFaq(draftId, p, decision);
          if (decision === 'publish') await onPublished();
          return reviewed;
        },
      }
    : conversations;
  return {
    conversations,
    deskRoutes: deskRoutes({
      conversations: deskConversations,
      ...(d.casesOf ? { casesOf: d.casesOf } : {}),
      ...(d.services ? { services: d.services } : {}),
    }),
    accountRoutes: accountConversationRoutes({ conversations }),
  };
}
