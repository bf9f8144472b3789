-- Visits at the branches (appointments module, issue 5). Capacity is enforced by the database,
-- not by application checks: a slot's `booked` can never pass its `capacity` (a check constraint;
-- booking is one conditional UPDATE, so concurrent requests for the last place serialise on the
-- row and all but one find it full), and an application has at most one active appointment (a
-- partial unique index).
create table appointment_slots (
  id uuid primary key,
  branch_code text not null,
  service_id text not null,
  starts_at timestamptz not null,
  minutes integer not null check (minutes between 5 and 240),
  capacity integer not null check (capacity >= 0),
  booked integer not null default 0,
  check (booked >= 0 and booked <= capacity),
  unique (branch_code, service_id, starts_at)
);
-- "Next free slot" reads only slots with room left, in time order.
create index appointment_slots_free_idx on appointment_slots (branch_code, service_id, starts_at)
  where booked < capacity;
comment on table appointment_slots is 'Visit slots of a branch for a service, made from the branch calendars (content/lt/branches.yaml) ahead of time, with how many visits each takes and how many are booked (appointments module).';
comment on column appointment_slots.id is 'Slot id.';
comment on column appointment_slots.branch_code is 'Branch code (content/lt/branches.yaml).';
comment on column appointment_slots.service_id is 'Catalogue service the visit is for.';
comment on column appointment_slots.starts_at is 'When the visit starts.';
comment on column appointment_slots.minutes is 'Length of the visit in minutes.';
comment on column appointment_slots.capacity is 'Visits the slot takes at once (desks serving the service); lowered by staff only down to what is booked.';
comment on column appointment_slots.booked is 'Visits booked in the slot; never above capacity (check constraint).';

create table appointments (
  id uuid primary key,
  application_id uuid not null,
  account_id uuid not null,
  slot_id uuid not null references appointment_slots (id),
  state text not null check (state in ('booked', 'cancelled', 'moved', 'checked-in', 'no-show')),
  booked_at timestamptz not null,
  ended_at timestamptz,
  ended_by text,
  check ((state = 'booked') = (ended_at is null))
);
-- One active appointment per application: a second booking fails in the database.
create unique index appointments_one_active_idx on appointments (application_id) where state = 'booked';
create index appointments_application_idx on appointments (application_id, booked_at);
create index appointments_slot_idx on appointments (slot_id);
comment on table appointments is 'Visits booked by applicants, bound to the account and the application (not transferable), with how each ended (appointments module). Personal data: pseudonymous account id.';
comment on column appointments.id is 'Appointment id.';
comment on column appointments.application_id is 'The submitted application the visit is for (one active appointment per application).';
comment on column appointments.account_id is 'Account that booked it; only it may change or cancel it.';
comment on column appointments.slot_id is 'The slot booked.';
comment on column appointments.state is 'booked (active), cancelled (by the applicant or staff), moved (replaced by a rescheduled one), checked-in (the visitor came) or no-show.';
comment on column appointments.booked_at is 'When it was booked.';
comment on column appointments.ended_at is 'When it stopped being active (cancelled, moved, checked in, no-show); null while booked.';
comment on column appointments.ended_by is 'Who ended it: the account id of the applicant, or staff:<account id>.';
