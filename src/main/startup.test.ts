import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const run = (script: string, env: Record<string, string>, args: string[] = []) =>
  spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src', 'main', script), ...args],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );

describe('start-up refuses bad configuration', { timeout: 60_000 }, () => {
  it('lists every configuration problem and exits non-zero', () => {
    const r = run('server.ts', { PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toContain('LOG_LEVEL');
  });

  it('names an unreachable PostgreSQL without its password', () => {
    const r = run('server.ts', { DATABASE_URL: 'postgres://vartai:s3cret@127.0.0.1:1/vartai' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /Cannot reach PostgreSQL at postgres:\/\/vartai:\*\*\*@127\.0\.0\.1:1\/vartai/,
    );
    expect(r.stderr).not.toContain('s3cret');
  });
});

describe('cli', { timeout: 60_000 }, () => {
  it('--help lists the commands', () => {
    const r = run('cli.ts', {}, ['--help']);
    expect(r.status).toBe(0);
    for (const c of ['migrate', 'seed', 'staff:create', 'audit:verify'])
      expect(r.stdout).toContain(c);
  });
});
