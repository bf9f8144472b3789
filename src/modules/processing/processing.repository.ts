import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type { ProposalCheck } from './features';
import {
  STEPS,
  type IdentityOutcome,
  type Step,
  type StepState,
  type Trigger,
} from './processing.types';

/** A row of processing_steps (migration 0033): append-only. */
export interface ProcessingStepRow {
  case_id: string;
  run_seq: number;
  step: Step;
  state: StepState;
  trigger: Trigger;
  input_ref: string;
  result: Record<string, unknown>;
  at: Date;
}

export type ProposalState = 'prepared' | 'used' | 'superseded';

/** A row of processing_proposals: a grant prepared for a routine case. */
export interface ProposalRow {
  id: string;
  case_id: string;
  run_seq: number;
  outcome: 'grant';
  grounds: string[];
  reasons: string;
  checks: ProposalCheck[];
  action_seq: number;
  state: ProposalState;
  created_at: Date;
  settled_at: Date | null;
  settled_by: string | null;
}

type Tables = { processing_steps: ProcessingStepRow; processing_proposals: ProposalRow };
type Q = Kysely<Tables>;
const json = (v: unknown) => JSON.stringify(v) as never;

/** Data access for the processing module's own tables only. */
export function createProcessingRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    /** The latest run's number on a case (0 before the first). */
    async lastRunSeq(caseId: string, t?: AnyTransaction): Promise<number> {
      const r = await as(t)
        .selectFrom('processing_steps')
        .select(sql<number>`coalesce(max(run_seq), 0)::int`.as('n'))
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return r?.n ?? 0;
    },
    /** The steps of one run (the latest when `runSeq` is not given), in pipeline order. */
    async steps(caseId: string, runSeq?: number, t?: AnyTransaction) {
      const seq = runSeq ?? (await this.lastRunSeq(caseId, t));
      if (seq === 0) return [];
      const rows = await as(t)
        .selectFrom('processing_steps')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('run_seq', '=', seq)
        .execute();
      return rows.sort((a, b) => STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
    },
    /**
     * The latest run in one read: its number, the identity it found, the input reference its
     * triage ran on and what its routing did (tier, grant prepared); undefined before the first.
     */
    async lastRun(caseId: string, t?: AnyTransaction) {
      const rows = await as(t)
        .selectFrom('processing_steps')
        .select(['run_seq', 'step', 'input_ref', 'result'])
        .where('case_id', '=', caseId)
        .where('step', 'in', ['identity', 'triage', 'routing'])
        .where(
          'run_seq',
          '=',
          sql<number>`(select max(run_seq) from processing_steps where case_id = ${caseId})`,
        )
        .execute();
      const identity = rows.find((r) => r.step === 'identity');
      const triage = rows.find((r) => r.step === 'triage');
      const routing = rows.find((r) => r.step === 'routing')?.result;
      if (!identity || !triage) return undefined;
      const r = identity.result;
      return {
        runSeq: triage.run_seq,
        triageInput: triage.input_ref,
        // Without a routing step (never so far) the tier is unknown and a grant may wait.
        tier: typeof routing?.tier === 'string' ? routing.tier : null,
        proposal: routing?.proposal !== false,
        identity: {
          outcome: r.outcome as IdentityOutcome,
          personId: typeof r.personId === 'string' ? r.personId : null,
          ref: typeof r.matched === 'string' ? r.matched : identity.input_ref,
        },
      };
    },
    insertSteps: async (rows: ProcessingStepRow[], t: AnyTransaction) => {
      await as(t)
        .insertInto('processing_steps')
        .values(rows.map((r) => ({ ...r, result: json(r.result) })))
        .execute();
    },
    prepared: (caseId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('processing_proposals')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('state', '=', 'prepared')
        .executeTakeFirst(),
    /** The latest proposal of a case in any state (the page explains a stale one). */
    latestProposal: (caseId: string, t?: AnyTransaction) =>
      as(t)
        .selectFrom('processing_proposals')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at', 'desc')
        .orderBy('run_seq', 'desc')
        .limit(1)
        .executeTakeFirst(),
    insertProposal: async (row: ProposalRow, t: AnyTransaction) => {
      await as(t)
        .insertInto('processing_proposals')
        .values({ ...row, checks: json(row.checks), grounds: row.grounds as never })
        .execute();
    },
    /** Ends the prepared proposal of a case (used by an officer, or superseded). */
    settle: async (
      caseId: string,
      state: Exclude<ProposalState, 'prepared'>,
      by: string,
      at: Date,
      t: AnyTransaction,
    ) => {
      await as(t)
        .updateTable('processing_proposals')
        .set({ state, settled_at: at, settled_by: by })
        .where('case_id', '=', caseId)
        .where('state', '=', 'prepared')
        .execute();
    },
  };
}

export type ProcessingRepository = ReturnType<typeof createProcessingRepository>;
