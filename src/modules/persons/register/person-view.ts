import type { AnyTransaction } from '../../../platform/db';
import type {
  PersonActionRow,
  PersonRecordRow,
  PersonRow,
  RegisterRepository,
} from './register.repository';
import type {
  DatedValue,
  PersonAction,
  PersonName,
  PersonSummary,
  PersonView,
  ReviewRecord,
} from './types';
import { undoBlocker } from './undo';

/** The source as a person's page names it: its label (an application reference) or its id. */
const sourceOf = (r: PersonRecordRow) => r.source_label ?? r.source_id;

/** Values in the order recorded, once each (the first source that gave it). */
function firstOf<T>(records: PersonRecordRow[], value: (r: PersonRecordRow) => T | null) {
  const seen = new Map<string, { value: T; record: PersonRecordRow }>();
  for (const r of records) {
    const v = value(r);
    if (v === null) continue;
    const key = JSON.stringify(v);
    if (!seen.has(key)) seen.set(key, { value: v, record: r });
  }
  return [...seen.values()];
}

const dated = (records: PersonRecordRow[], value: (r: PersonRecordRow) => string | null) =>
  firstOf(records, value).map(({ value, record }): DatedValue => ({
    value,
    source: sourceOf(record),
    recordedAt: record.recorded_at,
  }));

export function reviewRecordOf(r: PersonRecordRow): ReviewRecord {
  return {
    id: r.id,
    givenNames: r.given_names,
    surname: r.surname,
    latin: r.latin_names,
    dateOfBirth: r.date_of_birth,
    sex: r.sex,
    nationality: r.nationality,
    documentType: r.document_type,
    documentNumber: r.document_number,
    documentState: r.document_state,
    placeOfBirth: r.place_of_birth,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    sourceLabel: r.source_label,
    recordedAt: r.recorded_at,
  };
}

/** Builds what a person's page and a review show, from the register's rows. */
export function createPersonViews(repo: RegisterRepository) {
  async function numbersOf(ids: Iterable<string>, t?: AnyTransaction) {
    const rows = await repo.personsByIds([...new Set(ids)], t);
    return new Map(rows.map((p) => [p.id, p.number]));
  }

  async function actionsOf(rows: PersonActionRow[], t?: AnyTransaction): Promise<PersonAction[]> {
    const numbers = await numbersOf(
      rows.flatMap((a) => [a.person_id, ...(a.other_person_id ? [a.other_person_id] : [])]),
      t,
    );
    const undoneBy = new Map(rows.filter((a) => a.undoes).map((a) => [a.undoes!, a.id]));
    const out: PersonAction[] = [];
    for (const a of rows) {
      const undone = undoneBy.get(a.id) ?? (await repo.undoOf(a.id, t))?.id ?? null;
      out.push({
        id: a.id,
        kind: a.kind,
        at: a.at,
        actorId: a.actor_id,
        reason: a.reason,
        personId: a.person_id,
        otherPersonId: a.other_person_id,
        personNumber: numbers.get(a.person_id) ?? null,
        otherPersonNumber: a.other_person_id ? (numbers.get(a.other_person_id) ?? null) : null,
        undoneBy: undone,
        undoes: a.undoes,
        undoable: !undone && (await undoBlocker(repo, a, t)) === null,
        details: a.details,
      });
    }
    return out.reverse();
  }

  /** The person, every person merged into it, their records and everything done to them. */
  async function view(person: PersonRow, t?: AnyTransaction): Promise<PersonView> {
    const members = await repo.members(person.id, t);
    const memberIds = members.map((m) => m.id);
    const records = await repo.recordsOfPersons(memberIds, t);
    const roots = person.merged_into ? await repo.roots([person.id], t) : undefined;
    const survivor = roots?.get(person.id);
    const numbers = await numbersOf(
      [...memberIds, ...records.map((r) => r.original_person_id), ...(survivor ? [survivor] : [])],
      t,
    );
    const names = firstOf(records, (r) => [r.given_names, r.surname] as const).map(
      ({ record: r }): PersonName => ({
        givenNames: r.given_names,
        surname: r.surname,
        latin: r.latin_names,
        source: sourceOf(r),
        sourceKind: r.source_kind,
        recordedAt: r.recorded_at,
      }),
    );
    return {
      id: person.id,
      number: person.number,
      status: person.status,
      mergedInto: survivor ? { id: survivor, number: numbers.get(survivor)! } : null,
      names,
      datesOfBirth: dated(records, (r) => r.date_of_birth),
      sexes: dated(records, (r) => r.sex),
      nationalities: dated(records, (r) => r.nationality).map((d) => ({
        code: d.value,
        source: d.source,
        recordedAt: d.recordedAt,
      })),
      documents: firstOf(records, (r) =>
        r.document_number ? [r.document_state, r.document_number] : null,
      ).map(({ record: r }) => ({
        type: r.document_type,
        number: r.document_number!,
        state: r.document_state,
        validUntil: r.document_valid_until,
        source: sourceOf(r),
        recordedAt: r.recorded_at,
      })),
      records: records.map((r) => ({
        id: r.id,
        sourceKind: r.source_kind,
        sourceId: r.source_id,
        sourceLabel: r.source_label,
        recordedAt: r.recorded_at,
        linkedBy: r.linked_by,
        probability: r.probability,
        ownerPersonNumber: numbers.get(r.original_person_id)!,
        personNumber: numbers.get(r.person_id)!,
      })),
      mergedPersons: members
        .filter((m) => m.id !== person.id)
        .map((m) => ({ id: m.id, number: m.number })),
      actions: await actionsOf(await repo.actionsTouching(memberIds, t), t),
    };
  }

  /** A search hit: names, dates of birth and nationalities of the person and those merged in. */
  async function summary(person: PersonRow, t?: AnyTransaction): Promise<PersonSummary> {
    const members = await repo.members(person.id, t);
    const records = await repo.recordsOfPersons(
      members.map((m) => m.id),
      t,
    );
    return {
      id: person.id,
      number: person.number,
      status: person.status,
      names: firstOf(records, (r) => [r.given_names, r.surname] as const).map(({ record: r }) => ({
        givenNames: r.given_names,
        surname: r.surname,
        latin: r.latin_names,
      })),
      datesOfBirth: firstOf(records, (r) => r.date_of_birth).map((v) => v.value),
      nationalities: firstOf(records, (r) => r.nationality).map((v) => v.value),
    };
  }

  return { view, summary, actionsOf, numbersOf };
}

export type PersonViews = ReturnType<typeof createPersonViews>;
