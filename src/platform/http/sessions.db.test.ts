import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { fixedClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing';
import { sweepSessions } from './sessions';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
});
afterAll(async () => {
  await db?.close();
});

describe('session sweeper', () => {
  it('removes sessions past the absolute or idle limit and keeps live ones', async () => {
    const now = new Date('2026-12-04T12:00:00Z');
    const row = (id: string, lastSeenMinAgo: number, expiresInMin: number) =>
      db.executeSql(
        'insert into sessions (id_hash, data, created_at, last_seen_at, expires_at) values ($1, $2, $3, $4, $5)',
        [
          id,
          '{}',
          new Date(now.getTime() - 3_600_000),
          new Date(now.getTime() - lastSeenMinAgo * 60_000),
          new Date(now.getTime() + expiresInMin * 60_000),
        ],
      );
    await row('live', 5, 60);
    await row('idle', 45, 60);
    await row('expired', 1, -1);
    expect(await sweepSessions(db.db, fixedClock(now), 30)).toBe(2);
    const { rows } = await db.executeSql('select id_hash from sessions');
    expect(rows).toEqual([{ id_hash: 'live' }]);
  });
});
