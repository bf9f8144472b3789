/**
 * How each daily fact table's delta rows are keyed and combined: the primary key of the table
 * (migration 0038) and which columns add up. One mechanism serves the fold (adding one event's
 * counts) and `mergeDeltas` (adding two batches), which is what makes folding associative.
 */
import type { FoldDeltas } from './fold.types';

type Row<T extends keyof FoldDeltas> = FoldDeltas[T][number];
type Numeric<R> = { [K in keyof R]-?: R[K] extends number ? K : never }[keyof R];

interface TableSpec<R> {
  /** The table's primary key as one string (codes, days and uuids hold no `|`). */
  key(r: R): string;
  /** Counters: added. */
  sums: readonly Numeric<R>[];
  /** Set-to-latest columns (null = not reported): the later batch's value wins. */
  latest?: readonly (keyof R)[];
}

const k = (...parts: (string | number)[]) => parts.join('|');

export const TABLES: { [T in keyof FoldDeltas]: TableSpec<Row<T>> } = {
  intake: {
    key: (r) =>
      k(r.day, r.service_id, r.ground_id, r.branch_code, r.nationality_group, r.channel, r.urgency),
    sums: ['applications'],
  },
  flow: { key: (r) => k(r.measure, r.day, r.service_id, r.branch_code), sums: ['n'] },
  durations: {
    key: (r) => k(r.day, r.service_id, r.branch_code, r.outcome, r.measure, r.bucket),
    sums: ['n'],
  },
  appointments: {
    key: (r) => k(r.day, r.branch_code, r.service_id),
    sums: [
      'booked',
      'cancelled',
      'moved',
      'attended',
      'no_show',
      'walk_ins_served',
      'walk_ins_left',
    ],
    latest: ['capacity'],
  },
  automation: { key: (r) => k(r.measure, r.day, r.service_id), sums: ['n'] },
  officer: {
    key: (r) => k(r.day, r.service_id, r.branch_code, r.staff_account_id),
    sums: ['actions', 'decisions'],
  },
  assistant: {
    key: (r) => k(r.day, r.lang, r.answer_kind),
    sums: ['answers', 'handoffs_offered', 'low_confidence'],
  },
  contact: { key: (r) => k(r.measure, r.day, r.channel), sums: ['n', 'minutes_sum'] },
};

export const TABLE_NAMES = Object.keys(TABLES) as (keyof FoldDeltas)[];

/** Adds `row` into `into` (by key): counters summed, set-to-latest columns overwritten if given. */
export function addRow<T extends keyof FoldDeltas>(
  table: T,
  into: Map<string, Row<T>>,
  row: Row<T>,
): void {
  const spec = TABLES[table] as TableSpec<Row<T>>;
  const key = spec.key(row);
  const have = into.get(key);
  if (!have) {
    into.set(key, { ...row });
    return;
  }
  const h = have as unknown as Record<string, number | null>;
  const r = row as unknown as Record<string, number | null>;
  for (const c of spec.sums) h[c as string] = (h[c as string] ?? 0) + (r[c as string] ?? 0);
  for (const c of spec.latest ?? []) if (r[c as string] !== null) h[c as string] = r[c as string]!;
}

/** A row that would change nothing (every counter 0, nothing set): not worth an upsert. */
export function isNoop<T extends keyof FoldDeltas>(table: T, row: Row<T>): boolean {
  const spec = TABLES[table] as TableSpec<Row<T>>;
  const r = row as unknown as Record<string, number | null>;
  return (
    spec.sums.every((c) => r[c as string] === 0) &&
    (spec.latest ?? []).every((c) => r[c as string] === null)
  );
}

export type DeltaMaps = { [T in keyof FoldDeltas]: Map<string, Row<T>> };

export function emptyMaps(): DeltaMaps {
  return {
    intake: new Map(),
    flow: new Map(),
    durations: new Map(),
    appointments: new Map(),
    automation: new Map(),
    officer: new Map(),
    assistant: new Map(),
    contact: new Map(),
  };
}

/** The maps as arrays, sorted by key (deterministic output), without no-op rows. */
export function toDeltas(maps: DeltaMaps): FoldDeltas {
  const out = {} as Record<keyof FoldDeltas, unknown[]>;
  for (const t of TABLE_NAMES) {
    const m = maps[t] as Map<string, Row<typeof t>>;
    out[t] = [...m.entries()]
      .filter(([, row]) => !isNoop(t, row))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, row]) => row);
  }
  return out as unknown as FoldDeltas;
}

/**
 * Two batches' deltas as one, as applying `a` then `b` would leave the tables: counters added,
 * the capacity of `b` where it reported one. The repository may use it to fold several batches
 * in one transaction; the tests use it to check that folding is associative.
 */
export function mergeDeltas(a: FoldDeltas, b: FoldDeltas): FoldDeltas {
  const maps = emptyMaps();
  for (const t of TABLE_NAMES) {
    const m = maps[t] as Map<string, Row<typeof t>>;
    for (const row of [...a[t], ...b[t]] as Row<typeof t>[]) addRow(t, m, row);
  }
  return toDeltas(maps);
}
