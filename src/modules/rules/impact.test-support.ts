import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { Db } from '../../platform/db';
import { DEFAULT_PACK_ROOT } from '../catalogue';

interface RuleLike {
  when: string[];
  then: Record<string, string>;
  explain: Record<string, string>;
}

/**
 * A proposed new version of the pack's `highly-qualified-salary` rule set that raises the general
 * threshold from the dated multiple (1.5 × VDU) to `multiple` × VDU written in the table, with
 * table tests for the new figure (tests, the impact analysis test and the benchmark use it).
 * The shortage-list threshold (1.2 × VDU) is kept.
 */
export function raisedSalaryThreshold(opts: {
  version?: string;
  effectiveFrom: string;
  multiple?: number;
}): string {
  const multiple = opts.multiple ?? 1.7;
  const file = path.join(DEFAULT_PACK_ROOT, 'rules', 'highly-qualified-salary', '1.yaml');
  const set = parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown> & {
    parameters: Record<string, unknown>;
    tables: { rules: RuleLike[] }[];
  };
  const raise = (text: string) => text.replace(/\bmultiple \* vdu\b/g, `${multiple} * vdu`);
  set.version = opts.version ?? '2';
  set.effectiveFrom = opts.effectiveFrom;
  delete set.parameters.multiple;
  for (const table of set.tables)
    for (const rule of table.rules) {
      rule.when = rule.when.map(raise);
      rule.then = Object.fromEntries(Object.entries(rule.then).map(([k, v]) => [k, raise(v)]));
      rule.explain = Object.fromEntries(
        Object.entries(rule.explain).map(([l, v]) => [
          l,
          v.replace(/\{multiple(,[^}]*)?\}/g, String(multiple)),
        ]),
      );
    }
  const threshold = Math.ceil(multiple * 222_300); // the VDU in force from 2025-10-15
  const hq = (salary: number, shortage: boolean | null) => ({
    ground: 'highly-qualified',
    employment: { monthlySalaryCents: salary, shortageOccupation: shortage },
  });
  set.tests = [
    {
      name: 'other grounds are not concerned',
      date: opts.effectiveFrom,
      input: { ground: 'work' },
      expect: { 'highly-qualified-salary': { outcome: 'met', fired: ['not-highly-qualified'] } },
    },
    {
      name: `exactly ${multiple} × VDU is enough`,
      date: opts.effectiveFrom,
      input: hq(threshold, false),
      expect: {
        'highly-qualified-salary': {
          outcome: 'met',
          fired: ['general-threshold-reached'],
          outputs: { thresholdCents: threshold },
        },
      },
    },
    {
      name: `a cent below ${multiple} × VDU is not`,
      date: opts.effectiveFrom,
      input: hq(threshold - 1, false),
      expect: {
        'highly-qualified-salary': { outcome: 'not-met', fired: ['general-threshold-missed'] },
      },
    },
    {
      name: 'the shortage-list threshold stays 1.2 × VDU',
      date: opts.effectiveFrom,
      input: hq(266_760, true),
      expect: {
        'highly-qualified-salary': { outcome: 'met', fired: ['shortage-threshold-reached'] },
      },
    },
  ];
  return stringify(set);
}

/** An open (or closed) submission evaluation as the journey stores it; only the input matters. */
export async function insertSubmission(
  q: Db,
  input: Record<string, unknown>,
  opts: { closed?: boolean; applicationId?: string } = {},
): Promise<string> {
  const applicationId = opts.applicationId ?? randomUUID();
  const at = new Date('2026-02-01T10:00:00Z');
  await q
    .withTables<{ rules_evaluations: Record<string, unknown> }>()
    .insertInto('rules_evaluations')
    .values({
      id: randomUUID(),
      application_id: applicationId,
      case_id: randomUUID(),
      purpose: 'submission',
      evaluated_at: at,
      for_date: '2026-02-01',
      service_id: String(input.service),
      input: JSON.stringify(input),
      input_hash: '0'.repeat(64),
      rule_sets: '[]',
      checks: '[]',
      explanations: '{}',
      closed_at: opts.closed ? new Date('2026-02-20T10:00:00Z') : null,
    })
    .execute();
  return applicationId;
}
