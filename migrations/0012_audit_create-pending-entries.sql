-- Audit entries are written in the business transaction as pending rows, without taking the
-- chain's lock; one chainer at a time links them into audit_log in batches shortly after they
-- commit (ADR 0007, "Pending entries"). Before, every entry held the single chain lock until its
-- transaction committed, which capped the whole system's write rate.
create table audit_pending (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_kind text not null check (actor_kind in ('anonymous', 'applicant', 'staff', 'partner', 'system')),
  actor_id text,
  action text not null,
  subject_kind text,
  subject_id text,
  purpose text,
  ip_hash text,
  details jsonb not null default '{}'::jsonb
);
comment on table audit_pending is 'Audit entries committed with their change and not yet linked into the audit_log chain (audit module). Emptied by the chainer within about a second. Personal data: actor and subject ids (pseudonymous).';
comment on column audit_pending.id is 'Order of writing; the chainer links entries in this order.';
comment on column audit_pending.at is 'When the action happened (injected clock).';
comment on column audit_pending.actor_kind is 'Kind of actor: anonymous, applicant, staff, partner or system.';
comment on column audit_pending.actor_id is 'Account or partner id of the actor (pseudonymous personal data).';
comment on column audit_pending.action is 'Stable action code, e.g. accounts.sign-in, personal-data.read.';
comment on column audit_pending.subject_kind is 'Kind of object acted on or read, e.g. account, application.';
comment on column audit_pending.subject_id is 'Id of the object acted on or read.';
comment on column audit_pending.purpose is 'Why personal data was read (the legal purpose), for reads.';
comment on column audit_pending.ip_hash is 'Keyed hash of the client address (not the address itself).';
comment on column audit_pending.details is 'Action-specific facts; never passwords, tokens or document contents.';
