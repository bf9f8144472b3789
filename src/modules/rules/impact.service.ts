import type { Clock, Ids } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { JobQueue } from '../../platform/jobs';
import type { AuditModule } from '../audit';
import { rulesAdminErrors } from './admin.errors';
import type { CompiledRuleSet } from './engine/compile';
import { createRuleBook } from './engine/rule-book';
import type { ParameterResolver } from './engine/evaluate';
import { compareCase, createImpactTally, type ImpactPlans, type ImpactSummary } from './impact';
import type { ImpactRepository } from './impact.repository';
import type { VersionsService } from './versions.service';

type Staff = Extract<Principal, { kind: 'staff' }>;

/** The job that runs an analysis requested from the workbench (jobs/impact.job.ts). */
export const IMPACT_JOB = 'rules.impact';
export interface ImpactJob {
  reportId: string;
}

export interface ImpactDeps {
  db: Db;
  repo: ImpactRepository;
  versions: VersionsService;
  resolve: ParameterResolver;
  clock: Clock;
  ids: Ids;
  jobs: JobQueue;
  audit: AuditModule;
  /** Open cases read per query (a page of snapshots in memory at a time). */
  pageSize?: number;
}

/**
 * Impact analysis (issue 6): before a version takes effect, every open case's submission input is
 * evaluated under the rule book without it and with it, on the same date (by default its first
 * day), and the cases whose outcome changes are listed with counts per service and per check.
 * From the workbench it runs as a job and stores its report; the CLI runs it directly.
 */
export function createImpactService(d: ImpactDeps) {
  const pageSize = d.pageSize ?? 2000;

  /** Streams the open cases through both books; per-case errors are counted, not fatal. */
  async function analyse(set: CompiledRuleSet, forDate?: string): Promise<ImpactSummary> {
    const date = forDate ?? set.file.effectiveFrom;
    const same = (s: CompiledRuleSet) =>
      s.file.id === set.file.id && s.file.version === set.file.version;
    const all = (await d.versions.book()).sets.filter((s) => !same(s));
    const current = createRuleBook(all, d.resolve);
    const next = createRuleBook([...all, set], d.resolve);
    const tally = createImpactTally(date);
    const plans: ImpactPlans = new Map();
    let after: string | null = null;
    for (;;) {
      const page = await d.repo.openCases(after, pageSize);
      for (const c of page) tally.add(c, compareCase(current, next, c, date, plans));
      if (page.length < pageSize) break;
      after = page.at(-1)!.id;
    }
    return tally.summary();
  }

  /** Queues an analysis of a loaded version; the report shows "queued" until a worker runs it. */
  async function request(versionId: string, by: Staff, forDate?: string): Promise<string> {
    const { row } = await d.versions.get(versionId);
    const id = d.ids.uuid();
    await d.db.transaction().execute(async (trx) => {
      await d.repo.insert(
        {
          id,
          version_id: versionId,
          requested_by: by.accountId,
          requested_at: d.clock.now(),
          for_date: forDate ?? row.effective_from,
        },
        trx,
      );
      await d.jobs.enqueue(trx, IMPACT_JOB, { reportId: id } satisfies ImpactJob, {
        singletonKey: id,
        retryLimit: 1,
      });
      await d.audit.record(
        {
          actor: by,
          action: 'rules.impact-requested',
          subject: { kind: 'rules-impact-report', id },
          details: { versionId, ruleSet: row.rule_set_id, version: row.version },
        },
        trx,
      );
    });
    return id;
  }

  /** The job: runs the analysis of a queued report and stores the result (or why it failed). */
  async function run(reportId: string): Promise<void> {
    const report = await d.repo.get(reportId);
    if (!report || !(await d.repo.start(reportId))) return;
    try {
      const { set } = await d.versions.get(report.version_id);
      const summary = await analyse(set, report.for_date);
      await d.repo.finish(reportId, d.clock.now(), summary);
    } catch (e) {
      await d.repo.fail(reportId, d.clock.now(), (e as Error).message);
    }
  }

  async function report(id: string) {
    const row = await d.repo.get(id);
    if (!row) throw rulesAdminErrors.reportNotFound();
    return row;
  }

  return { analyse, request, run, report, reportsFor: d.repo.forVersion };
}

export type ImpactService = ReturnType<typeof createImpactService>;
