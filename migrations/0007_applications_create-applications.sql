-- Applications from draft to submission, and their timeline. A timeline entry is never changed
-- or removed: what happened to an application is read from it (DESIGN §4).
create sequence application_reference_seq;
comment on sequence application_reference_seq is 'Running number inside application reference numbers (applications module).';

create table applications (
  id uuid primary key,
  reference text unique,
  service_id text not null,
  ground_id text,
  urgent boolean not null default false,
  state text not null check (state in ('draft', 'submitted', 'withdrawn')),
  owner_account_id uuid,
  filed_by_kind text not null check (filed_by_kind in ('self', 'parent', 'organisation', 'partner')),
  filed_by_account_id uuid,
  filed_by_partner_id uuid,
  answers jsonb not null default '{}'::jsonb,
  declaration_at timestamptz,
  fee_receipt text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  submitted_at timestamptz
);
create index applications_owner_idx on applications (owner_account_id, created_at);
create index applications_filed_by_idx on applications (filed_by_account_id, created_at);
create index applications_partner_idx on applications (filed_by_partner_id, created_at);
comment on table applications is 'Applications for a service of the catalogue (applications module). Personal data: the answers (identity, contact, family, work or studies).';
comment on column applications.id is 'Application id (internal; never shown as the reference).';
comment on column applications.reference is 'Reference number given at submission, e.g. VRT-2026-0000123-4; null while a draft.';
comment on column applications.service_id is 'Catalogue service id (content/lt/services).';
comment on column applications.ground_id is 'Catalogue ground id within the service; null until chosen.';
comment on column applications.urgent is 'Urgent processing asked for (higher fee, shorter legal term).';
comment on column applications.state is 'draft (being filled in), submitted, or withdrawn before submission.';
comment on column applications.owner_account_id is 'Account of the person the application is for, when they have one (personal data: pseudonymous id).';
comment on column applications.filed_by_kind is 'Who filed it: the person (self), a parent for a child, an organisation, or a partner system.';
comment on column applications.filed_by_account_id is 'Account that filled it in (the person, a parent or an organisation user).';
comment on column applications.filed_by_partner_id is 'Partner system that filed it through the API.';
comment on column applications.answers is 'Answers to the catalogue questions, by question id (personal data, may include special categories only where a ground requires).';
comment on column applications.declaration_at is 'When the declaration of truthfulness was confirmed.';
comment on column applications.fee_receipt is 'Receipt number of a fee collected by the partner that filed the application (service providers abroad collect the fee themselves).';
comment on column applications.created_at is 'When the draft was started.';
comment on column applications.updated_at is 'Last change to the draft.';
comment on column applications.submitted_at is 'When the application was submitted; legal terms count from here or from the visit.';

create table application_events (
  application_id uuid not null references applications (id),
  seq integer not null,
  at timestamptz not null,
  action text not null,
  actor_kind text not null,
  actor_id text,
  details jsonb not null default '{}'::jsonb,
  primary key (application_id, seq)
);
comment on table application_events is 'Timeline of each application (applications module): append-only. Personal data: actor ids (pseudonymous).';
comment on column application_events.application_id is 'The application.';
comment on column application_events.seq is 'Position in the application''s timeline, 1, 2, 3 …';
comment on column application_events.at is 'When it happened.';
comment on column application_events.action is 'What happened: created, answers-saved, document-added, document-removed, fee-paid, declaration-confirmed, submitted, withdrawn.';
comment on column application_events.actor_kind is 'Who did it: applicant, staff, partner or system.';
comment on column application_events.actor_id is 'Account or partner id of the actor.';
comment on column application_events.details is 'Facts of the action (e.g. document type, reference); never answers or file contents.';

create function application_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'application_events is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger application_events_no_change before update or delete on application_events
  for each row execute function application_events_append_only();
revoke update, delete, truncate on application_events from public;
