-- Routing (issue 8): the tier the latest triage run gave a case, kept on the case like
-- deadline_on so the queue can filter and tag by it. The triage log (triage_runs) stays the record.

alter table cases add column triage_tier text check (triage_tier in ('routine', 'standard', 'enhanced'));
create index cases_triage_tier_idx on cases (triage_tier) where triage_tier is not null;

comment on column cases.triage_tier is 'Cache of the tier of the latest triage run (routine, standard, enhanced scrutiny); null before the pipeline ran. It only orders the work: a person decides every case. Not personal data.';
