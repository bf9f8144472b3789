-- Revoking an issued permit is a decision like a refusal: proposed by one officer, approved by a
-- second (four eyes), with legal grounds, reasons and a letter (cases module, issue 4). The
-- proposal is a decisions row with outcome 'revoke'.
alter table decisions drop constraint decisions_outcome_check;
alter table decisions add constraint decisions_outcome_check
  check (outcome in ('grant', 'refuse', 'terminate', 'revoke'));
comment on column decisions.outcome is 'Proposed outcome: grant, refuse, terminate (examination terminated) or revoke (an issued permit).';

-- A decision (or a withdrawal) ends the legal term: the queue's deadline cache is cleared then
-- (cases.service recordAction), so cases decided before this migration are cleared here too.
update cases set deadline_on = null
  where deadline_on is not null
    and status in ('granted', 'refused', 'terminated', 'document-ordered', 'document-produced',
      'ready-for-collection', 'sent-by-courier', 'issued', 'revoked', 'withdrawn');
comment on column cases.deadline_on is 'Cache: the last day of the legal term while it runs (suspensions counted at the time of the action); null before the term starts, where the pack names no term, and once the case is decided or withdrawn.';
