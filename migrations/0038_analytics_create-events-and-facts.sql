-- Analytics (issue 11, ADR 0015): an outbox of events owned by the module, written in the
-- transaction of each change through the other modules' listeners; the fold state (a watermark on
-- transaction ids, so each event is folded exactly once); the fact tables the fold writes and the
-- dashboards read; the simulation's runs. Day = the Vilnius calendar day of the event's business
-- time. An unknown branch or ground is the code 'none', so primary keys need no NULLs.
create table analytics_events (
  id bigint generated always as identity primary key,
  key text not null unique,
  kind text not null,
  occurred_at timestamptz not null,
  tx xid8 not null default pg_current_xact_id(),
  payload jsonb not null
);
-- The fold reads folded_below <= tx < xmin in (tx, id) order.
create index analytics_events_tx_idx on analytics_events (tx, id);
comment on table analytics_events is 'What happened, as the other modules reported it (analytics module, ADR 0015): one row per event, written in the transaction of the change, folded into the facts by analytics.fold. Kept for analytics:rebuild. Personal data: pseudonymous (case, application, appointment, conversation and staff account ids); no names, no free text, the nationality group only.';
comment on column analytics_events.id is 'Order of insertion; ids commit out of order, so the fold orders by (tx, id).';
comment on column analytics_events.key is 'Business key of what happened (e.g. case.action:<caseId>:<seq>, application.submitted:<applicationId>): a second report of the same thing inserts nothing.';
comment on column analytics_events.kind is 'Event kind (AnalyticsEvent in src/modules/analytics/events.schemas.ts), e.g. application.submitted, case.action, appointment.checked-in.';
comment on column analytics_events.occurred_at is 'Business time of the event from the injected clock (a simulated history lands on its own days).';
comment on column analytics_events.tx is 'Id of the writing transaction (pg_current_xact_id): the fold''s watermark compares it with the snapshot''s xmin.';
comment on column analytics_events.payload is 'The event''s fields other than kind and time, as the Zod schema of its kind allows (pseudonymous ids, codes, days, counts). Personal data: pseudonymous.';

create table analytics_fold_state (
  id boolean primary key default true check (id),
  folded_below xid8 not null default '0',
  folded_at timestamptz,
  last_occurred_at timestamptz,
  events_folded bigint not null default 0,
  backlog_day date
);
insert into analytics_fold_state (id) values (true);
comment on table analytics_fold_state is 'Where the fold stands (analytics module): exactly one row, moved in the transaction that writes the facts. No personal data.';
comment on column analytics_fold_state.id is 'Always true: the table has one row.';
comment on column analytics_fold_state.folded_below is 'Every event with tx below this transaction id has been folded; none at or above it.';
comment on column analytics_fold_state.folded_at is 'When the last fold committed (system clock); null before the first fold.';
comment on column analytics_fold_state.last_occurred_at is 'Business time of the latest event folded: the dashboards'' "figures as of"; null before the first event.';
comment on column analytics_fold_state.events_folded is 'Events folded since the facts were last rebuilt.';
comment on column analytics_fold_state.backlog_day is 'Last Vilnius day whose analytics_backlog_daily snapshot was written; null before the first.';

create table analytics_cases (
  case_id uuid primary key,
  application_id uuid not null unique,
  service_id text not null,
  ground_id text not null,
  urgency text not null,
  channel text not null check (channel in ('portal', 'partner', 'branch')),
  nationality_group text not null,
  branch_code text not null,
  branch_source text not null check (branch_source in ('visit', 'booking', 'assignment', 'delivery', 'none')),
  submitted_on date not null,
  accepted_on date,
  term_starts_on date,
  deadline_on date,
  term_days integer,
  status text not null,
  decided_on date,
  outcome text check (outcome in ('grant', 'refuse', 'terminate')),
  deadline_met boolean,
  closed_on date,
  issued_on date,
  triage_tier text check (triage_tier in ('routine', 'standard', 'enhanced')),
  triage_overridden boolean not null default false,
  prepared_grant_used boolean not null default false,
  last_seq integer not null default 1
);
-- Open cases only (a few per cent of the table): backlog, deadlines due, forecast breaches.
create index analytics_cases_open_idx on analytics_cases (service_id, branch_code, deadline_on)
  include (submitted_on, status) where closed_on is null;
comment on table analytics_cases is 'One row per case as the fold knows it (analytics module): the fold''s per-case state and the source of the backlog and deadline views. Pseudonymous personal data (a case id leads back to a person): stays inside the module, never shown row by row.';
comment on column analytics_cases.case_id is 'The case (pseudonymous id).';
comment on column analytics_cases.application_id is 'Its application (pseudonymous id): appointment events name the application.';
comment on column analytics_cases.service_id is 'Catalogue service id.';
comment on column analytics_cases.ground_id is 'Catalogue ground id, or none.';
comment on column analytics_cases.urgency is 'Urgency level: general, urgent, next-day or same-day.';
comment on column analytics_cases.channel is 'How it was filed: portal, partner or branch.';
comment on column analytics_cases.nationality_group is 'Nationality group (content/lt/analytics/nationality-groups.yaml), never the nationality.';
comment on column analytics_cases.branch_code is 'Best branch known (code), or none.';
comment on column analytics_cases.branch_source is 'Where branch_code came from, by precedence: visit, booking, assignment, delivery, none.';
comment on column analytics_cases.submitted_on is 'Day of submission.';
comment on column analytics_cases.accepted_on is 'Day of acceptance; null before.';
comment on column analytics_cases.term_starts_on is 'First day of the legal term; null while it has not started or the service has none.';
comment on column analytics_cases.deadline_on is 'Last day of the legal term, moved by suspensions; kept after closing (the deadline the decision was judged against).';
comment on column analytics_cases.term_days is 'Length of the legal term in days; null without one.';
comment on column analytics_cases.status is 'Case status after the last folded action (cases lifecycle).';
comment on column analytics_cases.decided_on is 'Day of the decision; null before.';
comment on column analytics_cases.outcome is 'grant, refuse or terminate; null before a decision.';
comment on column analytics_cases.deadline_met is 'Decided on or before deadline_on; null before a decision or without a term.';
comment on column analytics_cases.closed_on is 'Day it was decided or withdrawn; null while open (the partial index holds open cases only).';
comment on column analytics_cases.issued_on is 'Day the document was issued; null before.';
comment on column analytics_cases.triage_tier is 'Tier of the first triage run; null before one.';
comment on column analytics_cases.triage_overridden is 'An officer disregarded a triage tier on it.';
comment on column analytics_cases.prepared_grant_used is 'The decision was proposed from a prepared grant.';
comment on column analytics_cases.last_seq is 'Sequence number of the last case action folded (1 = the opening action).';

create table analytics_intake_daily (
  day date not null,
  service_id text not null,
  ground_id text not null,
  branch_code text not null,
  nationality_group text not null,
  channel text not null,
  urgency text not null,
  applications integer not null default 0,
  primary key (day, service_id, ground_id, branch_code, nationality_group, channel, urgency)
);
comment on table analytics_intake_daily is 'Applications submitted per day and dimension (analytics module); a case''s count moves to its better-known branch on its submission day. Aggregate, no personal data (small counts are suppressed where published).';
comment on column analytics_intake_daily.day is 'Day of submission.';
comment on column analytics_intake_daily.service_id is 'Catalogue service id.';
comment on column analytics_intake_daily.ground_id is 'Catalogue ground id, or none.';
comment on column analytics_intake_daily.branch_code is 'Branch code, or none.';
comment on column analytics_intake_daily.nationality_group is 'Nationality group.';
comment on column analytics_intake_daily.channel is 'portal, partner or branch.';
comment on column analytics_intake_daily.urgency is 'Urgency level.';
comment on column analytics_intake_daily.applications is 'Applications.';

create table analytics_flow_daily (
  measure text not null check (measure in ('accepted', 'examination-started', 'information-requested', 'information-received', 'decided-grant', 'decided-refuse', 'decided-terminate', 'decided-in-term', 'decided-late', 'withdrawn', 'document-ordered', 'document-produced', 'issued', 'revoked')),
  day date not null,
  service_id text not null,
  branch_code text not null,
  n integer not null default 0,
  primary key (measure, day, service_id, branch_code)
);
comment on table analytics_flow_daily is 'Case steps per day (analytics module): throughput, deadlines met and breached, closures. Aggregate, no personal data.';
comment on column analytics_flow_daily.measure is 'What happened: accepted, examination-started, information-requested, information-received, decided-grant, decided-refuse, decided-terminate, decided-in-term, decided-late, withdrawn, document-ordered, document-produced, issued, revoked.';
comment on column analytics_flow_daily.day is 'Day it happened.';
comment on column analytics_flow_daily.service_id is 'Catalogue service id.';
comment on column analytics_flow_daily.branch_code is 'Branch known then, or none.';
comment on column analytics_flow_daily.n is 'Cases.';

create table analytics_durations_daily (
  day date not null,
  service_id text not null,
  branch_code text not null,
  outcome text not null check (outcome in ('grant', 'refuse', 'terminate')),
  measure text not null check (measure in ('days', 'term-pct')),
  bucket integer not null check (bucket >= 0),
  n integer not null default 0,
  primary key (day, service_id, branch_code, outcome, measure, bucket)
);
comment on table analytics_durations_daily is 'Histograms of processing time per decision day (analytics module): percentiles exact to the day from the cumulative counts. Aggregate, no personal data.';
comment on column analytics_durations_daily.day is 'Day of the decision.';
comment on column analytics_durations_daily.service_id is 'Catalogue service id.';
comment on column analytics_durations_daily.branch_code is 'Branch known then, or none.';
comment on column analytics_durations_daily.outcome is 'grant, refuse or terminate.';
comment on column analytics_durations_daily.measure is 'days (calendar days from submission to decision) or term-pct (share of the legal term used, in per cent).';
comment on column analytics_durations_daily.bucket is 'For days: the day count, capped at 730. For term-pct: the lower edge of a 5 % bucket, capped at 300.';
comment on column analytics_durations_daily.n is 'Decisions.';

create table analytics_backlog_daily (
  day date not null,
  service_id text not null,
  branch_code text not null,
  status_group text not null,
  age_band text not null,
  cases integer not null default 0,
  overdue integer not null default 0,
  primary key (day, service_id, branch_code, status_group, age_band)
);
comment on table analytics_backlog_daily is 'Open cases at the start of each day by status group and age band (analytics module), written once a day from analytics_cases. Aggregate, no personal data.';
comment on column analytics_backlog_daily.day is 'Day of the snapshot (cases open at its start).';
comment on column analytics_backlog_daily.service_id is 'Catalogue service id.';
comment on column analytics_backlog_daily.branch_code is 'Branch code, or none.';
comment on column analytics_backlog_daily.status_group is 'Group of case statuses (e.g. waiting for a visit, in examination, waiting for the applicant).';
comment on column analytics_backlog_daily.age_band is 'Days since submission, in bands (e.g. 0-30).';
comment on column analytics_backlog_daily.cases is 'Open cases.';
comment on column analytics_backlog_daily.overdue is 'Of those, past their deadline.';

create table analytics_appointments_daily (
  day date not null,
  branch_code text not null,
  service_id text not null,
  capacity integer not null default 0,
  booked integer not null default 0,
  cancelled integer not null default 0,
  moved integer not null default 0,
  attended integer not null default 0,
  no_show integer not null default 0,
  walk_ins_served integer not null default 0,
  walk_ins_left integer not null default 0,
  primary key (day, branch_code, service_id)
);
comment on table analytics_appointments_daily is 'Visits per visit day, branch and service (analytics module): utilisation, no-shows, capacity plan. Aggregate, no personal data.';
comment on column analytics_appointments_daily.day is 'Day of the visit.';
comment on column analytics_appointments_daily.branch_code is 'Branch code.';
comment on column analytics_appointments_daily.service_id is 'Catalogue service id.';
comment on column analytics_appointments_daily.capacity is 'Places offered that day (the latest capacity reported).';
comment on column analytics_appointments_daily.booked is 'Places booked for that day.';
comment on column analytics_appointments_daily.cancelled is 'Bookings for that day cancelled (by the holder, staff or because the case closed).';
comment on column analytics_appointments_daily.moved is 'Bookings moved away from that day.';
comment on column analytics_appointments_daily.attended is 'Holders checked in.';
comment on column analytics_appointments_daily.no_show is 'Holders recorded as not coming.';
comment on column analytics_appointments_daily.walk_ins_served is 'Walk-ins served.';
comment on column analytics_appointments_daily.walk_ins_left is 'Walk-ins who left unserved.';

create table analytics_automation_daily (
  measure text not null check (measure in ('first-tier-routine', 'first-tier-standard', 'first-tier-enhanced', 'rerun', 'switched-off', 'override', 'prepared-grant-used')),
  day date not null,
  service_id text not null,
  n integer not null default 0,
  primary key (measure, day, service_id)
);
comment on table analytics_automation_daily is 'Triage and prepared decisions per day (analytics module): tiers, reruns, overrides, prepared grants used. Aggregate, no personal data.';
comment on column analytics_automation_daily.measure is 'first-tier-<routine|standard|enhanced> (first run on a case), rerun, switched-off, override, prepared-grant-used.';
comment on column analytics_automation_daily.day is 'Day it happened.';
comment on column analytics_automation_daily.service_id is 'Catalogue service id.';
comment on column analytics_automation_daily.n is 'Count.';

create table analytics_officer_daily (
  day date not null,
  service_id text not null,
  branch_code text not null,
  staff_account_id uuid not null,
  actions integer not null default 0,
  decisions integer not null default 0,
  primary key (day, service_id, branch_code, staff_account_id)
);
comment on table analytics_officer_daily is 'Case actions and decisions per officer-day (analytics module): measured throughput for the staffing plan, shown only aggregated. Pseudonymous personal data of employees (staff account ids).';
comment on column analytics_officer_daily.day is 'Day of the actions.';
comment on column analytics_officer_daily.service_id is 'Catalogue service id.';
comment on column analytics_officer_daily.branch_code is 'Branch known for the case then, or none.';
comment on column analytics_officer_daily.staff_account_id is 'Staff account (pseudonymous id).';
comment on column analytics_officer_daily.actions is 'Case actions recorded.';
comment on column analytics_officer_daily.decisions is 'Of those, decisions proposed or approved.';

create table analytics_assistant_daily (
  day date not null,
  lang text not null check (lang in ('lt', 'en', 'ru', 'uk')),
  answer_kind text not null,
  answers integer not null default 0,
  handoffs_offered integer not null default 0,
  low_confidence integer not null default 0,
  primary key (day, lang, answer_kind)
);
comment on table analytics_assistant_daily is 'Virtual assistant answers per day (analytics module). Aggregate, no personal data, no questions.';
comment on column analytics_assistant_daily.day is 'Day of the answer.';
comment on column analytics_assistant_daily.lang is 'Language of the answer.';
comment on column analytics_assistant_daily.answer_kind is 'Kind of answer (catalogue, faq, own-case, sign-in, refusal, greeting, not-sure, handoff).';
comment on column analytics_assistant_daily.answers is 'Answers.';
comment on column analytics_assistant_daily.handoffs_offered is 'Of those, offering a person.';
comment on column analytics_assistant_daily.low_confidence is 'Of those, with low confidence.';

create table analytics_contact_daily (
  measure text not null check (measure in ('handed-off', 'taken', 'replied-first', 'closed', 'contact-logged', 'message-sent')),
  day date not null,
  channel text not null check (channel in ('assistant', 'phone', 'email', 'visit')),
  n integer not null default 0,
  minutes_sum bigint not null default 0,
  primary key (measure, day, channel)
);
comment on table analytics_contact_daily is 'Contact-centre load per day (analytics module): assistant handoffs and their replies, logged calls, e-mails, visits and messages. Aggregate, no personal data.';
comment on column analytics_contact_daily.measure is 'handed-off, taken, replied-first, closed, contact-logged or message-sent.';
comment on column analytics_contact_daily.day is 'Day it happened.';
comment on column analytics_contact_daily.channel is 'assistant (handed-off conversations) or the logged channel: phone, email, visit.';
comment on column analytics_contact_daily.n is 'Count.';
comment on column analytics_contact_daily.minutes_sum is 'For replied-first: the sum of minutes from the handoff to the first reply (mean = minutes_sum / n); 0 otherwise.';

create table analytics_simulation_runs (
  id uuid primary key,
  seed text not null,
  params jsonb not null,
  from_day date not null,
  to_day date not null,
  next_day date,
  applications integer not null default 0,
  started_at timestamptz not null,
  finished_at timestamptz,
  check (from_day <= to_day),
  check ((next_day is null) = (finished_at is not null))
);
comment on table analytics_simulation_runs is 'Runs of the simulation (npm run cli -- simulate): what to resume after an interruption. No personal data.';
comment on column analytics_simulation_runs.id is 'Run id.';
comment on column analytics_simulation_runs.seed is 'The random seed as given: the same seed and parameters give the same data.';
comment on column analytics_simulation_runs.params is 'The other options of the run (applications, streams …): a resume with different ones is refused (SIMULATION_RUN_MISMATCH).';
comment on column analytics_simulation_runs.from_day is 'First simulated day.';
comment on column analytics_simulation_runs.to_day is 'Last simulated day.';
comment on column analytics_simulation_runs.next_day is 'First day not yet committed; null once finished.';
comment on column analytics_simulation_runs.applications is 'Applications submitted so far.';
comment on column analytics_simulation_runs.started_at is 'When the run started (system clock).';
comment on column analytics_simulation_runs.finished_at is 'When the last day was committed; null while running or interrupted.';

comment on column accounts.roles is 'Staff roles: officer (also reviews matches, merges and splits persons), team-lead, call-centre (also searches persons, read only), administrator, rules (loads rule set versions and runs impact analyses), manager (reads the analytics dashboards, forecasts and plans). Empty for applicants.';
