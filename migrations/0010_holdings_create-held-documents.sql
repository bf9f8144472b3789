-- Documents the Department issued to a person (held documents), reports that one was lost or
-- stolen, and the renewal reminders sent before one expires (holdings module).
create table held_documents (
  id uuid primary key,
  holder_account_id uuid not null,
  kind text not null check (kind in ('residence-permit', 'permanent-residence-permit', 'eu-residence-card', 'passport', 'identity-card')),
  document_number text not null,
  holder_given_names text not null,
  holder_surname text not null,
  holder_date_of_birth date not null,
  holder_nationality text not null,
  personal_code text,
  issued_on date not null,
  expires_on date not null,
  status text not null default 'valid' check (status in ('valid', 'reported-lost', 'reported-stolen', 'replaced', 'revoked')),
  invalidated_at timestamptz,
  renewal_service_id text not null,
  renewal_ground_id text,
  issued_on_application_id uuid,
  renewal_application_id uuid,
  photo_taken_on date,
  signature_taken_on date,
  created_at timestamptz not null,
  unique (kind, document_number),
  check ((status = 'valid') = (invalidated_at is null))
);
create index held_documents_holder_idx on held_documents (holder_account_id, expires_on);
create index held_documents_expiry_idx on held_documents (expires_on) where status = 'valid';
comment on table held_documents is 'Documents the Department issued to a person: residence permits and cards, citizens'' passports and identity cards (holdings module). Personal data: identity as printed on the document.';
comment on column held_documents.id is 'Held document id (internal).';
comment on column held_documents.holder_account_id is 'Account of the person who holds the document (personal data: pseudonymous id).';
comment on column held_documents.kind is 'residence-permit (temporary), permanent-residence-permit, eu-residence-card (family member of an EU citizen), passport or identity-card (citizens).';
comment on column held_documents.document_number is 'Number printed on the document (personal data).';
comment on column held_documents.holder_given_names is 'Given names as printed in Latin letters (personal data).';
comment on column held_documents.holder_surname is 'Surname as printed in Latin letters (personal data).';
comment on column held_documents.holder_date_of_birth is 'Date of birth as printed (personal data).';
comment on column held_documents.holder_nationality is 'Nationality, ISO 3166-1 alpha-3 (personal data).';
comment on column held_documents.personal_code is 'Lithuanian personal code (asmens kodas), 11 digits, when the holder has one (personal data: national identifier).';
comment on column held_documents.issued_on is 'Day the document was issued.';
comment on column held_documents.expires_on is 'Last day the document is valid.';
comment on column held_documents.status is 'valid, reported-lost or reported-stolen (by the holder, immediate and final), replaced or revoked (by the Department). Expiry is read from expires_on, not stored here.';
comment on column held_documents.invalidated_at is 'When the document stopped being valid; set exactly when status is not valid.';
comment on column held_documents.renewal_service_id is 'Catalogue service a renewal or new document is applied for with (content/lt/services).';
comment on column held_documents.renewal_ground_id is 'Catalogue ground of that service, when the renewal has one.';
comment on column held_documents.issued_on_application_id is 'Application the document was issued on, when it was filed in Vartai (its answers pre-fill a renewal).';
comment on column held_documents.renewal_application_id is 'Renewal draft started from this document, so a second start returns it.';
comment on column held_documents.photo_taken_on is 'Day the holder''s photo for this document was taken (biometric capture date, not the image).';
comment on column held_documents.signature_taken_on is 'Day the holder''s signature for this document was captured (date only, not the signature).';
comment on column held_documents.created_at is 'When the record was made in Vartai.';

create table loss_reports (
  id uuid primary key,
  held_document_id uuid not null unique references held_documents (id),
  what text not null check (what in ('lost', 'stolen')),
  occurred_on date not null,
  place text not null,
  circumstances text not null,
  reported_at timestamptz not null,
  reported_by_kind text not null,
  reported_by_id text
);
comment on table loss_reports is 'Reports that a held document was lost or stolen (holdings module): append-only, at most one per document. Personal data: where and how the loss happened.';
comment on column loss_reports.id is 'Report id; quoted as the report number.';
comment on column loss_reports.held_document_id is 'The document reported; it was invalidated in the same transaction.';
comment on column loss_reports.what is 'lost or stolen.';
comment on column loss_reports.occurred_on is 'Day the holder says the loss or theft happened.';
comment on column loss_reports.place is 'Where it happened, in the holder''s words (personal data).';
comment on column loss_reports.circumstances is 'How it happened, in the holder''s words (personal data).';
comment on column loss_reports.reported_at is 'When the report was made; the document is invalid from this moment.';
comment on column loss_reports.reported_by_kind is 'Who reported it: applicant (the holder) or staff.';
comment on column loss_reports.reported_by_id is 'Account id of the reporter (personal data: pseudonymous id).';

create function loss_reports_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'loss_reports is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end;
$$;
create trigger loss_reports_no_change before update or delete on loss_reports
  for each row execute function loss_reports_append_only();
revoke update, delete, truncate on loss_reports from public;

create table renewal_notices (
  held_document_id uuid not null references held_documents (id),
  threshold_days integer not null check (threshold_days in (120, 60)),
  expires_on date not null,
  sent_at timestamptz not null,
  primary key (held_document_id, threshold_days)
);
comment on table renewal_notices is 'Renewal reminders sent before a held document expires (holdings module): one per document and threshold, so the daily job is idempotent.';
comment on column renewal_notices.held_document_id is 'The document that is expiring.';
comment on column renewal_notices.threshold_days is 'Days before expiry the reminder is for: 120 or 60.';
comment on column renewal_notices.expires_on is 'The expiry day the reminder announced.';
comment on column renewal_notices.sent_at is 'When the reminder was recorded and its e-mail enqueued.';
