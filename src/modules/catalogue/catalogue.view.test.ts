import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../platform/i18n';
import { money, orderingRules } from './catalogue.view';
import { createCatalogueModule } from './index';

const catalogue = createCatalogueModule();
const i18n = createI18n(path.resolve('content/messages'));
const en = i18n.translator('en');
const day = (d: string) => new Date(`${d}T10:00:00Z`);
const rules = (id: string, on: string) =>
  orderingRules(catalogue.ordering, catalogue.getService(id), 'en', en, day(on));

describe('courier delivery and ordering without a visit on a service page', () => {
  it('shows the courier fee in force on the date and who may choose a courier', () => {
    const now = rules('identity-documents', '2026-01-10').courier;
    expect(now?.fee).toContain(money(379, 'en'));
    expect(now?.conditions).toEqual([
      'in the general procedure (not urgent)',
      'if it is not your first document',
      'if you hold a valid identity card or passport',
    ]);
    // Before 20 Oct 2025 a courier cost 9.99 EUR; before 5 Sep 2022 there was no courier.
    expect(rules('identity-documents', '2024-05-01').courier?.fee).toContain(money(999, 'en'));
    expect(rules('identity-documents', '2022-09-04').courier).toBeUndefined();
  });

  it('shows ordering without a visit as not confirmed, with the pack notes', () => {
    const remote = rules('identity-documents', '2026-01-10').remoteOrder;
    expect(remote?.conditions).toEqual([
      'your photo and signature on record were taken within the last 12 months',
      'you hold a valid identity card or passport',
    ]);
    expect(remote?.uncertain).toBe(true);
    expect(remote?.notes.map((n) => n.text).join(' ')).toContain(
      'No source confirms fully remote ordering',
    );
  });

  it('shows neither for a service whose pack entry has no such rules', () => {
    expect(rules('national-visa', '2026-01-10')).toEqual({
      courier: undefined,
      remoteOrder: undefined,
    });
  });

  it('has the texts in every language', () => {
    for (const lang of ['lt', 'en', 'ru', 'uk'] as const) {
      const t = i18n.translator(lang);
      const s = catalogue.getService('identity-documents');
      const r = orderingRules(catalogue.ordering, s, lang, t, day('2026-01-10'));
      for (const text of [r.courier?.fee, ...(r.courier?.conditions ?? [])])
        expect(text, lang).not.toMatch(/^catalogue\./);
      for (const text of r.remoteOrder?.conditions ?? [])
        expect(text, lang).not.toMatch(/^catalogue\./);
      expect(r.courier?.fee).toContain(money(379, lang));
    }
  });
});
