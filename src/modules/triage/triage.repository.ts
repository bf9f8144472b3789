import { sql, type Kysely } from 'kysely';
import type { AnyTransaction, Db } from '../../platform/db';
import type {
  Contribution,
  Tier,
  TriageFeatures,
  TriageOverride,
  TriageRun,
  TriageSetting,
} from './triage.schemas';

interface RunRow {
  id: string;
  case_id: string;
  seq: number;
  criteria_version: string;
  input_ref: string;
  features: TriageFeatures;
  tier: Tier;
  points: number;
  contributions: Contribution[];
  decisive: string[];
  switched_off: boolean;
  at: Date;
  retain_until: Date | null;
}
interface OverrideRow {
  id: string;
  case_id: string;
  run_id: string;
  officer_id: string;
  reason: string;
  at: Date;
}
interface SettingRow {
  id: string;
  enabled: boolean;
  changed_by: string | null;
  changed_at: Date;
  reason: string;
}
type Tables = { triage_runs: RunRow; triage_overrides: OverrideRow; triage_settings: SettingRow };
type Q = Kysely<Tables>;
const json = (v: unknown) => JSON.stringify(v) as never;

const toRun = (r: RunRow): TriageRun => ({
  id: r.id,
  caseId: r.case_id,
  seq: r.seq,
  criteriaVersion: r.criteria_version,
  inputRef: r.input_ref,
  features: r.features,
  tier: r.tier,
  points: r.points,
  contributions: r.contributions,
  decisive: r.decisive,
  switchedOff: r.switched_off,
  at: r.at,
});
const toOverride = (r: OverrideRow): TriageOverride => ({
  id: r.id,
  caseId: r.case_id,
  runId: r.run_id,
  officerId: r.officer_id,
  reason: r.reason,
  at: r.at,
});
const toSetting = (r: SettingRow): TriageSetting => ({
  enabled: r.enabled,
  changedBy: r.changed_by,
  changedAt: r.changed_at,
  reason: r.reason,
});

/** Per tier over a period: runs, distinct cases, and cases whose tier an officer disregarded. */
export interface OverrideTally {
  tier: Tier;
  runs: number;
  cases: number;
  overridden: number;
}

/** Data access for tables `triage_runs`, `triage_overrides` and `triage_settings` only. */
export function createTriageRepository(db: Db) {
  const q = db.withTables<Tables>();
  const as = (t?: AnyTransaction): Q => (t ? (t.withTables<Tables>() as Q) : q);
  return {
    /** Appends a run with the next seq of the case (locks the case's runs against a race). */
    async insertRun(run: Omit<TriageRun, 'seq'>, t: AnyTransaction): Promise<TriageRun> {
      const db = as(t);
      await sql`select pg_advisory_xact_lock(hashtext(${'triage:' + run.caseId}))`.execute(db);
      const last = await db
        .selectFrom('triage_runs')
        .select((eb) => eb.fn.max('seq').as('seq'))
        .where('case_id', '=', run.caseId)
        .executeTakeFirst();
      const seq = Number(last?.seq ?? 0) + 1;
      const row = await db
        .insertInto('triage_runs')
        .values({
          id: run.id,
          case_id: run.caseId,
          seq,
          criteria_version: run.criteriaVersion,
          input_ref: run.inputRef,
          features: json(run.features),
          tier: run.tier,
          points: run.points,
          contributions: json(run.contributions),
          decisive: json(run.decisive),
          switched_off: run.switchedOff,
          at: run.at,
          retain_until: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRun(row);
    },
    async latestRun(caseId: string, t?: AnyTransaction): Promise<TriageRun | undefined> {
      const r = await as(t)
        .selectFrom('triage_runs')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r && toRun(r);
    },
    async run(id: string, t?: AnyTransaction): Promise<TriageRun | undefined> {
      const r = await as(t)
        .selectFrom('triage_runs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return r && toRun(r);
    },
    async runsOf(caseId: string, t?: AnyTransaction): Promise<TriageRun[]> {
      const rows = await as(t)
        .selectFrom('triage_runs')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('seq')
        .execute();
      return rows.map(toRun);
    },
    /** Sets retain_until on the case's runs that have none yet (the log's only update). */
    async retain(caseId: string, until: Date, t: AnyTransaction): Promise<number> {
      const r = await as(t)
        .updateTable('triage_runs')
        .set({ retain_until: until })
        .where('case_id', '=', caseId)
        .where('retain_until', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** Deletes runs (and their overrides) whose retain_until is before `now`; how many runs. */
    async purge(now: Date, t: AnyTransaction): Promise<number> {
      const db = as(t);
      const due = db.selectFrom('triage_runs').select('id').where('retain_until', '<', now);
      await db.deleteFrom('triage_overrides').where('run_id', 'in', due).execute();
      const r = await db
        .deleteFrom('triage_runs')
        .where('retain_until', '<', now)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
    async insertOverride(o: TriageOverride, t: AnyTransaction): Promise<void> {
      await as(t)
        .insertInto('triage_overrides')
        .values({
          id: o.id,
          case_id: o.caseId,
          run_id: o.runId,
          officer_id: o.officerId,
          reason: o.reason,
          at: o.at,
        })
        .execute();
    },
    async overridesOf(caseId: string, t?: AnyTransaction): Promise<TriageOverride[]> {
      const rows = await as(t)
        .selectFrom('triage_overrides')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('at')
        .execute();
      return rows.map(toOverride);
    },
    async insertSetting(s: TriageSetting & { id: string }, t: AnyTransaction): Promise<void> {
      await as(t)
        .insertInto('triage_settings')
        .values({
          id: s.id,
          enabled: s.enabled,
          changed_by: s.changedBy,
          changed_at: s.changedAt,
          reason: s.reason,
        })
        .execute();
    },
    /** Newest first. */
    async settings(limit: number, t?: AnyTransaction): Promise<TriageSetting[]> {
      const rows = await as(t)
        .selectFrom('triage_settings')
        .selectAll()
        .orderBy('changed_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toSetting);
    },
    /** The override report: per tier, runs in [from, to) and cases overridden on those runs. */
    async overrideTally(from: Date, to: Date, t?: AnyTransaction): Promise<OverrideTally[]> {
      const rows = await as(t)
        .selectFrom('triage_runs as r')
        .leftJoin('triage_overrides as o', 'o.run_id', 'r.id')
        .select((eb) => [
          'r.tier',
          eb.fn.count<string>('r.id').distinct().as('runs'),
          eb.fn.count<string>('r.case_id').distinct().as('cases'),
          eb.fn.count<string>('o.case_id').distinct().as('overridden'),
        ])
        .where('r.at', '>=', from)
        .where('r.at', '<', to)
        .where('r.switched_off', '=', false)
        .groupBy('r.tier')
        .execute();
      return rows.map((r) => ({
        tier: r.tier,
        runs: Number(r.runs),
        cases: Number(r.cases),
        overridden: Number(r.overridden),
      }));
    },
  };
}

export type TriageRepository = ReturnType<typeof createTriageRepository>;
