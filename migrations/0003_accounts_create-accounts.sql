-- People who sign in: applicants (self-registered) and staff (created by administrators), the
-- Department's branches staff belong to, and single-use tokens sent by e-mail.
create table branches (
  id uuid primary key,
  code text not null unique,
  names jsonb not null,
  city text not null,
  address text not null,
  created_at timestamptz not null
);
comment on table branches is 'Branches (client service units) of the authority (accounts module). No personal data.';
comment on column branches.id is 'Branch id.';
comment on column branches.code is 'Short stable code, e.g. VLN for Vilnius.';
comment on column branches.names is 'Name per language: {"lt": …, "en": …, "ru": …, "uk": …}.';
comment on column branches.city is 'City of the branch.';
comment on column branches.address is 'Street address for visitors.';
comment on column branches.created_at is 'When the branch was registered in Vartai.';

create table accounts (
  id uuid primary key,
  kind text not null check (kind in ('applicant', 'staff')),
  email text not null,
  display_name text not null,
  password_hash text not null,
  email_verified_at timestamptz,
  preferred_lang text not null default 'lt' check (preferred_lang in ('lt', 'en', 'ru', 'uk')),
  roles text[] not null default '{}',
  branch_id uuid references branches (id),
  totp_secret text,
  totp_confirmed_at timestamptz,
  totp_last_step bigint,
  password_changed_at timestamptz not null,
  disabled_at timestamptz,
  created_at timestamptz not null,
  check (kind = 'staff' or (cardinality(roles) = 0 and branch_id is null))
);
create unique index accounts_email_key on accounts (lower(email));
comment on table accounts is 'Sign-in accounts of applicants and staff (accounts module). Personal data: e-mail and name (contact data).';
comment on column accounts.id is 'Account id.';
comment on column accounts.kind is 'applicant (self-registered) or staff (created by an administrator).';
comment on column accounts.email is 'E-mail address used to sign in (personal data, contact).';
comment on column accounts.display_name is 'Name shown in the interface (personal data).';
comment on column accounts.password_hash is 'argon2id hash of the password (secret; never logged or shown).';
comment on column accounts.email_verified_at is 'When the owner proved control of the e-mail address; null until then.';
comment on column accounts.preferred_lang is 'Language for e-mails and letters.';
comment on column accounts.roles is 'Staff roles: officer, team-lead, call-centre, administrator. Empty for applicants.';
comment on column accounts.branch_id is 'Staff member''s branch; null for applicants and for staff of the central office.';
comment on column accounts.totp_secret is 'Base32 TOTP secret for staff MFA (secret; never logged or shown after enrolment).';
comment on column accounts.totp_confirmed_at is 'When the staff member proved the authenticator works; MFA enrolment is complete.';
comment on column accounts.totp_last_step is 'Last accepted TOTP time step, so a code cannot be replayed.';
comment on column accounts.password_changed_at is 'Last password change; sessions older than this are ended.';
comment on column accounts.disabled_at is 'When the account was disabled; disabled accounts cannot sign in.';
comment on column accounts.created_at is 'When the account was created.';

create table account_tokens (
  token_hash text primary key,
  account_id uuid not null references accounts (id),
  purpose text not null check (purpose in ('verify-email', 'reset-password')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index account_tokens_account_idx on account_tokens (account_id, purpose);
comment on table account_tokens is 'Single-use, time-limited tokens sent by e-mail (accounts module). Only hashes are stored.';
comment on column account_tokens.token_hash is 'SHA-256 of the token in the e-mailed link.';
comment on column account_tokens.account_id is 'Account the token acts on.';
comment on column account_tokens.purpose is 'verify-email or reset-password.';
comment on column account_tokens.created_at is 'When the token was issued.';
comment on column account_tokens.expires_at is 'After this the token is refused.';
comment on column account_tokens.used_at is 'When the token was used; a used token is refused.';
