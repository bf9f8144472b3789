import type { Clock, Ids } from '../../platform/clock';
import type { AnyTransaction, Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { criteriaInForce, criteriaVersion, type TriageCriteria } from './criteria';
import { triageErrors } from './errors';
import { triage } from './triage';
import type { OverrideTally, TriageRepository } from './triage.repository';
import {
  SWITCHED_OFF,
  TriageFeatures,
  type Tier,
  type TriageOverride,
  type TriageRun,
  type TriageSetting,
} from './triage.schemas';

/** Runs of a closed case are kept this many months after closing (AI Act log retention). */
export const RETENTION_MONTHS = 6;
export const TRIAGE_PURGE_JOB = 'triage.purge';

/** A staff member acting (officer, team lead, administrator). */
export type StaffPrincipal = Extract<Principal, { kind: 'staff' }>;

export interface ReplayResult {
  run: TriageRun;
  tier: Tier;
  same: boolean;
  points: number;
}

export interface TriageService {
  enabled(trx?: AnyTransaction): Promise<boolean>;
  /**
   * Runs (or, when switched off, records 'standard' with decisive ['triage-switched-off']) and
   * logs the run; returns the logged run. inputRef: what the inputs were taken from.
   */
  run(
    caseId: string,
    features: TriageFeatures,
    inputRef: string,
    trx: AnyTransaction,
  ): Promise<TriageRun>;
  latestFor(caseId: string, trx?: AnyTransaction): Promise<TriageRun | undefined>;
  /** The latest run for a staff member's eyes: the read is audited (personal-data.read). */
  readFor(caseId: string, reader: StaffPrincipal): Promise<TriageRun | undefined>;
  /** The case is closed: its runs are kept until closedAt + 6 months, then purged by a job. */
  caseClosed(caseId: string, closedAt: Date, trx: AnyTransaction): Promise<void>;
  /** Re-runs a logged run's features on its logged version; `same` says whether the tier is. */
  replay(runId: string, trx?: AnyTransaction): Promise<ReplayResult>;
  runsOf(caseId: string, trx?: AnyTransaction): Promise<TriageRun[]>;
  overridesOf(caseId: string, trx?: AnyTransaction): Promise<TriageOverride[]>;
  /** An officer disregards the tier of the case's latest run. */
  override(caseId: string, officer: StaffPrincipal, reason: string): Promise<TriageOverride>;
  switchTo(enabled: boolean, by: StaffPrincipal, reason: string): Promise<void>;
  history(limit?: number): Promise<TriageSetting[]>;
  overrideReport(from: Date, to: Date): Promise<OverrideTally[]>;
  /** Deletes runs whose retention passed (the triage.purge job); how many. */
  purge(): Promise<number>;
  criteria: readonly TriageCriteria[];
}

/** Calendar day in Vilnius (criteria take effect on a Lithuanian day). */
export function vilniusDay(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Vilnius' }).format(d);
}

export function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  r.setUTCMonth(r.getUTCMonth() + months);
  return r;
}

export function createTriageService(deps: {
  db: Db;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  repo: TriageRepository;
  criteria: readonly TriageCriteria[];
}): TriageService {
  const { db, clock, ids, audit, repo, criteria } = deps;

  async function enabled(trx?: AnyTransaction) {
    const [latest] = await repo.settings(1, trx);
    return latest?.enabled ?? true;
  }

  return {
    criteria,
    enabled,
    async run(caseId, input, inputRef, trx) {
      const parsed = TriageFeatures.safeParse(input);
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw triageErrors.featuresInvalid(`${i.path.join('.') || '(features)'}: ${i.message}`);
      }
      const features = parsed.data;
      const at = clock.now();
      const version = criteriaInForce(criteria, vilniusDay(at));
      const on = await enabled(trx);
      // Switched off: nothing is evaluated; the case flows as standard and the log says why.
      const outcome = on
        ? triage(features, version)
        : {
            tier: 'standard' as const,
            criteriaVersion: version.version,
            points: 0,
            contributions: [],
            decisive: [SWITCHED_OFF],
          };
      return repo.insertRun(
        { id: ids.uuid(), caseId, inputRef, features, ...outcome, switchedOff: !on, at },
        trx,
      );
    },
    latestFor: (caseId, trx) => repo.latestRun(caseId, trx),
    async readFor(caseId, reader) {
      const run = await repo.latestRun(caseId);
      if (run)
        await audit.recordRead({
          actor: reader,
          subject: { kind: 'case', id: caseId },
          purpose: 'examination',
          fields: ['triage-run'],
        });
      return run;
    },
    runsOf: (caseId, trx) => repo.runsOf(caseId, trx),
    overridesOf: (caseId, trx) => repo.overridesOf(caseId, trx),
    async caseClosed(caseId, closedAt, trx) {
      await repo.retain(caseId, addMonths(closedAt, RETENTION_MONTHS), trx);
    },
    async replay(runId, trx) {
      const run = await repo.run(runId, trx);
      if (!run) throw triageErrors.runNotFound();
      if (run.switchedOff) return { run, tier: run.tier, same: true, points: run.points };
      const again = triage(
        TriageFeatures.parse(run.features),
        criteriaVersion(criteria, run.criteriaVersion),
      );
      return {
        run,
        tier: again.tier,
        points: again.points,
        same: again.tier === run.tier && again.points === run.points,
      };
    },
    async override(caseId, officer, reason) {
      const why = reason.trim();
      if (!why) throw triageErrors.reasonRequired();
      return db.transaction().execute(async (trx) => {
        const run = await repo.latestRun(caseId, trx);
        if (!run) throw triageErrors.runNotFound();
        const o: TriageOverride = {
          id: ids.uuid(),
          caseId,
          runId: run.id,
          officerId: officer.accountId,
          reason: why,
          at: clock.now(),
        };
        await repo.insertOverride(o, trx);
        await audit.record(
          {
            actor: officer,
            action: 'triage.overridden',
            subject: { kind: 'case', id: caseId },
            details: { runId: run.id, tier: run.tier, criteriaVersion: run.criteriaVersion },
          },
          trx,
        );
        return o;
      });
    },
    async switchTo(on, by, reason) {
      const why = reason.trim();
      if (!why) throw triageErrors.reasonRequired();
      await db.transaction().execute(async (trx) => {
        await repo.insertSetting(
          {
            id: ids.uuid(),
            enabled: on,
            changedBy: by.accountId,
            changedAt: clock.now(),
            reason: why,
          },
          trx,
        );
        await audit.record(
          {
            actor: by,
            action: on ? 'triage.switched-on' : 'triage.switched-off',
            details: { reason: why },
          },
          trx,
        );
      });
    },
    history: (limit = 50) => repo.settings(limit),
    overrideReport: (from, to) => repo.overrideTally(from, to),
    purge: () => db.transaction().execute((trx) => repo.purge(clock.now(), trx)),
  };
}
