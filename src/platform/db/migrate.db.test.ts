import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing';
import { appliedHead, migrate } from './migrate';

/** A scratch migrations folder, to change files the way a careless commit would. */
function folder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-mig-'));
  for (const [name, sql] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), sql);
  fs.writeFileSync(path.join(dir, 'HEAD'), Object.keys(files).sort().at(-1)!);
  return dir;
}

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('migrate', () => {
  it('applies pending migrations once and records the head', async () => {
    db = await createTestDatabase(
      folder({ '0001_demo_create-a.sql': 'create table demo_a (id int);' }),
    );
    const dir = folder({
      '0001_demo_create-a.sql': 'create table demo_a (id int);',
      '0002_demo_create-b.sql': 'create table demo_b (id int);',
    });
    expect((await migrate(db, dir)).applied).toEqual(['0002_demo_create-b.sql']);
    expect((await migrate(db, dir)).applied).toEqual([]);
    expect(await appliedHead(db)).toBe('0002_demo_create-b.sql');
  });

  it('refuses to run anything when an applied migration was edited', async () => {
    db = await createTestDatabase(
      folder({ '0001_demo_create-a.sql': 'create table demo_a (id int);' }),
    );
    const dir = folder({
      '0001_demo_create-a.sql': 'create table demo_a (id bigint);',
      '0002_demo_create-b.sql': 'create table demo_b (id int);',
    });
    await expect(migrate(db, dir)).rejects.toThrow(/0001_demo_create-a\.sql was changed/);
    const { rows } = await db.executeSql("select to_regclass('demo_b') as t");
    expect((rows[0] as { t: string | null }).t).toBeNull();
  });

  it('rolls back a failing migration completely', async () => {
    db = await createTestDatabase(
      folder({ '0001_demo_create-a.sql': 'create table demo_a (id int);' }),
    );
    const dir = folder({
      '0001_demo_create-a.sql': 'create table demo_a (id int);',
      '0002_demo_create-b.sql':
        'create table demo_b (id int);\ninsert into demo_b values (1);\nselect * from no_such_table;',
    });
    await expect(migrate(db, dir)).rejects.toThrow(
      /0002_demo_create-b\.sql failed and was rolled back/,
    );
    const { rows } = await db.executeSql("select to_regclass('demo_b') as t");
    expect((rows[0] as { t: string | null }).t).toBeNull();
    expect(await appliedHead(db)).toBe('0001_demo_create-a.sql');
  });
});
