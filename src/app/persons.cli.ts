import fs from 'node:fs';
import { options, refuse, type Command } from './cli.args';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { isAppError } from '../platform/errors';
import {
  CSV_INVALID,
  generateRecords,
  linkRecords,
  readIdentityRecords,
  writeIdentityRecords,
  writePersonLinks,
  type SyntheticVariant,
} from '../modules/persons';

const LINK_USAGE = 'persons:link --in <records.csv> --out <links.csv>';
const GENERATE_USAGE =
  'persons:generate --persons <N> --out <records.csv> [--seed <S>] [--variant standard|independent] [--truth <truth.csv>]  (seed: 1; variant: standard)';
// Records are held in memory to be shuffled: 2 million persons are about 4 million records.
const MAX_PERSONS = 2_000_000;

/** Progress for the person at the terminal; stdout keeps the one summary line. */
function progress(command: string, message: string): void {
  process.stderr.write(`[${command}] ${message}\n`);
}

/**
 * Writes a file whole or not at all: into a temporary file beside it, renamed over the target
 * only once complete, so an interrupted or failed run never leaves half a file behind.
 */
async function writeAtomically(file: string, write: (out: fs.WriteStream) => Promise<void>) {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${Date.now()}.partial`,
  );
  try {
    await write(fs.createWriteStream(temporary));
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/** Why an output file cannot be written there, or null. */
function unwritable(file: string): string | null {
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) return `The folder of ${file} does not exist.`;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return `${file} is a folder.`;
  return null;
}

/** Person ids that look stable: numbered by each person's first record in the input. */
export function personIdsByFirstAppearance(personOf: Int32Array): string[] {
  const numbers = new Map<number, number>();
  for (const p of personOf) if (!numbers.has(p)) numbers.set(p, numbers.size + 1);
  const width = Math.max(6, String(numbers.size).length);
  const ids = new Map<number, string>();
  for (const [p, n] of numbers) ids.set(p, `person-${String(n).padStart(width, '0')}`);
  return Array.from(personOf, (p) => ids.get(p)!);
}

/** The linker's stages, said at each change of stage and at most every two seconds within one. */
function stageReporter(command: string) {
  let stage = '';
  let last = 0;
  return (name: string, done: number, total: number) => {
    const now = performance.now();
    if (name === stage && now - last < 2000 && done < total) return;
    stage = name;
    last = now;
    const pct = total > 0 ? ` (${Math.round((100 * done) / total)}%)` : '';
    progress(
      command,
      `${name}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')}${pct}`,
    );
  };
}

export const personsCommands: Record<string, Command> = {
  'persons:link': {
    summary:
      'Link identity records (CSV) into persons: trains the matcher on the input, writes record_id,person_id',
    usage: LINK_USAGE,
    async run(args, out) {
      const o = options(args, { in: { type: 'string' }, out: { type: 'string' } });
      if ('error' in o) return refuse(o.error, LINK_USAGE);
      if (!o.in || !o.out) return refuse('--in and --out are needed.', LINK_USAGE);
      if (path.resolve(o.in) === path.resolve(o.out))
        return refuse('--out must not be the input file.', LINK_USAGE);
      if (!fs.existsSync(o.in) || !fs.statSync(o.in).isFile())
        return refuse(`Cannot read ${o.in}: no such file.`, LINK_USAGE);
      const problem = unwritable(o.out);
      if (problem) return refuse(problem, LINK_USAGE);

      const command = 'persons:link';
      const t0 = performance.now();
      progress(command, `reading ${o.in}`);
      let records;
      try {
        records = await readIdentityRecords(() => fs.createReadStream(o.in!), {
          onProgress: (n) => progress(command, `read ${n.toLocaleString('en')} records`),
        });
      } catch (e) {
        if (isAppError(e) && e.code === CSV_INVALID)
          return refuse(`${o.in}, ${e.message}`, LINK_USAGE);
        throw e;
      }
      progress(command, `read ${records.length.toLocaleString('en')} records`);
      const result = linkRecords(records, { onProgress: stageReporter(command) });
      const personIds = personIdsByFirstAppearance(result.personOf);
      progress(command, `writing ${o.out}`);
      await writeAtomically(o.out, (stream) =>
        writePersonLinks(
          stream,
          records.map((r) => r.recordId),
          personIds,
        ),
      );
      const seconds = (performance.now() - t0) / 1000;
      progress(
        command,
        `${result.pairsCompared.toLocaleString('en')} pairs compared, ${result.pairsLinked.toLocaleString('en')} linked; ${seconds.toFixed(1)} s`,
      );
      out(`Linked ${records.length} records into ${result.persons} persons: ${o.out}`);
      return 0;
    },
  },

  'persons:generate': {
    summary:
      'Generate synthetic identity records (CSV) of persons of the nationalities that apply in Lithuania, with their truth',
    usage: GENERATE_USAGE,
    async run(args, out) {
      const o = options(args, {
        persons: { type: 'string' },
        seed: { type: 'string' },
        variant: { type: 'string' },
        out: { type: 'string' },
        truth: { type: 'string' },
      });
      if ('error' in o) return refuse(o.error, GENERATE_USAGE);
      if (!o.persons || !o.out) return refuse('--persons and --out are needed.', GENERATE_USAGE);
      const persons = Number(o.persons);
      if (!/^\d+$/.test(o.persons) || persons < 1 || persons > MAX_PERSONS)
        return refuse(`--persons must be a whole number from 1 to ${MAX_PERSONS}.`, GENERATE_USAGE);
      const seed = Number(o.seed ?? '1');
      if (!/^\d+$/.test(o.seed ?? '1') || seed > 0xffffffff)
        return refuse('--seed must be a whole number from 0 to 4294967295.', GENERATE_USAGE);
      const variant = (o.variant ?? 'standard') as SyntheticVariant;
      if (variant !== 'standard' && variant !== 'independent')
        return refuse('--variant must be standard or independent.', GENERATE_USAGE);
      for (const file of [o.out, o.truth]) {
        const problem = file && unwritable(file);
        if (problem) return refuse(problem, GENERATE_USAGE);
      }
      if (o.truth && path.resolve(o.truth) === path.resolve(o.out))
        return refuse('--truth and --out must be different files.', GENERATE_USAGE);

      const command = 'persons:generate';
      progress(
        command,
        `generating ${persons.toLocaleString('en')} persons (${variant}, seed ${seed})`,
      );
      const { records, truth } = generateRecords({ persons, seed, variant });
      progress(command, `writing ${records.length.toLocaleString('en')} records to ${o.out}`);
      await writeAtomically(o.out, (stream) => writeIdentityRecords(stream, records));
      if (o.truth) {
        const width = Math.max(6, String(persons).length);
        const truthIds = Array.from(truth, (p) => `person-${String(p + 1).padStart(width, '0')}`);
        await writeAtomically(o.truth, (stream) =>
          writePersonLinks(
            stream,
            records.map((r) => r.recordId),
            truthIds,
          ),
        );
      }
      out(
        `Generated ${records.length} records of ${persons} persons: ${o.out}${o.truth ? ` (truth: ${o.truth})` : ''}`,
      );
      return 0;
    },
  },
};
