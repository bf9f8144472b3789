-- Indexes for the decision date estimate (estimates module, issue 8). The tables belong to the
-- cases module; the reads are its `throughput.repository.ts`, which the estimate calls on every
-- case view and every applicant's application page. Without these indexes each estimate read
-- all case actions (millions of rows) to count a service's recent decisions, and all cases of a
-- service to find the place in line. Both indexes are partial: decisions are one action in
-- about eight, and cases still in line a few per cent of all cases.

-- Decisions per day: the decision actions in time order, with the case to look the service up.
create index case_actions_decisions_idx on case_actions (at) include (case_id)
  where kind in ('decided', 'decision-approved');

-- The place in line: cases still waiting for a decision, per service, in the queue's order.
-- The status list is IN_LINE_STATUSES in src/modules/cases/throughput.repository.ts (not
-- decided, not closed, not suspended by a request for information); keep the two the same.
create index cases_service_line_idx on cases (service_id, deadline_on, opened_at, id)
  where status in ('submitted', 'awaiting-visit', 'accepted', 'in-examination', 'decision-proposed');

comment on index case_actions_decisions_idx is
  'Decision actions (decided, decision-approved) by time, for decisions per service per day in the decision date estimate. No personal data.';
comment on index cases_service_line_idx is
  'Cases waiting in line for a decision, per service in queue order, for the place in line in the decision date estimate. No personal data.';
