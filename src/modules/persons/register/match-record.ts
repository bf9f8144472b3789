import type { Clock, Ids } from '../../../platform/clock';
import type { AnyTransaction } from '../../../platform/db';
import type { AuditModule } from '../../audit';
import type { PreparedRecord } from '../matching/prepare';
import type { MatchThresholds, PairScore } from '../matching/types';
import { personsErrors } from '../errors';
import { identityOfInput, identityOfRow, latinNames, type RegisterMatcher } from './matcher';
import { formatPersonNumber } from './person-number';
import type { PersonRecordRow, RegisterRepository } from './register.repository';
import { RecordInput, type LinkedBy, type MatchOutcome, type MatchResult } from './types';

export interface MatchDeps {
  repo: RegisterRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  matcher: RegisterMatcher;
  thresholds: MatchThresholds;
}

/** A person found through the keys, with its best pair against the new record. */
interface Candidate {
  /** The surviving person (merged persons count as the one they were merged into). */
  root: string;
  members: string[];
  best: { score: PairScore; record: PersonRecordRow } | null;
  /** Some record of the person can never be this one (date of birth or sex vetoed). */
  vetoed: boolean;
  /**
   * A pair quoting the same document whose date of birth or sex is vetoed: a data error or a
   * misused document, never linked but always shown to an officer.
   */
  conflict: { score: PairScore; record: PersonRecordRow } | null;
}

const SYSTEM = { kind: 'system' as const, id: 'persons' };

/** The better of two pairs: a deterministic rule first, then the higher probability. */
const better = (a: PairScore, b: PairScore) =>
  Boolean(a.rule) !== Boolean(b.rule) ? Boolean(a.rule) : a.probability > b.probability;

/**
 * Matches one record into the register (issue 7): compared with every record of every person
 * sharing a blocking key; a deterministic rule (same document and issuing state) or a probability
 * at or above `autoLink` links it; in the grey band it gets a new, provisional person and an
 * officer reviews the pair; below, a new person. A person with any vetoed pair (a date of birth
 * beyond a typo, another sex) is never linked: one of its records cannot be this person, so
 * neither can it; it is shown to an officer only when the vetoed pair quotes the same document
 * (a data error or a misused passport). A record linked to one person that scores in the grey band
 * with another asks whether the two are one. Matching the same source again answers what it
 * answered first.
 */
export function createMatchRecord(d: MatchDeps) {
  const { repo } = d;

  /**
   * The record's blocking keys without the bare surname codes: those find every namesake and
   * serve search; matching needs a surname with a year, a given name or a date, or a document.
   */
  function lookupKeys(p: PreparedRecord): string[] {
    const broad = new Set(d.matcher.surnameKeys(p.surname.text));
    return d.matcher.keys(p).filter((k) => !broad.has(k));
  }

  async function candidatesFor(p: PreparedRecord, t: AnyTransaction): Promise<Candidate[]> {
    const owners = await repo.personsWithKeys(lookupKeys(p), t);
    const roots = [...new Set((await repo.roots(owners, t)).values())];
    const out: Candidate[] = [];
    for (const root of roots) {
      const members = (await repo.members(root, t)).map((m) => m.id);
      const c: Candidate = { root, members, best: null, vetoed: false, conflict: null };
      for (const record of await repo.recordsOfPersons(members, t)) {
        const score = d.matcher.score(p, d.matcher.prepare(identityOfRow(record)));
        if (score.veto) {
          c.vetoed = true;
          if (score.rule) c.conflict ??= { score, record };
        } else if (!c.best || better(score, c.best.score)) c.best = { score, record };
      }
      out.push(c);
    }
    // Best first; persons without a linkable pair last.
    const rank = (c: Candidate) => (c.best ? c.best.score : undefined);
    return out.sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
      return better(x, y) ? -1 : better(y, x) ? 1 : 0;
    });
  }

  /**
   * The person of a record known to be the same person's (the application a document was issued
   * on): linked by the rule "same person", with the pair's score kept as its explanation.
   */
  async function knownPerson(
    known: PersonRecordRow,
    p: PreparedRecord,
    t: AnyTransaction,
  ): Promise<Candidate> {
    const root = (await repo.roots([known.person_id], t)).get(known.person_id)!;
    const members = (await repo.members(root, t)).map((m) => m.id);
    const scored = d.matcher.score(p, d.matcher.prepare(identityOfRow(known)));
    const score: PairScore = { ...scored, probability: 1, rule: 'same-person-id' };
    delete score.veto;
    return { root, members, best: { score, record: known }, vetoed: false, conflict: null };
  }

  async function newPerson(t: AnyTransaction): Promise<{ id: string; number: string }> {
    const person = {
      id: d.ids.uuid(),
      number: formatPersonNumber(await repo.nextNumber(t)),
      status: 'active' as const,
      merged_into: null,
      created_at: d.clock.now(),
    };
    await repo.insertPerson(person, t);
    return person;
  }

  /**
   * What to ask an officer about: the first candidate in the grey band or above (or with a
   * document conflict) that is not the record's own person, was not said to be another person,
   * and is not asked about already.
   */
  async function suggestion(
    candidates: Candidate[],
    person: string,
    t: AnyTransaction,
  ): Promise<{ root: string; score: PairScore; record: PersonRecordRow } | undefined> {
    const mine = (await repo.members(person, t)).map((m) => m.id);
    for (const c of candidates) {
      if (c.root === person) continue;
      const pair =
        c.conflict ??
        (!c.vetoed && c.best && c.best.score.probability >= d.thresholds.review ? c.best : null);
      if (!pair) continue;
      if (await repo.distinct(mine, c.members, t)) continue;
      if (await repo.openReviewBetween(mine, c.members, t)) continue;
      return { root: c.root, ...pair };
    }
    return undefined;
  }

  async function existing(r: PersonRecordRow, t: AnyTransaction): Promise<MatchResult> {
    const root = (await repo.roots([r.person_id], t)).get(r.person_id)!;
    const [person] = await repo.personsByIds([root], t);
    const review = await repo.openReviewOfRecord(r.id, t);
    const outcome: MatchOutcome =
      r.linked_by === 'rule'
        ? 'rule'
        : r.linked_by === 'new'
          ? review
            ? 'review'
            : 'new'
          : 'linked';
    return {
      outcome,
      personId: root,
      personNumber: person!.number,
      recordId: r.id,
      probability: r.probability,
      ...(review ? { reviewId: review.id } : {}),
    };
  }

  return async function matchRecord(
    input: RecordInput,
    trx?: AnyTransaction,
  ): Promise<MatchResult> {
    const parsed = RecordInput.safeParse(input);
    if (!parsed.success)
      throw personsErrors.recordInvalid(
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      );
    const r = parsed.data;
    return repo.run(async (t) => {
      const known = await repo.recordBySource(r.sourceKind, r.sourceId, t);
      if (known) return existing(known, t);
      const recordId = d.ids.uuid();
      const prepared = d.matcher.prepare(identityOfInput(r, recordId));
      const sameAs = r.samePersonAs
        ? await repo.recordBySource(r.samePersonAs.sourceKind, r.samePersonAs.sourceId, t)
        : undefined;
      const candidates = sameAs ? [] : await candidatesFor(prepared, t);
      const top = sameAs
        ? await knownPerson(sameAs, prepared, t)
        : candidates.find((c) => !c.vetoed && c.best);
      const linkTo =
        top?.best && (top.best.score.rule || top.best.score.probability >= d.thresholds.autoLink)
          ? top
          : undefined;
      const linkedBy: LinkedBy = linkTo ? (linkTo.best!.score.rule ? 'rule' : 'auto') : 'new';
      const person = linkTo
        ? { id: linkTo.root, number: (await repo.personsByIds([linkTo.root], t))[0]!.number }
        : await newPerson(t);
      const row: PersonRecordRow = {
        id: recordId,
        person_id: person.id,
        original_person_id: person.id,
        source_kind: r.sourceKind,
        source_id: r.sourceId,
        source_label: r.sourceLabel,
        given_names: r.givenNames,
        surname: r.surname,
        latin_names: latinNames(r.givenNames, r.surname),
        date_of_birth: r.dateOfBirth,
        sex: r.sex,
        nationality: r.nationality,
        document_type: r.documentType,
        document_number: r.documentNumber,
        document_state: r.documentState,
        document_valid_until: r.documentValidUntil,
        place_of_birth: r.placeOfBirth,
        recorded_at: d.clock.now(),
        linked_by: linkedBy,
        probability: top?.best?.score.probability ?? null,
        explanation: top?.best
          ? {
              candidatePersonId: top.root,
              candidateRecordId: top.best.record.id,
              score: top.best.score,
            }
          : null,
      };
      if (!(await repo.insertRecord(row, t))) {
        // Another transaction matched the same source first: answer what it answered.
        if (!linkTo) await repo.deletePerson(person.id, t);
        return existing((await repo.recordBySource(r.sourceKind, r.sourceId, t))!, t);
      }
      await repo.insertKeys(recordId, d.matcher.keys(prepared), t);
      const suggested = await suggestion(candidates, person.id, t);
      const reviewId = suggested ? d.ids.uuid() : undefined;
      if (suggested && reviewId)
        await repo.insertReview(
          {
            id: reviewId,
            record_id: recordId,
            person_id: person.id,
            candidate_person_id: suggested.root,
            candidate_record_id: suggested.record.id,
            probability: suggested.score.probability,
            explanation: suggested.score as unknown as Record<string, unknown>,
            status: 'open',
            created_at: d.clock.now(),
            decided_by: null,
            decided_at: null,
            reason: null,
            action_id: null,
          },
          t,
        );
      const outcome: MatchOutcome =
        linkedBy === 'rule' ? 'rule' : linkTo ? 'linked' : reviewId ? 'review' : 'new';
      await d.audit.record(
        {
          actor: SYSTEM,
          action: 'persons.record-matched',
          subject: { kind: 'person', id: person.id },
          details: {
            recordId,
            source: r.sourceKind,
            outcome,
            probability: row.probability,
            ...(reviewId ? { reviewId, candidatePersonId: suggested!.root } : {}),
          },
        },
        t,
      );
      return {
        outcome,
        personId: person.id,
        personNumber: person.number,
        recordId,
        probability: row.probability,
        ...(reviewId ? { reviewId } : {}),
      };
    }, trx);
  };
}
