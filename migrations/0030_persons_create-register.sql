-- The persons register (persons module, issue 7): one identifier per person, the records about
-- them as each source gave them, the keys that find candidates for a new record, the officers'
-- actions on persons (merge, split, link, not the same, undo; append-only), the grey-band matches
-- waiting for an officer, and the pairs an officer said are not the same person.
-- A merge moves nothing: the merged person points at the survivor, so it is undone by clearing
-- that pointer. A split moves records to a new person; its action keeps where each came from.

-- The digits of person numbers (P-NNNN-NNNN-C): never reused, gaps allowed.
create sequence persons_number_seq minvalue 1 maxvalue 99999999 no cycle;
comment on sequence persons_number_seq is 'The 8 digits of the next person number (persons.number); a number is never reused, and a rolled-back transaction leaves a gap.';

create table persons (
  id uuid primary key,
  number text not null unique check (number ~ '^P-[0-9]{4}-[0-9]{4}-[0-9X]$'),
  status text not null default 'active' check (status in ('active', 'merged')),
  merged_into uuid references persons (id),
  created_at timestamptz not null,
  check ((status = 'merged') = (merged_into is not null)),
  check (merged_into is null or merged_into <> id)
);
-- The persons merged into one (the survivor's view gathers them).
create index persons_merged_into_idx on persons (merged_into) where merged_into is not null;

comment on table persons is 'Persons of the register (persons module): the stable Vartai person number and whether the person was merged into another. The identity itself is in person_records. Personal data: pseudonymous (the number identifies a person through the records).';
comment on column persons.id is 'Person id.';
comment on column persons.number is 'Vartai person number P-NNNN-NNNN-C: 8 digits from persons_number_seq and an ISO 7064 MOD 11-2 check character (0-9 or X) over them (register/person-number.ts). Stable: kept by a merged person, and its number still finds the survivor. Personal data (an identifier).';
comment on column persons.status is 'active, or merged (into merged_into; its records and history show on the survivor''s page).';
comment on column persons.merged_into is 'The person this one was merged into; null while active. Undoing the merge sets it back to null.';
comment on column persons.created_at is 'When the person was created (for a new record, or by a split).';

create table person_records (
  id uuid primary key,
  person_id uuid not null references persons (id),
  original_person_id uuid not null references persons (id),
  source_kind text not null check (source_kind in ('application', 'held-document', 'registry', 'import')),
  source_id text not null,
  source_label text,
  given_names text not null,
  surname text not null,
  latin_names text[] not null default '{}',
  date_of_birth text check (date_of_birth ~ '^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$'),
  sex text check (sex in ('M', 'F')),
  nationality text check (nationality ~ '^[A-Z]{3}$'),
  document_type text,
  document_number text,
  document_state text check (document_state ~ '^[A-Z]{3}$'),
  document_valid_until date,
  place_of_birth text,
  recorded_at timestamptz not null,
  linked_by text not null check (linked_by in ('auto', 'rule', 'officer', 'new')),
  probability double precision check (probability between 0 and 1),
  explanation jsonb,
  unique (source_kind, source_id)
);
create index person_records_person_idx on person_records (person_id);

comment on table person_records is 'Records about a person as each source gave them (an application, a held document, a registry entry, an import), linked to the person they were matched to (persons module). Names, dates and documents are kept as written, never corrected: the matcher compares what sources said. Personal data: names, date of birth, sex, nationality, identity document, place of birth.';
comment on column person_records.id is 'Record id.';
comment on column person_records.person_id is 'The person the record belongs to now: the person it was first given to, or the one a split or an officer''s link moved it to. A merge does not change it (the merged person points at the survivor).';
comment on column person_records.original_person_id is 'The person the record was first given to when it was matched (its page says "first linked to" that number after a merge or split).';
comment on column person_records.source_kind is 'Where the record came from: application (submitted in Vartai), held-document (a document issued), registry (another register), import (a file).';
comment on column person_records.source_id is 'The id of the record in its source (application id, held document id, registry key); unique per kind, so matching the same source again changes nothing.';
comment on column person_records.source_label is 'What people call the source record (an application reference), shown on the person''s page; null when none.';
comment on column person_records.given_names is 'Given names as written in the source, any script. Personal data.';
comment on column person_records.surname is 'Surname as written in the source, any script. Personal data.';
comment on column person_records.latin_names is 'Latin forms of the full name (given names and surname) by ICAO 9303, Ukraine 2010, the Russian passport style and BGN/PCGN; the name itself when it is written in Latin. Personal data.';
comment on column person_records.date_of_birth is 'Date of birth as recorded (YYYY-MM-DD, or YYYY when only the year is known; possibly a typo); null when the source gave none. Personal data.';
comment on column person_records.sex is 'M or F as recorded; null when unknown or X. Personal data.';
comment on column person_records.nationality is 'Nationality as recorded, ISO 3166-1 alpha-3; null when not given. Personal data.';
comment on column person_records.document_type is 'Type of the identity document in the record (passport, residence-permit, …); null when not given.';
comment on column person_records.document_number is 'Number of the identity document as recorded; null when none. Personal data.';
comment on column person_records.document_state is 'The state that issued the document, ISO 3166-1 alpha-3; null when not given. Personal data.';
comment on column person_records.document_valid_until is 'Last day the document is valid; null when not given. Personal data.';
comment on column person_records.place_of_birth is 'Place of birth as written; null when not given. Personal data.';
comment on column person_records.recorded_at is 'When the record was matched into the register.';
comment on column person_records.linked_by is 'How it was linked: auto (probability at or above PERSONS_MATCH_AUTO_LINK), rule (a deterministic rule: same document number and issuing state), officer (an officer linked or split it), new (no person matched: a new person was created, perhaps with a review).';
comment on column person_records.probability is 'Match probability of the best pair with the person it was linked to (or, for new, with the best candidate); null when there was no candidate.';
comment on column person_records.explanation is 'The best pair''s score with its explanation: {candidatePersonId, candidateRecordId, score: {weight, probability, fields: [{field, level, weight, termFrequency?}], rule?, veto?}}; null when there was no candidate. Quotes no values, only levels.';

create table person_keys (
  person_record_id uuid not null references person_records (id),
  key text not null,
  primary key (key, person_record_id)
);
comment on table person_keys is 'Blocking keys of each record (the matcher''s blockingKeys: name codes with year of birth, document number, every Latin form and phonetic code of the surname): a new record is compared only with records sharing a key, and search by any spelling looks names up here (persons module). Personal data: derived from names, dates of birth and document numbers.';
comment on column person_keys.person_record_id is 'The record.';
comment on column person_keys.key is 'One blocking key of the record (matching/blocking.ts). Personal data (derived).';

create table person_actions (
  id uuid primary key,
  kind text not null check (kind in ('merge', 'split', 'link', 'not-same', 'undo')),
  person_id uuid not null references persons (id),
  other_person_id uuid references persons (id),
  actor_id uuid not null,
  at timestamptz not null,
  reason text not null check (length(btrim(reason)) > 0),
  details jsonb not null default '{}'::jsonb,
  undoes uuid unique references person_actions (id),
  check ((kind = 'undo') = (undoes is not null))
);
create index person_actions_person_idx on person_actions (person_id, at);
create index person_actions_other_idx on person_actions (other_person_id, at) where other_person_id is not null;

comment on table person_actions is 'Officers'' actions on persons, with who, when and why (persons module): merge, split, link (a record moved to another person), not-same (two persons are not the same), undo. Append-only: a trigger refuses UPDATE and DELETE; an action is undone by a later undo action. Personal data: pseudonymous (person and record ids), the reason as written.';
comment on column person_actions.id is 'Action id.';
comment on column person_actions.kind is 'merge (other_person_id merged into person_id), split (records of person_id moved to the new other_person_id), link (a record moved from other_person_id to person_id), not-same (person_id and other_person_id are not the same person), undo (of the action in undoes).';
comment on column person_actions.person_id is 'The survivor of a merge, the person split, the person a record was linked to, one of the two not the same; for an undo, the undone action''s person.';
comment on column person_actions.other_person_id is 'The merged person, the new person of a split, the person a record was taken from, the other of the two; for an undo, the undone action''s.';
comment on column person_actions.actor_id is 'Staff account that acted.';
comment on column person_actions.at is 'When.';
comment on column person_actions.reason is 'Why, as the officer wrote it (required). Personal data when it names the person.';
comment on column person_actions.details is 'What changed, to show and to undo it: split {recordIds, from: {recordId: personId}}, link {recordId, retired: bool} (retired: the person left without records was marked merged into person_id), any {reviewId} when decided from a review; undo {undone: kind, reopenedReview?}.';
comment on column person_actions.undoes is 'The action this one undoes (kind undo only); an action is undone at most once.';

create function person_actions_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'person_actions rows are append-only (% refused); undo an action with a new one', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;
create trigger person_actions_append_only before update or delete on person_actions
  for each row execute function person_actions_append_only();

create table person_reviews (
  id uuid primary key,
  record_id uuid not null references person_records (id),
  person_id uuid not null references persons (id),
  candidate_person_id uuid not null references persons (id),
  candidate_record_id uuid not null references person_records (id),
  probability double precision not null check (probability between 0 and 1),
  explanation jsonb not null,
  status text not null default 'open' check (status in ('open', 'linked', 'merged', 'not-same')),
  created_at timestamptz not null,
  decided_by uuid,
  decided_at timestamptz,
  reason text,
  action_id uuid references person_actions (id),
  check ((status = 'open') = (decided_at is null))
);
create index person_reviews_open_idx on person_reviews (created_at) where status = 'open';
create index person_reviews_persons_idx on person_reviews (person_id, candidate_person_id);

comment on table person_reviews is 'Grey-band matches for an officer (persons module): a record whose best match probability is at or above PERSONS_MATCH_REVIEW and below PERSONS_MATCH_AUTO_LINK got a new (provisional) person, or a record linked to one person scored in the grey band with another; the officer links the record, merges the persons, or says they are not the same. Undoing the decision opens the review again. Personal data: pseudonymous (ids), the reason as written.';
comment on column person_reviews.id is 'Review id.';
comment on column person_reviews.record_id is 'The record that raised the review.';
comment on column person_reviews.person_id is 'The person the record was given to when the review was opened (a new, provisional person, or the person it was linked to).';
comment on column person_reviews.candidate_person_id is 'The person it may be the same as.';
comment on column person_reviews.candidate_record_id is 'The candidate''s record that scored best against the record.';
comment on column person_reviews.probability is 'Match probability of that pair.';
comment on column person_reviews.explanation is 'The pair''s score with its explanation (PairScore: weight, probability, per field {field, level, weight, termFrequency?}, rule, veto); levels only, no values.';
comment on column person_reviews.status is 'open, or how it was decided: linked (the record moved to the candidate), merged (the persons merged), not-same.';
comment on column person_reviews.created_at is 'When the review was opened.';
comment on column person_reviews.decided_by is 'Staff account that decided; null while open.';
comment on column person_reviews.decided_at is 'When it was decided; null while open.';
comment on column person_reviews.reason is 'Why, as the officer wrote it; null while open. Personal data when it names the person.';
comment on column person_reviews.action_id is 'The action that carried out the decision; null while open.';

create table person_distinct (
  person_id uuid not null references persons (id),
  other_person_id uuid not null references persons (id),
  action_id uuid not null references person_actions (id),
  at timestamptz not null,
  primary key (person_id, other_person_id),
  check (person_id < other_person_id)
);
create index person_distinct_other_idx on person_distinct (other_person_id);

comment on table person_distinct is 'Pairs of persons an officer said are not the same (persons module): never suggested for review again, also after either is merged with a third person. Removed when the not-same action is undone. Personal data: pseudonymous (ids).';
comment on column person_distinct.person_id is 'One person (the smaller id).';
comment on column person_distinct.other_person_id is 'The other person (the larger id).';
comment on column person_distinct.action_id is 'The not-same action.';
comment on column person_distinct.at is 'When it was said.';

comment on column accounts.roles is 'Staff roles: officer (also reviews matches, merges and splits persons), team-lead, call-centre (also searches persons, read only), administrator, rules (loads rule set versions and runs impact analyses). Empty for applicants.';
