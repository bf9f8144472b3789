-- The automated processing pipeline (processing module, issue 8): each run of identity →
-- registry checks → rules → triage → routing on a case stores every step's result with the
-- reference of its inputs (append-only), and a routine case gets a prepared grant proposal that
-- an officer confirms. The machine never refuses and never closes a case.

create table processing_steps (
  case_id uuid not null references cases (id),
  run_seq integer not null check (run_seq > 0),
  step text not null check (step in ('identity', 'registries', 'rules', 'triage', 'routing')),
  state text not null check (state in ('done', 'waiting', 'skipped')),
  trigger text not null check (trigger in ('submitted', 'information-received', 'registry-answer', 'repeat')),
  input_ref text not null,
  result jsonb not null default '{}'::jsonb,
  at timestamptz not null,
  primary key (case_id, run_seq, step)
);

comment on table processing_steps is 'Each step of each pipeline run on a case (processing module): append-only. A run is identity, registries, rules, triage and routing in one transaction. Personal data: pseudonymous (person id, outcomes and codes; no names).';
comment on column processing_steps.case_id is 'The case the run was on.';
comment on column processing_steps.run_seq is 'Number of the run on this case, 1, 2, 3 … (a run is stored only when its inputs changed).';
comment on column processing_steps.step is 'identity, registries, rules, triage or routing, in that order.';
comment on column processing_steps.state is 'done; waiting (registry answers still outstanding: the run went on, and runs again on each answer); skipped (the step had nothing to do, e.g. no rule set for the service).';
comment on column processing_steps.trigger is 'What started the run: submitted, information-received (the applicant answered a request), registry-answer, repeat (started again by staff or the demo).';
comment on column processing_steps.input_ref is 'Reference of what the step read, e.g. application:<id>, person-record:<id>, registry-checks:<hash>, rules-evaluation:<id or input hash>, triage-run:<id>. Pseudonymous.';
comment on column processing_steps.result is 'The step''s result: identity {outcome, personId}; registries {checks: [{registry, state, outcome}]}; rules {completeness, met, notMet, cannotTell}; triage {tier, decisive, switchedOff}; routing {tier, proposal}. Codes only; personal data: the person id (pseudonymous).';
comment on column processing_steps.at is 'When the step was stored.';

create function processing_steps_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'processing_steps is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger processing_steps_no_change before update or delete on processing_steps
  for each row execute function processing_steps_append_only();
revoke update, delete, truncate on processing_steps from public;

create table processing_proposals (
  id uuid primary key,
  case_id uuid not null references cases (id),
  run_seq integer not null check (run_seq > 0),
  outcome text not null check (outcome = 'grant'),
  grounds text[] not null,
  reasons text not null,
  checks jsonb not null default '[]'::jsonb,
  action_seq integer not null check (action_seq >= 0),
  state text not null check (state in ('prepared', 'used', 'superseded')),
  created_at timestamptz not null,
  settled_at timestamptz,
  settled_by text,
  check ((state = 'prepared') = (settled_at is null))
);
-- At most one prepared proposal per case; the case page finds it by case.
create unique index processing_proposals_prepared_idx on processing_proposals (case_id) where state = 'prepared';
create index processing_proposals_case_idx on processing_proposals (case_id);

comment on table processing_proposals is 'Grant proposals the pipeline prepared for routine cases (processing module): an officer confirms one in two clicks, or it is superseded by a later run. Only grants: the machine never prepares a refusal. Personal data: the reasons text may describe the applicant''s circumstances.';
comment on column processing_proposals.id is 'Proposal id.';
comment on column processing_proposals.case_id is 'The case.';
comment on column processing_proposals.run_seq is 'The pipeline run (processing_steps.run_seq) that prepared it.';
comment on column processing_proposals.outcome is 'Always grant.';
comment on column processing_proposals.grounds is 'Grant grounds from the letters pack (content/lt/letters/grounds.yaml), e.g. {conditions-met}.';
comment on column processing_proposals.reasons is 'The reasons text pre-filled from the checks that were met (the officer may edit it before granting). Personal data: may describe circumstances.';
comment on column processing_proposals.checks is 'The checks behind it, shown to the officer: [{kind: rule|registry|identity, id, outcome}]. Codes only.';
comment on column processing_proposals.action_seq is 'The case''s last action number when it was prepared: later actions other than acceptance or starting the examination make it stale.';
comment on column processing_proposals.state is 'prepared (waiting for an officer), used (an officer granted from it), superseded (a later run or a change of the case replaced it).';
comment on column processing_proposals.created_at is 'When it was prepared.';
comment on column processing_proposals.settled_at is 'When it was used or superseded; null while prepared.';
comment on column processing_proposals.settled_by is 'Staff account id that used it, or system for a superseded one. Pseudonymous.';
