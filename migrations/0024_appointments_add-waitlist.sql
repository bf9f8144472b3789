-- The waitlist and held offers (appointments module, issue 5): when no time is free an applicant
-- joins the waitlist for the branches and dates they can accept; a place that frees up (a
-- cancellation, a move, new days, more desks) is held for the first matching person in line
-- before anyone else can book it, for a limited time; a branch that must move booked visits
-- holds an alternative for each of them the same way. A held offer occupies its place in
-- `appointment_slots.booked`, so the database keeps the capacity rule for offers too.

-- Partners' own desks book for the applications they filed: the holder is then the partner.
alter table appointments add column holder_kind text not null default 'account'
  check (holder_kind in ('account', 'partner'));
comment on column appointments.holder_kind is 'Who holds the booking: account (the applicant or filer in the portal) or partner (a partner system''s desk, for applications it filed).';
comment on column appointments.account_id is 'Holder of the booking (an account id, or a partner id when holder_kind = partner); only the holder may change or cancel it.';

create table appointment_waitlist (
  id uuid primary key,
  -- Line order: the identity increases with every entry, so ties in time cannot reorder it.
  seq bigint generated always as identity,
  application_id uuid not null,
  account_id uuid not null,
  holder_kind text not null default 'account' check (holder_kind in ('account', 'partner')),
  service_id text not null,
  branches text[] not null check (cardinality(branches) > 0),
  from_at timestamptz not null,
  to_at timestamptz not null,
  joined_at timestamptz not null,
  state text not null check (state in ('waiting', 'offered', 'booked', 'left', 'lapsed')),
  ended_at timestamptz,
  check (from_at < to_at),
  check ((state in ('waiting', 'offered')) = (ended_at is null))
);
-- One place in line per application.
create unique index appointment_waitlist_one_idx on appointment_waitlist (application_id)
  where state in ('waiting', 'offered');
create index appointment_waitlist_line_idx on appointment_waitlist (service_id, seq)
  where state = 'waiting';
comment on table appointment_waitlist is 'Applicants waiting for a visit time when none was free, in line order, with the branches and dates they accept (appointments module). Personal data: pseudonymous account id.';
comment on column appointment_waitlist.id is 'Entry id.';
comment on column appointment_waitlist.seq is 'Position in line: lower is earlier; offers go to the earliest matching entry.';
comment on column appointment_waitlist.application_id is 'The submitted application the visit is for.';
comment on column appointment_waitlist.account_id is 'Holder (account id, or partner id when holder_kind = partner).';
comment on column appointment_waitlist.holder_kind is 'account or partner, as for appointments.';
comment on column appointment_waitlist.service_id is 'Catalogue service of the visit.';
comment on column appointment_waitlist.branches is 'Branch codes the applicant accepts.';
comment on column appointment_waitlist.from_at is 'Earliest visit start accepted (Vilnius midnight of the first day).';
comment on column appointment_waitlist.to_at is 'Visits must start before this (Vilnius midnight after the last day, never after the booking window closes).';
comment on column appointment_waitlist.joined_at is 'When the applicant joined.';
comment on column appointment_waitlist.state is 'waiting, offered (a place is held), booked (took an offer), left (left the line or declined) or lapsed (did not answer an offer in time).';
comment on column appointment_waitlist.ended_at is 'When the entry stopped waiting; null while waiting or offered.';

create table appointment_offers (
  id uuid primary key,
  slot_id uuid not null references appointment_slots (id),
  application_id uuid not null,
  account_id uuid not null,
  holder_kind text not null default 'account' check (holder_kind in ('account', 'partner')),
  reason text not null check (reason in ('waitlist', 'rebooking')),
  waitlist_id uuid references appointment_waitlist (id),
  offered_at timestamptz not null,
  held_until timestamptz not null,
  state text not null check (state in ('held', 'accepted', 'declined', 'lapsed', 'withdrawn')),
  ended_at timestamptz,
  appointment_id uuid references appointments (id),
  check ((state = 'held') = (ended_at is null)),
  check ((reason = 'waitlist') = (waitlist_id is not null))
);
-- At most one held place per application.
create unique index appointment_offers_one_held_idx on appointment_offers (application_id)
  where state = 'held';
create index appointment_offers_due_idx on appointment_offers (held_until) where state = 'held';
create index appointment_offers_slot_idx on appointment_offers (slot_id);
comment on table appointment_offers is 'Places held for one applicant for a limited time: the next in the waitlist when a place frees up, or an alternative when a branch change moves a booked visit (appointments module). A held offer counts in appointment_slots.booked.';
comment on column appointment_offers.id is 'Offer id.';
comment on column appointment_offers.slot_id is 'The slot whose place is held.';
comment on column appointment_offers.application_id is 'The application the visit is for.';
comment on column appointment_offers.account_id is 'Holder (account id, or partner id when holder_kind = partner).';
comment on column appointment_offers.holder_kind is 'account or partner, as for appointments.';
comment on column appointment_offers.reason is 'waitlist (the holder was next in line) or rebooking (their booked visit had to move after a branch change).';
comment on column appointment_offers.waitlist_id is 'The waitlist entry offered to (reason waitlist).';
comment on column appointment_offers.offered_at is 'When the place was held.';
comment on column appointment_offers.held_until is 'The place is released to the next in line after this.';
comment on column appointment_offers.state is 'held, accepted (became an appointment), declined, lapsed (not answered in time) or withdrawn (the application no longer needs it).';
comment on column appointment_offers.ended_at is 'When the offer was answered or lapsed; null while held.';
comment on column appointment_offers.appointment_id is 'The appointment made when the offer was accepted.';
