import { sql, type Generated, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../../platform/db';
import type { Language } from '../../../platform/i18n';
import type { ConversationStatus, MessageRole } from '../assistant.contract';
import type { AnswerKind, Intent, Source } from '../assistant.model';

export interface ConversationRow {
  id: string;
  status: ConversationStatus;
  lang: Language;
  account_id: string | null;
  email: string | null;
  started_at: Date;
  handed_off_at: Date | null;
  claimed_by: string | null;
  updated_at: Date;
}

export interface StoredAnswer {
  kind: AnswerKind;
  confidence: number;
  sources: Source[];
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  role: MessageRole;
  text: string;
  answer: StoredAnswer | null;
  author_account_id: string | null;
  at: Date;
}

export type InLanguages = Record<Language, string>;
export const FAQ_DRAFT_STATUSES = ['draft', 'published', 'rejected'] as const;
export type FaqDraftStatus = (typeof FAQ_DRAFT_STATUSES)[number];

export interface FaqDraftRow {
  id: string;
  conversation_id: string;
  message_id: string;
  question: InLanguages;
  answer: InLanguages;
  intents: Intent[];
  services: string[];
  status: FaqDraftStatus;
  created_by: string;
  reviewed_by: string | null;
  created_at: Date;
  reviewed_at: Date | null;
}

/** The assistant's tables, as this module's Kysely view of the database (DESIGN §4). */
export type AssistantTables = {
  assistant_conversations: ConversationRow;
  // `seq` is written by the database (identity): never inserted, only ordered by.
  assistant_messages: MessageRow & { seq: Generated<number> };
  assistant_faq_drafts: FaqDraftRow;
};

type Q = Kysely<AssistantTables>;
const json = (v: unknown) => JSON.stringify(v) as never;

/** Data access for conversations, their messages (append-only) and FAQ drafts. */
export function createConversationsRepository(db: Db) {
  const q = db.withTables<AssistantTables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<AssistantTables>() as Q) : q);
  const MESSAGE_COLUMNS = [
    'id',
    'conversation_id',
    'role',
    'text',
    'answer',
    'author_account_id',
    'at',
  ] as const;

  return {
    db: q,
    async insertConversation(row: ConversationRow, t?: AnyTransaction) {
      await as(t).insertInto('assistant_conversations').values(row).execute();
    },
    /** With `forUpdate`, locks the row for the caller's transaction (status changes race). */
    async find(id: string, t?: AnyTransaction, forUpdate = false) {
      let s = as(t).selectFrom('assistant_conversations').selectAll().where('id', '=', id);
      if (forUpdate) s = s.forUpdate();
      return s.executeTakeFirst();
    },
    async update(
      id: string,
      patch: Partial<Omit<ConversationRow, 'id' | 'started_at'>>,
      t?: AnyTransaction,
    ) {
      await as(t).updateTable('assistant_conversations').set(patch).where('id', '=', id).execute();
    },
    async insertMessage(row: MessageRow, t?: AnyTransaction) {
      await as(t)
        .insertInto('assistant_messages')
        .values({ ...row, answer: row.answer ? json(row.answer) : null })
        .execute();
    },
    async findMessage(id: string, t?: AnyTransaction): Promise<MessageRow | undefined> {
      return as(t)
        .selectFrom('assistant_messages')
        .select(MESSAGE_COLUMNS)
        .where('id', '=', id)
        .executeTakeFirst();
    },
    /** Every message of the conversations, in the order they were written. */
    async messagesOf(ids: string[], t?: AnyTransaction): Promise<MessageRow[]> {
      if (ids.length === 0) return [];
      return as(t)
        .selectFrom('assistant_messages')
        .select(MESSAGE_COLUMNS)
        .where('conversation_id', 'in', ids)
        .orderBy('seq')
        .execute();
    },
    /** Handed-off conversations: waiting first, then oldest handoff first. */
    async queue(statuses: readonly ConversationStatus[], limit: number) {
      return q
        .selectFrom('assistant_conversations')
        .selectAll()
        .where('handed_off_at', 'is not', null)
        .where('status', 'in', [...statuses])
        .orderBy(sql`case when status = 'waiting' then 0 else 1 end`)
        .orderBy('handed_off_at')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
    async forAccount(accountId: string) {
      return q
        .selectFrom('assistant_conversations')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('handed_off_at', 'is not', null)
        .orderBy('handed_off_at', 'desc')
        .execute();
    },

    async insertDraft(row: FaqDraftRow, t?: AnyTransaction) {
      await as(t)
        .insertInto('assistant_faq_drafts')
        .values({
          ...row,
          question: json(row.question),
          answer: json(row.answer),
          intents: json(row.intents),
          services: json(row.services),
        })
        .execute();
    },
    async findDraft(id: string, t?: AnyTransaction, forUpdate = false) {
      let s = as(t).selectFrom('assistant_faq_drafts').selectAll().where('id', '=', id);
      if (forUpdate) s = s.forUpdate();
      return s.executeTakeFirst();
    },
    async review(
      id: string,
      patch: Pick<FaqDraftRow, 'status' | 'reviewed_by' | 'reviewed_at'>,
      t?: AnyTransaction,
    ) {
      const r = await as(t)
        .updateTable('assistant_faq_drafts')
        .set(patch)
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async drafts(statuses: readonly FaqDraftStatus[], limit = 200) {
      return q
        .selectFrom('assistant_faq_drafts')
        .selectAll()
        .where('status', 'in', [...statuses])
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
    },
  };
}

export type ConversationsRepository = ReturnType<typeof createConversationsRepository>;
