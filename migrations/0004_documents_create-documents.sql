-- Files attached to applications and other records. The bytes live encrypted in the storage port
-- under a generated key; this table holds what is needed to find, check and decrypt them.
create table documents (
  id uuid primary key,
  owner_kind text not null,
  owner_id text not null,
  account_id uuid references accounts (id),
  partner_id uuid,
  document_type text not null,
  original_name text not null,
  media_type text not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
  size_bytes integer not null check (size_bytes > 0),
  sha256 text not null,
  storage_key text not null unique,
  key_id text not null,
  scanner text not null,
  scan_result text not null,
  uploaded_at timestamptz not null,
  deleted_at timestamptz,
  deleted_by text,
  check ((account_id is null) <> (partner_id is null))
);
create index documents_owner_idx on documents (owner_kind, owner_id, document_type) where deleted_at is null;
create index documents_account_idx on documents (account_id, uploaded_at);
comment on table documents is 'Uploaded document files, encrypted at rest in the storage port (documents module). Personal data: the file contents (identity documents, certificates; may include special categories), held only encrypted outside this table; the original file name (may contain a name).';
comment on column documents.id is 'Document id.';
comment on column documents.owner_kind is 'Kind of record the file belongs to, e.g. application.';
comment on column documents.owner_id is 'Id of the record the file belongs to (in the owning module).';
comment on column documents.account_id is 'Account that uploaded the file (personal data: pseudonymous id); null when a partner system uploaded it.';
comment on column documents.partner_id is 'Partner system that uploaded the file through the API; null when an account did.';
comment on column documents.document_type is 'Catalogue document id, e.g. passport or employment-contract.';
comment on column documents.original_name is 'File name as given by the uploader, kept only to show back to them (personal data: may contain a name). Never used to store, type or serve the file.';
comment on column documents.media_type is 'Type detected from the bytes: application/pdf, image/jpeg or image/png.';
comment on column documents.size_bytes is 'Size of the plain file in bytes.';
comment on column documents.sha256 is 'SHA-256 of the plain file (hex), checked after decryption.';
comment on column documents.storage_key is 'Generated name of the encrypted file in the storage port (no part of the original name).';
comment on column documents.key_id is 'Id of the master key that wraps the file''s data key (for rotation).';
comment on column documents.scanner is 'Virus scanner that checked the file: clamav, or none when no scanner is configured.';
comment on column documents.scan_result is 'Result of the scan: clean (infected files are refused and never stored).';
comment on column documents.uploaded_at is 'When the file was stored.';
comment on column documents.deleted_at is 'When the uploader removed the file; removed files are no longer listed or served.';
comment on column documents.deleted_by is 'Who removed the file: account or partner id (personal data: pseudonymous id).';
