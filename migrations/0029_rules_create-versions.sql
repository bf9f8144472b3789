-- Rule set versions loaded through the workbench and impact analyses of them (rules module,
-- issue 6 "Administration"). The country pack's versions stay files (content/lt/rules/); a version
-- loaded here joins them from its effective date. A loaded version is never edited: it is
-- withdrawn before it takes effect, and a correction is a new version.
create table rules_versions (
  id uuid primary key,
  rule_set_id text not null,
  version text not null,
  effective_from date not null,
  effective_until date,
  source_text text not null,
  hash text not null,
  status text not null default 'scheduled' check (status in ('scheduled', 'withdrawn')),
  loaded_by uuid not null,
  loaded_at timestamptz not null,
  withdrawn_by uuid,
  withdrawn_at timestamptz,
  unique (rule_set_id, version),
  check (effective_until is null or effective_until > effective_from),
  check ((status = 'withdrawn') = (withdrawn_at is not null))
);
-- The rule book reads the versions not withdrawn on every refresh.
create index rules_versions_scheduled_idx on rules_versions (rule_set_id, effective_from)
  where status = 'scheduled';
comment on table rules_versions is 'Rule set versions loaded by staff with the rules role, validated (schema, FEEL, table tests) before being scheduled; they join the country pack''s versions from their effective date (rules module). No personal data.';
comment on column rules_versions.id is 'Version id (the workbench page /workbench/rules/versions/<id>).';
comment on column rules_versions.rule_set_id is 'The rule set''s id (the file''s id): a new version of a rule set of the pack, or a new rule set.';
comment on column rules_versions.version is 'The version label from the file; unique per rule set together with the pack''s versions.';
comment on column rules_versions.effective_from is 'The first day (Europe/Vilnius) the version is in force; at least the day after it was loaded. Equals effectiveFrom in source_text.';
comment on column rules_versions.effective_until is 'The day it stops being in force (exclusive), from the file; null when open-ended.';
comment on column rules_versions.source_text is 'The rule set exactly as scheduled (YAML, the pack''s format); when the loading form gave an effective date, the file''s effectiveFrom was rewritten to it.';
comment on column rules_versions.hash is 'sha-256 of the compiled rule set''s canonical JSON, as stored with every evaluation that uses it.';
comment on column rules_versions.status is 'scheduled (loaded and not withdrawn; in force from effective_from) or withdrawn (never takes effect).';
comment on column rules_versions.loaded_by is 'Staff account that loaded it.';
comment on column rules_versions.loaded_at is 'When it was loaded.';
comment on column rules_versions.withdrawn_by is 'Staff account that withdrew it; null while scheduled.';
comment on column rules_versions.withdrawn_at is 'When it was withdrawn (before its effective date); null while scheduled.';

create table rules_impact_reports (
  id uuid primary key,
  version_id uuid not null references rules_versions (id),
  requested_by uuid not null,
  requested_at timestamptz not null,
  for_date date not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  finished_at timestamptz,
  cases_count integer,
  changed_count integer,
  per_service jsonb,
  changes jsonb,
  error text,
  check ((status in ('done', 'failed')) = (finished_at is not null))
);
create index rules_impact_reports_version_idx on rules_impact_reports (version_id, requested_at desc);
comment on table rules_impact_reports is 'Impact analyses of a loaded rule set version: every open case''s latest submission evaluation input evaluated under the rule book without and with the version, and the cases whose outcome changes (rules module; run as the rules.impact job). Personal data: application ids (pseudonymous).';
comment on column rules_impact_reports.id is 'Report id.';
comment on column rules_impact_reports.version_id is 'The loaded version analysed.';
comment on column rules_impact_reports.requested_by is 'Staff account that asked for the analysis.';
comment on column rules_impact_reports.requested_at is 'When it was asked for.';
comment on column rules_impact_reports.for_date is 'The evaluation date of both evaluations (by default the version''s effective date).';
comment on column rules_impact_reports.status is 'queued, running, done or failed.';
comment on column rules_impact_reports.finished_at is 'When it finished (done or failed); null before.';
comment on column rules_impact_reports.cases_count is 'Open cases evaluated; null until done.';
comment on column rules_impact_reports.changed_count is 'Open cases with at least one check whose outcome changes; null until done.';
comment on column rules_impact_reports.per_service is 'Per service id: cases, cases whose outcome changes, cases where only other outputs change (e.g. a fee amount), evaluation errors, and cases whose outcome changes per check.';
comment on column rules_impact_reports.changes is 'The differences (at most 20 000 kept; the counts are complete): {applicationId, caseId, service, check, before, after, outputs?} per check whose outcome or other outputs differ, and {applicationId, service, error} per case that could not be evaluated. Personal data: application and case ids.';
comment on column rules_impact_reports.error is 'Why the analysis failed; null otherwise.';

comment on column accounts.roles is 'Staff roles: officer, team-lead, call-centre, administrator, rules (loads rule set versions and runs impact analyses). Empty for applicants.';
