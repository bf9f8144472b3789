import { describe, expect, it } from 'vitest';
import { explainSummary } from './queues-plan';

const PLAN = [
  {
    Plan: {
      'Node Type': 'Limit',
      Plans: [
        {
          'Node Type': 'Sort',
          'Sort Method': 'top-N heapsort',
          Plans: [
            {
              'Node Type': 'BitmapOr',
              Plans: [
                { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'cases_branch_queue_idx' },
                { 'Node Type': 'Bitmap Index Scan', 'Index Name': 'cases_queue_idx' },
              ],
            },
            { 'Node Type': 'Seq Scan', 'Relation Name': 'branches' },
          ],
        },
      ],
    },
    'Execution Time': 12.5,
  },
];

describe('explainSummary', () => {
  it('names the indexes, sequential scans and sorts of a plan, parsed or as text', () => {
    for (const raw of [PLAN, JSON.stringify(PLAN)]) {
      expect(explainSummary(raw)).toEqual({
        text: 'indexes: cases_branch_queue_idx, cases_queue_idx; seq scan: branches; sort: top-N heapsort; top: Limit',
        indexes: ['cases_branch_queue_idx', 'cases_queue_idx'],
        executionMs: 12.5,
      });
    }
  });

  it('says none when the plan uses no index', () => {
    const s = explainSummary([{ Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'cases' } }]);
    expect(s.text).toBe('indexes: none; seq scan: cases; sort: none; top: Seq Scan');
    expect(s.executionMs).toBe(0);
  });
});
