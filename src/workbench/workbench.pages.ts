import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccountsModule } from '../modules/accounts';
import { CAPACITY_ROLES, DESK_ROLES } from '../modules/appointments';
import { mayUseContactCentre } from '../modules/cases';
import { RULES_READ_ROLES } from '../modules/rules';
import { TRIAGE_PATH, TRIAGE_REPORT_ROLES } from '../modules/triage';
import type { NavItem } from '../platform/views';
import { caseRoutes, type WorkbenchDeps } from './case.pages';
import { queueView } from './queue.view';

export type { WorkbenchDeps } from './case.pages';

/** Staff only, after the second factor; every staff role reaches the workbench home. */
const staff = { config: { access: { who: 'staff' as const } } };
/** Roles that work on cases: the queue, the case view and its forms. */
export const CASE_ROLES = ['officer', 'team-lead'] as const;
export const caseStaff = { config: { access: { who: 'staff' as const, roles: CASE_ROLES } } };
/** Who finds persons in the register: case workers and the call centre (persons module, issue 7). */
const PERSONS_ROLES = [...CASE_ROLES, 'call-centre'] as const;

/** Administrators see the reports of unusual booking patterns (appointments module). */
const isAdministrator = (p: FastifyRequest['principal']) =>
  p.kind === 'staff' && p.roles.includes('administrator');

export function workbenchNavigation(req: FastifyRequest): {
  serviceNameKey: string;
  homeHref: string;
  items: NavItem[];
} {
  // Each role sees the parts of the workbench it may use (the routes check again).
  const p = req.principal;
  return {
    serviceNameKey: 'workbench.serviceName',
    homeHref: '/workbench',
    items: [
      ...(p.kind === 'staff' && CASE_ROLES.some((r) => p.roles.includes(r))
        ? [{ href: '/workbench', text: req.t('workbench.nav.queue') }]
        : []),
      ...(p.kind === 'staff' && DESK_ROLES.some((r) => p.roles.includes(r))
        ? [
            {
              href: '/workbench/desk',
              text: req.t('desk.nav'),
              active: req.url.startsWith('/workbench/desk'),
            },
          ]
        : []),
      ...(mayUseContactCentre(p)
        ? [
            {
              href: '/workbench/contact-centre',
              text: req.t('workbench.nav.contactCentre'),
              active: req.url.startsWith('/workbench/contact-centre'),
            },
            // The virtual assistant's handed-over questions (issue 10): the same agents.
            {
              href: '/workbench/assistant',
              text: req.t('assistantDesk.nav'),
              active: req.url.startsWith('/workbench/assistant'),
            },
          ]
        : []),
      ...(p.kind === 'staff' && PERSONS_ROLES.some((r) => p.roles.includes(r))
        ? [
            {
              href: '/workbench/persons',
              text: req.t('persons.nav'),
              active: req.url.startsWith('/workbench/persons'),
            },
          ]
        : []),
      ...(p.kind === 'staff' && CAPACITY_ROLES.some((r) => p.roles.includes(r))
        ? [
            {
              href: '/workbench/capacity',
              text: req.t('capacity.nav'),
              active: req.url.startsWith('/workbench/capacity'),
            },
          ]
        : []),
      ...(p.kind === 'staff' && RULES_READ_ROLES.some((r) => p.roles.includes(r))
        ? [
            {
              href: '/workbench/rules',
              text: req.t('rules-admin.nav'),
              active: req.url.startsWith('/workbench/rules'),
            },
          ]
        : []),
      // Triage oversight (issue 8): the switch for administrators, the reports for leads too.
      ...(p.kind === 'staff' && TRIAGE_REPORT_ROLES.some((r) => p.roles.includes(r))
        ? [
            {
              href: isAdministrator(p) ? TRIAGE_PATH : `${TRIAGE_PATH}/reports`,
              text: req.t('processing.nav.triage'),
              active: req.url.startsWith(TRIAGE_PATH),
            },
          ]
        : []),
      ...(isAdministrator(p)
        ? [
            {
              href: '/workbench/booking-reports',
              text: req.t('bookingReports.nav'),
              active: req.url.startsWith('/workbench/booking-reports'),
            },
          ]
        : []),
    ],
  };
}

async function branchName(accounts: AccountsModule, req: FastifyRequest) {
  const p = req.principal;
  if (p.kind !== 'staff' || !p.branchId) return undefined;
  const branch = await accounts.findBranch(p.branchId);
  return branch?.names[req.lang] ?? branch?.names.lt;
}

export function workbenchRoutes(deps: WorkbenchDeps) {
  const { accounts, cases } = deps;
  return async (app: FastifyInstance) => {
    const home = async (req: FastifyRequest) => {
      const p = req.principal;
      const works = p.kind === 'staff' && CASE_ROLES.some((r) => p.roles.includes(r));
      return {
        title: req.t('workbench.home.title'),
        branchName: await branchName(accounts, req),
        queue: works ? await queueView(req, deps) : null,
        bookingReports:
          isAdministrator(p) && deps.openBookingReports ? await deps.openBookingReports() : null,
      };
    };
    app.get('/workbench', staff, async (req, reply) =>
      reply.page('workbench/views/home.njk', await home(req)),
    );
    app.get('/workbench/queue', caseStaff, async (req, reply) =>
      reply.page('workbench/views/home.njk', await home(req)),
    );

    /** Take the next case: the most urgent unassigned one this officer may open. */
    app.post('/workbench/queue/next', caseStaff, async (req, reply) => {
      const id = await cases.queues.takeNext(req.principal);
      return reply.redirect(id ? `/workbench/cases/${id}` : '/workbench?none=1');
    });

    await app.register(caseRoutes(deps));
  };
}
