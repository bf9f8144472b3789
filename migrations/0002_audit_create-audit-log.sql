-- Append-only, hash-chained audit trail (DESIGN §5). Each row's hash covers its content and the
-- previous row's hash, so editing or deleting any row breaks the chain from there on.
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_kind text not null check (actor_kind in ('anonymous', 'applicant', 'staff', 'partner', 'system')),
  actor_id text,
  action text not null,
  subject_kind text,
  subject_id text,
  purpose text,
  ip_hash text,
  details jsonb not null default '{}'::jsonb,
  prev_hash text not null,
  hash text not null
);
create index audit_log_subject_idx on audit_log (subject_kind, subject_id);
create index audit_log_actor_idx on audit_log (actor_kind, actor_id);
comment on table audit_log is 'Audit trail (audit module): who did or read what, when and why. Append-only; hash-chained. Personal data: actor and subject ids (pseudonymous).';
comment on column audit_log.seq is 'Position in the chain, 1, 2, 3 … without gaps.';
comment on column audit_log.at is 'When the action happened (injected clock).';
comment on column audit_log.actor_kind is 'Kind of actor: anonymous, applicant, staff, partner or system.';
comment on column audit_log.actor_id is 'Account or partner id of the actor (pseudonymous personal data).';
comment on column audit_log.action is 'Stable action code, e.g. accounts.sign-in, personal-data.read.';
comment on column audit_log.subject_kind is 'Kind of object acted on or read, e.g. account, application.';
comment on column audit_log.subject_id is 'Id of the object acted on or read.';
comment on column audit_log.purpose is 'Why personal data was read (the legal purpose), for reads.';
comment on column audit_log.ip_hash is 'Keyed hash of the client address (not the address itself).';
comment on column audit_log.details is 'Action-specific facts; never passwords, tokens or document contents.';
comment on column audit_log.prev_hash is 'Hash of the previous row (64 zeros for the first).';
comment on column audit_log.hash is 'SHA-256 over prev_hash and this row''s canonical content.';

-- The application may only append. The trigger holds for every role that does not disable
-- triggers, on PGlite and PostgreSQL alike; privileges are revoked as well for deployments
-- that run the app under its own role.
create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();
revoke update, delete, truncate on audit_log from public;
