import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR } from '../../app/context';
import { createTestDatabase, type TestDatabase } from '../testing';
import { BatchingCounter, peek } from './rate-limit-store';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(MIGRATIONS_DIR);
});
afterAll(async () => {
  await db?.close();
});

const WINDOW = 60_000;
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('batching rate-limit counter', () => {
  it('counts every hit at once on its node and shares them through the database within the flush interval', async () => {
    const nodeA = new BatchingCounter(db.db, 30);
    const nodeB = new BatchingCounter(db.db, 30);
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) counts.push((await nodeA.incr('client-1', WINDOW)).current);
    expect(counts).toEqual([1, 2, 3, 4, 5]);
    // Only the first hit has reached the database so far.
    expect(await peek(db.db, 'client-1', WINDOW)).toBe(1);
    await settle(120);
    expect(await peek(db.db, 'client-1', WINDOW)).toBe(5);
    // Another node starts from the shared count.
    expect((await nodeB.incr('client-1', WINDOW)).current).toBe(6);
    expect((await nodeA.incr('client-1', WINDOW)).current).toBe(6);
    await settle(120);
    expect(await peek(db.db, 'client-1', WINDOW)).toBe(7);
  });

  it('starts a new window once the old one has passed', async () => {
    let now = Date.now();
    const node = new BatchingCounter(db.db, 10_000, () => now);
    expect((await node.incr('client-2', 50)).current).toBe(1);
    expect((await node.incr('client-2', 50)).current).toBe(2);
    await settle(80);
    now += 80;
    const r = await node.incr('client-2', 50);
    expect(r.current).toBe(1);
    expect(r.ttl).toBeLessThanOrEqual(50);
  });
});
