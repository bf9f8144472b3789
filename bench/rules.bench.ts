import { performance } from 'node:perf_hooks';
import { parameterResolverFrom } from '../src/app/rules-parameters';
import { createAuditModule } from '../src/modules/audit';
import { createCatalogueModule, DEFAULT_PACK_ROOT } from '../src/modules/catalogue';
import {
  ApplicationSnapshot,
  createRulesAdminModule,
  createRuleBook,
  loadRuleSets,
} from '../src/modules/rules';
import { raisedSalaryThreshold } from '../src/modules/rules/impact.test-support';
import { systemClock, randomIds } from '../src/platform/clock';
import { recordingJobs } from '../src/platform/testing';
import { checkMetrics, progress, ratio, type Benchmark } from './bench';
import { openBenchDatabase } from './database';
import { insertOpenCases, trpSnapshots } from './rules-data';

const SERVICE = 'temporary-residence-permit';
const DATE = '2026-03-02';
/** Targets (issue 6): full TRP evaluations per second on one core, compiled vs re-parsed, impact. */
export const TARGETS = { evaluationsPerS: 50_000, ratio: 20, impactMsPer200k: 60_000 };

/** Evaluations per second over the snapshots, for at least `ms` (whole passes). */
function rate(evaluate: (s: unknown) => unknown, snapshots: unknown[], ms: number): number {
  let n = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    for (const s of snapshots) evaluate(s);
    n += snapshots.length;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return (n * 1000) / elapsed;
}

/**
 * Rules (issue 6): (a) the full check set of the work-based temporary residence permit evaluated
 * on one core with the FEEL compiled once, beside the same tables re-parsing the FEEL text on
 * every evaluation (`loadRuleSets(root, { reparse: true })`); (b) an impact analysis of a raised
 * salary threshold over N open cases in the database (200 000; 5 000 with --quick).
 */
export const rulesBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    const resolve = parameterResolverFrom(createCatalogueModule({ clock: systemClock }));
    const compiled = createRuleBook(loadRuleSets(DEFAULT_PACK_ROOT), resolve);
    const reparsed = createRuleBook(loadRuleSets(DEFAULT_PACK_ROOT, { reparse: true }), resolve);
    // Compiled once but without the memo of FEEL results (engine/memo.ts): what compiling alone gives.
    const unmemoised = createRuleBook(loadRuleSets(DEFAULT_PACK_ROOT, { memo: false }), resolve);
    // Validated once, like a submission's stored snapshot; validation is timed on its own below.
    const snapshots = trpSnapshots(quick ? 200 : 1000).map((s) => ApplicationSnapshot.parse(s));
    const checks = compiled.evaluate(SERVICE, snapshots[0], DATE).checks.length;
    // Both agree on every snapshot before anything is timed.
    for (const s of snapshots.slice(0, 50))
      if (
        JSON.stringify(compiled.evaluate(SERVICE, s, DATE)) !==
        JSON.stringify(reparsed.evaluate(SERVICE, s, DATE))
      )
        throw new Error('compiled and re-parsed evaluations differ');
    const ms = quick ? 500 : 3000;
    progress(`evaluating ${checks} checks per snapshot, compiled (warm-up, then ${ms} ms)`);
    const compiledEval = (s: unknown) =>
      compiled.evaluateValidated(SERVICE, s as ApplicationSnapshot, DATE);
    rate(compiledEval, snapshots, ms / 3);
    const evaluationsPerS = rate(compiledEval, snapshots, ms);
    progress('evaluating compiled, validating each snapshot first');
    const validatedPerS = rate((s) => compiled.evaluate(SERVICE, s, DATE), snapshots, ms);
    progress('evaluating compiled without the memo');
    const unmemoisedEval = (s: unknown) =>
      unmemoised.evaluateValidated(SERVICE, s as ApplicationSnapshot, DATE);
    rate(unmemoisedEval, snapshots, ms / 3);
    const unmemoisedPerS = rate(unmemoisedEval, snapshots, ms);
    progress('evaluating re-parsed');
    const reparseEval = (s: unknown) =>
      reparsed.evaluateValidated(SERVICE, s as ApplicationSnapshot, DATE);
    rate(reparseEval, snapshots.slice(0, 50), ms / 6);
    const reparsePerS = rate(reparseEval, snapshots, ms);

    const cases = quick ? 5000 : 200_000;
    const database = await openBenchDatabase(engine, env);
    try {
      progress(`inserting ${cases} open cases`);
      const g0 = performance.now();
      await insertOpenCases(database.db, cases);
      const insertMs = performance.now() - g0;
      const admin = createRulesAdminModule({
        db: database.db,
        clock: systemClock,
        ids: randomIds,
        jobs: recordingJobs().jobs,
        audit: createAuditModule({ db: database.db, clock: systemClock }),
        resolve,
      });
      const { set } = await admin.versions.validate(
        raisedSalaryThreshold({ effectiveFrom: '2026-04-01' }),
        { proposal: true },
      );
      progress('impact analysis');
      const t0 = performance.now();
      const summary = await admin.impact.analyse(set);
      const impactMs = performance.now() - t0;
      if (summary.cases !== cases) throw new Error(`analysed ${summary.cases} of ${cases} cases`);
      if (summary.changed === 0) throw new Error('the raised threshold changed no case');
      return {
        name: 'rules',
        engine,
        params: { service: SERVICE, checks, snapshots: snapshots.length, cases, quick },
        metrics: checkMetrics({
          evaluations_per_s: evaluationsPerS,
          evaluations_with_validation_per_s: validatedPerS,
          unmemoised_evaluations_per_s: unmemoisedPerS,
          reparse_evaluations_per_s: reparsePerS,
          compiled_vs_reparse_ratio: ratio(evaluationsPerS, reparsePerS),
          unmemoised_vs_reparse_ratio: ratio(unmemoisedPerS, reparsePerS),
          impact_ms: impactMs,
          impact_cases_per_s: (cases * 1000) / impactMs,
          impact_changed_count: summary.changed,
          impact_errors_count: summary.errors,
          insert_cases_ms: insertMs,
        }),
      };
    } finally {
      await database.close();
    }
  },
};
