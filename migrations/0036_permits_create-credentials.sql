-- Digital permits (permits module, issue 9): the permit a grant gives, issued as an SD-JWT VC
-- credential with a place in a Token Status List; the status lists themselves; the share codes
-- a holder makes for employers and landlords, and every check made with them.

-- A status list: a bit per credential (1 = invalid), published signed at a stable URL.
-- `version` moves in the same transaction as any change, so a cached signed list is reused
-- only while it is still true.
create table credential_status_lists (
  id integer primary key,
  size integer not null check (size > 0 and size % 8 = 0),
  version bigint not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
comment on table credential_status_lists is 'Token Status Lists (IETF draft-ietf-oauth-status-list) the permit credentials point to (permits module). No personal data.';
comment on column credential_status_lists.id is 'List number, part of the list''s URL /credentials/status/{id}.';
comment on column credential_status_lists.size is 'Number of entries (credentials) the list holds; a multiple of 8.';
comment on column credential_status_lists.version is 'Moves on every change of an entry, so a cached signed list is known to be stale.';
comment on column credential_status_lists.created_at is 'When the list was opened.';
comment on column credential_status_lists.updated_at is 'When an entry last changed.';

-- Digital permit numbers: SL (skaitmeninis leidimas) and eight digits from this sequence.
create sequence permit_number_seq;
comment on sequence permit_number_seq is 'Numbers of digital permits (permits module). No personal data.';

create table permits (
  id uuid primary key,
  case_id uuid,
  application_id uuid,
  holder_account_id uuid,
  credential_type text not null,
  service_id text not null,
  ground_id text,
  document_number text not null unique,
  given_name text not null,
  family_name text not null,
  birthdate date not null,
  photo_ref text not null unique,
  right_to_work boolean not null,
  valid_from date not null,
  valid_until date not null,
  status_list integer not null references credential_status_lists (id),
  status_idx integer not null check (status_idx >= 0),
  state text not null default 'valid' check (state in ('valid', 'revoked', 'replaced')),
  state_changed_at timestamptz,
  replaced_by uuid references permits (id),
  kid text not null,
  credential text not null,
  issued_at timestamptz not null,
  unique (status_list, status_idx),
  check ((state = 'valid') = (state_changed_at is null))
);
create index permits_holder_idx on permits (holder_account_id, issued_at);
create index permits_application_idx on permits (application_id);
create index permits_invalid_idx on permits (status_list, status_idx) where state <> 'valid';
comment on table permits is 'Digital permits: the permit a grant gave, with the SD-JWT VC credential issued for it (permits module). Personal data: identity as on the permit.';
comment on column permits.id is 'Permit id (internal).';
comment on column permits.case_id is 'The case whose grant gave the permit; null for demo permits loaded without a case.';
comment on column permits.application_id is 'The application the permit was granted on; revocation finds the permit by it.';
comment on column permits.holder_account_id is 'Account of the person the permit is for (personal data: pseudonymous id); null when that person has no account yet.';
comment on column permits.credential_type is 'Credential type per permit (temporary-residence-permit, temporary-protection, ...); the vct is {issuer}/credentials/types/{type}.';
comment on column permits.service_id is 'Catalogue service the permit was granted under.';
comment on column permits.ground_id is 'Catalogue ground of the grant, when the service has grounds.';
comment on column permits.document_number is 'Digital permit number (personal data: document identifier).';
comment on column permits.given_name is 'Given names in Latin letters, as on the permit (personal data).';
comment on column permits.family_name is 'Surname in Latin letters, as on the permit (personal data).';
comment on column permits.birthdate is 'Date of birth (personal data); share code checks compare with it.';
comment on column permits.photo_ref is 'Unguessable reference to the holder''s photo at the Department (personal data: a key to biometric data).';
comment on column permits.right_to_work is 'Whether the permit gives the right to work, from the country pack.';
comment on column permits.valid_from is 'First day the permit is valid.';
comment on column permits.valid_until is 'Last day the permit is valid.';
comment on column permits.status_list is 'Status list the credential points to.';
comment on column permits.status_idx is 'Entry of the credential in its status list, drawn at random (herd privacy).';
comment on column permits.state is 'valid, revoked (a revocation decision) or replaced (a newer permit of the same type for the same holder).';
comment on column permits.state_changed_at is 'When the permit stopped being valid.';
comment on column permits.replaced_by is 'The permit that replaced this one.';
comment on column permits.kid is 'Key id of the issuer key that signed the credential.';
comment on column permits.credential is 'The SD-JWT VC as issued, with every disclosure (personal data: all the claims above).';
comment on column permits.issued_at is 'When the credential was issued.';

create table share_codes (
  id uuid primary key,
  permit_id uuid not null references permits (id),
  holder_account_id uuid not null,
  code_digest text not null unique,
  code_hint text not null,
  purpose text not null check (purpose in ('work', 'renting', 'other')),
  created_at timestamptz not null,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  check (expires_at > created_at)
);
create index share_codes_permit_idx on share_codes (permit_id, created_at);
create index share_codes_holder_idx on share_codes (holder_account_id, created_at);
comment on table share_codes is 'Share codes a permit holder made so an employer, landlord or other verifier can check a purpose''s facts (permits module).';
comment on column share_codes.id is 'Share code id (internal).';
comment on column share_codes.permit_id is 'The permit the code shows.';
comment on column share_codes.holder_account_id is 'Account that made the code (personal data: pseudonymous id).';
comment on column share_codes.code_digest is 'SHA-256 of the normalised code; the code itself is shown once and not kept.';
comment on column share_codes.code_hint is 'Last three characters of the code, so the holder can tell codes apart.';
comment on column share_codes.purpose is 'work, renting or other: decides which facts a check shows.';
comment on column share_codes.created_at is 'When the code was made.';
comment on column share_codes.expires_at is 'When the code stops working (at most 90 days after it was made).';
comment on column share_codes.revoked_at is 'When the holder withdrew the code; null while it works.';

create table share_code_checks (
  id uuid primary key,
  share_code_id uuid not null references share_codes (id),
  checked_at timestamptz not null,
  verifier_name text not null,
  channel text not null check (channel in ('page', 'api')),
  outcome text not null check (outcome in ('shown', 'code-expired', 'code-revoked', 'permit-invalid'))
);
create index share_code_checks_code_idx on share_code_checks (share_code_id, checked_at);
comment on table share_code_checks is 'Every check made with a right share code and date of birth; the holder sees them (permits module).';
comment on column share_code_checks.id is 'Check id (internal).';
comment on column share_code_checks.share_code_id is 'The share code used.';
comment on column share_code_checks.checked_at is 'When the check was made.';
comment on column share_code_checks.verifier_name is 'The organisation or person the verifier said they are, or the API partner''s name (personal data when a person).';
comment on column share_code_checks.channel is 'page (/check) or api (POST /api/v1/share-codes/check).';
comment on column share_code_checks.outcome is 'shown (facts shown), code-expired, code-revoked or permit-invalid (revoked, replaced or expired permit).';
