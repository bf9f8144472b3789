import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REVIEW_DECISIONS, type PersonsPagesService, type ReviewDecision } from './pages.service';
import {
  PERSONS_PATH,
  V,
  body,
  param,
  reasonProblem,
  refusal,
  registerRefusal,
  statusOf,
  str,
  workers,
  type ErrorLine,
} from './pages.shared';
import { personHref } from './person.pages';
import { comparisonRows, explanationView, percent } from './persons.view';

export const REVIEWS_PATH = `${PERSONS_PATH}/reviews`;

/**
 * The grey band: records the matcher could not decide alone wait here for an officer, who sees
 * the record and the candidate person side by side with the score's explanation, and decides.
 */
export function reviewPages(d: { service: PersonsPagesService }) {
  return async (app: FastifyInstance) => {
    app.get(REVIEWS_PATH, workers, async (req, reply) => {
      // The queue shows names and dates of birth: given the viewer, the register audits the read.
      const reviews = await d.service.openReviews(req.principal);
      return reply.page(`${V}/reviews.njk`, {
        title: req.t('persons.reviews.title'),
        reviews: reviews.map((r) => ({ ...r, probability: percent(r.probability, req.lang) })),
      });
    });

    const reviewPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
    ) => {
      const review = await d.service.getReview(param(req, 'id'), req.principal);
      return reply.page(`${V}/review.njk`, {
        title: req.t('persons.review.title'),
        review,
        probability: percent(review.probability, req.lang),
        comparison: comparisonRows(review),
        explanation: explanationView(review.score, req.lang),
        decisions: REVIEW_DECISIONS,
        values: { decision: '', reason: '' },
        ...extra,
      });
    };

    app.get(`${REVIEWS_PATH}/:id`, workers, (req, reply) => reviewPage(req, reply));

    app.post(`${REVIEWS_PATH}/:id`, workers, async (req, reply) => {
      const b = body(req);
      const values = { decision: str(b.decision), reason: str(b.reason) };
      const decision = REVIEW_DECISIONS.find((x) => x === values.decision);
      const errors: ErrorLine[] = [];
      if (!decision)
        errors.push({ text: req.t('persons.review.chooseDecision'), href: '#decision' });
      const reasonCode = reasonProblem(values.reason);
      if (reasonCode) errors.push(refusal(req, reasonCode, '#reason'));
      const again = (lines: ErrorLine[], status: number) =>
        reviewPage(req, reply.status(status), {
          errors: lines,
          fieldErrors: Object.fromEntries(lines.map((l) => [l.href.slice(1), l.text]).reverse()),
          values,
        });
      if (errors.length > 0 || !decision) return again(errors, 400);
      let decided: { personId: string };
      try {
        decided = await d.service.decideReview(
          param(req, 'id'),
          decision as ReviewDecision,
          req.principal,
          values.reason,
        );
      } catch (e) {
        const refused = registerRefusal(e);
        if (!refused || refused.code === 'PERSONS_REVIEW_NOT_FOUND') throw e;
        const href = refused.code === 'PERSONS_REASON_REQUIRED' ? '#reason' : '#decision';
        return again([refusal(req, refused.code, href)], statusOf(refused));
      }
      req.ensureSession().data.flash = `persons.flash.decided.${decision}`;
      return reply.redirect(personHref(decided.personId));
    });
  };
}
