import { parseArgs, progress, type Benchmark, type BenchOptions } from './bench';

/**
 * `npm run bench -- <name> [--engine pglite|postgres] [--quick] [--failures]`: runs one benchmark
 * and prints its JSON summary on stdout (DESIGN §8). Anything else, including stray logs, goes to
 * stderr. `--failures` asks a benchmark that scores answers (assistant) to list what it got wrong
 * on stderr; it reaches the benchmark as BENCH_FAILURES=1.
 */
export const BENCHMARKS: Record<string, { description: string; load: () => Promise<Benchmark> }> = {
  http: {
    description:
      'the real app under autocannon: /healthz and a signed-in page beside a bare Fastify route',
    load: async () => (await import('./http.bench')).httpBenchmark,
  },
  intake: {
    description: 'whole submissions through the partner API (create, two 200 KB documents, submit)',
    load: async () => (await import('./intake.bench')).intakeBenchmark,
  },
  db: {
    description: 'audit-log appends per second beside raw single-row inserts on the same database',
    load: async () => (await import('./db.bench')).dbBenchmark,
  },
  queues: {
    description:
      "the officers' queue page and the contact-centre search over 1 000 000 generated cases",
    load: async () => (await import('./queues.bench')).queuesBenchmark,
  },
  booking: {
    description:
      'next free time per branch with a year of calendars, and many clients rushing a few places',
    load: async () => (await import('./booking.bench')).bookingBenchmark,
  },
  rules: {
    description:
      'full temporary residence permit evaluations/s compiled vs re-parsed, and impact analysis',
    load: async () => (await import('./rules.bench')).rulesBenchmark,
  },
  matching: {
    description:
      'identity matching of synthetic records: pairwise and B-cubed F1, namesake false merges, records/s, peak memory',
    load: async () => (await import('./matching.bench')).matchingBenchmark,
  },
  pipeline: {
    description:
      'submitted applications through the automated pipeline (identity, registers, rules, triage, routing) per second, and the decision date estimate error',
    load: async () => (await import('./pipeline.bench')).pipelineBenchmark,
  },
  assistant: {
    description:
      'the virtual assistant on its development set: fact accuracy per language, handoffs, source MRR, latency',
    load: async () => (await import('./assistant.bench')).assistantBenchmark,
  },
  verify: {
    description:
      'permit credentials verified online per second (signature, digests, status) and share-code checks per second, beside a bare route',
    load: async () => (await import('./verify.bench')).verifyBenchmark,
  },
};

function usage(problem: string): never {
  const names = Object.entries(BENCHMARKS).map(([n, b]) => `  ${n.padEnd(8)} ${b.description}`);
  process.stderr.write(
    `${problem}\nusage: npm run bench -- <name> [--engine pglite|postgres] [--quick] [--failures]\nbenchmarks:\n${names.join('\n')}\n`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const failures = argv.includes('--failures');
  const parsed = parseArgs(argv.filter((a) => a !== '--failures'));
  if ('error' in parsed) usage(parsed.error);
  const entry = parsed.name === undefined ? undefined : BENCHMARKS[parsed.name];
  if (!entry)
    usage(parsed.name === undefined ? 'no benchmark named' : `unknown benchmark "${parsed.name}"`);
  // Libraries that log to stdout must not corrupt the one JSON object there.
  console.log = console.error;
  console.info = console.error;
  const env = failures ? { ...process.env, BENCH_FAILURES: '1' } : process.env;
  const opts: BenchOptions = { engine: parsed.engine, quick: parsed.quick, env };
  progress(`${parsed.name} on ${opts.engine}${opts.quick ? ' (quick)' : ''}`);
  const result = await (await entry.load()).run(opts);
  await new Promise<void>((resolve) =>
    process.stdout.write(`${JSON.stringify(result)}\n`, () => resolve()),
  );
}

// Exit explicitly: a pool or timer left behind by a library must not keep the run alive.
main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(
      `[bench] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
    );
    process.exit(1);
  },
);
