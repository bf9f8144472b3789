-- Notices of visits (appointments, issue 5): the notifications table accepts the seven visit
-- events (booked, moved, cancelled by the holder or by the branch, a held offer, a lapsed offer,
-- the reminder the day before).
alter table notifications drop constraint notifications_event_check;
alter table notifications add constraint notifications_event_check check (event in (
  'application-received', 'visit-needed', 'information-requested', 'information-due-soon',
  'decision-made', 'document-ready-for-collection', 'document-sent-by-courier',
  'contact-centre-message', 'visit-booked', 'visit-moved', 'visit-cancelled',
  'visit-cancelled-by-branch', 'visit-offered', 'visit-offer-lapsed', 'visit-reminder'));
