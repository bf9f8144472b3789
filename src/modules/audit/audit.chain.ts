import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry {
  seq: number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  subject_kind: string | null;
  subject_id: string | null;
  purpose: string | null;
  ip_hash: string | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** Pure: the hash of one row given the previous row's hash. */
export function hashEntry(prevHash: string, e: ChainedEntry): string {
  const content = canonical({
    seq: e.seq,
    at: e.at.toISOString(),
    actor_kind: e.actor_kind,
    actor_id: e.actor_id,
    action: e.action,
    subject_kind: e.subject_kind,
    subject_id: e.subject_id,
    purpose: e.purpose,
    ip_hash: e.ip_hash,
    details: e.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export interface ChainBreak {
  seq: number;
  reason: 'hash-mismatch' | 'prev-hash-mismatch' | 'gap';
}

/** Pure verification of a run of consecutive rows; `prevHash` is the hash before the first. */
export function verifyRun(
  rows: (ChainedEntry & { prev_hash: string; hash: string })[],
  start: { seq: number; prevHash: string },
): { ok: true; last: { seq: number; prevHash: string } } | { ok: false; break: ChainBreak } {
  let expectedSeq = start.seq + 1;
  let prev = start.prevHash;
  for (const row of rows) {
    if (row.seq !== expectedSeq) return { ok: false, break: { seq: expectedSeq, reason: 'gap' } };
    if (row.prev_hash !== prev)
      return { ok: false, break: { seq: row.seq, reason: 'prev-hash-mismatch' } };
    if (hashEntry(prev, row) !== row.hash)
      return { ok: false, break: { seq: row.seq, reason: 'hash-mismatch' } };
    prev = row.hash;
    expectedSeq += 1;
  }
  return { ok: true, last: { seq: expectedSeq - 1, prevHash: prev } };
}
