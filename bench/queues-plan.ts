/**
 * A short reading of `EXPLAIN (ANALYZE, FORMAT JSON)` for the `queues` benchmark: which indexes
 * the plan used, whether it read a table sequentially, whether it sorted, how long it ran.
 */
export interface PlanSummary {
  text: string;
  indexes: string[];
  executionMs: number;
}

interface PlanNode {
  'Node Type'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  'Sort Method'?: string;
  Plans?: PlanNode[];
}

export function explainSummary(raw: unknown): PlanSummary {
  // pg returns the JSON plan parsed; PGlite may hand back the text.
  const doc = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [
    { Plan: PlanNode; 'Execution Time'?: number },
  ];
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const sorts = new Set<string>();
  const walk = (n: PlanNode) => {
    if (n['Index Name']) indexes.add(n['Index Name']);
    if (n['Node Type'] === 'Seq Scan' && n['Relation Name']) seqScans.add(n['Relation Name']);
    if (n['Sort Method']) sorts.add(n['Sort Method']);
    n.Plans?.forEach(walk);
  };
  walk(doc[0].Plan);
  const parts = [
    `indexes: ${indexes.size > 0 ? [...indexes].join(', ') : 'none'}`,
    `seq scan: ${seqScans.size > 0 ? [...seqScans].join(', ') : 'none'}`,
    `sort: ${sorts.size > 0 ? [...sorts].join(', ') : 'none'}`,
    `top: ${doc[0].Plan['Node Type'] ?? '?'}`,
  ];
  return {
    text: parts.join('; '),
    indexes: [...indexes],
    executionMs: doc[0]['Execution Time'] ?? 0,
  };
}
