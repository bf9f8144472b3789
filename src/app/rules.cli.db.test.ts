import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSubmission, raisedSalaryThreshold } from '../modules/rules/impact.test-support';
import { openDatabase, type Database } from '../platform/db';
import { createTestDatabase, type TestDatabase } from '../platform/testing';
import { MIGRATIONS_DIR } from './context';

const ROOT = path.resolve(__dirname, '..', '..');
// The child process gets the shell's PATH and HOME, and the test server when there is one.
// eslint-disable-next-line no-restricted-properties -- a test spawning the CLI, as src/main/cli.db.test.ts
const { PATH = '', HOME = '/tmp', TEST_DATABASE_URL } = process.env;

/**
 * `rules:evaluate` and `rules:impact` from the command line, on PGlite in a data folder or the
 * TEST_DATABASE_URL server: JSON on stdout; bad files and rule sets exit non-zero, naming what.
 */
let dir: string;
let pgDb: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-rules-cli-'));
  if (TEST_DATABASE_URL) {
    pgDb = await createTestDatabase(MIGRATIONS_DIR);
    env = { DATA_DIR: dir, DATABASE_URL: pgDb.url! };
  } else env = { DATA_DIR: dir };
});
afterAll(async () => {
  await pgDb?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src', 'main', 'cli.ts'), ...args],
    {
      cwd: ROOT,
      env: {
        PATH,
        HOME,
        LOG_LEVEL: 'silent',
        ...env,
      },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, text);
  return p;
};

describe('npm run cli -- rules:*', { timeout: 180_000 }, () => {
  it('evaluates a snapshot and prints the evaluation with its explanations', () => {
    const input = file(
      'input.json',
      JSON.stringify({
        ground: 'highly-qualified',
        employment: { monthlySalaryCents: 300_000, shortageOccupation: false },
        travelDocument: { validUntil: '2028-04-01', monthsValidAfterPermit: 1 },
      }),
    );
    const r = cli(
      'rules:evaluate',
      '--service',
      'temporary-residence-permit',
      '--input',
      input,
      '--date',
      '2026-03-02',
      '--lang',
      'en',
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as {
      evaluation: { date: string; checks: { check: string; outcome: string }[] };
      explanations: { check: string; reasons: { citation: string }[] }[];
    };
    expect(out.evaluation.date).toBe('2026-03-02');
    const salary = out.evaluation.checks.find((c) => c.check === 'highly-qualified-salary');
    expect(salary?.outcome).toBe('not-met');
    expect(out.evaluation.checks.find((c) => c.check === 'travel-document-validity')?.outcome).toBe(
      'not-met',
    );
    const explained = out.explanations.find((c) => c.check === 'highly-qualified-salary')!;
    expect(explained.reasons[0]!.citation).toContain('Law on the Legal Status of Foreigners');
  });

  it('refuses a missing file, a file that is not JSON and an invalid snapshot, saying why', () => {
    const args = ['rules:evaluate', '--service', 'temporary-residence-permit', '--input'];
    const missing = cli(...args, path.join(dir, 'none.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    const notJson = cli(...args, file('bad.json', '{ground:'));
    expect(notJson.status).toBe(2);
    expect(notJson.stderr).toContain('is not JSON');
    const invalid = cli(...args, file('invalid.json', '{"person":{"age":-1}}'));
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toContain('person.age');
  });

  it('prints the impact of a proposed version on the open cases, and names a broken cell', async () => {
    // The first command migrated the database; one open case between 1.5 and 1.7 × VDU.
    const database: Database = pgDb ?? (await openDatabase({ dataDir: path.join(dir, 'pglite') }));
    const changed = await insertSubmission(database.db, {
      service: 'temporary-residence-permit',
      ground: 'highly-qualified',
      employment: { monthlySalaryCents: 340_000, shortageOccupation: false },
    });
    if (!pgDb) await database.close();
    const proposal = raisedSalaryThreshold({ effectiveFrom: '2026-04-01' });
    const r = cli('rules:impact', '--file', file('hq-2.yaml', proposal));
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & {
      changes: { applicationId: string }[];
    };
    expect(out).toMatchObject({
      ruleSet: 'highly-qualified-salary',
      version: '2',
      forDate: '2026-04-01',
      cases: 1,
      changed: 1,
    });
    expect(out.changes.map((c) => c.applicationId)).toEqual([changed]);

    const broken = cli(
      'rules:impact',
      '--file',
      file('broken.yaml', proposal.replace('">= 1.7 * vdu"', '">= 1.7 * * vdu"')),
    );
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(
      /table highly-qualified-salary, rule general-threshold-reached, cell when\[2\]/,
    );
  });
});
