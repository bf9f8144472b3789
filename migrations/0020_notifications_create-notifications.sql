-- Notifications to applicants (notifications module, issue 4 point 8): what the person was told,
-- in their account and by e-mail and SMS, and the mobile number they gave for SMS with their
-- consent. The texts come from the country pack (content/lt/notifications.yaml) and are stored as
-- rendered, so the inbox shows what was sent even after the pack changes.
--
-- Why the preferences are a table of their own rather than columns on accounts: the accounts
-- module owns that table, and a number given only for notifications belongs with them (and goes
-- with them if SMS is ever switched off).
create table notifications (
  id uuid primary key,
  account_id uuid not null references accounts (id),
  application_id uuid,
  event text not null check (event in ('application-received', 'visit-needed', 'information-requested', 'information-due-soon', 'decision-made', 'document-ready-for-collection', 'document-sent-by-courier', 'contact-centre-message')),
  dedupe_key text not null unique,
  lang text not null check (lang in ('lt', 'en', 'ru', 'uk')),
  subject text not null,
  body text not null,
  sms_text text not null,
  link text not null check (link like '/%'),
  created_at timestamptz not null,
  read_at timestamptz,
  email_sent_at timestamptz,
  sms_sent_at timestamptz
);
-- The inbox: one person's notifications, newest first, and the unread count on /account.
create index notifications_account_idx on notifications (account_id, created_at desc);
comment on table notifications is 'What an applicant was told about their applications, as shown in the account and sent by e-mail and SMS (notifications module). Personal data: the name in the text and, for contact centre messages, what the agent wrote.';
comment on column notifications.id is 'Notification id.';
comment on column notifications.account_id is 'The account told (the person the application is for, or whoever filed it).';
comment on column notifications.application_id is 'The application it is about; null for none.';
comment on column notifications.event is 'What happened: one of the events of content/lt/notifications.yaml.';
comment on column notifications.dedupe_key is 'event:business id (application, case, request, decision, order or message): the same happening is notified once, however often a job retries.';
comment on column notifications.lang is 'Language of the texts: the account''s language when it was made.';
comment on column notifications.subject is 'Subject line, rendered from the pack template.';
comment on column notifications.body is 'Text of the e-mail and of the account''s inbox, rendered from the pack template (personal data: the name).';
comment on column notifications.sms_text is 'Short text for SMS, rendered from the pack: no personal data beyond the application reference.';
comment on column notifications.link is 'Portal page the notification leads to, as a path (e.g. /applications/<id>/letters).';
comment on column notifications.created_at is 'When the notification was made (the time of the event it reports, where given).';
comment on column notifications.read_at is 'When the person first opened it in their account; null while unread.';
comment on column notifications.email_sent_at is 'When the e-mail was handed to the mail server; null until then (set before sending, cleared if sending fails).';
comment on column notifications.sms_sent_at is 'When the SMS was handed to the gateway; null if none was sent (no number, no consent, or not yet).';

create table notification_preferences (
  account_id uuid primary key references accounts (id),
  mobile_number text check (mobile_number ~ '^\+[1-9][0-9]{7,14}$'),
  sms_consent boolean not null default false,
  sms_consent_at timestamptz,
  updated_at timestamptz not null,
  check (not sms_consent or (mobile_number is not null and sms_consent_at is not null))
);
comment on table notification_preferences is 'How an applicant wants to be told besides the account and e-mail: a mobile number and consent to SMS (notifications module). Personal data: the mobile number.';
comment on column notification_preferences.account_id is 'The applicant''s account.';
comment on column notification_preferences.mobile_number is 'Mobile number in E.164 form (+37060000000); null when none was given (personal data, contact).';
comment on column notification_preferences.sms_consent is 'Whether the person agreed to notifications by SMS; false sends none.';
comment on column notification_preferences.sms_consent_at is 'When the consent was given; null without consent.';
comment on column notification_preferences.updated_at is 'Last change of these preferences.';
