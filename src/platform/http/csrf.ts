import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../errors';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The token to put in every form's hidden `_csrf` field (creates a session if needed). */
    csrfToken(): string;
  }
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Synchroniser-token CSRF protection for every form post: the token lives in the server-side
 * session and must come back in the `_csrf` field. The public API (`/api/`) is exempt because it
 * never accepts the session cookie: it authenticates with keys in headers.
 */
export const csrfPlugin = fp(
  async (app: FastifyInstance, opts: { exempt: (url: string) => boolean }) => {
    app.decorateRequest('csrfToken', function (this: FastifyRequest) {
      return this.ensureSession().data.csrf;
    });
    app.addHook('preHandler', async (req) => {
      // Unmatched URLs have no route: they answer 404, not a CSRF refusal.
      if (!UNSAFE.has(req.method) || opts.exempt(req.url) || !req.routeOptions.url) return;
      const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
      const expected = req.session?.data.csrf;
      if (typeof sent !== 'string' || !expected || !same(sent, expected)) {
        throw new AppError(
          'CSRF_TOKEN_INVALID',
          'forbidden',
          'The form token is missing, wrong or from an expired session',
        );
      }
    });
  },
);
