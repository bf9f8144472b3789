-- Decisions on cases, with four-eyes approval, and the decision letters produced from them (cases
-- module, issue 4). A decision row is written in the same transaction as its case action
-- (decision-proposed, decision-returned, decision-approved, decided); once approved or decided it
-- can no longer change (a trigger refuses it): only a new case action such as revocation follows.
create table decisions (
  id uuid primary key,
  case_id uuid not null references cases (id),
  seq integer not null,
  outcome text not null check (outcome in ('grant', 'refuse', 'terminate')),
  grounds jsonb not null default '[]'::jsonb,
  reasons text not null,
  state text not null check (state in ('proposed', 'returned', 'approved', 'decided')),
  proposed_by text not null,
  proposed_at timestamptz not null,
  approved_by text,
  approved_at timestamptz,
  returned_by text,
  returned_at timestamptz,
  return_reason text,
  unique (case_id, seq)
);
-- At most one proposal waits for approval per case.
create unique index decisions_open_idx on decisions (case_id) where state = 'proposed';
comment on table decisions is 'Proposed and taken decisions on cases with who proposed and who approved or returned them (cases module). Personal data: staff account ids and the reasoned text.';
comment on column decisions.id is 'Decision id (internal).';
comment on column decisions.case_id is 'The case decided.';
comment on column decisions.seq is 'Position among the case''s proposals, 1, 2, 3 … (a returned proposal stays; a new one follows).';
comment on column decisions.outcome is 'Proposed outcome: grant, refuse or terminate (examination terminated).';
comment on column decisions.grounds is 'Ids of the legal grounds chosen from the country pack (content/lt/letters/grounds.yaml), as a JSON array.';
comment on column decisions.reasons is 'The officer''s reasoned text, printed in the decision letter.';
comment on column decisions.state is 'proposed (waits for a second officer), returned, approved (four eyes) or decided (a grant that needs no approval).';
comment on column decisions.proposed_by is 'Staff account id of the proposing officer.';
comment on column decisions.proposed_at is 'When the decision was proposed.';
comment on column decisions.approved_by is 'Staff account id of the approving officer (never the proposer); null for a grant decided alone.';
comment on column decisions.approved_at is 'When the decision took effect (approval, or the proposal for a grant decided alone).';
comment on column decisions.returned_by is 'Staff account id of the officer who sent the proposal back.';
comment on column decisions.returned_at is 'When the proposal was sent back.';
comment on column decisions.return_reason is 'Why the proposal was sent back, for the proposing officer.';

create function decisions_final() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.state in ('approved', 'decided', 'returned') then
    raise exception 'decision % is final (% refused)', old.id, tg_op using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger decisions_no_change_when_final before update or delete on decisions
  for each row execute function decisions_final();

create table decision_letters (
  application_id uuid not null,
  seq integer not null,
  case_id uuid not null references cases (id),
  decision_id uuid not null references decisions (id),
  lang text not null,
  created_at timestamptz not null,
  content bytea not null,
  primary key (application_id, seq)
);
create index decision_letters_decision_idx on decision_letters (decision_id);
comment on table decision_letters is 'Decision letters as PDF, one per language, delivered to the applicant''s account (cases module): append-only. Personal data: the letter names the application and the reasons.';
comment on column decision_letters.application_id is 'The application decided (applications module); the portal lists letters by it.';
comment on column decision_letters.seq is 'Letter number within the application, 1, 2, 3 … (the portal address /applications/:id/letters/:seq.pdf).';
comment on column decision_letters.case_id is 'The case the decision belongs to.';
comment on column decision_letters.decision_id is 'The decision the letter states.';
comment on column decision_letters.lang is 'Language of this version: lt (always, the authentic text) or the applicant''s language.';
comment on column decision_letters.created_at is 'When the letter was produced (approval, or the grant decided alone).';
comment on column decision_letters.content is 'The PDF bytes.';

create function decision_letters_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'decision_letters is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger decision_letters_no_change before update or delete on decision_letters
  for each row execute function decision_letters_append_only();
