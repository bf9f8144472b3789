import type { AnyTransaction } from '../../../platform/db';
import type { PersonActionRow, RegisterRepository } from './register.repository';

/** Why an action cannot be undone now; null when it can. */
export type UndoBlocker = 'undone' | 'is-undo' | 'changed-since';

export interface SplitDetails {
  recordIds: string[];
  /** Where each record was before: its person, which may be a person merged into the one split. */
  from: Record<string, string>;
  reviewId?: string;
}
export interface LinkDetails {
  recordId: string;
  /** The person the record left had no records left and was marked merged into the target. */
  retired: boolean;
  reviewId?: string;
}

/**
 * An action is undone only while what it did still stands: a merged person still points at the
 * survivor, split-off records still belong to the new person, a linked record still belongs to
 * where it was linked. Otherwise undoing would move records someone moved since: the officer
 * acts anew instead.
 */
export async function undoBlocker(
  repo: RegisterRepository,
  a: PersonActionRow,
  t?: AnyTransaction,
): Promise<UndoBlocker | null> {
  if (a.kind === 'undo') return 'is-undo';
  if (await repo.undoOf(a.id, t)) return 'undone';
  switch (a.kind) {
    case 'merge': {
      const [merged] = await repo.personsByIds([a.other_person_id!], t);
      return merged?.merged_into === a.person_id ? null : 'changed-since';
    }
    case 'split': {
      const d = a.details as unknown as SplitDetails;
      const records = await repo.recordsByIds(d.recordIds, t);
      return records.length === d.recordIds.length &&
        records.every((r) => r.person_id === a.other_person_id)
        ? null
        : 'changed-since';
    }
    case 'link': {
      const d = a.details as unknown as LinkDetails;
      const [record] = await repo.recordsByIds([d.recordId], t);
      if (record?.person_id !== a.person_id) return 'changed-since';
      if (!d.retired) return null;
      const [left] = await repo.personsByIds([a.other_person_id!], t);
      return left?.merged_into === a.person_id ? null : 'changed-since';
    }
    case 'not-same':
      return null;
  }
}
