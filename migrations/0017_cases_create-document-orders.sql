-- Document production and delivery (cases module, issue 4 point 6): a granted case's document is
-- ordered from the card producer, produced, made ready at a branch or sent by courier, and issued
-- at hand-over. One order per case; a failed production is re-ordered on the same row up to a limit.
create table document_orders (
  id uuid primary key,
  case_id uuid not null unique references cases (id),
  holder_account_id uuid,
  card_data jsonb not null,
  document_kind text not null check (document_kind in ('residence-permit', 'permanent-residence-permit', 'eu-residence-card', 'passport', 'identity-card')),
  state text not null check (state in ('ordered', 'produced', 'ready-for-collection', 'sent-by-courier', 'issued', 'failed')),
  producer_order_id text,
  attempts integer not null default 0 check (attempts >= 0),
  last_error text,
  ordered_at timestamptz not null,
  produced_at timestamptz,
  document_number text,
  delivery_method text not null check (delivery_method in ('branch', 'courier')),
  delivery_branch text,
  tracking_reference text,
  dispatched_at timestamptz,
  issued_at timestamptz,
  issued_by text,
  check ((state = 'issued') = (issued_at is not null)),
  check (delivery_method = 'branch' or state not in ('ready-for-collection')),
  check (tracking_reference is null or delivery_method = 'courier')
);
-- The producer poll reads the orders still waiting for the producer or the courier.
create index document_orders_open_idx on document_orders (state) where state in ('ordered', 'sent-by-courier');
comment on table document_orders is 'Orders of a granted case''s document from the card producer and its delivery to the holder (cases module). Personal data: document number, tracking reference.';
comment on column document_orders.id is 'Document order id (internal).';
comment on column document_orders.case_id is 'The granted case the document is for (one order per case).';
comment on column document_orders.holder_account_id is 'Account of the person the document is for, who is told it is ready and holds it once issued; null when they have no account (personal data: pseudonymous id).';
comment on column document_orders.card_data is 'Identity the card was personalised with, as sent to the producer: givenNames, surname, dateOfBirth, nationality, personalCode (personal data); recorded among the held documents at hand-over.';
comment on column document_orders.document_kind is 'Kind of document produced, as in held_documents.kind: residence-permit, permanent-residence-permit, eu-residence-card, passport or identity-card.';
comment on column document_orders.state is 'ordered (with the producer, or waiting to be sent to it), produced, ready-for-collection (at the branch), sent-by-courier, issued (handed over) or failed (production failed more often than the retry limit; an officer must act).';
comment on column document_orders.producer_order_id is 'The card producer''s order id; null while the order (or a re-order after a failure) waits to be sent.';
comment on column document_orders.attempts is 'How many times the document was sent to the producer (re-orders after failures included).';
comment on column document_orders.last_error is 'The producer''s reason for the last failed production, shown on the case; null when none failed.';
comment on column document_orders.ordered_at is 'When the document was ordered (the case action document-ordered).';
comment on column document_orders.produced_at is 'When the producer reported the document produced.';
comment on column document_orders.document_number is 'Number printed on the produced document, as reported by the producer (personal data).';
comment on column document_orders.delivery_method is 'branch (collection at a branch) or courier, from the application''s delivery choice (branch when it made none).';
comment on column document_orders.delivery_branch is 'Branch code where the document is collected; null for courier delivery or when the application named none.';
comment on column document_orders.tracking_reference is 'Courier''s tracking reference, told to the applicant (personal data: identifies a parcel to the holder).';
comment on column document_orders.dispatched_at is 'When the document was handed to the courier or made ready for collection.';
comment on column document_orders.issued_at is 'When the document was handed over (case action issued); set exactly when state is issued.';
comment on column document_orders.issued_by is 'Staff account id of the officer who recorded the hand-over, or courier when the courier reported delivery.';
