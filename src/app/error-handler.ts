import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, statusForKind } from '../platform/errors';
import { problemOf, toAppError } from '../platform/http';

const PAGE_FOR_STATUS: Record<number, string> = {
  400: 'portal/views/errors/400.njk',
  409: 'portal/views/errors/400.njk',
  401: 'portal/views/errors/401.njk',
  403: 'portal/views/errors/403.njk',
  404: 'portal/views/errors/404.njk',
  429: 'portal/views/errors/429.njk',
  503: 'portal/views/errors/503.njk',
};

/**
 * One place turns errors into responses: problem+json for the API, a page in the user's language
 * for everyone else. Internal details go to the log, never to the client.
 */
export function registerErrorHandlers(
  app: FastifyInstance,
  opts: { isApi: (url: string) => boolean },
) {
  const respond = (err: AppError, req: FastifyRequest, reply: FastifyReply) => {
    const status = statusForKind[err.kind];
    if (status >= 500) req.log.error({ err: err.cause ?? err, code: err.code }, 'request failed');
    else req.log.info({ code: err.code, status }, 'request refused');
    if (err.kind === 'unavailable') reply.header('retry-after', '5');
    if (opts.isApi(req.url) || req.url === '/healthz' || req.url === '/metrics') {
      return reply.status(status).type('application/problem+json').send(problemOf(err, req.url));
    }
    if (err.kind === 'unauthenticated' && req.method === 'GET') {
      const target = err.code === 'MFA_REQUIRED' ? '/sign-in/mfa' : '/sign-in';
      return reply.redirect(`${target}?next=${encodeURIComponent(req.url)}`);
    }
    if (!req.t || !req.principal) {
      // The failure came before the page context existed (e.g. the database is down).
      return reply.status(status).type('text/plain; charset=utf-8').send(`${status} ${err.code}`);
    }
    const template = PAGE_FOR_STATUS[status] ?? 'portal/views/errors/500.njk';
    return reply.status(status).page(template, {
      title: req.t(
        `errors.status${status === 409 ? 400 : status in PAGE_FOR_STATUS ? status : 500}.title`,
      ),
      code: err.code,
    });
  };
  app.setErrorHandler((error, req, reply) => respond(toAppError(error), req, reply));
  app.setNotFoundHandler({ preHandler: [] }, (req, reply) =>
    respond(new AppError('NOT_FOUND', 'not_found', 'Not found'), req, reply),
  );
}
