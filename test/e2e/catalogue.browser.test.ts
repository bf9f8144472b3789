import { expect, test } from 'vitest';
import type { Language } from '../../src/platform/i18n';
import { expectNoViolations } from '../a11y/axe';
import { describeBrowser, useHarness } from './harness';
import { clickAndWait, heading, htmlLang, pathOf } from './page-helpers';

/** The finder answers (radio labels by language) from "who are you" to the work permit. */
const WORK_PATH: Record<'lt' | 'en', string[]> = {
  lt: [
    'Užsienietis (ne ES ar ELPA pilietis)',
    'Dirbti Lietuvoje',
    'Darbas pagal darbo sutartį',
    'Užsienyje',
  ],
  en: [
    'A foreigner (not an EU or EFTA citizen)',
    'To work in Lithuania',
    'A job under an employment contract',
    'Abroad',
  ],
};

describeBrowser('service catalogue: list, service page and finder, axe finds nothing', () => {
  const h = useHarness();

  test.each(['lt', 'en', 'ru', 'uk'] as Language[])(
    'service list and a service page (%s)',
    async (lang) => {
      const page = await (await h().newContext()).newPage();
      const list = await page.goto(`/services?lang=${lang}`);
      expect(list?.status()).toBe(200);
      expect(await htmlLang(page)).toBe(lang);
      expect(await heading(page)).toBe(h().t(lang, 'catalogue.list.title'));
      await expectNoViolations(page, `/services (${lang})`);
      const service = h().running.app.modules.catalogue.getService('S01');
      await clickAndWait(page, page.getByRole('link', { name: service.name[lang], exact: true }));
      expect(pathOf(page)).toBe('/services/temporary-residence-permit');
      expect(await heading(page)).toBe(service.name[lang]);
      await expectNoViolations(page, `/services/temporary-residence-permit (${lang})`);
    },
  );

  test.each(['lt', 'en', 'ru', 'uk'] as Language[])(
    'the passport page shows courier delivery and unconfirmed ordering without a visit (%s)',
    async (lang) => {
      const page = await (await h().newContext()).newPage();
      expect((await page.goto(`/services/identity-documents?lang=${lang}`))?.status()).toBe(200);
      const t = (key: string, values?: Record<string, number>) => h().t(lang, key, values);
      const courier = page.locator('#courier');
      expect(await courier.innerText()).toBe(t('catalogue.courier.heading'));
      const body = await page.locator('main').innerText();
      for (const key of ['generalOnly', 'notFirstDocument', 'validDocument'])
        expect(body).toContain(t(`catalogue.courier.${key}`));
      expect(await page.locator('#remote-order').innerText()).toBe(
        t('catalogue.remoteOrder.heading'),
      );
      expect(body).toContain(t('catalogue.remoteOrder.recentRecord', { months: 12 }));
      expect(body).toContain(t('catalogue.remoteOrder.uncertain'));
      await expectNoViolations(page, `/services/identity-documents (${lang})`);
    },
  );

  test.each(['lt', 'en'] as const)('the finder leads to the work permit (%s)', async (lang) => {
    const page = await (await h().newContext()).newPage();
    await page.goto(`/find?lang=${lang}`);
    expect(await heading(page)).toBe(lang === 'lt' ? 'Kas jūs esate?' : 'Who are you?');
    expect(await page.locator('.govuk-caption-l').innerText()).toBe(
      h().t(lang, 'catalogue.finder.title'),
    );
    // Continuing without an answer shows the error summary, and the page stays accessible.
    await clickAndWait(
      page,
      page.getByRole('button', { name: h().t(lang, 'catalogue.finder.continue') }),
    );
    expect(await page.locator('.govuk-error-summary').count()).toBe(1);
    await expectNoViolations(page, `/find error (${lang})`);
    for (const answer of WORK_PATH[lang]) {
      await expectNoViolations(page, `/find ${pathOf(page)} (${lang})`);
      await page.getByLabel(answer, { exact: true }).check();
      await clickAndWait(
        page,
        page.getByRole('button', { name: h().t(lang, 'catalogue.finder.continue') }),
      );
    }
    expect(await heading(page)).toBe(h().t(lang, 'catalogue.finder.resultTitle'));
    await expectNoViolations(page, `/find result (${lang})`);
    const start = page.getByRole('button', { name: h().t(lang, 'catalogue.service.start') });
    expect(await start.getAttribute('href')).toBe(
      '/applications/new?service=temporary-residence-permit&ground=work',
    );
    await clickAndWait(
      page,
      page.getByRole('link', { name: h().t(lang, 'catalogue.finder.serviceLink') }),
    );
    expect(pathOf(page)).toBe('/services/temporary-residence-permit');
  });
});
