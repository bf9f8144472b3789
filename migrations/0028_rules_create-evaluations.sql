-- Rule evaluations kept with an application (rules module, issue 6): on submission the country's
-- rule sets in force are evaluated against a snapshot of the application, and the result is kept
-- as it was, with the rule-set versions and hashes, the input and its hash, the outcome of every
-- check with the rules that fired, and the explanations in all four languages. The officer reads
-- it on the case; impact analysis re-evaluates the open ones under a new version.
-- Append-only: a row never changes, except closed_at, set once when the case is withdrawn or
-- decided (a trigger refuses anything else).
create table rules_evaluations (
  id uuid primary key,
  application_id uuid not null,
  case_id uuid,
  purpose text not null check (purpose ~ '^[a-z][a-z-]*$'),
  evaluated_at timestamptz not null,
  for_date date not null,
  service_id text not null,
  input jsonb not null,
  input_hash text not null check (input_hash ~ '^[0-9a-f]{64}$'),
  rule_sets jsonb not null,
  checks jsonb not null,
  explanations jsonb not null,
  closed_at timestamptz,
  check (closed_at is null or closed_at >= evaluated_at)
);
-- One submission evaluation per application (recording it again is a no-op).
create unique index rules_evaluations_submission_idx on rules_evaluations (application_id)
  where purpose = 'submission';
-- An application's evaluations, newest first (the case view).
create index rules_evaluations_application_idx on rules_evaluations (application_id, evaluated_at desc);
-- Open submissions in id order (impact analysis pages through them before a version takes effect).
create index rules_evaluations_open_idx on rules_evaluations (id)
  where purpose = 'submission' and closed_at is null;

comment on table rules_evaluations is 'Evaluations of the rule sets (decision tables) against an application, kept as they were: versions, input, outcomes, fired rules and explanations (rules module). Append-only except closed_at. Personal data: the input snapshot (date of birth, nationality, salary, means, travel document expiry) and the explanations that quote it; kept as long as the application''s case record.';
comment on column rules_evaluations.id is 'Evaluation id.';
comment on column rules_evaluations.application_id is 'The application evaluated (applications module).';
comment on column rules_evaluations.case_id is 'The case opened for it (cases module); null when evaluated before a case existed.';
comment on column rules_evaluations.purpose is 'Why it was evaluated: submission (stored with the case when the application is submitted; one per application). Other purposes may be added by later features.';
comment on column rules_evaluations.evaluated_at is 'When the evaluation ran.';
comment on column rules_evaluations.for_date is 'The date the rules and their parameters were taken in force for (the submission date).';
comment on column rules_evaluations.service_id is 'Catalogue service id whose rule sets were evaluated.';
comment on column rules_evaluations.input is 'The application snapshot evaluated (src/modules/rules/snapshot.ts), with defaults filled in. Personal data: date of birth, age, nationality, presence in Lithuania, salary, declared means, travel document expiry, attached document types, visit date.';
comment on column rules_evaluations.input_hash is 'sha-256 (hex) of the canonical JSON of input: shows the input was not changed since.';
comment on column rules_evaluations.rule_sets is 'The rule-set versions evaluated: [{id, version, hash}] (hash: sha-256 of the rule set file as compiled).';
comment on column rules_evaluations.checks is 'Outcome per check: [{check, table, ruleSet, version, outcome, outputs, fired: [{rule, outcome, legal, values}], missing, parameters}]; parameters are the values in force on for_date. values quote the input (personal data).';
comment on column rules_evaluations.explanations is 'The checks explained in lt, en, ru and uk as rendered then ({lt: [...], en: [...], ...}), with legal citations; quotes the input (personal data).';
comment on column rules_evaluations.closed_at is 'When the case was withdrawn or decided; null while open (impact analysis reads the open ones). Set once.';

create function rules_evaluations_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.closed_at is not null
     or (new.id, new.application_id, new.case_id, new.purpose, new.evaluated_at, new.for_date,
         new.service_id, new.input, new.input_hash, new.rule_sets, new.checks, new.explanations)
        is distinct from
        (old.id, old.application_id, old.case_id, old.purpose, old.evaluated_at, old.for_date,
         old.service_id, old.input, old.input_hash, old.rule_sets, old.checks, old.explanations) then
    raise exception 'rules_evaluations rows are append-only; only closed_at is set, once (% refused)', tg_op
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger rules_evaluations_append_only before update or delete on rules_evaluations
  for each row execute function rules_evaluations_append_only();
