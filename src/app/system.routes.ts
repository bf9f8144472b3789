import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { appliedHead } from '../platform/db';
import { AppError } from '../platform/errors';
import type { AppContext } from './context';

const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.string().nullable(),
});

interface OpenApiOperation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: { type?: string };
  }[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
}

/** Operational endpoints: health, metrics, and the API's own description. */
export function systemRoutes(ctx: AppContext, registry: Registry) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get(
      '/healthz',
      { config: { access: { who: 'public' } }, schema: { response: { 200: Health, 503: Health } } },
      async (_req, reply) => {
        try {
          const head = await appliedHead(ctx.database);
          return { status: 'ok' as const, database: ctx.database.engine, migrations: head };
        } catch {
          reply.header('retry-after', '5');
          return reply
            .status(503)
            .send({ status: 'degraded' as const, database: ctx.database.engine, migrations: null });
        }
      },
    );

    app.get('/metrics', { config: { access: { who: 'public' } } }, async (req, reply) => {
      const token = ctx.config.METRICS_TOKEN;
      if (token && req.headers.authorization !== `Bearer ${token}`) {
        throw new AppError(
          'METRICS_TOKEN_REQUIRED',
          'unauthenticated',
          'A bearer token is required for metrics',
        );
      }
      reply.type(registry.contentType);
      return registry.metrics();
    });

    app.get('/api/v1/openapi.json', { config: { access: { who: 'public' } } }, async () =>
      root.swagger(),
    );

    app.get('/api/docs', { config: { access: { who: 'public' } } }, async (req, reply) => {
      const doc = root.swagger() as {
        info: { title: string; version: string; description?: string };
        paths: Record<string, Record<string, OpenApiOperation>>;
      };
      const operations = Object.entries(doc.paths ?? {}).flatMap(([p, methods]) =>
        Object.entries(methods).map(([method, op]) => ({
          id: `${method}-${p}`.replace(/[^a-zA-Z0-9]+/g, '-'),
          method: method.toUpperCase(),
          path: p,
          summary: op.summary ?? '',
          description: op.description ?? '',
          parameters: op.parameters ?? [],
          hasBody: Boolean(op.requestBody),
          responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({
            status,
            description: r.description ?? '',
          })),
        })),
      );
      return reply.page('portal/views/api-docs.njk', {
        title: req.t('apiDocs.title'),
        info: doc.info,
        operations,
      });
    });
  };
}
