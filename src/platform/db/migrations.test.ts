import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATION_NAME, readMigrations } from './migrate';

const DIR = path.resolve(__dirname, '..', '..', '..', 'migrations');

describe('the migrations folder', () => {
  it('numbers migrations 0001… without gaps, names them NNNN_<module>_<verb>-<object>.sql, and HEAD names the last', () => {
    const migrations = readMigrations(DIR);
    expect(migrations.length).toBeGreaterThan(0);
    migrations.forEach((m, i) => {
      expect(m.name).toMatch(MIGRATION_NAME);
      expect(m.version).toBe(i + 1);
    });
    expect(fs.readFileSync(path.join(DIR, 'HEAD'), 'utf8').trim()).toBe(migrations.at(-1)!.name);
  });

  it('comments on every table and column it creates (DESIGN §5)', () => {
    for (const m of readMigrations(DIR)) {
      for (const [, table, body] of m.sql.matchAll(/create table (\w+) \(([\s\S]*?)\n\);/g)) {
        expect(m.sql, `${m.name}: table ${table}`).toContain(`comment on table ${table} is`);
        const columns = body!
          .split('\n')
          .map((l) => /^\s+(\w+)\s+\w/.exec(l)?.[1])
          .filter(
            (c): c is string =>
              Boolean(c) && !['primary', 'check', 'unique', 'foreign', 'constraint'].includes(c!),
          );
        for (const c of columns)
          expect(m.sql, `${m.name}: ${table}.${c}`).toContain(`comment on column ${table}.${c} is`);
      }
    }
  });

  it('refuses a folder whose numbering has a gap or whose HEAD is stale', () => {
    const tmp = fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'mig-'));
    fs.writeFileSync(path.join(tmp, '0001_a_create-x.sql'), 'select 1;');
    fs.writeFileSync(path.join(tmp, '0003_a_create-y.sql'), 'select 1;');
    fs.writeFileSync(path.join(tmp, 'HEAD'), '0001_a_create-x.sql');
    expect(() => readMigrations(tmp)).toThrow(/expected number 0002[\s\S]*HEAD says/);
  });
});
