-- Fees paid through a payment provider (payments module): the payments Vartai asked for, every
-- notification or status answer received about them, and the simulated provider's own records.
create table payments (
  id uuid primary key,
  account_id uuid references accounts (id),
  partner_id uuid,
  reference_kind text not null check (reference_kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  reference_id text not null,
  amount_cents integer not null check (amount_cents > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  description text not null,
  status text not null check (status in ('pending', 'paid', 'failed', 'cancelled', 'refunded')),
  provider text not null,
  provider_ref text unique,
  redirect_url text,
  continue_url text,
  created_at timestamptz not null,
  paid_at timestamptz,
  updated_at timestamptz not null,
  check (num_nonnulls(account_id, partner_id) = 1)
);
create index payments_reference_idx on payments (reference_kind, reference_id);
create index payments_account_idx on payments (account_id, status);
create index payments_pending_idx on payments (created_at) where status = 'pending';
comment on table payments is 'Fees asked from a payer through a payment provider (payments module). Personal data: who paid what for which application (financial data linked to an account).';
comment on column payments.id is 'Payment id; also the merchant reference sent to the provider.';
comment on column payments.account_id is 'Applicant account that pays (personal data link); null when a partner pays.';
comment on column payments.partner_id is 'Partner organisation that pays through the API; null when an applicant pays.';
comment on column payments.reference_kind is 'What the fee is for, e.g. application.';
comment on column payments.reference_id is 'Id of the thing paid for in its own module, e.g. the application id.';
comment on column payments.amount_cents is 'Amount in minor units (cents).';
comment on column payments.currency is 'ISO 4217 currency code, e.g. EUR.';
comment on column payments.description is 'Text shown on the provider''s page and the receipt, e.g. the service name (no personal data).';
comment on column payments.status is 'pending, paid, failed, cancelled or refunded; paid is never undone by a provider notification.';
comment on column payments.provider is 'Payment provider adapter that handles the payment, e.g. simulator.';
comment on column payments.provider_ref is 'The provider''s id of the checkout; null only until the checkout is created.';
comment on column payments.redirect_url is 'The provider''s hosted payment page for this checkout.';
comment on column payments.continue_url is 'Same-site path the payer continues to after paying (e.g. the application).';
comment on column payments.created_at is 'When the payment was started.';
comment on column payments.paid_at is 'When the provider says the money was taken; null until paid.';
comment on column payments.updated_at is 'Last status change.';

create table payment_events (
  id uuid primary key,
  event_id text not null unique,
  payment_id uuid not null references payments (id),
  source text not null check (source in ('callback', 'status-check')),
  status text not null check (status in ('pending', 'paid', 'failed', 'cancelled')),
  amount_cents integer not null,
  applied boolean not null,
  occurred_at timestamptz not null,
  received_at timestamptz not null,
  raw jsonb not null
);
create index payment_events_payment_idx on payment_events (payment_id, received_at);
comment on table payment_events is 'Append-only log of what the provider said about each payment, once per event id (payments module). No personal data beyond the payment link.';
comment on column payment_events.id is 'Row id.';
comment on column payment_events.event_id is 'The provider''s event id (or a status-check key); unique, so a repeated notification is recorded once.';
comment on column payment_events.payment_id is 'Payment the event is about.';
comment on column payment_events.source is 'callback (signed notification) or status-check (Vartai asked the provider).';
comment on column payment_events.status is 'Status the provider reported.';
comment on column payment_events.amount_cents is 'Amount the provider reported, in cents.';
comment on column payment_events.applied is 'Whether the event changed the payment''s status (late, repeated or out-of-order events do not).';
comment on column payment_events.occurred_at is 'When the provider says it happened.';
comment on column payment_events.received_at is 'When Vartai received it.';
comment on column payment_events.raw is 'The verified event as received (no card or bank account data).';

create table payment_simulator_checkouts (
  provider_ref text primary key,
  merchant_payment_id uuid not null unique,
  amount_cents integer not null check (amount_cents > 0),
  currency text not null,
  description text not null,
  return_url text not null,
  status text not null check (status in ('pending', 'paid', 'failed', 'cancelled')),
  delivery text not null check (delivery in ('once', 'twice-out-of-order')),
  created_at timestamptz not null,
  decided_at timestamptz
);
comment on table payment_simulator_checkouts is 'Checkouts of the simulated payment provider, standing in for a bank-link or card gateway (payments module, simulator). No personal data.';
comment on column payment_simulator_checkouts.provider_ref is 'The simulator''s checkout id, given to Vartai as provider_ref.';
comment on column payment_simulator_checkouts.merchant_payment_id is 'Vartai''s payment id; creating a checkout twice for it returns the first (idempotent).';
comment on column payment_simulator_checkouts.amount_cents is 'Amount to charge, in cents.';
comment on column payment_simulator_checkouts.currency is 'ISO 4217 currency code.';
comment on column payment_simulator_checkouts.description is 'Text shown on the hosted payment page.';
comment on column payment_simulator_checkouts.return_url is 'Where the payer''s browser is sent after the decision.';
comment on column payment_simulator_checkouts.status is 'pending until the payer pays, declines or cancels, or the checkout expires (cancelled).';
comment on column payment_simulator_checkouts.delivery is 'How notifications are delivered: once, or each twice with the later event first (robustness testing).';
comment on column payment_simulator_checkouts.created_at is 'When the checkout was created.';
comment on column payment_simulator_checkouts.decided_at is 'When the payer decided or the checkout expired.';

create table payment_simulator_notifications (
  event_id text primary key,
  provider_ref text not null references payment_simulator_checkouts (provider_ref),
  status text not null check (status in ('pending', 'paid', 'failed', 'cancelled')),
  occurred_at timestamptz not null,
  attempts integer not null default 0,
  delivered_at timestamptz
);
create index payment_simulator_notifications_ref_idx on payment_simulator_notifications (provider_ref);
comment on table payment_simulator_notifications is 'Server-to-server notifications the simulated provider sends to Vartai, with delivery attempts (payments module, simulator). No personal data.';
comment on column payment_simulator_notifications.event_id is 'Event id sent in the signed notification.';
comment on column payment_simulator_notifications.provider_ref is 'Checkout the event is about.';
comment on column payment_simulator_notifications.status is 'Checkout status the event reports.';
comment on column payment_simulator_notifications.occurred_at is 'When the event happened at the provider.';
comment on column payment_simulator_notifications.attempts is 'Delivery attempts so far.';
comment on column payment_simulator_notifications.delivered_at is 'When Vartai last acknowledged it (2xx); null until then.';
