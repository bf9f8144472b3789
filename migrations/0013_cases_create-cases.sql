-- Cases: the examination of each submitted application, and its append-only list of actions
-- (cases module). The status is derived from the actions through the transition table in
-- src/modules/cases/cases.lifecycle.ts (DESIGN §4); `cases.status` and the term dates are caches,
-- written in the same transaction as each action, so that queues can be sorted and filtered by index.
create table cases (
  id uuid primary key,
  application_id uuid not null unique,
  service_id text not null,
  ground_id text,
  urgency text not null default 'general',
  branch_id uuid,
  assigned_to uuid,
  status text not null,
  term_starts_on date,
  deadline_on date,
  opened_at timestamptz not null
);
create index cases_queue_idx on cases (status, deadline_on);
create index cases_branch_queue_idx on cases (branch_id, status, deadline_on);
create index cases_assigned_idx on cases (assigned_to, status);
comment on table cases is 'One case per submitted application: its examination by the Department (cases module). No personal data beyond the staff account assigned.';
comment on column cases.id is 'Case id (internal).';
comment on column cases.application_id is 'The submitted application this case examines (applications module); one case per application.';
comment on column cases.service_id is 'Catalogue service id (content/lt/services), copied from the application at submission; chooses the lifecycle variant.';
comment on column cases.ground_id is 'Catalogue ground id within the service, copied from the application; null when the service has no grounds.';
comment on column cases.urgency is 'Urgency level copied from the application: general, urgent, next-day or same-day; the legal term follows it.';
comment on column cases.branch_id is 'Branch responsible for the case (accounts module branches.id, as in the staff principal); null = unassigned, handled centrally.';
comment on column cases.assigned_to is 'Staff account id of the officer working on the case; null while in the queue.';
comment on column cases.status is 'Cache of the status derived from case_actions through the lifecycle table, updated in the same transaction as each action.';
comment on column cases.term_starts_on is 'Day the legal term starts (submission or visit, as the law says); null until known. Cache for queues.';
comment on column cases.deadline_on is 'Last day of the legal term, moved by suspensions; null until the term starts. Cache for sorting queues.';
comment on column cases.opened_at is 'When the case was opened (the submission of the application).';

create table case_actions (
  case_id uuid not null references cases (id),
  seq integer not null,
  at timestamptz not null,
  kind text not null,
  actor_kind text not null,
  actor_id text,
  details jsonb not null default '{}'::jsonb,
  primary key (case_id, seq)
);
comment on table case_actions is 'What happened to each case, in order (cases module): append-only; the status is derived from it. Personal data: actor ids (pseudonymous) and the facts in details.';
comment on column case_actions.case_id is 'The case.';
comment on column case_actions.seq is 'Position in the case''s list of actions, 1, 2, 3 …';
comment on column case_actions.at is 'When it happened.';
comment on column case_actions.kind is 'Action kind of the lifecycle table: submitted, visit-required, accepted, examination-started, information-requested, … (src/modules/cases/cases.lifecycle.ts).';
comment on column case_actions.actor_kind is 'Who did it: applicant, staff, partner or system.';
comment on column case_actions.actor_id is 'Account or partner id of the actor; null for the system.';
comment on column case_actions.details is 'Facts of the action (e.g. proposed outcome and grounds, due date of a request); never file contents.';

create function case_actions_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'case_actions is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger case_actions_no_change before update or delete on case_actions
  for each row execute function case_actions_append_only();
revoke update, delete, truncate on case_actions from public;
