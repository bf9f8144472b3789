/**
 * The daily backlog snapshot (ADR 0015: `analytics_backlog_daily`, written once a day by the
 * first fold after Vilnius midnight, from `analytics_cases`). Pure: the case rows in, the day's
 * rows out (a whole day replaces, it is not added to).
 */
import type { CaseStatus } from '../../cases';
import { daysBetween } from './fold.days';
import type { AnalyticsCaseRow, Day } from './fold.types';

/** Groups of statuses a manager reads the backlog by; every status has one (checked by type). */
export const STATUS_GROUP: Record<CaseStatus, StatusGroup> = {
  submitted: 'awaiting-visit',
  'awaiting-visit': 'awaiting-visit',
  accepted: 'in-examination',
  'in-examination': 'in-examination',
  'information-requested': 'awaiting-applicant',
  'decision-proposed': 'awaiting-approval',
  // Decided or withdrawn cases are closed and not in a snapshot; a case closed on the snapshot
  // day itself still was open at its start, under its latest status.
  granted: 'after-decision',
  refused: 'after-decision',
  terminated: 'after-decision',
  'document-ordered': 'after-decision',
  'document-produced': 'after-decision',
  'ready-for-collection': 'after-decision',
  'sent-by-courier': 'after-decision',
  issued: 'after-decision',
  'revocation-proposed': 'after-decision',
  withdrawn: 'after-decision',
  revoked: 'after-decision',
};
export const STATUS_GROUPS = [
  'awaiting-visit',
  'in-examination',
  'awaiting-applicant',
  'awaiting-approval',
  'after-decision',
] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

/** Days since submission, lower bound of each band; the label is what the table stores. */
export const AGE_BANDS = [
  { from: 0, label: '0-30' },
  { from: 31, label: '31-60' },
  { from: 61, label: '61-90' },
  { from: 91, label: '91-180' },
  { from: 181, label: '181-365' },
  { from: 366, label: '366+' },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['label'];

export function ageBand(ageDays: number): AgeBand {
  let band: AgeBand = AGE_BANDS[0].label;
  for (const b of AGE_BANDS) if (ageDays >= b.from) band = b.label;
  return band;
}

export interface BacklogRow {
  day: Day;
  service_id: string;
  branch_code: string;
  status_group: StatusGroup;
  age_band: AgeBand;
  cases: number;
  overdue: number;
}

/**
 * Cases open at the start of `day`: submitted before it and not closed before it (the fold may
 * already have read a few of the day's events when the snapshot is taken; they do not count).
 * Age is whole days from submission to `day`; overdue means the deadline (as moved by
 * suspensions) is an earlier day.
 */
export function backlogSnapshot(day: Day, cases: Iterable<AnalyticsCaseRow>): BacklogRow[] {
  const rows = new Map<string, BacklogRow>();
  for (const c of cases) {
    if (c.submitted_on >= day) continue;
    if (c.closed_on !== null && c.closed_on < day) continue;
    const group = STATUS_GROUP[c.status];
    const band = ageBand(daysBetween(c.submitted_on, day));
    const key = [c.service_id, c.branch_code, group, band].join('|');
    let row = rows.get(key);
    if (!row) {
      row = {
        day,
        service_id: c.service_id,
        branch_code: c.branch_code,
        status_group: group,
        age_band: band,
        cases: 0,
        overdue: 0,
      };
      rows.set(key, row);
    }
    row.cases++;
    if (c.deadline_on !== null && c.deadline_on < day) row.overdue++;
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}
