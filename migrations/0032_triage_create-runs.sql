-- Triage (triage module, issue 8): the AI Act log of every triage run, officers disregarding a
-- tier, and the administrator's switch that turns triage off. Triage only orders the work; a
-- person decides every case. No foreign key to cases: the log is kept on its own terms (case
-- closed + 6 months) and purged by the triage.purge job.

create table triage_runs (
  id uuid primary key,
  case_id uuid not null,
  seq integer not null check (seq >= 1),
  criteria_version text not null,
  input_ref text not null,
  features jsonb not null,
  tier text not null check (tier in ('routine', 'standard', 'enhanced')),
  points integer not null,
  contributions jsonb not null,
  decisive jsonb not null,
  switched_off boolean not null,
  at timestamptz not null,
  retain_until timestamptz,
  unique (case_id, seq)
);
create index triage_runs_at_idx on triage_runs (at);
create index triage_runs_retain_idx on triage_runs (retain_until) where retain_until is not null;

comment on table triage_runs is 'The AI Act log of triage (triage module): every run on a case with the criteria version, a reference to its inputs, the inputs themselves, the tier and why. Append-only except setting retain_until once when the case closes; purged after retain_until by the triage.purge job. Personal data: pseudonymous (case id) and facts about the case (check counts, registry outcomes, inconsistency codes); no names, nationality, sex or age by construction.';
comment on column triage_runs.id is 'Run id.';
comment on column triage_runs.case_id is 'The case triaged (cases.id).';
comment on column triage_runs.seq is 'Position among the case''s runs, 1, 2, 3 …';
comment on column triage_runs.criteria_version is 'The criteria version used (content/lt/triage/criteria/<version>.yaml): the one in force on the day, or the only one recorded when switched off.';
comment on column triage_runs.input_ref is 'What the inputs were taken from, e.g. rules-evaluation:<id>;registry-checks:<hash>;person:<id>.';
comment on column triage_runs.features is 'The inputs exactly as triage read them (TriageFeatures): completeness, eligibility counts, registry states and outcomes, identity state, document readability and validity, inconsistency codes. Replayed to show the same tier. Personal data: facts about the case (a registry hit).';
comment on column triage_runs.tier is 'routine, standard or enhanced (the work order only; never a decision).';
comment on column triage_runs.points is 'Sum of the weights'' points.';
comment on column triage_runs.contributions is 'Each criterion''s part: [{criterion, kind flag|weight, value, points}].';
comment on column triage_runs.decisive is 'The criteria that decided the tier (flags fired, unmet routine conditions, routine-conditions-met, or triage-switched-off).';
comment on column triage_runs.switched_off is 'True when triage was switched off: the tier is standard and nothing was evaluated.';
comment on column triage_runs.at is 'When the run happened.';
comment on column triage_runs.retain_until is 'Keep until: the case''s closing time + 6 months; null while the case is open. Set once.';

create table triage_overrides (
  id uuid primary key,
  case_id uuid not null,
  run_id uuid not null references triage_runs (id),
  officer_id uuid not null,
  reason text not null check (length(btrim(reason)) > 0),
  at timestamptz not null
);
create index triage_overrides_case_idx on triage_overrides (case_id, at);
create index triage_overrides_run_idx on triage_overrides (run_id);

comment on table triage_overrides is 'An officer disregarded the tier on a case (triage module, human oversight). Append-only; deleted only with the run it refers to when the log is purged. Personal data: pseudonymous (case and officer ids), the reason as written.';
comment on column triage_overrides.id is 'Override id.';
comment on column triage_overrides.case_id is 'The case.';
comment on column triage_overrides.run_id is 'The run whose tier was disregarded.';
comment on column triage_overrides.officer_id is 'Staff account that disregarded the tier.';
comment on column triage_overrides.reason is 'Why, as the officer wrote it (required). Personal data when it names the person.';
comment on column triage_overrides.at is 'When.';

create table triage_settings (
  id uuid primary key,
  enabled boolean not null,
  changed_by uuid,
  changed_at timestamptz not null,
  reason text not null check (length(btrim(reason)) > 0)
);
create index triage_settings_changed_idx on triage_settings (changed_at);

comment on table triage_settings is 'The kill switch of triage (triage module): one row per change, the latest wins; no row = enabled. Append-only. Personal data: pseudonymous (administrator id), the reason as written.';
comment on column triage_settings.id is 'Change id.';
comment on column triage_settings.enabled is 'Whether triage runs after this change (false: every case is standard).';
comment on column triage_settings.changed_by is 'Administrator''s account id; null for the system.';
comment on column triage_settings.changed_at is 'When.';
comment on column triage_settings.reason is 'Why, as the administrator wrote it (required).';

-- The log may change in one way only: retain_until set once (the case closed); and rows go only
-- once retain_until is set (the purge job decides when it has passed, by the injected clock).
create function triage_runs_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    if old.retain_until is null then
      raise exception 'triage_runs: a run of an open case cannot be deleted' using errcode = 'insufficient_privilege';
    end if;
    return old;
  end if;
  if old.retain_until is not null or new.retain_until is null
     or (to_jsonb(new) - 'retain_until') <> (to_jsonb(old) - 'retain_until') then
    raise exception 'triage_runs is append-only (only retain_until may be set, once)' using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger triage_runs_guard before update or delete on triage_runs
  for each row execute function triage_runs_guard();

create function triage_overrides_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' and exists (select 1 from triage_runs r where r.id = old.run_id and r.retain_until is not null) then
    return old;
  end if;
  raise exception 'triage_overrides is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger triage_overrides_guard before update or delete on triage_overrides
  for each row execute function triage_overrides_guard();

create function triage_settings_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'triage_settings is append-only (% refused); switch with a new row', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger triage_settings_append_only before update or delete on triage_settings
  for each row execute function triage_settings_append_only();
