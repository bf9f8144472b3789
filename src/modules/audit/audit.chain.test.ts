import { describe, expect, it } from 'vitest';
import { canonical, GENESIS_HASH, hashEntry, verifyRun, type ChainedEntry } from './audit.chain';

const entry = (seq: number, action = 'x'): ChainedEntry => ({
  seq,
  at: new Date('2026-01-01T00:00:00Z'),
  actor_kind: 'system',
  actor_id: null,
  action,
  subject_kind: null,
  subject_id: null,
  purpose: null,
  ip_hash: null,
  details: { b: 1, a: [2, { d: 1, c: 2 }] },
});

function chain(n: number) {
  let prev = GENESIS_HASH;
  return Array.from({ length: n }, (_, i) => {
    const e = entry(i + 1);
    const row = { ...e, prev_hash: prev, hash: hashEntry(prev, e) };
    prev = row.hash;
    return row;
  });
}

describe('hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonical({ b: 1, a: { d: 1, c: 2 } })).toBe(canonical({ a: { c: 2, d: 1 }, b: 1 }));
  });
  it('verifies an intact chain and finds the first edited, relinked or missing row', () => {
    const rows = chain(4);
    expect(verifyRun(rows, { seq: 0, prevHash: GENESIS_HASH }).ok).toBe(true);
    const edited = rows.map((r) => (r.seq === 2 ? { ...r, action: 'y' } : r));
    expect(verifyRun(edited, { seq: 0, prevHash: GENESIS_HASH })).toEqual({
      ok: false,
      break: { seq: 2, reason: 'hash-mismatch' },
    });
    const gap = rows.filter((r) => r.seq !== 3);
    expect(verifyRun(gap, { seq: 0, prevHash: GENESIS_HASH })).toEqual({
      ok: false,
      break: { seq: 3, reason: 'gap' },
    });
    const relinked = rows.map((r) => (r.seq === 3 ? { ...r, prev_hash: GENESIS_HASH } : r));
    expect(verifyRun(relinked, { seq: 0, prevHash: GENESIS_HASH })).toEqual({
      ok: false,
      break: { seq: 3, reason: 'prev-hash-mismatch' },
    });
  });
});
