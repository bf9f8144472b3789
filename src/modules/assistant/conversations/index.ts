/** The assistant's conversations, handoff and contact-centre desk operations (issue 10). */
export {
  createConversationsService,
  FaqProposal,
  QUEUE_FILTERS,
  QUEUE_SIZE,
  REPLY_MAX,
  type AssistantReplyNotice,
  type ConversationsDeps,
  type DeskConversation,
  type DeskConversationsService,
  type DeskFaqEntry,
  type FaqDraft,
  type NotifyAssistantReply,
  type QueueFilter,
  type QueueItem,
} from './conversations.service';
export type { AssistantTables, FaqDraftStatus } from './conversations.repository';
export { conversationsErrors } from './errors';
