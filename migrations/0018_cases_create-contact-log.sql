-- Contact centre (cases module, issue 4 point 7): the keys agents find an application by, and the
-- log of every contact with an applicant.
--
-- Why a search table rather than expression indexes on applications.answers: the answers belong
-- to the applications module (a cases migration must not index another module's table), the
-- normalisation (diacritics folded, a few Latin letters transliterated) is done in TypeScript,
-- which PGlite and PostgreSQL cannot both repeat in an index expression (no unaccent on PGlite),
-- and one narrow btree on (kind, key) answers every search kind with an index lookup, however many
-- cases there are. The keys are written by the cases module when it opens the case, in the
-- submission's own transaction (src/modules/cases/contact-centre.keys.ts).
create table application_search_keys (
  case_id uuid not null references cases (id),
  kind text not null check (kind in ('reference', 'name', 'document')),
  key text not null,
  primary key (kind, key, case_id)
);
create index application_search_keys_case_idx on application_search_keys (case_id);
comment on table application_search_keys is 'Normalised keys the contact centre finds a case by (cases module). Personal data: surname, given names, date of birth and document numbers, normalised.';
comment on column application_search_keys.case_id is 'The case the key finds.';
comment on column application_search_keys.kind is 'Which key: reference (the application reference), name (date of birth and normalised name) or document (a travel or other document number).';
comment on column application_search_keys.key is 'The normalised key: upper-case reference; YYYY-MM-DD|name folded to lower-case ASCII (surname alone, given names + surname, surname + given names); document number upper-case without spaces or dashes.';

-- Cases opened before this migration can be found by reference (their answers are not re-read:
-- the name and document keys are written from the submission onwards).
insert into application_search_keys (case_id, kind, key)
select c.id, 'reference', upper(a.reference)
from cases c join applications a on a.id = c.application_id
where a.reference is not null
on conflict do nothing;

create table contact_log (
  id uuid primary key,
  case_id uuid not null references cases (id),
  at timestamptz not null,
  staff_account_id uuid not null,
  kind text not null check (kind in ('contact', 'message')),
  channel text not null check (channel in ('phone', 'email', 'visit')),
  summary text not null
);
create index contact_log_case_idx on contact_log (case_id, at);
comment on table contact_log is 'Every contact between the contact centre and an applicant about a case, and every message sent to them (cases module). Personal data: what was said.';
comment on column contact_log.id is 'Entry id.';
comment on column contact_log.case_id is 'The case the contact was about.';
comment on column contact_log.at is 'When it was logged (or the message sent).';
comment on column contact_log.staff_account_id is 'Staff account of the agent who logged it.';
comment on column contact_log.kind is 'contact = an enquiry the agent logged; message = a message the agent sent to the applicant by e-mail.';
comment on column contact_log.channel is 'How: phone, email or visit (a message is always email).';
comment on column contact_log.summary is 'What was asked and answered, or the text of the message sent (at most 2000 characters).';
