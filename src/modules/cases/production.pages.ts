import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ProductionService } from './production.service';
import { caseWorkRoute } from './cases.access';

// Only case-working roles reach these pages (the call centre has its own).
const staff = caseWorkRoute;
const param = (req: FastifyRequest) => String((req.params as Record<string, string>)['id'] ?? '');

/**
 * The workbench buttons of document production (forms on the case view, CSRF-checked): order
 * the document of a granted case, and record the hand-over. Post/Redirect/Get back to the case.
 */
export function productionPages(production: ProductionService) {
  return async (app: FastifyInstance) => {
    app.post('/workbench/cases/:id/order-document', staff, async (req, reply) => {
      await production.order(param(req), req.principal);
      req.ensureSession().data.flash = 'production.flash.ordered';
      return reply.redirect(`/workbench/cases/${param(req)}`);
    });
    app.post('/workbench/cases/:id/issue', staff, async (req, reply) => {
      await production.issue(param(req), req.principal);
      req.ensureSession().data.flash = 'production.flash.issued';
      return reply.redirect(`/workbench/cases/${param(req)}`);
    });
  };
}
