import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../app/context';
import { openDatabase } from '../platform/db';
import { createTestDatabase, type TestDatabase } from '../platform/testing';

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * The CLI against a real database: PGlite in a data folder, or the TEST_DATABASE_URL server.
 * A row edited by hand (trigger switched off, as a DBA could) must be reported.
 */
let dataDir: string;
let pgDb: TestDatabase | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-cli-'));
  if (process.env.TEST_DATABASE_URL) {
    pgDb = await createTestDatabase(MIGRATIONS_DIR);
    env = { DATA_DIR: dataDir, DATABASE_URL: pgDb.url! };
  } else {
    env = { DATA_DIR: dataDir };
  }
});
afterAll(async () => {
  await pgDb?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src', 'main', 'cli.ts'), ...args],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'silent',
        ...env,
      },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );

async function editByHand(sql: string) {
  const db = pgDb ?? (await openDatabase({ dataDir: path.join(dataDir, 'pglite') }));
  await db.executeSql('alter table audit_log disable trigger audit_log_no_update');
  await db.executeSql(sql);
  await db.executeSql('alter table audit_log enable trigger audit_log_no_update');
  if (!pgDb) await db.close();
}

describe('npm run cli', { timeout: 120_000 }, () => {
  it('migrates, seeds demo data idempotently, creates staff, and verifies the audit chain', () => {
    expect(cli('migrate').stdout).toMatch(/Head: 0\d{3}_/);
    expect(cli('seed', '--demo').stdout).toMatch(/Demo data loaded: \d+ new accounts/);
    expect(cli('seed', '--demo').stdout).toContain('Demo data loaded: 0 new accounts');
    const staff = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'src', 'main', 'cli.ts'),
        'staff:create',
        '--email',
        'jonas@migracija.example',
        '--name',
        'Jonas Jonaitis',
        '--role',
        'officer',
        '--branch',
        'KLP',
      ],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: '/tmp',
          LOG_LEVEL: 'silent',
          VARTAI_NEW_PASSWORD: 'Kuršių-nerija-vasarą-2026',
          ...env,
        },
        encoding: 'utf8',
        timeout: 90_000,
      },
    );
    expect(staff.stdout).toContain('Created staff account jonas@migracija.example');
    const ok = cli('audit:verify');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Audit trail intact: \d+ entries/);
  });

  it('audit:verify fails and names the row edited by hand', async () => {
    await editByHand("update audit_log set action = 'nothing-happened' where seq = 2");
    const broken = cli('audit:verify');
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain('AUDIT TRAIL BROKEN at entry 2');
  });
});
