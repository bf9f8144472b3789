-- Organisations that file applications for the foreigners they invite (employers, universities),
-- and the applicant accounts that act for them. An organisation is registered by one of its
-- people after its legal-entity code was checked in the Register of Legal Entities (JAR).
create table organisations (
  id uuid primary key,
  code text not null check (code ~ '^[0-9]{9}$'),
  name text not null,
  kind text not null check (kind in ('employer', 'university')),
  legal_form text,
  registry_checked_at timestamptz not null,
  created_by uuid not null references accounts (id),
  created_at timestamptz not null
);
create unique index organisations_code_key on organisations (code);
comment on table organisations is 'Organisations that invite foreigners and file applications for them (accounts module). No personal data: legal entities only.';
comment on column organisations.id is 'Organisation id.';
comment on column organisations.code is 'Lithuanian legal-entity code (juridinio asmens kodas), 9 digits, as checked in the Register of Legal Entities.';
comment on column organisations.name is 'Name as the Register of Legal Entities gives it (not as typed).';
comment on column organisations.kind is 'employer or university: decides which services it may file (the service''s applicants list in the country pack).';
comment on column organisations.legal_form is 'Legal form from the register, e.g. UAB, VšĮ; null if the register gives none.';
comment on column organisations.registry_checked_at is 'When the code was last confirmed as registered in the Register of Legal Entities.';
comment on column organisations.created_by is 'Account that registered the organisation and became its first administrator (personal data: pseudonymous id).';
comment on column organisations.created_at is 'When the organisation was registered in Vartai.';

create table organisation_members (
  organisation_id uuid not null references organisations (id),
  account_id uuid not null references accounts (id),
  role text not null check (role in ('admin', 'member')),
  added_by uuid references accounts (id),
  added_at timestamptz not null,
  primary key (organisation_id, account_id)
);
create index organisation_members_account_idx on organisation_members (account_id);
comment on table organisation_members is 'Applicant accounts that act for an organisation (accounts module). Personal data: account ids (pseudonymous).';
comment on column organisation_members.organisation_id is 'The organisation.';
comment on column organisation_members.account_id is 'The member''s applicant account (personal data: pseudonymous id).';
comment on column organisation_members.role is 'admin (may add members) or member (files applications and sees the invitees).';
comment on column organisation_members.added_by is 'Administrator who added the member; null for the one who registered the organisation.';
comment on column organisation_members.added_at is 'When the account became a member.';
