-- Booking abuse (appointments module, issue 5): what booking endpoints saw (signals) and what the
-- detection job reported to administrators. The client address is never stored: only a keyed
-- hash of it (the "source"), so the table alone cannot be reversed by hashing every IPv4 address.
create table appointment_signal_key (
  id boolean primary key default true check (id),
  key text not null
);
-- One random key per installation, shared by every app process (DESIGN §7), made here so that
-- nothing needs configuring; it never leaves the database.
insert into appointment_signal_key (key) values (gen_random_uuid()::text || gen_random_uuid()::text);
comment on table appointment_signal_key is 'The secret key of the keyed hash (HMAC-SHA-256) that turns a client address into a booking signal source; one row, made at migration (appointments module). Secret: never shown or exported.';
comment on column appointment_signal_key.id is 'Always true: the table has one row.';
comment on column appointment_signal_key.key is 'The HMAC key (random, 244 bits).';

create table appointment_signals (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  account_id uuid,
  source text,
  action text not null check (action in ('booked', 'moved', 'cancelled', 'refused-rate-limit', 'waitlist-joined')),
  check (account_id is not null or source is not null)
);
-- Detection reads a window of recent signals; the retention sweep deletes old ones by time.
create index appointment_signals_at_idx on appointment_signals (at);
comment on table appointment_signals is 'What the booking endpoints saw, one row per booking, move, cancellation, waitlist entry or booking request refused by the rate limit; read by the abuse detection job and deleted after 30 days (appointments module). Personal data: pseudonymous account id and keyed hash of the client address.';
comment on column appointment_signals.id is 'Signal number.';
comment on column appointment_signals.at is 'When it happened.';
comment on column appointment_signals.account_id is 'Account that made the request; null when unknown.';
comment on column appointment_signals.source is 'Keyed hash (HMAC-SHA-256 with appointment_signal_key, hex) of the client address; null when unknown.';
comment on column appointment_signals.action is 'booked, moved (rescheduled), cancelled, refused-rate-limit (a booking request over the per-account or per-address limit; recorded once per window) or waitlist-joined.';

create table appointment_abuse_reports (
  id uuid primary key,
  kind text not null check (kind in ('many-accounts-one-source', 'booking-cancel-cycles')),
  subject text not null,
  window_hours integer not null check (window_hours > 0),
  count integer not null check (count > 0),
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  details jsonb not null default '{}'::jsonb,
  state text not null default 'open' check (state in ('open', 'acknowledged')),
  opened_at timestamptz not null,
  acknowledged_by uuid,
  acknowledged_at timestamptz,
  check ((state = 'acknowledged') = (acknowledged_at is not null))
);
-- One open report per subject: the detection job, run on any number of workers, opens it once.
create unique index appointment_abuse_reports_open_idx on appointment_abuse_reports (kind, subject)
  where state = 'open';
create index appointment_abuse_reports_subject_idx on appointment_abuse_reports (kind, subject, opened_at);
comment on table appointment_abuse_reports is 'Unusual booking patterns reported to administrators (many accounts booking from one source; an account booking and cancelling again and again), open until an administrator acknowledges them (appointments module). Personal data: pseudonymous account ids and address hashes.';
comment on column appointment_abuse_reports.id is 'Report id.';
comment on column appointment_abuse_reports.kind is 'many-accounts-one-source (subject is a source hash) or booking-cancel-cycles (subject is an account id).';
comment on column appointment_abuse_reports.subject is 'Who it is about: the source (keyed hash of the client address) or the account id.';
comment on column appointment_abuse_reports.window_hours is 'The length of the window the count is over (24 for sources, 168 for cycles).';
comment on column appointment_abuse_reports.count is 'What was counted in the window: distinct accounts from the source, or cancellations of its own bookings by the account; the largest seen while open.';
comment on column appointment_abuse_reports.first_seen_at is 'The first signal counted.';
comment on column appointment_abuse_reports.last_seen_at is 'The last signal counted (a report acknowledged counts only signals after it next time).';
comment on column appointment_abuse_reports.details is 'What was seen: for a source the accounts (at most 20 ids) and the actions by kind; for an account its bookings, cancellations and number of sources.';
comment on column appointment_abuse_reports.state is 'open (shown to administrators) or acknowledged.';
comment on column appointment_abuse_reports.opened_at is 'When the detection job opened it.';
comment on column appointment_abuse_reports.acknowledged_by is 'Staff account of the administrator who acknowledged it.';
comment on column appointment_abuse_reports.acknowledged_at is 'When it was acknowledged; null while open.';
