import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { authorize, type Access } from './authorize';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route; required on every route. */
    access?: Access;
    /**
     * The request body as the API description shows it, for bodies the route does not validate
     * with a schema (multipart uploads, whose file part is read by the upload plugin).
     */
    openapiRequestBody?: Record<string, unknown>;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

/**
 * Makes the access declaration mandatory: registering a route without `config.access` fails at
 * start-up, and every request is checked against it before the handler runs. The collected
 * table feeds the role × route test.
 */
export interface AccessOptions {
  table: RouteAccess[];
  /** Access for routes registered by third-party plugins that cannot declare it (static files). */
  fallback?: (url: string) => Access | undefined;
}

export const accessPlugin = fp(async (app: FastifyInstance, opts: AccessOptions) => {
  app.addHook('onRoute', (route) => {
    const access = route.config?.access ?? opts.fallback?.(route.url);
    if (access && !route.config?.access) route.config = { ...route.config, access };
    if (!access) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method !== 'HEAD') opts.table.push({ method, url: route.url, access });
    }
  });
  app.addHook('preHandler', async (req, reply) => {
    const access = req.routeOptions.config.access;
    if (access) await authorize(access)(req, reply);
  });
});
