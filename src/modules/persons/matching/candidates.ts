import type { Columns } from './columns';
import type { PairComparer } from './pair-compare';
import { SWAPPED } from './pair-compare';
import { KEYS_PER_RECORD, PASSES, type BlockingPass } from './passes';

/**
 * Candidate pairs from the blocking passes, each compared once: the records, the pattern of
 * levels, whether its names agreed swapped, and every pass whose keys it shares (EM estimates
 * from each pass's pairs, so a pair found first by the document pass still counts for the name
 * passes). Typed arrays that grow by doubling: tens of millions of pairs cost a few hundred
 * megabytes, not objects.
 */
export class CandidatePairs {
  a = new Int32Array(1 << 16);
  b = new Int32Array(1 << 16);
  pattern = new Int32Array(1 << 16);
  /** Bit p: the pair shares a key of pass p; bit 7: its names agreed swapped. */
  flags = new Uint8Array(1 << 16);
  length = 0;
  /** Pairs found per pass. */
  readonly perPass: number[] = [];

  push(i: number, j: number, compared: number, passes: number): void {
    if (this.length === this.a.length) this.grow();
    const k = this.length++;
    this.a[k] = i;
    this.b[k] = j;
    this.pattern[k] = compared & (SWAPPED - 1);
    this.flags[k] = passes | (compared & SWAPPED ? SWAPPED_FLAG : 0);
  }

  private grow(): void {
    const size = this.a.length * 2;
    const a = new Int32Array(size);
    a.set(this.a);
    const b = new Int32Array(size);
    b.set(this.b);
    const pattern = new Int32Array(size);
    pattern.set(this.pattern);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    Object.assign(this, { a, b, pattern, flags });
  }
}

/** `CandidatePairs.flags` bit for names that agreed swapped. */
export const SWAPPED_FLAG = 128;

export interface CandidateOptions {
  /** Blocks larger than this are compared within a sliding window only. */
  cap: number;
  window: number;
  passes?: BlockingPass[];
  onPass?: (pass: string, done: number, total: number) => void;
}

/** Sort (key, record) entries by key: two passes of 16 bits, linear in the number of entries. */
function radixSort(keys: Uint32Array, recs: Int32Array): { keys: Uint32Array; recs: Int32Array } {
  const n = keys.length;
  let k1: Uint32Array = keys;
  let r1: Int32Array = recs;
  let k2: Uint32Array = new Uint32Array(n);
  let r2: Int32Array = new Int32Array(n);
  const counts = new Int32Array(65537);
  for (const shift of [0, 16]) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[((k1[i]! >>> shift) & 0xffff) + 1]!++;
    for (let d = 0; d < 65536; d++) counts[d + 1]! += counts[d]!;
    for (let i = 0; i < n; i++) {
      const d = (k1[i]! >>> shift) & 0xffff;
      const at = counts[d]!++;
      k2[at] = k1[i]!;
      r2[at] = r1[i]!;
    }
    [k1, k2] = [k2, k1];
    [r1, r2] = [r2, r1];
  }
  return { keys: k1, recs: r1 };
}

function holds(keys: Uint32Array, r: number, key: number): boolean {
  const at = r * KEYS_PER_RECORD;
  for (let s = 0; s < KEYS_PER_RECORD; s++) {
    const k = keys[at + s]!;
    if (k === 0) return false;
    if (k === key) return true;
  }
  return false;
}

/** A pass's keys for every record, distinct per record, 0 where none. */
function keysOfPass(c: Columns, pass: BlockingPass): { keys: Uint32Array; entries: number } {
  const keys = new Uint32Array(c.size * KEYS_PER_RECORD);
  let entries = 0;
  for (let r = 0; r < c.size; r++) {
    const at = r * KEYS_PER_RECORD;
    const count = pass.keys(c, r, keys, at);
    // Distinct keys only (two codes of one name may hash alike with the same date).
    let kept = 0;
    for (let s = 0; s < count; s++) {
      const k = keys[at + s]!;
      let seen = false;
      for (let t = 0; t < kept; t++) if (keys[at + t] === k) seen = true;
      if (!seen) keys[at + kept++] = k;
    }
    for (let s = kept; s < KEYS_PER_RECORD; s++) keys[at + s] = 0;
    entries += kept;
  }
  return { keys, entries };
}

export function candidatePairs(
  c: Columns,
  comparer: PairComparer,
  options: CandidateOptions,
): CandidatePairs {
  const passes = options.passes ?? PASSES;
  const out = new CandidatePairs();
  const filed = passes.map((pass) => keysOfPass(c, pass));
  const keysOf = filed.map((f) => f.keys);
  const cappedOf: Set<number>[] = [];

  /** Whether records i and j share a key of pass q (compared in full, when `uncapped`). */
  const shared = (q: number, i: number, j: number, uncapped: boolean): boolean => {
    const keys = keysOf[q]!;
    const at = i * KEYS_PER_RECORD;
    for (let s = 0; s < KEYS_PER_RECORD; s++) {
      const k = keys[at + s]!;
      if (k === 0) return false;
      if (holds(keys, j, k) && !(uncapped && cappedOf[q]!.has(k))) return true;
    }
    return false;
  };

  passes.forEach((pass, p) => {
    const keys = keysOf[p]!;
    const entries = filed[p]!.entries;
    const entryKeys = new Uint32Array(entries);
    const entryRecs = new Int32Array(entries);
    for (let r = 0, e = 0; r < c.size; r++)
      for (let s = 0; s < KEYS_PER_RECORD; s++) {
        const k = keys[r * KEYS_PER_RECORD + s]!;
        if (k === 0) break;
        entryKeys[e] = k;
        entryRecs[e++] = r;
      }
    const sorted = radixSort(entryKeys, entryRecs);

    // Oversized blocks first, so that a pair knows whether a key it shares was compared in full.
    const capped = new Set<number>();
    for (let s = 0; s < entries;) {
      let e = s + 1;
      while (e < entries && sorted.keys[e] === sorted.keys[s]) e++;
      if (e - s > options.cap) capped.add(sorted.keys[s]!);
      s = e;
    }
    cappedOf.push(capped);
    const probe = pass.probe;

    /** Compare i and j here unless an earlier pass or key of this pass compared them. */
    const consider = (x: number, y: number, key: number, keyCapped: boolean) => {
      const i = x < y ? x : y;
      const j = x < y ? y : x;
      for (let q = 0; q < p; q++) if (shared(q, i, j, true)) return;
      const at = i * KEYS_PER_RECORD;
      for (let s = 0; s < KEYS_PER_RECORD; s++) {
        const k = keys[at + s]!;
        if (k === 0) break;
        if (k === key || !holds(keys, j, k)) continue;
        // Compared under the smallest shared key compared in full; in windows, wherever met.
        if (!capped.has(k) && (keyCapped || k < key)) return;
      }
      let member = 1 << p;
      for (let q = p + 1; q < passes.length; q++) if (shared(q, i, j, false)) member |= 1 << q;
      out.push(i, j, comparer.compare(i, j), member);
    };

    const before = out.length;
    const block: number[] = [];
    for (let s = 0; s < entries;) {
      let e = s + 1;
      const key = sorted.keys[s]!;
      while (e < entries && sorted.keys[e] === key) e++;
      const size = e - s;
      const keyCapped = size > options.cap;
      if (size > 1) {
        block.length = 0;
        for (let x = s; x < e; x++) block.push(sorted.recs[x]!);
        if (keyCapped) block.sort((u, v) => pass.order(c, u) - pass.order(c, v) || u - v);
        const reach = keyCapped ? options.window : block.length;
        if (probe) {
          // Each probe with the others (within the window when capped); two probes once.
          for (let x = 0; x < block.length; x++) {
            if (!probe(c, block[x]!)) continue;
            const from = Math.max(0, x - reach);
            const to = Math.min(block.length - 1, x + reach);
            for (let y = from; y <= to; y++)
              if (y !== x && !(y < x && probe(c, block[y]!)))
                consider(block[x]!, block[y]!, key, keyCapped);
          }
        } else {
          for (let x = 0; x < block.length; x++)
            for (let y = x + 1; y < block.length && y <= x + reach; y++)
              consider(block[x]!, block[y]!, key, keyCapped);
        }
      }
      s = e;
    }
    out.perPass.push(out.length - before);
    options.onPass?.(pass.name, p + 1, passes.length);
  });
  return out;
}
