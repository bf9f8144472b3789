import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountsModule } from '../modules/accounts';
import type { NavItem } from '../platform/views';

/** Staff only, after the second factor; every staff role reaches the (for now empty) workbench. */
const staff = { config: { access: { who: 'staff' as const } } };

export function workbenchNavigation(req: FastifyRequest): {
  serviceNameKey: string;
  homeHref: string;
  items: NavItem[];
} {
  return {
    serviceNameKey: 'workbench.serviceName',
    homeHref: '/workbench',
    items: [{ href: '/workbench', text: req.t('workbench.nav.queue') }],
  };
}

export function workbenchRoutes(accounts: AccountsModule) {
  return async (app: FastifyInstance) => {
    app.get('/workbench', staff, async (req, reply) => {
      const p = req.principal;
      let branchName: string | undefined;
      if (p.kind === 'staff' && p.branchId) {
        const branch = await accounts.findBranch(p.branchId);
        branchName = branch?.names[req.lang] ?? branch?.names.lt;
      }
      return reply.page('workbench/views/home.njk', {
        title: req.t('workbench.home.title'),
        branchName,
      });
    });
  };
}
