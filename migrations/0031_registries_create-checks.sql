-- Registry checks of a case (registries module, issue 8): the processing pipeline asks national
-- registers (Residents' Register, SIS, wanted persons, State Security Department, Employment
-- Service, Sodra, NŠA exams) about the applicant; each row is one register asked on one case,
-- with its state (waiting for the answer, answered, retrying after a failure or an outage), the
-- outcome and the reason. One row per case and register: asking again is a no-op. Rows change as
-- the answer arrives (not append-only); every request and answer is also written to the audit log.
create table registry_checks (
  id uuid primary key,
  case_id uuid not null references cases (id),
  registry text not null
    check (registry in ('residents', 'sis', 'wanted', 'vsd', 'employment', 'sodra', 'education')),
  state text not null check (state in ('waiting', 'answered', 'retrying')),
  outcome text check (outcome in ('clear', 'hit', 'confirmed', 'not-confirmed')),
  reason_code text check (reason_code ~ '^[a-z][a-z0-9-]*$'),
  details jsonb not null default '{}'::jsonb,
  subject jsonb not null,
  ticket text,
  requested_at timestamptz not null,
  answered_at timestamptz,
  expected_by timestamptz,
  attempts integer not null default 0 check (attempts >= 0),
  last_error text,
  updated_at timestamptz not null,
  unique (case_id, registry),
  -- An answer has an outcome and a time; a check without an answer has neither.
  check ((state = 'answered') = (outcome is not null and answered_at is not null))
);
-- Asynchronous requests whose answer is due (the registries.poll job).
create index registry_checks_pending_idx on registry_checks (expected_by)
  where state = 'waiting' and ticket is not null;

comment on table registry_checks is 'Checks of a case''s applicant in national registers (registries module): one row per case and register, updated as the answer arrives. Personal data: the subject asked about (names, date of birth, nationality, document number, employer code) and the register''s answer (alert ids, employment, exam results); kept as long as the case record.';
comment on column registry_checks.id is 'Check id.';
comment on column registry_checks.case_id is 'The case the check belongs to (cases module).';
comment on column registry_checks.registry is 'The register asked: residents (Residents'' Register), sis (Schengen Information System), wanted (national wanted persons and entry bans), vsd (State Security Department opinion), employment (Employment Service), sodra (State Social Insurance Fund), education (NŠA exam results).';
comment on column registry_checks.state is 'waiting (asked, no answer yet), answered, retrying (the last attempt failed or the register is down; a job tries again later).';
comment on column registry_checks.outcome is 'The answer: clear or hit (registers that look for something against the person), confirmed or not-confirmed (registers that confirm a fact the application relies on); null until answered.';
comment on column registry_checks.reason_code is 'Why the outcome, a stable code such as sis-entry-ban-alert or no-insured-employment; null when clear or confirmed without remark.';
comment on column registry_checks.details is 'Facts the register gave, for staff only (alert id and issuing state, employer code, insured since, exam date). Personal data: facts about the person held by the register.';
comment on column registry_checks.subject is 'Who was asked about, as sent to the register: {personId, givenNames, surname, dateOfBirth, nationality, documentNumber, employerCode, serviceId, groundId}. Personal data: names, date of birth, nationality, travel document number, employer.';
comment on column registry_checks.ticket is 'The asynchronous register''s reference for the request (the State Security Department acknowledges first and answers later); null for registers that answer at once.';
comment on column registry_checks.requested_at is 'When the check was first requested.';
comment on column registry_checks.answered_at is 'When the answer was stored; null until then.';
comment on column registry_checks.expected_by is 'When the asynchronous register said it would answer; null for the others.';
comment on column registry_checks.attempts is 'Calls to the register that failed so far (timeouts, errors, open circuit breaker).';
comment on column registry_checks.last_error is 'The last failure, as a short technical message without personal data; null when none.';
comment on column registry_checks.updated_at is 'When the row last changed.';
