-- Queues and internal notes of the officers' workbench (cases module, issue 4). Assignment is a
-- queue fact, not a lifecycle action: `cases.assigned_to` (0013) says who works on a case and
-- `assigned_at` since when; every change is in the audit log. Notes are staff-only working notes,
-- never shown to the applicant, and kept apart from the case actions the status is derived from.
alter table cases add column assigned_at timestamptz;
comment on column cases.assigned_at is 'When the current officer was assigned the case (take-next or a team lead); null while unassigned.';

-- "Take the next case": the most urgent unassigned open case, in deadline order.
create index cases_unassigned_idx on cases (deadline_on, opened_at, id) where assigned_to is null;

create table case_notes (
  id uuid primary key,
  case_id uuid not null references cases (id),
  at timestamptz not null,
  author_id uuid not null,
  body text not null check (char_length(body) between 1 and 4000)
);
create index case_notes_case_idx on case_notes (case_id, at);
comment on table case_notes is 'Internal notes of staff on a case (cases module): never shown to the applicant. Personal data: author id (pseudonymous) and whatever the note says about the case.';
comment on column case_notes.id is 'Note id (internal).';
comment on column case_notes.case_id is 'The case the note is about.';
comment on column case_notes.at is 'When the note was written.';
comment on column case_notes.author_id is 'Staff account id of the author (accounts module).';
comment on column case_notes.body is 'The note, plain text, at most 4000 characters.';
