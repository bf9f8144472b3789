import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ConfigSchema, loadConfig } from './index';

const DOC = path.resolve(__dirname, '..', '..', '..', 'docs', 'configuration.md');

describe('configuration', () => {
  it('documents every variable of the schema, and nothing else, in docs/configuration.md', () => {
    const documented = fs
      .readFileSync(DOC, 'utf8')
      .split('\n')
      .map((l) => /^\| `([A-Z_]+)` \|/.exec(l)?.[1])
      .filter((k): k is string => Boolean(k))
      .sort();
    expect(documented).toEqual(Object.keys(ConfigSchema.shape).sort());
  });

  it('defaults to the embedded database in ./data on port 3000, Lithuanian demo set-up', () => {
    const c = loadConfig({});
    expect(c.engine).toBe('pglite');
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe(path.resolve('./data'));
    expect(c.seedDemo).toBe(true);
    expect(c.workersInProcess).toBe(true);
    expect(c.secure).toBe(false);
  });

  it('selects PostgreSQL from DATABASE_URL, with workers in separate processes', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', NODE_ENV: 'production' });
    expect(c.engine).toBe('postgres');
    expect(c.workersInProcess).toBe(false);
    expect(c.seedDemo).toBe(false);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', SMTP_URL: 'http://nope', SESSION_IDLE_MINUTES: '0' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT');
      expect(problems).toContain('SMTP_URL');
      expect(problems).toContain('SESSION_IDLE_MINUTES');
    }
  });

  it('treats "false" as false', () => {
    expect(loadConfig({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'maybe' })).toThrow(ConfigError);
  });

  it('takes the persons match thresholds as probabilities, review below auto-link', () => {
    const c = loadConfig({});
    expect(c.PERSONS_MATCH_REVIEW).toBeLessThan(c.PERSONS_MATCH_AUTO_LINK);
    expect(
      loadConfig({ PERSONS_MATCH_AUTO_LINK: '0.999', PERSONS_MATCH_REVIEW: '0.9' }),
    ).toMatchObject({
      PERSONS_MATCH_AUTO_LINK: 0.999,
      PERSONS_MATCH_REVIEW: 0.9,
    });
    for (const bad of [
      { PERSONS_MATCH_AUTO_LINK: '0.9', PERSONS_MATCH_REVIEW: '0.95' },
      { PERSONS_MATCH_AUTO_LINK: '1.5' },
      { PERSONS_MATCH_REVIEW: '0' },
    ])
      expect(() => loadConfig(bad), JSON.stringify(bad)).toThrow(ConfigError);
  });
});
