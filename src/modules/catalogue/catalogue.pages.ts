import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../platform/clock';
import { fromFieldErrors } from '../../platform/http';
import type { Pack } from './catalogue.loader';
import { createOrderingQueries } from './catalogue.ordering';
import type { CatalogueQueries } from './catalogue.queries';
import { Slug } from './catalogue.schemas';
import { servicePage, serviceGroups } from './catalogue.view';
import { catalogueErrors } from './errors';
import { finderStep, type FinderStep } from './finder';

const V = 'modules/catalogue/views';
const pub = { config: { access: { who: 'public' as const } } };
const MAX_PATH = 12;

/** `a.b.c` from the query string; anything else is refused, so the finder never guesses. */
function parsePath(raw: unknown): string[] {
  if (raw === undefined || raw === '') return [];
  if (typeof raw !== 'string') throw catalogueErrors.finderPathInvalid();
  const parts = raw.split('.');
  if (parts.length > MAX_PATH || !parts.every((p) => Slug.safeParse(p).success))
    throw catalogueErrors.finderPathInvalid();
  return parts;
}

const findHref = (path: string[]) => (path.length ? `/find?path=${path.join('.')}` : '/find');

/** Public pages: the service list, one service, and the finder (GET only, no session needed). */
export function cataloguePages(q: CatalogueQueries, pack: Pack, clock: Clock) {
  const ordering = createOrderingQueries(q);
  return async (app: FastifyInstance) => {
    app.get('/services', pub, (req, reply) =>
      reply.page(`${V}/list.njk`, {
        title: req.t('catalogue.list.title'),
        groups: serviceGroups(q.listServices(), req.lang, req.t),
      }),
    );

    app.get('/services/:id', pub, (req, reply) => {
      const id = (req.params as { id: string }).id;
      const s = Slug.safeParse(id).success || /^S\d{2}$/.test(id) ? q.findService(id) : undefined;
      if (!s) throw catalogueErrors.serviceUnknown(id.slice(0, 80));
      if (s.id !== id) return reply.redirect(`/services/${s.id}`);
      const view = servicePage(q, ordering, s, req.lang, req.t, clock.now());
      return reply.page(`${V}/service.njk`, { title: view.name, service: view });
    });

    const renderStep = (
      req: FastifyRequest,
      reply: FastifyReply,
      step: FinderStep,
      extra: Record<string, unknown> = {},
    ) => {
      const back = step.path.length ? findHref(step.path.slice(0, -1)) : undefined;
      if (step.kind === 'question') {
        return reply.page(`${V}/finder.njk`, {
          title: step.question.text[req.lang],
          step: 'question',
          back,
          path: step.path.join('.'),
          question: {
            id: step.question.id,
            text: step.question.text[req.lang],
            hint: step.question.hint?.[req.lang],
            answers: step.question.answers.map((a) => ({ value: a.id, text: a.label[req.lang] })),
          },
          ...extra,
        });
      }
      if (step.kind === 'none') {
        return reply.page(`${V}/finder.njk`, {
          title: req.t('catalogue.finder.noneTitle'),
          step: 'none',
          back,
          nothing: {
            text: step.none.text[req.lang],
            where: step.none.where[req.lang],
            url: step.none.url,
          },
        });
      }
      const s = q.getService(step.service);
      const ground = step.ground ? q.getGround(s.id, step.ground) : undefined;
      return reply.page(`${V}/finder.njk`, {
        title: req.t('catalogue.finder.resultTitle'),
        step: 'result',
        back,
        result: {
          serviceName: s.name[req.lang],
          serviceDescription: s.description[req.lang],
          serviceHref: `/services/${s.id}`,
          groundName: ground?.name[req.lang],
          note: step.note?.[req.lang],
          startHref:
            s.startPath ??
            `/applications/new?service=${encodeURIComponent(s.id)}${
              ground ? `&ground=${encodeURIComponent(ground.id)}` : ''
            }`,
        },
      });
    };

    app.get('/find', pub, (req, reply) => {
      const query = req.query as Record<string, unknown>;
      const path = parsePath(query.path);
      const current = finderStep(pack.finder, path);
      if (query.step === undefined) return renderStep(req, reply, current);
      // A submitted question: an answer moves on (to a clean address); no answer is an error.
      const answer = query.answer;
      if (
        current.kind === 'question' &&
        typeof answer === 'string' &&
        current.question.answers.some((a) => a.id === answer)
      )
        return reply.redirect(findHref([...path, answer]), 303);
      return renderStep(req, reply.status(400), current, {
        ...fromFieldErrors({ answer: req.t('catalogue.finder.chooseOne') }, { answer: 'answer' }),
      });
    });
  };
}
