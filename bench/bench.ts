/**
 * Shared shapes and helpers for benchmarks (DESIGN §8): one JSON summary on stdout, progress on
 * stderr, metric keys spelled with their unit.
 */
export type EngineName = 'pglite' | 'postgres';

export interface BenchOptions {
  /** Database engine; benchmarks without a database ignore it. */
  engine: EngineName;
  /** A small size suitable for CI. */
  quick: boolean;
  /** The environment, read here rather than in the benchmarks (DATABASE_URL, TEST_DATABASE_URL). */
  env: Record<string, string | undefined>;
}

export type Metrics = Record<string, number>;

export interface BenchResult {
  name: string;
  engine: EngineName | null;
  params: Record<string, string | number | boolean>;
  metrics: Metrics;
}

export interface Benchmark {
  run(opts: BenchOptions): Promise<BenchResult>;
}

// Minutes and days for figures people read in those units (a year's work, an estimate's error).
const METRIC_KEY = /^[a-z0-9_]+_(per_s|ms|mb|ratio|pct|count|minutes|days)$/;

/** Every key names its unit and every value is a finite number; rounded for reading. */
export function checkMetrics(metrics: Metrics): Metrics {
  const out: Metrics = {};
  for (const [key, value] of Object.entries(metrics)) {
    if (!METRIC_KEY.test(key))
      throw new Error(`metric "${key}" must end in its unit (_per_s, _ms, …)`);
    if (!Number.isFinite(value))
      throw new Error(`metric "${key}" is not a finite number: ${value}`);
    out[key] = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
  }
  return out;
}

/** Progress for the person watching; stdout stays for the one JSON object. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export const ratio = (value: number, reference: number): number =>
  reference > 0 ? value / reference : 0;

/** Command line: one benchmark name, `--engine pglite|postgres` (default pglite), `--quick`. */
export interface Args {
  name: string | undefined;
  engine: EngineName;
  quick: boolean;
}

export function parseArgs(argv: string[]): Args | { error: string } {
  const args: Args = { name: undefined, engine: 'pglite', quick: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--quick') args.quick = true;
    else if (a === '--engine' || a.startsWith('--engine=')) {
      const value = a.includes('=') ? a.slice('--engine='.length) : argv[++i];
      if (value !== 'pglite' && value !== 'postgres')
        return { error: `--engine must be pglite or postgres, not "${value ?? ''}"` };
      args.engine = value;
    } else if (a.startsWith('-')) return { error: `unknown option ${a}` };
    else if (args.name === undefined) args.name = a;
    else return { error: `one benchmark at a time (got "${args.name}" and "${a}")` };
  }
  return args;
}
