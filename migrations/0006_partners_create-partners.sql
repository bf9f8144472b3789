-- Partner systems on the public API (service providers abroad, employers' HR systems), the
-- idempotency keys of their POST requests, and the webhook events pushed to them.
create table partners (
  id uuid primary key,
  name text not null,
  key_prefix text not null unique,
  key_hash text not null,
  services text[] not null default '{}',
  countries text[] not null default '{}',
  webhook_url text,
  webhook_secret text,
  created_at timestamptz not null,
  revoked_at timestamptz,
  check (webhook_url is null or webhook_secret is not null)
);
comment on table partners is 'Partner systems allowed on the public API, with their API key hash and webhook (partners module). No personal data: organisations only.';
comment on column partners.id is 'Partner id.';
comment on column partners.name is 'Name of the partner organisation or system, for staff and logs.';
comment on column partners.key_prefix is 'First 8 characters of the API key after "vrt_", to find the row and to show which key is meant; not secret on its own.';
comment on column partners.key_hash is 'Hex SHA-256 of the whole API key (secret-derived; never shown). The key is 32 random bytes, so a fast hash suffices: no slow hash is needed against guessing.';
comment on column partners.services is 'Catalogue service ids the partner may file applications for; empty means none.';
comment on column partners.countries is 'ISO 3166 alpha-3 codes of the countries where the partner takes applications.';
comment on column partners.webhook_url is 'http(s) address status events are posted to; null when the partner takes no webhooks.';
comment on column partners.webhook_secret is 'Key for the HMAC-SHA256 signature of webhook posts (secret; shown once at creation, never logged).';
comment on column partners.created_at is 'When the partner was registered.';
comment on column partners.revoked_at is 'When the key was revoked; a revoked partner is refused and gets no webhooks.';

create table idempotency_keys (
  partner_id uuid not null references partners (id),
  key text not null,
  method text not null,
  path text not null,
  request_hash text not null,
  state text not null check (state in ('in-progress', 'completed')),
  response_status integer,
  response_body text,
  response_headers jsonb,
  created_at timestamptz not null,
  completed_at timestamptz,
  primary key (partner_id, key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);
comment on table idempotency_keys is 'Idempotency-Key of each partner POST and the first response, replayed on a repeat for 24 hours (partners module). Personal data: the stored response may contain applicant data; removed after 24 hours.';
comment on column idempotency_keys.partner_id is 'Partner that sent the key; keys are unique per partner.';
comment on column idempotency_keys.key is 'The Idempotency-Key header as sent (1 to 255 visible ASCII characters).';
comment on column idempotency_keys.method is 'HTTP method of the first request.';
comment on column idempotency_keys.path is 'Path and query of the first request.';
comment on column idempotency_keys.request_hash is 'Hex SHA-256 of method, path and canonical body (raw bytes for binary bodies), to refuse the key for a different request.';
comment on column idempotency_keys.state is 'in-progress while the first request runs (a claim), completed once its response is stored.';
comment on column idempotency_keys.response_status is 'HTTP status of the first response.';
comment on column idempotency_keys.response_body is 'Body of the first response exactly as sent (text, not jsonb, so a replay is byte-identical); may contain personal data.';
comment on column idempotency_keys.response_headers is 'Replayed headers of the first response (content-type, location and the like).';
comment on column idempotency_keys.created_at is 'When the key was claimed; the key expires 24 hours later.';
comment on column idempotency_keys.completed_at is 'When the first response was stored.';

create table webhook_deliveries (
  id uuid primary key,
  partner_id uuid not null references partners (id),
  event_id uuid not null unique,
  event_type text not null,
  payload jsonb not null,
  attempts integer not null default 0,
  last_status integer,
  last_error text,
  next_attempt_at timestamptz,
  delivered_at timestamptz,
  created_at timestamptz not null
);
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where delivered_at is null;
comment on table webhook_deliveries is 'Events pushed to partner webhooks and each delivery''s progress (partners module). Personal data: minimal, as chosen by the emitting module (ids and statuses, not names).';
comment on column webhook_deliveries.id is 'Delivery id.';
comment on column webhook_deliveries.partner_id is 'Partner the event is for.';
comment on column webhook_deliveries.event_id is 'Event id sent to the partner as "id"; the partner de-duplicates on it.';
comment on column webhook_deliveries.event_type is 'Event type, e.g. application.status-changed.';
comment on column webhook_deliveries.payload is 'The event''s "data" member as sent (may reference applicants by id).';
comment on column webhook_deliveries.attempts is 'How many posts were tried.';
comment on column webhook_deliveries.last_status is 'HTTP status of the last attempt; null when no answer came.';
comment on column webhook_deliveries.last_error is 'Why the last attempt failed (status, timeout, refused address); null after success.';
comment on column webhook_deliveries.next_attempt_at is 'When the next attempt is due (or a running attempt''s lease ends); null when delivered or given up.';
comment on column webhook_deliveries.delivered_at is 'When a 2xx answer came; a delivered event is never sent again.';
comment on column webhook_deliveries.created_at is 'When the event was raised; sent as "createdAt".';
