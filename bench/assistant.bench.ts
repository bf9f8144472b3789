import path from 'node:path';
import { createAssistantForBench } from '../src/modules/assistant';
import { progress, type Benchmark } from './bench';
import { composition, evaluate, loadDevSet, summarise } from './assistant-eval';

const DEV_SET = path.join(import.meta.dirname, 'assistant/dev-set.yaml');
const WARM_UP_ROUNDS = 2;

/**
 * The assistant (issue 10), in process and without a database: the development set asked one
 * question at a time with no language hint (the assistant detects it), each ask timed on its own.
 * `--quick` runs the same set (it is small); `--failures` (BENCH_FAILURES=1) lists on stderr what
 * went wrong, for tuning. Targets: ≥ 0.9 fact accuracy in each language, ≥ 0.9 handoff precision
 * and recall, p95 < 20 ms.
 */
export const assistantBenchmark: Benchmark = {
  async run({ quick, env }) {
    const devSet = loadDevSet(DEV_SET);
    progress(`building the assistant; ${devSet.questions.length} questions`);
    const assistant = await createAssistantForBench();
    const ask = ({ question }: { question: string }) => assistant.ask({ question });
    // Warm-up: the first asks pay for lazy loading and JIT; they are not measured.
    for (let round = 0; round < WARM_UP_ROUNDS; round++)
      for (const q of devSet.questions) await ask({ question: q.q });
    progress('asking the development set');
    const e = await evaluate(devSet, ask);

    if (env.BENCH_FAILURES === '1') {
      progress(`${e.failures.length} failures:`);
      for (const f of e.failures)
        process.stderr.write(`${f.id}  ${f.q}\n  expected ${f.expected}\n  got      ${f.got}\n`);
    }

    return {
      name: 'assistant',
      engine: null,
      ...summarise(e, composition(devSet), { warm_up_rounds: WARM_UP_ROUNDS, quick }),
    };
  },
};
