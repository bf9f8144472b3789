-- Server-side sessions and rate-limit counters live in the database, so any number of app
-- nodes behave as one service (DESIGN §7).
create table sessions (
  id_hash text primary key,
  account_id uuid,
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at timestamptz not null
);
create index sessions_account_idx on sessions (account_id);
create index sessions_expires_idx on sessions (expires_at);
comment on table sessions is 'Server-side web sessions (platform). Personal data: links a browser to an account; deleted at expiry.';
comment on column sessions.id_hash is 'SHA-256 of the session cookie value; the cookie itself is never stored.';
comment on column sessions.account_id is 'Signed-in account, null for an anonymous session (personal data: pseudonymous id).';
comment on column sessions.data is 'Session state: CSRF token, language, pending MFA step. No secrets of the user.';
comment on column sessions.created_at is 'Start of the session; the absolute timeout counts from here.';
comment on column sessions.last_seen_at is 'Last request; the idle timeout counts from here.';
comment on column sessions.expires_at is 'Absolute expiry; expired rows are removed by the session sweeper.';

create table rate_limits (
  key text primary key,
  window_start timestamptz not null,
  hits integer not null
);
comment on table rate_limits is 'Fixed-window request counters for rate limiting (platform). Keys hold hashed client addresses, not raw IPs.';
comment on column rate_limits.key is 'Limiter name and a SHA-256 of the client key.';
comment on column rate_limits.window_start is 'Start of the current counting window.';
comment on column rate_limits.hits is 'Requests counted in the current window.';
