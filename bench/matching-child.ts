import { runSize, type RunParams } from './matching-run';

/**
 * Entry of the child process of the matching benchmark: one size, given as JSON in the first
 * argument; the result as one JSON line on stdout, progress on stderr.
 */
const params = JSON.parse(process.argv[2] ?? '{}') as RunParams;
const result = runSize(params);
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
