import type { Clock, Ids } from '../../../platform/clock';
import type { AnyTransaction } from '../../../platform/db';
import type { AuditModule } from '../../audit';
import { personsErrors } from '../errors';
import { reasonOf, workerOf, type Staff } from './access';
import type { PersonViews } from './person-view';
import { findPersonNumber, formatPersonNumber } from './person-number';
import type { PersonActionRow, PersonRow, RegisterRepository } from './register.repository';
import type { ActionKind, PersonAction } from './types';
import { undoBlocker, type LinkDetails, type SplitDetails } from './undo';
import type { Principal } from '../../../platform/http';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PURPOSE = 'identity-management';
const AUDIT_ACTION: Record<ActionKind, string> = {
  merge: 'persons.merged',
  split: 'persons.split',
  link: 'persons.record-linked',
  'not-same': 'persons.not-same',
  undo: 'persons.action-undone',
};

export interface ActionDeps {
  repo: RegisterRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  views: PersonViews;
}

/**
 * What officers do to persons (issue 7): merge, split, link a record elsewhere, say two persons
 * are not the same, and undo any of these. Each runs in one transaction with its action row
 * (who, when, why; append-only) and an audit entry, so the register and its history never part.
 */
export function createPersonActions(d: ActionDeps) {
  const { repo } = d;

  /** A person by id or by number (any typing of it); PERSONS_NOT_FOUND otherwise. */
  async function resolve(idOrNumber: string, t?: AnyTransaction): Promise<PersonRow> {
    const text = idOrNumber.trim();
    const found = UUID.test(text)
      ? (await repo.personsByIds([text.toLowerCase()], t))[0]
      : await (async () => {
          const number = findPersonNumber(text);
          return number ? repo.personByNumber(number, t) : undefined;
        })();
    if (!found) throw personsErrors.notFound();
    return found;
  }

  /** Re-reads persons after locking them, so two officers cannot act on a stale state. */
  async function locked(list: string[], t: AnyTransaction): Promise<Map<string, PersonRow>> {
    await repo.lockPersons(list, t);
    return new Map((await repo.personsByIds(list, t)).map((p) => [p.id, p]));
  }

  async function act(
    a: Omit<PersonActionRow, 'id' | 'at' | 'actor_id' | 'undoes'> & { undoes?: string },
    actor: Staff,
    t: AnyTransaction,
  ): Promise<PersonActionRow> {
    const row: PersonActionRow = {
      ...a,
      id: d.ids.uuid(),
      at: d.clock.now(),
      actor_id: actor.accountId,
      undoes: a.undoes ?? null,
    };
    await repo.insertAction(row, t);
    await d.audit.record(
      {
        actor,
        action: AUDIT_ACTION[row.kind],
        subject: { kind: 'person', id: row.person_id },
        purpose: PURPOSE,
        details: {
          actionId: row.id,
          reason: row.reason,
          otherPersonId: row.other_person_id,
          ...(row.undoes ? { undoes: row.undoes } : {}),
          ...row.details,
        },
      },
      t,
    );
    return row;
  }

  const shown = async (row: PersonActionRow, t: AnyTransaction): Promise<PersonAction> =>
    (await d.views.actionsOf([row], t))[0]!;

  async function mergeIn(
    survivorId: string,
    mergedId: string,
    actor: Staff,
    reason: string,
    t: AnyTransaction,
    extra: Record<string, unknown> = {},
  ): Promise<PersonActionRow> {
    if (survivorId === mergedId) throw personsErrors.mergeSame();
    const rows = await locked([survivorId, mergedId], t);
    for (const id of [survivorId, mergedId]) {
      const p = rows.get(id)!;
      if (p.status !== 'active') throw personsErrors.mergeInactive(p.number);
    }
    await repo.setMerged(mergedId, survivorId, t);
    return act(
      {
        kind: 'merge',
        person_id: survivorId,
        other_person_id: mergedId,
        reason,
        details: extra,
      },
      actor,
      t,
    );
  }

  /**
   * Moves one record to another person. The person it leaves, when that leaves it with no
   * records and nobody merged into it, is marked merged into the target: its number was given
   * out and must still lead somewhere.
   */
  async function linkIn(
    recordId: string,
    to: string,
    actor: Staff,
    reason: string,
    t: AnyTransaction,
    extra: Record<string, unknown> = {},
  ): Promise<PersonActionRow> {
    const [record] = await repo.recordsByIds([recordId], t);
    if (!record) throw personsErrors.splitInvalid('not-of-person');
    const from = record.person_id;
    const rows = await locked([from, to], t);
    await repo.moveRecords([recordId], to, t);
    const left = await repo.recordsOfPersons([from], t);
    const mergedIn = (await repo.members(from, t)).length > 1;
    // A person merged into another already leads somewhere; only an active one is retired.
    const retired = left.length === 0 && !mergedIn && rows.get(from)?.status === 'active';
    if (retired) await repo.setMerged(from, to, t);
    const details: LinkDetails = { recordId, retired, ...extra };
    return act(
      { kind: 'link', person_id: to, other_person_id: from, reason, details: { ...details } },
      actor,
      t,
    );
  }

  async function notSameIn(
    a: string,
    b: string,
    actor: Staff,
    reason: string,
    t: AnyTransaction,
    extra: Record<string, unknown> = {},
  ): Promise<PersonActionRow> {
    const row = await act(
      { kind: 'not-same', person_id: a, other_person_id: b, reason, details: extra },
      actor,
      t,
    );
    await repo.insertDistinct(a, b, row.id, row.at, t);
    return row;
  }

  async function merge(survivor: string, merged: string, actor: Principal, why: string) {
    const staff = workerOf(actor);
    const reason = reasonOf(why);
    return repo.run(async (t) => {
      const [s, m] = [await resolve(survivor, t), await resolve(merged, t)];
      return shown(await mergeIn(s.id, m.id, staff, reason, t), t);
    });
  }

  async function split(personId: string, recordIds: string[], actor: Principal, why: string) {
    const staff = workerOf(actor);
    const reason = reasonOf(why);
    const chosen = [...new Set(recordIds)];
    if (chosen.length === 0) throw personsErrors.splitInvalid('no-records');
    return repo.run(async (t) => {
      const person = await resolve(personId, t);
      const members = (await repo.members(person.id, t)).map((m) => m.id);
      await locked(members, t);
      const fresh = (await repo.personsByIds([person.id], t))[0]!;
      if (fresh.status !== 'active') throw personsErrors.splitInvalid('inactive');
      const records = await repo.recordsOfPersons(members, t);
      const mine = new Map(records.map((r) => [r.id, r.person_id]));
      if (!chosen.every((id) => mine.has(id))) throw personsErrors.splitInvalid('not-of-person');
      if (chosen.length === records.length) throw personsErrors.splitInvalid('all-records');
      const created = {
        id: d.ids.uuid(),
        number: formatPersonNumber(await repo.nextNumber(t)),
        status: 'active' as const,
        merged_into: null,
        created_at: d.clock.now(),
      };
      await repo.insertPerson(created, t);
      await repo.moveRecords(chosen, created.id, t);
      const details: SplitDetails = {
        recordIds: chosen,
        from: Object.fromEntries(chosen.map((id) => [id, mine.get(id)!])),
      };
      const row = await act(
        {
          kind: 'split',
          person_id: person.id,
          other_person_id: created.id,
          reason,
          details: { ...details },
        },
        staff,
        t,
      );
      return { personId: created.id, personNumber: created.number, action: await shown(row, t) };
    });
  }

  /** Reverses what the action did (see undoBlocker for when it can), and reopens its review. */
  async function undo(actionId: string, actor: Principal, why: string): Promise<PersonAction> {
    const staff = workerOf(actor);
    const reason = reasonOf(why);
    return repo.run(async (t) => {
      const a = UUID.test(actionId) ? await repo.action(actionId, t) : undefined;
      if (!a) throw personsErrors.undoNotAllowed('not-found');
      await locked([a.person_id, ...(a.other_person_id ? [a.other_person_id] : [])], t);
      const blocker = await undoBlocker(repo, a, t);
      if (blocker) throw personsErrors.undoNotAllowed(blocker, { kind: a.kind });
      const done: Record<string, unknown> = { undone: a.kind };
      if (a.kind === 'merge') await repo.setMerged(a.other_person_id!, null, t);
      if (a.kind === 'split') {
        const s = a.details as unknown as SplitDetails;
        for (const id of s.recordIds) await repo.moveRecords([id], s.from[id]!, t);
        // The person the split made keeps its number; with no records left it leads back.
        const left = await repo.recordsOfPersons([a.other_person_id!], t);
        const mergedIn = (await repo.members(a.other_person_id!, t)).length > 1;
        const [created] = await repo.personsByIds([a.other_person_id!], t);
        if (left.length === 0 && !mergedIn && created?.status === 'active') {
          await repo.setMerged(a.other_person_id!, a.person_id, t);
          done.retired = a.other_person_id;
        }
      }
      if (a.kind === 'link') {
        const l = a.details as unknown as LinkDetails;
        await repo.moveRecords([l.recordId], a.other_person_id!, t);
        if (l.retired) await repo.setMerged(a.other_person_id!, null, t);
      }
      if (a.kind === 'not-same') await repo.deleteDistinctOf(a.id, t);
      const reviewId = (a.details as { reviewId?: string }).reviewId;
      if (reviewId) {
        await repo.reopenReview(reviewId, t);
        done.reopenedReview = reviewId;
      }
      const row = await act(
        {
          kind: 'undo',
          person_id: a.person_id,
          other_person_id: a.other_person_id,
          reason,
          details: done,
          undoes: a.id,
        },
        staff,
        t,
      );
      return shown(row, t);
    });
  }

  return { resolve, merge, split, undo, mergeIn, linkIn, notSameIn };
}

export type PersonActions = ReturnType<typeof createPersonActions>;
