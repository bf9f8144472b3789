import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { NavItem } from '../platform/views';

const pub = { config: { access: { who: 'public' as const } } };

/** The applicant's shell: navigation depends on who is signed in. */
export function portalNavigation(req: FastifyRequest): {
  serviceNameKey: string;
  homeHref: string;
  items: NavItem[];
} {
  const p = req.principal;
  const items: NavItem[] = [{ href: '/', text: req.t('portal.nav.home') }];
  items.push({
    href: '/services',
    text: req.t('catalogue.nav.services'),
    active: req.url.startsWith('/services') || req.url.startsWith('/find'),
  });
  if (p?.kind === 'applicant') {
    items.push({ href: '/applications', text: req.t('applications.list.title') });
    items.push({ href: '/my-documents', text: req.t('holdings.nav') });
    items.push({ href: '/my-permits', text: req.t('permits.nav') });
    items.push({ href: '/account', text: req.t('portal.nav.account') });
  }
  if (p?.kind === 'applicant')
    items.push({ href: '/account/payments', text: req.t('payments.nav') });
  if (p?.kind === 'staff' && p.mfaPassed)
    items.push({ href: '/workbench', text: req.t('portal.nav.workbench') });
  if (!p || p.kind === 'anonymous') {
    // Employers, landlords and anyone shown a permit check it here (issue 9).
    items.push({
      href: '/verify',
      text: req.t('verifier.title'),
      active: req.url.startsWith('/verify') || req.url.startsWith('/check'),
    });
    items.push(
      { href: '/sign-in', text: req.t('common.signIn') },
      { href: '/sign-up', text: req.t('portal.nav.signUp') },
    );
  }
  return { serviceNameKey: 'common.serviceName', homeHref: '/', items };
}

/** Pages of the portal that belong to no module: home, accessibility statement, privacy. */
export function portalRoutes() {
  return async (app: FastifyInstance) => {
    app.get('/', pub, (req, reply) =>
      reply.page('portal/views/home.njk', {
        signedOut: (req.query as Record<string, unknown>).signedOut === '1',
      }),
    );
    app.get('/accessibility', pub, (req, reply) =>
      reply.page('portal/views/accessibility.njk', { title: req.t('portal.accessibility.title') }),
    );
    app.get('/privacy', pub, (req, reply) =>
      reply.page('portal/views/privacy.njk', { title: req.t('portal.privacy.title') }),
    );
  };
}
