import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { linkRecords } from '../src/modules/persons/matching/link';
import { generateRecords, type SyntheticVariant } from '../src/modules/persons/synthetic';
import { scoreLinkage } from './matching-metrics';

/**
 * One size of the matching benchmark: generate, link, score. `matching-child.ts` runs it in a
 * fresh process so that its peak memory (the kernel's high-water mark of resident memory,
 * VmHWM) is this run's alone. `records` keeps only the first N records, a random subset since
 * they are shuffled (the "1 000 000 records" size).
 */
export interface RunParams {
  persons: number;
  seed: number;
  variant: SyntheticVariant;
  records?: number;
}

export interface RunResult {
  params: RunParams;
  records: number;
  persons: number;
  generateMs: number;
  linkMs: number;
  stageMs: Record<string, number>;
  pairsCompared: number;
  pairsLinked: number;
  predictedPersons: number;
  pairwise: { precision: number; recall: number; f1: number };
  bcubed: { precision: number; recall: number; f1: number };
  falseMergesDifferentDob: number;
  /** Peak resident memory after generating (MB) and over the whole run, linking included. */
  peakAfterGenerateMb: number;
  peakMb: number;
  heapUsedBeforeLinkMb: number;
}

/** The process's peak resident set size so far, in MB, from /proc (Linux). */
export function peakRssMb(): number {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    if (kb) return Number(kb[1]) / 1024;
  } catch {
    // Not Linux: fall through to what Node can see now.
  }
  return process.memoryUsage().rss / 1024 / 1024;
}

function log(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

export function runSize(params: RunParams): RunResult {
  const g0 = performance.now();
  const generated = generateRecords({
    persons: params.persons,
    seed: params.seed,
    variant: params.variant,
  });
  let { records, truth } = generated;
  if (params.records !== undefined && params.records < records.length) {
    records = records.slice(0, params.records);
    truth = truth.slice(0, params.records);
  }
  const generateMs = performance.now() - g0;
  const persons = new Set(truth).size;
  log(
    `${params.variant}: ${records.length} records of ${persons} persons in ${(generateMs / 1000).toFixed(1)} s`,
  );
  (globalThis as { gc?: () => void }).gc?.();
  const peakAfterGenerateMb = peakRssMb();
  const heapUsedBeforeLinkMb = process.memoryUsage().heapUsed / 1024 / 1024;

  let lastStage = '';
  const l0 = performance.now();
  const result = linkRecords(records, {
    onProgress: (stage) => {
      if (stage !== lastStage)
        log(`  ${stage} at ${((performance.now() - l0) / 1000).toFixed(1)} s`);
      lastStage = stage;
    },
  });
  const linkMs = performance.now() - l0;
  const peakMb = peakRssMb();
  log(`  linked in ${(linkMs / 1000).toFixed(1)} s, peak ${Math.round(peakMb)} MB; scoring`);

  const scores = scoreLinkage(
    truth,
    result.personOf,
    records.map((r) => r.dateOfBirth),
  );
  return {
    params,
    records: records.length,
    persons,
    generateMs,
    linkMs,
    stageMs: Object.fromEntries(Object.entries(result.seconds).map(([k, s]) => [k, s * 1000])),
    pairsCompared: result.pairsCompared,
    pairsLinked: result.pairsLinked,
    predictedPersons: result.persons,
    pairwise: scores.pairwise,
    bcubed: scores.bcubed,
    falseMergesDifferentDob: scores.falseMergesDifferentDob,
    peakAfterGenerateMb,
    peakMb,
    heapUsedBeforeLinkMb,
  };
}
