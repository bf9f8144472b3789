-- The branch desk (appointments module, issue 5): every visit a branch serves, booked or not.
-- A booked visitor is checked in from the day's list (their appointment becomes checked-in and a
-- served row is written here at once); a visitor without a booking (a walk-in, where the branch
-- allows them) waits in the queue as a waiting row until served or gone. Each row keeps what the
-- desk recorded for the case (biometrics taken, originals seen) and who did it.
create table desk_visits (
  id uuid primary key,
  branch_code text not null,
  application_id uuid not null,
  appointment_id uuid references appointments (id),
  kind text not null check (kind in ('appointment', 'walk-in')),
  priority boolean not null default false,
  priority_reason text check (priority_reason in ('vulnerable', 'young-children')),
  arrived_at timestamptz not null,
  registered_by uuid not null,
  state text not null check (state in ('waiting', 'served', 'left')),
  ended_at timestamptz,
  served_by uuid,
  recorded text[] not null default '{}'
    check (recorded <@ array['biometrics', 'originals']::text[]),
  check ((kind = 'appointment') = (appointment_id is not null)),
  check (priority = (priority_reason is not null)),
  check ((state = 'waiting') = (ended_at is null)),
  check ((state = 'served') = (served_by is not null)),
  check (state = 'served' or cardinality(recorded) = 0)
);
-- One place in the queue per application, and one check-in per appointment.
create unique index desk_visits_one_waiting_idx on desk_visits (application_id)
  where state = 'waiting';
create unique index desk_visits_appointment_idx on desk_visits (appointment_id)
  where appointment_id is not null;
-- The day's queue of a branch, in arrival order.
create index desk_visits_branch_idx on desk_visits (branch_code, arrived_at);
comment on table desk_visits is 'Visits served at a branch desk, with or without a booking: the walk-in queue (priority first, then arrival) and what each visit recorded for the case (appointments module). Personal data: pseudonymous application id and whether priority was given for a vulnerable person (the reason only as a category, never health details).';
comment on column desk_visits.id is 'Desk visit id.';
comment on column desk_visits.branch_code is 'Branch code (content/lt/branches.yaml) where the visitor came.';
comment on column desk_visits.application_id is 'The submitted application the visit is for.';
comment on column desk_visits.appointment_id is 'The appointment checked in (kind appointment); null for a walk-in.';
comment on column desk_visits.kind is 'appointment (a booked visitor checked in) or walk-in (came without a booking, where the branch allows it).';
comment on column desk_visits.priority is 'Served before the others waiting (walk-ins).';
comment on column desk_visits.priority_reason is 'Why priority was given, as a category only: vulnerable (disability, illness, pregnancy, old age: deliberately not said which) or young-children; null without priority.';
comment on column desk_visits.arrived_at is 'When the visitor was registered at the desk.';
comment on column desk_visits.registered_by is 'Staff account id of who registered the arrival.';
comment on column desk_visits.state is 'waiting (in the queue), served (the visit was recorded on the case) or left (went away unserved).';
comment on column desk_visits.ended_at is 'When the visit was served or the visitor left; null while waiting.';
comment on column desk_visits.served_by is 'Staff account id of who served the visit and recorded it; null unless served.';
comment on column desk_visits.recorded is 'What the visit recorded, as the catalogue asks for the service: biometrics (photo and fingerprints taken), originals (original documents seen); empty unless served.';
