-- Urgency levels beyond urgent yes/no (general, urgent, next-day, same-day, as the catalogue lists
-- them for a service and ground), the fee exemptions the applicant claims, and how the produced
-- document reaches the person. `urgent` stays, kept equal to `urgency <> 'general'`, because the
-- partner API and older readers still speak of it.
alter table applications add column urgency text not null default 'general';
update applications set urgency = 'urgent' where urgent;
alter table applications add column fee_exemptions jsonb;
alter table applications add column delivery_method text check (delivery_method in ('branch', 'courier'));
alter table applications add column delivery_branch text;
alter table applications add column delivery_address text;
alter table applications add constraint applications_urgent_matches_urgency check (urgent = (urgency <> 'general'));

comment on column applications.urgent is 'Any level faster than general was chosen (kept equal to urgency <> ''general'' for older readers and the partner API).';
comment on column applications.urgency is 'Urgency level chosen: general, urgent, next-day or same-day, as the catalogue offers for the service and ground; the fee and legal term follow it.';
comment on column applications.fee_exemptions is 'Fee exemptions the applicant claims (catalogue exemption ids, JSON array); [] when none applies, null while not asked. The most favourable applicable one sets the fee.';
comment on column applications.delivery_method is 'How the produced document reaches the person: collected at a branch, or by courier to an address; null while not chosen.';
comment on column applications.delivery_branch is 'Code of the branch where the document will be collected (accounts module branches).';
comment on column applications.delivery_address is 'Address in Lithuania for courier delivery (personal data: home or postal address).';
