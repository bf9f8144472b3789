-- The virtual assistant (assistant module, issue 10): conversations with the assistant, the ones
-- handed to the contact centre, every message in them (append-only, like case actions), and the
-- FAQ entries agents propose from their replies, published only after a second person's review.
create table assistant_conversations (
  id uuid primary key,
  status text not null default 'open' check (status in ('open', 'waiting', 'answered', 'closed')),
  lang text not null check (lang in ('lt', 'en', 'ru', 'uk')),
  account_id uuid,
  email text,
  started_at timestamptz not null,
  handed_off_at timestamptz,
  claimed_by uuid,
  updated_at timestamptz not null,
  check ((status = 'open') = (handed_off_at is null))
);
-- The desk's queue (waiting first, oldest first) and an applicant's own list, newest first.
create index assistant_conversations_queue_idx on assistant_conversations (status, handed_off_at)
  where handed_off_at is not null;
create index assistant_conversations_account_idx on assistant_conversations (account_id, handed_off_at desc)
  where account_id is not null;
comment on table assistant_conversations is 'Conversations with the virtual assistant and their handoff to the contact centre (assistant module). Personal data: the account or e-mail address and, through the messages, what was asked.';
comment on column assistant_conversations.id is 'Conversation id.';
comment on column assistant_conversations.status is 'open (with the assistant only), waiting (handed off, no reply yet), answered (an agent replied), closed (an agent closed it).';
comment on column assistant_conversations.lang is 'Language of the conversation: the answers and the reply are in it.';
comment on column assistant_conversations.account_id is 'The signed-in applicant''s account (pseudonymous id); null for an anonymous visitor.';
comment on column assistant_conversations.email is 'Where an anonymous visitor wants the reply sent (personal data, contact); null otherwise.';
comment on column assistant_conversations.started_at is 'When the first question was asked.';
comment on column assistant_conversations.handed_off_at is 'When the conversation was handed to the contact centre; null while open.';
comment on column assistant_conversations.claimed_by is 'Staff account of the agent who took the conversation; null while nobody has.';
comment on column assistant_conversations.updated_at is 'Last change of status, owner or agent.';

create table assistant_messages (
  id uuid primary key,
  seq bigint generated always as identity,
  conversation_id uuid not null references assistant_conversations (id),
  role text not null check (role in ('visitor', 'assistant', 'agent')),
  text text not null,
  answer jsonb,
  author_account_id uuid,
  at timestamptz not null,
  check ((role = 'agent') = (author_account_id is not null))
);
create index assistant_messages_conversation_idx on assistant_messages (conversation_id, seq);
comment on table assistant_messages is 'What was said in each assistant conversation, in order (assistant module): append-only. Personal data: what the visitor wrote.';
comment on column assistant_messages.id is 'Message id.';
comment on column assistant_messages.seq is 'Order of writing: a question and its answer share a time, not a place.';
comment on column assistant_messages.conversation_id is 'The conversation.';
comment on column assistant_messages.role is 'Who said it: visitor (the person asking), assistant (an automatic answer) or agent (a contact centre reply).';
comment on column assistant_messages.text is 'The text as written or answered (plain text).';
comment on column assistant_messages.answer is 'For assistant answers: kind, confidence (0–1) and sources, for the agent''s context; null otherwise.';
comment on column assistant_messages.author_account_id is 'Staff account of the agent who replied; null for visitor and assistant messages.';
comment on column assistant_messages.at is 'When it was said.';

create function assistant_messages_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'assistant_messages is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger assistant_messages_no_change before update or delete on assistant_messages
  for each row execute function assistant_messages_append_only();
revoke update, delete, truncate on assistant_messages from public;

create table assistant_faq_drafts (
  id uuid primary key,
  conversation_id uuid not null references assistant_conversations (id),
  message_id uuid not null references assistant_messages (id),
  question jsonb not null,
  answer jsonb not null,
  intents jsonb not null,
  services jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'published', 'rejected')),
  created_by uuid not null,
  reviewed_by uuid,
  created_at timestamptz not null,
  reviewed_at timestamptz,
  check ((status = 'draft') = (reviewed_by is null)),
  check ((reviewed_by is null) = (reviewed_at is null)),
  check (reviewed_by is null or reviewed_by <> created_by)
);
create index assistant_faq_drafts_status_idx on assistant_faq_drafts (status, created_at);
comment on table assistant_faq_drafts is 'FAQ entries agents propose from their replies, published after another agent or a team lead reviews them (assistant module). No personal data in the texts by rule; staff ids (pseudonymous).';
comment on column assistant_faq_drafts.id is 'Draft id; a published entry is faq:x-desk-<id> in the assistant''s sources.';
comment on column assistant_faq_drafts.conversation_id is 'The conversation whose reply it came from.';
comment on column assistant_faq_drafts.message_id is 'The agent''s reply it came from.';
comment on column assistant_faq_drafts.question is 'The question in each language: {"lt": …, "en": …, "ru": …, "uk": …}.';
comment on column assistant_faq_drafts.answer is 'The answer in each language: {"lt": …, "en": …, "ru": …, "uk": …} (plain text).';
comment on column assistant_faq_drafts.intents is 'Intents it answers (assistant.model.ts INTENTS), first = main: a JSON array.';
comment on column assistant_faq_drafts.services is 'Catalogue service ids it is about: a JSON array, may be empty.';
comment on column assistant_faq_drafts.status is 'draft (awaiting review), published (in the FAQ) or rejected.';
comment on column assistant_faq_drafts.created_by is 'Staff account of the agent who proposed it.';
comment on column assistant_faq_drafts.reviewed_by is 'Staff account of the reviewer: never the proposer (four eyes); null while a draft.';
comment on column assistant_faq_drafts.created_at is 'When it was proposed.';
comment on column assistant_faq_drafts.reviewed_at is 'When it was published or rejected; null while a draft.';

-- The agent's reply reaches a signed-in applicant's inbox as a notification of its own.
alter table notifications drop constraint notifications_event_check;
alter table notifications add constraint notifications_event_check check (event in (
  'application-received', 'visit-needed', 'information-requested', 'information-due-soon',
  'decision-made', 'document-ready-for-collection', 'document-sent-by-courier',
  'contact-centre-message', 'visit-booked', 'visit-moved', 'visit-cancelled',
  'visit-cancelled-by-branch', 'visit-offered', 'visit-offer-lapsed', 'visit-reminder',
  'assistant-reply'));
