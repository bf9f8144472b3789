import { expect, test } from 'vitest';
import { LANGUAGES } from '../../src/platform/i18n';
import { describeBrowser, useHarness } from '../e2e/harness';
import { heading, htmlLang } from '../e2e/page-helpers';
import { expectNoViolations } from './axe';

/** Pages anyone can open, with the status and the catalogue key of their heading. */
const PAGES = [
  { path: '/', status: 200, heading: 'portal.home.heading' },
  { path: '/sign-in', status: 200, heading: 'accounts.signIn.title' },
  { path: '/sign-up', status: 200, heading: 'accounts.signUp.title' },
  { path: '/password/forgot', status: 200, heading: 'accounts.forgot.title' },
  { path: '/verify-email?token=nonsense', status: 400, heading: 'accounts.linkInvalid.title' },
  { path: '/accessibility', status: 200, heading: 'portal.accessibility.title' },
  { path: '/privacy', status: 200, heading: 'portal.privacy.title' },
  { path: '/api/docs', status: 200, heading: 'apiDocs.title' },
  { path: '/verify', status: 200, heading: 'verifier.title' },
  { path: '/verify/offline', status: 200, heading: 'verifier.offline.title' },
  { path: '/check', status: 200, heading: 'permits.check.title' },
  { path: '/no-such-page', status: 404, heading: 'errors.status404.title' },
];

describeBrowser('public pages in every language: axe finds nothing', () => {
  const h = useHarness();

  test.each(LANGUAGES)('%s', async (lang) => {
    const page = await (await h().newContext()).newPage();
    for (const p of PAGES) {
      const response = await page.goto(`${p.path}${p.path.includes('?') ? '&' : '?'}lang=${lang}`);
      expect(response?.status(), p.path).toBe(p.status);
      expect(await htmlLang(page)).toBe(lang);
      expect(await heading(page), p.path).toBe(h().t(lang, p.heading));
      await expectNoViolations(page, `${p.path} (${lang})`);
    }
  });

  test('with the real CSP, pages report no violations and the scripts still run', async () => {
    const context = await h().newContext({ bypassCSP: false });
    await context.addInitScript(`
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber);
      });
    `);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || /Content Security Policy/i.test(m.text()))
        problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    for (const path of ['/', '/verify', '/sign-in', '/sign-up']) {
      const response = await page.goto(path);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.waitForLoadState('networkidle');
      expect(
        await page.locator('body.js-enabled.govuk-frontend-supported').count(),
        `init.js ran on ${path}`,
      ).toBe(1);
      problems.push(
        ...(await page.evaluate<string[]>('window.__cspViolations')).map(
          (v) => `CSP violation on ${path}: ${v}`,
        ),
      );
    }
    // The password inputs' show/hide button is added by govuk-frontend: proof that its module loaded.
    expect(
      await page.locator('.govuk-js-password-input-toggle:not([hidden])').count(),
    ).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
