-- Requests for information (cases module, issue 4): an officer lists what is missing with a due
-- date; the applicant answers in the portal with text and documents. While a request is open the
-- legal term of the case is suspended (src/modules/cases/legal-clock.ts reads these rows). The
-- request and the case action 'information-requested' are written in one transaction, the answer
-- and 'information-received' in another. A row is inserted once and answered once, then frozen.
create table information_requests (
  id uuid primary key,
  case_id uuid not null references cases (id),
  seq integer not null,
  items jsonb not null,
  message text not null default '',
  due_on date not null,
  requested_by uuid not null,
  requested_at timestamptz not null,
  answered_at timestamptz,
  answered_by uuid,
  answer_text text,
  unique (case_id, seq)
);
-- At most one unanswered request per case.
create unique index information_requests_open_idx on information_requests (case_id) where answered_at is null;
comment on table information_requests is 'Requests for information sent to the applicant during the examination of a case, and their answers (cases module). Personal data: the message and answer text, staff and applicant account ids.';
comment on column information_requests.id is 'Request id (internal); owner id of the documents the applicant sends with the answer (owner kind information-request).';
comment on column information_requests.case_id is 'The case the request belongs to.';
comment on column information_requests.seq is 'Number of the request within its case, 1, 2, 3 …; used in the portal address.';
comment on column information_requests.items is 'What is missing: a list of {"documentType": catalogue document id} or {"text": free text}.';
comment on column information_requests.message is 'The officer''s message to the applicant (may be empty).';
comment on column information_requests.due_on is 'Calendar day (Vilnius) by which the applicant is asked to answer.';
comment on column information_requests.requested_by is 'Staff account id of the officer who sent the request.';
comment on column information_requests.requested_at is 'When the request was sent; the legal term is suspended from this day.';
comment on column information_requests.answered_at is 'When the applicant answered; null while open. The legal term resumes from this day.';
comment on column information_requests.answered_by is 'Account id of whoever answered (the applicant or whoever filed the application); null while open.';
comment on column information_requests.answer_text is 'The answer''s text; documents are stored by the documents module with this request as owner.';

create function information_requests_answer_once() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' or old.answered_at is not null
     or new.id <> old.id or new.case_id <> old.case_id or new.seq <> old.seq
     or new.items <> old.items or new.message <> old.message or new.due_on <> old.due_on
     or new.requested_by <> old.requested_by or new.requested_at <> old.requested_at then
    raise exception 'information_requests rows are only answered once (% refused)', tg_op
      using errcode = 'insufficient_privilege';
  end if;
  return new;
end;
$$;
create trigger information_requests_answer_once before update or delete on information_requests
  for each row execute function information_requests_answer_once();
