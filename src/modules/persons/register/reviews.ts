import type { Clock } from '../../../platform/clock';
import type { AnyTransaction } from '../../../platform/db';
import type { Principal } from '../../../platform/http';
import type { AuditModule } from '../../audit';
import type { PairScore } from '../matching/types';
import { personsErrors } from '../errors';
import { reasonOf, workerOf } from './access';
import type { PersonActions } from './person-actions';
import { reviewRecordOf, type PersonViews } from './person-view';
import type { PersonReviewRow, RegisterRepository, ReviewStatus } from './register.repository';
import type { ReviewDecision, ReviewSummary, ReviewView } from './types';

const PURPOSE = 'identity-review';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUS_OF: Record<ReviewDecision, ReviewStatus> = {
  link: 'linked',
  merge: 'merged',
  'not-same': 'not-same',
};
const DECISION_OF: Record<Exclude<ReviewStatus, 'open'>, ReviewDecision> = {
  linked: 'link',
  merged: 'merge',
  'not-same': 'not-same',
};

export interface ReviewDeps {
  repo: RegisterRepository;
  clock: Clock;
  audit: AuditModule;
  views: PersonViews;
  actions: PersonActions;
}

/**
 * The officers' review queue (issue 7): grey-band matches shown side by side with the matcher's
 * explanation, decided as "link the record", "merge the persons" or "not the same person".
 * A review whose two persons became one since (merged or linked another way) leaves the queue;
 * it comes back if that is undone.
 */
export function createReviews(d: ReviewDeps) {
  const { repo } = d;

  /** The review with both sides as they stand now (the persons they were merged into, if so). */
  async function sidesOf(v: PersonReviewRow, t?: AnyTransaction) {
    const rows = await repo.recordsByIds([v.record_id, v.candidate_record_id], t);
    const record = rows.find((r) => r.id === v.record_id)!;
    const candidateRecord = rows.find((r) => r.id === v.candidate_record_id)!;
    const roots = await repo.roots([record.person_id, v.candidate_person_id], t);
    const personId = roots.get(record.person_id)!;
    const candidateId = roots.get(v.candidate_person_id)!;
    const numbers = await d.views.numbersOf([personId, candidateId], t);
    return {
      record,
      candidateRecord,
      person: { id: personId, number: numbers.get(personId)! },
      candidate: { id: candidateId, number: numbers.get(candidateId)! },
    };
  }

  const summaryOf = (
    v: PersonReviewRow,
    s: Awaited<ReturnType<typeof sidesOf>>,
  ): ReviewSummary => ({
    id: v.id,
    createdAt: v.created_at,
    probability: v.probability,
    record: reviewRecordOf(s.record),
    recordPerson: s.person,
    candidate: s.candidate,
  });

  async function find(id: string, t?: AnyTransaction): Promise<PersonReviewRow> {
    const v = UUID.test(id) ? await repo.review(id, t) : undefined;
    if (!v) throw personsErrors.reviewNotFound();
    return v;
  }

  /**
   * Open reviews, oldest first. They show names and dates of birth: with `actor`, the read is
   * audited (the queue page passes its viewer).
   */
  async function openReviews(actor?: Principal): Promise<ReviewSummary[]> {
    if (actor) workerOf(actor);
    const out: ReviewSummary[] = [];
    for (const v of await repo.openReviews()) {
      const s = await sidesOf(v);
      if (s.person.id !== s.candidate.id) out.push(summaryOf(v, s));
    }
    if (actor)
      await d.audit.record({
        actor,
        action: 'personal-data.read',
        subject: { kind: 'person-reviews', id: 'open' },
        purpose: PURPOSE,
        details: { fields: ['names', 'date-of-birth', 'source'], reviews: out.map((r) => r.id) },
      });
    return out;
  }

  async function getReview(id: string, actor: Principal): Promise<ReviewView> {
    workerOf(actor);
    const v = await find(id);
    const s = await sidesOf(v);
    const [person, candidate] = await repo
      .personsByIds([s.person.id, s.candidate.id])
      .then((rows) => [s.person.id, s.candidate.id].map((id) => rows.find((p) => p.id === id)!));
    const view: ReviewView = {
      ...summaryOf(v, s),
      status: v.status === 'open' ? 'open' : 'decided',
      decision: v.status === 'open' ? null : DECISION_OF[v.status],
      decidedBy: v.decided_by,
      decidedAt: v.decided_at,
      reason: v.reason,
      candidateRecord: reviewRecordOf(s.candidateRecord),
      person: await d.views.view(person!),
      candidatePerson: await d.views.view(candidate!),
      score: v.explanation as unknown as PairScore,
    };
    await d.audit.recordRead({
      actor,
      subject: { kind: 'person-review', id: v.id },
      purpose: PURPOSE,
      fields: ['record', 'candidate-record', 'score'],
    });
    for (const p of new Set([s.person.id, s.candidate.id]))
      await d.audit.recordRead({
        actor,
        subject: { kind: 'person', id: p },
        purpose: PURPOSE,
        fields: ['names', 'dates-of-birth', 'nationalities', 'documents', 'records', 'actions'],
      });
    return view;
  }

  /**
   * Decides an open review. link: the record moves to the candidate; merge: the two persons
   * merge, the one created first surviving (its number is the one more likely known); not-same:
   * the pair is never suggested again. Answers the person the officer goes on to.
   */
  async function decideReview(
    id: string,
    decision: ReviewDecision,
    actor: Principal,
    why: string,
  ): Promise<{ personId: string; actionId: string }> {
    const staff = workerOf(actor);
    const reason = reasonOf(why);
    return repo.run(async (t) => {
      const v = await find(id, t);
      if (v.status !== 'open') throw personsErrors.reviewDecided('decided');
      const s = await sidesOf(v, t);
      if (s.person.id === s.candidate.id) throw personsErrors.reviewDecided('same-person');
      const at = d.clock.now();
      // Claimed first: of two officers deciding at once, the second finds it decided.
      const claimed = await repo.decideReview(
        id,
        { status: STATUS_OF[decision], by: staff.accountId, at, reason, actionId: null },
        t,
      );
      if (!claimed) throw personsErrors.reviewDecided('decided');
      const extra = { reviewId: id };
      let personId: string;
      let action;
      if (decision === 'link') {
        personId = s.candidate.id;
        action = await d.actions.linkIn(s.record.id, personId, staff, reason, t, extra);
      } else if (decision === 'merge') {
        const rows = await repo.personsByIds([s.person.id, s.candidate.id], t);
        const [first, second] = rows.sort(
          (a, b) =>
            a.created_at.getTime() - b.created_at.getTime() || a.number.localeCompare(b.number),
        );
        personId = first!.id;
        action = await d.actions.mergeIn(first!.id, second!.id, staff, reason, t, extra);
      } else {
        personId = s.person.id;
        action = await d.actions.notSameIn(s.person.id, s.candidate.id, staff, reason, t, extra);
      }
      await repo.setReviewAction(id, action.id, t);
      return { personId, actionId: action.id };
    });
  }

  return { openReviews, getReview, decideReview };
}
