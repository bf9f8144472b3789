-- How a granted residence permit card reaches its holder (cases module, issue 4 point 6): the
-- person chooses, after the decision, collection at a branch or a courier to an address in
-- Lithuania. A courier choice takes effect once its fee is paid; until then the card goes to the
-- branch chosen before (or the default). One row per application, changed in place: the audit
-- trail keeps every choice.
create table delivery_choices (
  application_id uuid primary key,
  case_id uuid not null unique references cases (id),
  method text not null check (method in ('branch', 'courier')),
  branch_code text,
  address text,
  pending_address text,
  courier_fee_cents integer check (courier_fee_cents is null or courier_fee_cents > 0),
  courier_paid_at timestamptz,
  courier_payment_id text,
  chosen_at timestamptz not null,
  chosen_by uuid not null,
  check (method = 'branch' or branch_code is null),
  check ((method = 'courier') = (address is not null)),
  check (method = 'branch' or courier_paid_at is not null)
);
comment on table delivery_choices is 'The holder''s choice of how a granted document is delivered, made after the decision (residence permit cards; passports choose with the application). Personal data: the address.';
comment on column delivery_choices.application_id is 'The application whose document is delivered (one choice per application).';
comment on column delivery_choices.case_id is 'The granted case of that application.';
comment on column delivery_choices.method is 'The choice in effect: branch (collection) or courier (only once the courier fee is paid).';
comment on column delivery_choices.branch_code is 'Branch code where the document is collected; null for courier, or while the person has only started a courier choice (the branch that took the application, as for no choice).';
comment on column delivery_choices.address is 'Address in Lithuania the courier delivers to; set exactly when method is courier (personal data).';
comment on column delivery_choices.pending_address is 'Address of a courier choice whose fee is not paid yet; the branch choice stays in effect meanwhile (personal data).';
comment on column delivery_choices.courier_fee_cents is 'Courier fee in euro cents asked for the pending or paid courier choice (the pack''s reference value on the day of choosing).';
comment on column delivery_choices.courier_paid_at is 'When the courier fee was paid; after that the choice is final.';
comment on column delivery_choices.courier_payment_id is 'Payment (payments module) that paid the courier fee.';
comment on column delivery_choices.chosen_at is 'When the choice was last changed.';
comment on column delivery_choices.chosen_by is 'Account that made the choice (the holder, or whoever filed the application for them).';
