-- Queue pages read open cases in deadline order. 95 % of cases are closed, so the earlier
-- indexes made a page read every closed case of a branch first (about 250 ms at 1 000 000 cases,
-- docs/benchmarks.md "queues"). Partial indexes over open cases in the queue's sort order let a
-- page stop after its 25 rows.
create index cases_open_queue_idx on cases (deadline_on, opened_at, id) include (term_starts_on)
  where status not in ('refused', 'terminated', 'withdrawn', 'revoked', 'issued');
create index cases_open_branch_queue_idx on cases (branch_id, deadline_on, opened_at, id) include (term_starts_on)
  where status not in ('refused', 'terminated', 'withdrawn', 'revoked', 'issued');
