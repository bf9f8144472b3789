import { z } from 'zod';
import type { Clock, Ids } from '../../../platform/clock';
import type { AnyTransaction, Db } from '../../../platform/db';
import { AppError } from '../../../platform/errors';
import type { Principal } from '../../../platform/http';
import { LANGUAGES, type Language } from '../../../platform/i18n';
import type { AuditModule } from '../../audit';
import { mayUseContactCentre } from '../../cases';
import type {
  Conversation,
  ConversationMessage,
  ConversationStatus,
  ConversationsService,
} from '../assistant.contract';
import { INTENTS, type Answer, type Intent } from '../assistant.model';
import {
  createConversationsRepository,
  type ConversationRow,
  type FaqDraftRow,
  type FaqDraftStatus,
  type InLanguages,
  type MessageRow,
} from './conversations.repository';
import { conversationsErrors as errors } from './errors';

/** Replies and notes are read by people: long enough for an answer, short enough for a mail. */
export const REPLY_MAX = 4000;
export const QUEUE_SIZE = 100;
/** Why staff read a conversation (the audit log's purpose). */
const PURPOSE = 'call-centre-enquiry';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the applicant must be told about an agent's reply (notify port, src/app wiring). */
export interface AssistantReplyNotice {
  conversationId: string;
  messageId: string;
  lang: Language;
  /** The signed-in applicant: inbox and e-mail. */
  accountId?: string;
  /** An anonymous visitor's address: e-mail only. */
  email?: string;
  text: string;
  at: Date;
}
/** Called in the reply's transaction, so the notice exists exactly when the reply does. */
export type NotifyAssistantReply = (n: AssistantReplyNotice, trx: AnyTransaction) => Promise<void>;

export interface ConversationsDeps {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  /** Required for `reply` (src/app/assistant-desk.wiring.ts builds it). */
  notify?: NotifyAssistantReply;
  /** An agent's display name for the transcript; without it replies carry no name. */
  staffName?: (accountId: string) => Promise<string | undefined>;
}

export const QUEUE_FILTERS = ['waiting', 'answered', 'closed', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** A line of the desk's queue. */
export interface QueueItem {
  id: string;
  status: ConversationStatus;
  lang: Language;
  signedIn: boolean;
  hasEmail: boolean;
  handedOffAt: Date;
  claimedBy?: string;
  /** The visitor's last question, shortened. */
  preview: string;
}

/** A conversation as the desk shows it: the contract's view plus who owns and who took it. */
export interface DeskConversation extends Conversation {
  claimedBy?: string;
  messages: (ConversationMessage & { authorAccountId?: string })[];
}

const Text = z.string().trim().min(1).max(REPLY_MAX);
const InLangs = z.strictObject(
  Object.fromEntries(LANGUAGES.map((l) => [l, Text])) as Record<Language, typeof Text>,
);
export const FaqProposal = z.strictObject({
  question: InLangs,
  answer: InLangs,
  intents: z.array(z.enum(INTENTS)).min(1),
  services: z.array(z.string().regex(/^[a-z0-9-]+$/)),
});
export type FaqProposal = z.infer<typeof FaqProposal>;

/** A reviewed and published desk entry, in the FAQ files' shape (H4's loader can take it). */
export interface DeskFaqEntry {
  id: string;
  intents: Intent[];
  services: string[];
  uncertain: false;
  sources: { title: string; url: string; date: string }[];
  question: InLanguages;
  keywords: Record<Language, string[]>;
  answer: InLanguages;
}

export interface FaqDraft {
  id: string;
  conversationId: string;
  messageId: string;
  question: InLanguages;
  answer: InLanguages;
  intents: Intent[];
  services: string[];
  status: FaqDraftStatus;
  createdBy: string;
  reviewedBy?: string;
  createdAt: Date;
  reviewedAt?: Date;
}

/** Where published desk entries point: the Department's contact page. */
const DESK_SOURCE = {
  title: 'Migracijos departamentas — kontaktų centras',
  url: 'https://migracija.lrv.lt/lt/kontaktai',
};

const Email = z.email().max(254);

const agentOf = (p: Principal) => {
  if (!mayUseContactCentre(p) || p.kind !== 'staff') throw errors.forbidden();
  return p;
};
const draftOf = (r: FaqDraftRow): FaqDraft => ({
  id: r.id,
  conversationId: r.conversation_id,
  messageId: r.message_id,
  question: r.question,
  answer: r.answer,
  intents: r.intents,
  services: r.services,
  status: r.status,
  createdBy: r.created_by,
  ...(r.reviewed_by ? { reviewedBy: r.reviewed_by } : {}),
  createdAt: r.created_at,
  ...(r.reviewed_at ? { reviewedAt: r.reviewed_at } : {}),
});

/** What the applicant's side may see: no staff ids (who took it, who wrote a reply). */
function forApplicant(c: DeskConversation): Conversation {
  const { claimedBy: _claimedBy, messages, ...rest } = c;
  return {
    ...rest,
    messages: messages.map(({ authorAccountId: _authorAccountId, ...m }) => m),
  };
}

export function createConversationsService(deps: ConversationsDeps) {
  const { db, clock, ids, audit } = deps;
  const repo = createConversationsRepository(db);
  const tx = <T>(fn: (trx: AnyTransaction) => Promise<T>) => db.transaction().execute(fn);

  async function assemble(row: ConversationRow, messages: MessageRow[]): Promise<DeskConversation> {
    const names = new Map<string, string | undefined>();
    for (const m of messages)
      if (m.author_account_id && !names.has(m.author_account_id))
        names.set(m.author_account_id, await deps.staffName?.(m.author_account_id));
    return {
      id: row.id,
      status: row.status,
      lang: row.lang,
      ...(row.account_id ? { accountId: row.account_id } : {}),
      ...(row.email ? { email: row.email } : {}),
      startedAt: row.started_at,
      ...(row.handed_off_at ? { handedOffAt: row.handed_off_at } : {}),
      ...(row.claimed_by ? { claimedBy: row.claimed_by } : {}),
      messages: messages
        .filter((m) => m.conversation_id === row.id)
        .map((m) => {
          const author = m.author_account_id ? names.get(m.author_account_id) : undefined;
          return {
            id: m.id,
            role: m.role,
            text: m.text,
            at: m.at,
            ...(m.answer ? { answer: m.answer } : {}),
            ...(author ? { author } : {}),
            ...(m.author_account_id ? { authorAccountId: m.author_account_id } : {}),
          };
        }),
    };
  }

  async function load(id: string, trx?: AnyTransaction): Promise<DeskConversation | undefined> {
    if (!UUID.test(id)) return undefined;
    const row = await repo.find(id, trx);
    return row ? assemble(row, await repo.messagesOf([id], trx)) : undefined;
  }

  /** The conversation locked for a desk change; not handed off → not waiting. */
  async function forDesk(id: string, trx: AnyTransaction) {
    const row = UUID.test(id) ? await repo.find(id, trx, true) : undefined;
    if (!row) throw errors.notFound();
    if (row.status === 'closed') throw errors.closed();
    if (row.status === 'open') throw errors.notWaiting();
    return row;
  }

  const store: ConversationsService = {
    async start(input) {
      const now = clock.now();
      const id = ids.uuid();
      await repo.insertConversation({
        id,
        status: 'open',
        lang: input.lang,
        account_id: input.accountId ?? null,
        email: null,
        started_at: now,
        handed_off_at: null,
        claimed_by: null,
        updated_at: now,
      });
      return { id };
    },

    get: async (id) => {
      const c = await load(id);
      return c && forApplicant(c);
    },

    async recordExchange(id, question, answer: Answer) {
      const at = clock.now();
      await tx(async (trx) => {
        const row = UUID.test(id) ? await repo.find(id, trx) : undefined;
        if (!row) throw errors.notFound();
        await repo.insertMessage(
          {
            id: ids.uuid(),
            conversation_id: id,
            role: 'visitor',
            text: question,
            answer: null,
            author_account_id: null,
            at,
          },
          trx,
        );
        await repo.insertMessage(
          {
            id: ids.uuid(),
            conversation_id: id,
            role: 'assistant',
            text: answer.answer,
            answer: { kind: answer.kind, confidence: answer.confidence, sources: answer.sources },
            author_account_id: null,
            at,
          },
          trx,
        );
      });
    },

    async handOff(id, input) {
      const email = input.email?.trim() ? Email.safeParse(input.email.trim()) : undefined;
      if (email && !email.success) throw errors.invalid({ email: 'not an e-mail address' });
      const note = input.note?.trim().slice(0, REPLY_MAX);
      await tx(async (trx) => {
        const row = UUID.test(id) ? await repo.find(id, trx, true) : undefined;
        if (!row) throw errors.notFound();
        if (row.status === 'closed') throw errors.closed();
        const newEmail = email?.data && !row.account_id ? email.data : undefined;
        // Idempotent while waiting: a second request keeps its place in the queue.
        if (row.status === 'waiting') {
          if (newEmail && newEmail !== row.email)
            await repo.update(id, { email: newEmail, updated_at: clock.now() }, trx);
          return;
        }
        const now = clock.now();
        if (note)
          await repo.insertMessage(
            {
              id: ids.uuid(),
              conversation_id: id,
              role: 'visitor',
              text: note,
              answer: null,
              author_account_id: null,
              at: now,
            },
            trx,
          );
        // A follow-up after an answer goes back to the queue at its first handoff's place.
        await repo.update(
          id,
          {
            status: 'waiting',
            handed_off_at: row.handed_off_at ?? now,
            updated_at: now,
            ...(newEmail ? { email: newEmail } : {}),
          },
          trx,
        );
      });
    },

    async listForAccount(accountId) {
      const rows = await repo.forAccount(accountId);
      const messages = await repo.messagesOf(rows.map((r) => r.id));
      return Promise.all(rows.map(async (r) => forApplicant(await assemble(r, messages))));
    },

    async claim(id, accountId) {
      await tx(async (trx) => {
        const row = UUID.test(id) ? await repo.find(id, trx, true) : undefined;
        if (!row || (row.account_id && row.account_id !== accountId)) throw errors.notFound();
        if (row.account_id === accountId) return;
        // Signed in, the reply goes to the account: the typed address is no longer needed.
        await repo.update(id, { account_id: accountId, email: null, updated_at: clock.now() }, trx);
      });
    },
  };

  return {
    ...store,
    repo,

    /** The signed-in applicant's handed-off conversations, newest first. Audited. */
    async ownConversations(p: Principal, ip?: string): Promise<Conversation[]> {
      if (p.kind !== 'applicant') throw errors.notFound();
      const list = await store.listForAccount(p.accountId);
      await audit.recordRead({
        actor: p,
        subject: { kind: 'account', id: p.accountId },
        purpose: 'own-conversations',
        fields: ['conversations'],
        ...(ip ? { ip } : {}),
      });
      return list;
    },

    /** The signed-in applicant's own conversation; anyone else's is not found. Audited. */
    async ownConversation(id: string, p: Principal, ip?: string): Promise<Conversation> {
      if (p.kind !== 'applicant') throw errors.notFound();
      const c = await load(id);
      if (!c || c.accountId !== p.accountId || !c.handedOffAt) throw errors.notFound();
      await audit.recordRead({
        actor: p,
        subject: { kind: 'assistant-conversation', id },
        purpose: 'own-conversations',
        fields: ['messages'],
        ...(ip ? { ip } : {}),
      });
      return forApplicant(c);
    },

    /** The contact centre's queue: waiting first, oldest first. Showing it is audited. */
    async queue(filter: QueueFilter, p: Principal, ip?: string): Promise<QueueItem[]> {
      agentOf(p);
      const statuses: ConversationStatus[] =
        filter === 'all' ? ['waiting', 'answered', 'closed'] : [filter];
      const rows = await repo.queue(statuses, QUEUE_SIZE);
      const messages = await repo.messagesOf(rows.map((r) => r.id));
      await audit.record({
        actor: p,
        action: 'personal-data.read',
        subject: { kind: 'assistant-queue', id: filter },
        purpose: PURPOSE,
        ...(ip ? { ip } : {}),
        details: {
          fields: ['status', 'language', 'last-question'],
          conversations: rows.map((r) => r.id),
        },
      });
      return rows.map((r) => {
        const last = messages
          .filter((m) => m.conversation_id === r.id && m.role === 'visitor')
          .at(-1);
        const text = last?.text ?? '';
        return {
          id: r.id,
          status: r.status,
          lang: r.lang,
          signedIn: r.account_id !== null,
          hasEmail: r.email !== null,
          handedOffAt: r.handed_off_at!,
          ...(r.claimed_by ? { claimedBy: r.claimed_by } : {}),
          preview: text.length > 120 ? `${text.slice(0, 119)}…` : text,
        };
      });
    },

    /** One handed-off conversation with its transcript, for an agent. Every read is audited. */
    async view(id: string, p: Principal, ip?: string): Promise<DeskConversation> {
      agentOf(p);
      const c = await load(id);
      if (!c || !c.handedOffAt) throw errors.notFound();
      await audit.recordRead({
        actor: p,
        subject: { kind: 'assistant-conversation', id },
        purpose: PURPOSE,
        fields: ['messages', ...(c.email ? ['email'] : []), ...(c.accountId ? ['account'] : [])],
        ...(ip ? { ip } : {}),
      });
      return c;
    },

    /** The agent takes the conversation (a team lead may take it over from another agent). */
    async take(id: string, p: Principal): Promise<void> {
      const a = agentOf(p);
      await tx(async (trx) => {
        const row = await forDesk(id, trx);
        if (row.claimed_by === a.accountId) return;
        await repo.update(id, { claimed_by: a.accountId, updated_at: clock.now() }, trx);
        await audit.record(
          {
            actor: p,
            action: 'assistant.conversation-taken',
            subject: { kind: 'assistant-conversation', id },
            purpose: PURPOSE,
            details: { from: row.claimed_by },
          },
          trx,
        );
      });
    },

    /**
     * The agent's reply: kept in the transcript, the conversation answered, and the applicant
     * told (inbox and e-mail, or e-mail only for an anonymous visitor), all in one transaction.
     */
    async reply(id: string, p: Principal, text: string): Promise<{ messageId: string }> {
      const a = agentOf(p);
      const body = Text.safeParse(text);
      if (!body.success) throw errors.invalid({ text: `1–${REPLY_MAX} characters` });
      const notify = deps.notify;
      if (!notify)
        throw new AppError('ASSISTANT_NOTIFY_MISSING', 'unavailable', 'Replies cannot be sent');
      const messageId = ids.uuid();
      await tx(async (trx) => {
        const row = await forDesk(id, trx);
        const at = clock.now();
        await repo.insertMessage(
          {
            id: messageId,
            conversation_id: id,
            role: 'agent',
            text: body.data,
            answer: null,
            author_account_id: a.accountId,
            at,
          },
          trx,
        );
        await repo.update(
          id,
          { status: 'answered', claimed_by: row.claimed_by ?? a.accountId, updated_at: at },
          trx,
        );
        await notify(
          {
            conversationId: id,
            messageId,
            lang: row.lang,
            ...(row.account_id ? { accountId: row.account_id } : {}),
            ...(!row.account_id && row.email ? { email: row.email } : {}),
            text: body.data,
            at,
          },
          trx,
        );
        await audit.record(
          {
            actor: p,
            action: 'assistant.reply-sent',
            subject: { kind: 'assistant-conversation', id },
            purpose: PURPOSE,
            details: { messageId },
          },
          trx,
        );
      });
      return { messageId };
    },

    async close(id: string, p: Principal): Promise<void> {
      agentOf(p);
      await tx(async (trx) => {
        await forDesk(id, trx);
        await repo.update(id, { status: 'closed', updated_at: clock.now() }, trx);
        await audit.record(
          {
            actor: p,
            action: 'assistant.conversation-closed',
            subject: { kind: 'assistant-conversation', id },
            purpose: PURPOSE,
          },
          trx,
        );
      });
    },

    /** Proposes an agent's reply as an FAQ entry in four languages; published after review. */
    async proposeFaq(messageId: string, p: Principal, input: unknown): Promise<{ id: string }> {
      const a = agentOf(p);
      const parsed = FaqProposal.safeParse(input);
      if (!parsed.success)
        throw errors.invalid(
          Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])),
        );
      const msg = UUID.test(messageId) ? await repo.findMessage(messageId) : undefined;
      if (!msg) throw errors.notFound();
      if (msg.role !== 'agent') throw errors.notAReply();
      const id = ids.uuid();
      await tx(async (trx) => {
        await repo.insertDraft(
          {
            id,
            conversation_id: msg.conversation_id,
            message_id: msg.id,
            ...parsed.data,
            status: 'draft',
            created_by: a.accountId,
            reviewed_by: null,
            created_at: clock.now(),
            reviewed_at: null,
          },
          trx,
        );
        await audit.record(
          {
            actor: p,
            action: 'assistant.faq-proposed',
            subject: { kind: 'assistant-faq-draft', id },
            details: { messageId },
          },
          trx,
        );
      });
      return { id };
    },

    /** Publishes or rejects a draft: never by the agent who proposed it (four eyes). */
    async reviewFaq(draftId: string, p: Principal, decision: 'publish' | 'reject') {
      const a = agentOf(p);
      await tx(async (trx) => {
        const d = UUID.test(draftId) ? await repo.findDraft(draftId, trx, true) : undefined;
        if (!d) throw errors.draftNotFound();
        if (d.status !== 'draft') throw errors.notADraft();
        if (d.created_by === a.accountId) throw errors.fourEyes();
        const status = decision === 'publish' ? 'published' : 'rejected';
        if (
          !(await repo.review(
            draftId,
            { status, reviewed_by: a.accountId, reviewed_at: clock.now() },
            trx,
          ))
        )
          throw errors.notADraft();
        await audit.record(
          {
            actor: p,
            action: decision === 'publish' ? 'assistant.faq-published' : 'assistant.faq-rejected',
            subject: { kind: 'assistant-faq-draft', id: draftId },
          },
          trx,
        );
      });
    },

    /** FAQ drafts for the review list (staff only). */
    async faqDrafts(p: Principal, statuses: readonly FaqDraftStatus[] = ['draft']) {
      agentOf(p);
      return (await repo.drafts(statuses)).map(draftOf);
    },

    async faqDraft(id: string, p: Principal) {
      agentOf(p);
      const d = UUID.test(id) ? await repo.findDraft(id) : undefined;
      if (!d) throw errors.draftNotFound();
      return draftOf(d);
    },

    /** Published desk entries, for the FAQ index (the lead adds them to H4's search). */
    async publishedFaq(): Promise<DeskFaqEntry[]> {
      return (await repo.drafts(['published'], 1000)).map((d) => ({
        id: `x-desk-${d.id}`,
        intents: d.intents,
        services: d.services,
        uncertain: false,
        sources: [{ ...DESK_SOURCE, date: d.reviewed_at!.toISOString().slice(0, 10) }],
        question: d.question,
        keywords: { lt: [], en: [], ru: [], uk: [] },
        answer: d.answer,
      }));
    },
  };
}

export type DeskConversationsService = ReturnType<typeof createConversationsService>;
