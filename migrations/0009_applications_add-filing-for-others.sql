-- Applications filed for someone else: by an organisation for a foreigner it invites (the
-- invitee, reached by e-mail until they have an account), or by a parent for a child.
alter table applications add column filed_by_organisation_id uuid;
alter table applications add column invitee_email text;
alter table applications add column invitee_lang text check (invitee_lang in ('lt', 'en', 'ru', 'uk'));
alter table applications add column for_person_name text;
-- An ISO date as text (YYYY-MM-DD), like the date answers: no time zone can shift it.
alter table applications add column for_person_birth_date text check (for_person_birth_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$');
alter table applications add constraint applications_organisation_filing check (
  filed_by_kind <> 'organisation' or (filed_by_organisation_id is not null and invitee_email is not null)
);
alter table applications add constraint applications_parent_filing check (
  filed_by_kind <> 'parent' or (for_person_name is not null and for_person_birth_date is not null)
);
create index applications_organisation_idx on applications (filed_by_organisation_id, created_at);
create index applications_invitee_idx on applications (lower(invitee_email)) where owner_account_id is null;
comment on column applications.filed_by_organisation_id is 'Organisation (accounts module) whose member filed it for an invited foreigner; its members see it.';
comment on column applications.invitee_email is 'E-mail of the invited foreigner an organisation filed for (personal data, contact). Links the application to their account once that address is verified.';
comment on column applications.invitee_lang is 'Language the organisation chose for e-mails to the invitee until they have an account.';
comment on column applications.for_person_name is 'Name of the person it is for when someone else files: the child (parent filing) or the invitee (organisation filing) (personal data).';
comment on column applications.for_person_birth_date is 'Date of birth of the child a parent files for; the child must be under 18 on the day of submission (personal data).';
