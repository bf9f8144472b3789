import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, ROOT } from '../../app/context';
import { randomIds, systemClock } from '../../platform/clock';
import { openDatabase, type Database } from '../../platform/db';
import { createJobQueue } from '../../platform/jobs';
import { createLogger } from '../../platform/log';
import { createTestDatabase } from '../../platform/testing';
import { createAuditModule } from '../audit';
import { createPartnersRepository } from './partners.repository';
import { createPartnersService } from './partners.service';

/**
 * The real command line (`npm run cli -- partner:create`) in a child process, on PGlite in a
 * temporary DATA_DIR or on a fresh PostgreSQL database; the printed key is then checked against
 * what the command stored.
 */
const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-cli-'));
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string>) {
  return run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['src/main/cli.ts', ...args], {
    cwd: ROOT,
    // eslint-disable-next-line no-restricted-properties -- the child needs PATH to find node
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', SEED_DEMO: 'false', ...env },
  });
}

describe('npm run cli -- partner:create', () => {
  it('prints a key once that authenticates; partner:revoke ends it', async () => {
    let env: Record<string, string> = { DATA_DIR: dataDir };
    // eslint-disable-next-line no-restricted-properties -- tests choose their engine from the environment
    if (process.env.TEST_DATABASE_URL) {
      const db = await createTestDatabase(MIGRATIONS_DIR);
      cleanups.push(() => db.close());
      env = { ...env, DATABASE_URL: db.url! };
    }
    const { stdout } = await cli(
      ['partner:create', '--name', 'Embassy desk', '--service', 'S01', '--country', 'UKR'],
      env,
    );
    const key = /API key \(shown once, store it now\): (vrt_[A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(key, stdout).toBeDefined();
    const id = /\(id ([0-9a-f-]{36})\)/.exec(stdout)![1]!;

    const check = async () => {
      const database: Database = await openDatabase(
        env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(dataDir, 'pglite') },
      );
      try {
        const service = createPartnersService({
          repo: createPartnersRepository(database.db),
          clock: systemClock,
          ids: randomIds,
          jobs: createJobQueue(database, createLogger('silent')),
          audit: createAuditModule({ db: database.db, clock: systemClock }),
        });
        return await service.authenticate(key!);
      } finally {
        await database.close();
      }
    };
    expect(await check()).toMatchObject({
      kind: 'partner',
      partnerId: id,
      services: ['S01'],
      countries: ['UKR'],
    });
    const revoked = await cli(['partner:revoke', '--id', id], env);
    expect(revoked.stdout).toContain('revoked');
    expect(await check()).toBeNull();
  }, 60_000);
});
