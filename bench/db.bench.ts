import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createAuditModule, type AuditEntry } from '../src/modules/audit';
import { systemClock } from '../src/platform/clock';
import { checkMetrics, percentile, progress, ratio, type Benchmark } from './bench';
import { openBenchDatabase } from './database';

/** One committed transaction per call, run back to back; latencies in milliseconds. */
async function runFor(ms: number, op: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const end = performance.now() + ms;
  for (let i = 0; performance.now() < end; i++) {
    const t0 = performance.now();
    await op(i);
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

const entry = (i: number): AuditEntry => ({
  actor: {
    kind: 'applicant',
    accountId: `acc-${i % 97}`,
    email: 'a@example.test',
    displayName: 'A',
  },
  action: 'applications.submit',
  subject: { kind: 'application', id: `app-${i}` },
  ip: '203.0.113.7',
  details: { service: 'temporary-residence-permit', ground: 'work', documents: 4 },
});

/**
 * Recording audit entries (a pending row; the chainer links them into the hash chain in batches
 * meanwhile, on its own connection) beside the same database's plain single-row insert, in
 * alternating rounds so both see the same machine. The chain is verified at the end, after
 * everything recorded has been linked.
 */
export const dbBenchmark: Benchmark = {
  async run({ engine, quick, env }) {
    const rounds = quick ? 2 : 5;
    const roundMs = quick ? 500 : 2000;
    const database = await openBenchDatabase(engine, env);
    try {
      const db = database.db;
      await sql`create table bench_scratch (id bigserial primary key, at timestamptz not null, payload text not null)`.execute(
        db,
      );
      const audit = createAuditModule({ db, clock: systemClock });
      const raw = (i: number) =>
        sql`insert into bench_scratch (at, payload) values (${new Date()}, ${`row ${i}`})`
          .execute(db)
          .then(() => {});
      const append = (i: number) => audit.record(entry(i));

      progress('warming up');
      await runFor(roundMs / 2, raw);
      await runFor(roundMs / 2, append);

      let rawLat: number[] = [];
      let auditLat: number[] = [];
      for (let r = 1; r <= rounds; r++) {
        progress(`round ${r}/${rounds}`);
        rawLat = rawLat.concat(await runFor(roundMs, raw));
        auditLat = auditLat.concat(await runFor(roundMs, append));
      }
      const verified = await audit.verify();
      if (!verified.ok) throw new Error(`audit chain broken at ${verified.break?.seq}`);

      const perSecond = (lat: number[]) => (lat.length * 1000) / lat.reduce((a, b) => a + b, 0);
      rawLat.sort((a, b) => a - b);
      auditLat.sort((a, b) => a - b);
      const rawRate = perSecond(rawLat);
      const auditRate = perSecond(auditLat);
      return {
        name: 'db',
        engine,
        params: { rounds, round_ms: roundMs, concurrency: 1 },
        metrics: checkMetrics({
          audit_append_per_s: auditRate,
          raw_insert_per_s: rawRate,
          audit_vs_raw_ratio: ratio(auditRate, rawRate),
          audit_append_p50_ms: percentile(auditLat, 50),
          audit_append_p99_ms: percentile(auditLat, 99),
          raw_insert_p50_ms: percentile(rawLat, 50),
          raw_insert_p99_ms: percentile(rawLat, 99),
          audit_rows_count: verified.rows,
        }),
      };
    } finally {
      await database.close();
    }
  },
};
