import { spawn } from 'node:child_process';
import path from 'node:path';
import { checkMetrics, progress, type Benchmark, type Metrics } from './bench';
import type { RunParams, RunResult } from './matching-run';

/** Targets (issue 7): F1 on both variants, a million records in a minute within 3 GB. */
export const TARGETS = { pairwiseF1: 0.97, millionRecordsMs: 60_000, peakMb: 3072 };

const SEED = 20_250_701;

interface Size {
  label: string;
  persons: number;
  records?: number;
}

/**
 * The sizes: 20 000 persons; 1 000 000 records (the persons that give about 1.1 million,
 * cut to exactly a million); 1 000 000 persons (about 2 million records). Quick: 2 000 persons.
 */
function sizes(quick: boolean): Size[] {
  if (quick) return [{ label: '2k_persons', persons: 2000 }];
  return [
    { label: '20k_persons', persons: 20_000 },
    { label: '1m_records', persons: 520_000, records: 1_000_000 },
    { label: '1m_persons', persons: 1_000_000 },
  ];
}

/** Runs one size in a fresh Node process (tsx loader; GC exposed so generation garbage goes). */
function runChild(params: RunParams): Promise<RunResult> {
  const child = path.join(import.meta.dirname, 'matching-child.ts');
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--expose-gc',
        '--max-old-space-size=12288',
        child,
        JSON.stringify(params),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0)
        return reject(new Error(`matching run ${JSON.stringify(params)} exited ${code}`));
      try {
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as RunResult);
      } catch (e) {
        reject(new Error(`matching run printed no result: ${(e as Error).message}`));
      }
    });
  });
}

/**
 * Identity matching (issue 7): synthetic records of persons of the nationalities that apply in
 * Lithuania (`src/modules/persons/synthetic`), linked without labels by `linkRecords` (the model
 * estimated on the records themselves, as `persons:link` does), scored against the truth:
 * pairwise and B-cubed precision/recall/F1, false merges of persons whose dates of birth differ
 * beyond a typo, records per second of linking, and peak resident memory of the process. Both
 * the 'standard' data (what the matcher was tuned on) and the 'independent' data (held-out
 * names, other rates).
 */
export const matchingBenchmark: Benchmark = {
  async run({ quick }) {
    const metrics: Metrics = {};
    const params: Record<string, string | number | boolean> = { seed: SEED, quick };
    let f1Met = true;
    let speedMet = true;
    let memoryMet = true;
    for (const size of sizes(quick))
      for (const variant of ['standard', 'independent'] as const) {
        progress(`${size.label}, ${variant}`);
        const r = await runChild({
          persons: size.persons,
          seed: SEED,
          variant,
          ...(size.records ? { records: size.records } : {}),
        });
        const key = `${size.label}_${variant}`;
        params[`${key}_records`] = r.records;
        params[`${key}_persons`] = r.persons;
        Object.assign(metrics, {
          [`${key}_pairwise_precision_ratio`]: r.pairwise.precision,
          [`${key}_pairwise_recall_ratio`]: r.pairwise.recall,
          [`${key}_pairwise_f1_ratio`]: r.pairwise.f1,
          [`${key}_bcubed_precision_ratio`]: r.bcubed.precision,
          [`${key}_bcubed_recall_ratio`]: r.bcubed.recall,
          [`${key}_bcubed_f1_ratio`]: r.bcubed.f1,
          [`${key}_false_merges_different_dob_count`]: r.falseMergesDifferentDob,
          [`${key}_records_per_s`]: (r.records * 1000) / r.linkMs,
          [`${key}_link_ms`]: r.linkMs,
          [`${key}_generate_ms`]: r.generateMs,
          [`${key}_pairs_compared_count`]: r.pairsCompared,
          [`${key}_peak_rss_mb`]: r.peakMb,
          [`${key}_peak_rss_after_generate_mb`]: r.peakAfterGenerateMb,
        });
        for (const [stage, ms] of Object.entries(r.stageMs))
          metrics[`${key}_${stage.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}_ms`] = ms;
        if (r.pairwise.f1 < TARGETS.pairwiseF1 || r.falseMergesDifferentDob > 0) f1Met = false;
        if (size.records === 1_000_000) {
          if (r.linkMs > TARGETS.millionRecordsMs) speedMet = false;
          if (r.peakMb > TARGETS.peakMb) memoryMet = false;
        }
      }
    Object.assign(params, {
      target_f1_met: f1Met,
      ...(quick ? {} : { target_1m_records_60s_met: speedMet, target_peak_3gb_met: memoryMet }),
    });
    return { name: 'matching', engine: null, params, metrics: checkMetrics(metrics) };
  },
};
