import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personIdsByFirstAppearance, personsCommands } from './persons.cli';

let dir: string;
const stderr: string[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'persons-cli-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(command: string, args: string[]) {
  const out: string[] = [];
  stderr.length = 0;
  // The commands' progress and refusals go to stderr: captured for the duration of the run.
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string | Uint8Array) => {
    stderr.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await personsCommands[command]!.run(args, (l) => out.push(l));
    return { code, out: out.join('\n'), err: stderr.join('') };
  } finally {
    process.stderr.write = write;
  }
}

const file = (name: string) => path.join(dir, name);
const rows = (name: string) =>
  parse(fs.readFileSync(file(name), 'utf8'), { columns: true }) as Record<string, string>[];

describe('persons:generate and persons:link', () => {
  it('generates records with their truth, then links every record to a person', async () => {
    const generated = await run('persons:generate', [
      '--persons',
      '300',
      '--seed',
      '5',
      '--out',
      file('records.csv'),
      '--truth',
      file('truth.csv'),
    ]);
    expect(generated.code).toBe(0);
    const records = rows('records.csv');
    const truth = rows('truth.csv');
    expect(records.length).toBeGreaterThan(300);
    expect(truth.map((t) => t.record_id)).toEqual(records.map((r) => r.record_id));
    expect(new Set(truth.map((t) => t.person_id)).size).toBe(300);

    const linked = await run('persons:link', [
      '--in',
      file('records.csv'),
      '--out',
      file('links.csv'),
    ]);
    expect(linked.code).toBe(0);
    expect(linked.err).toMatch(/\[persons:link\] read \d+ records/);
    const links = rows('links.csv');
    expect(links.map((l) => l.record_id)).toEqual(records.map((r) => r.record_id));
    expect(links[0]!.person_id).toBe('person-000001');
    for (const l of links) expect(l.person_id).toMatch(/^person-\d{6}$/);
    // Most records of one true person share one person id (the matcher's quality is benchmarked
    // elsewhere; here, that the output is a linkage and not one id per record or one for all).
    const persons = new Set(links.map((l) => l.person_id)).size;
    expect(persons).toBeGreaterThan(200);
    expect(persons).toBeLessThan(records.length);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('refuses bad input with exit code 2, naming the line, and writes nothing', async () => {
    fs.writeFileSync(
      file('bad.csv'),
      'record_id,given_names,surname,date_of_birth,sex,nationality,document_number,place_of_birth,source\n' +
        'r1,Olga,Ivanova,1985-01-31,F,RUS,,,\nr2,Ivan,Ivanov,1985-13-01,M,RUS,,,\n',
    );
    const bad = await run('persons:link', [
      '--in',
      file('bad.csv'),
      '--out',
      file('bad-links.csv'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/line 3: date_of_birth "1985-13-01"/);
    expect(fs.existsSync(file('bad-links.csv'))).toBe(false);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);

    expect(
      (await run('persons:link', ['--in', file('none.csv'), '--out', file('x.csv')])).code,
    ).toBe(2);
    expect((await run('persons:link', ['--in', file('bad.csv')])).code).toBe(2);
    expect((await run('persons:generate', ['--persons', '0', '--out', file('x.csv')])).code).toBe(
      2,
    );
    expect(
      (
        await run('persons:generate', [
          '--persons',
          '5',
          '--variant',
          'odd',
          '--out',
          file('x.csv'),
        ])
      ).code,
    ).toBe(2);
    expect(fs.existsSync(file('x.csv'))).toBe(false);
  });

  it('numbers persons by their first record', () => {
    expect(personIdsByFirstAppearance(Int32Array.from([7, 3, 7, 0]))).toEqual([
      'person-000001',
      'person-000002',
      'person-000001',
      'person-000003',
    ]);
  });
});
