import { describe, expect, it } from 'vitest';
import { MESSAGES_DIR } from '../../../app/context';
import { createI18n, LANGUAGES, type Language } from '../../../platform/i18n';
import type { OwnCaseFacts } from '../assistant.contract';
import type { Intent, Understanding } from '../assistant.model';
import { answerOwnCase, casesAbout, formatDay, LISTED_CASES, SERVICES_URL } from './index';

const i18n = createI18n(MESSAGES_DIR);

const ask = (lang: Language, intent: Intent, score = 0.8, service?: string): Understanding => ({
  question: 'q',
  lang,
  detected: lang,
  terms: [],
  intents: [{ intent, score }],
  ...(service ? { service: { id: service, score: 0.9 } } : {}),
  personal: true,
  flags: { injection: false, otherPerson: false, handoffRequest: false, greeting: false },
});

const trp: OwnCaseFacts = {
  caseId: 'c1',
  applicationId: 'a1',
  reference: '2026/000123',
  serviceId: 'temporary-residence-permit',
  serviceName: 'Leidimas laikinai gyventi',
  status: 'in-examination',
  statusLabel: 'nagrinėjamas',
  filedOn: '2026-11-20',
  decisionDue: '2027-02-19',
  estimate: { from: '2027-01-10', to: '2027-01-24' },
  missing: ['Darbo sutartis'],
  fee: { paid: false, amount: '160.00 EUR', payUrl: '/applications/a1/fee' },
  appointment: {
    at: '2026-12-10T08:30:00.000Z',
    place: 'Vilniaus padalinys, Liepyno g. 7',
    changeUrl: '/applications/a1/visit',
  },
  url: '/applications/a1',
};
const granted: OwnCaseFacts = {
  caseId: 'c2',
  applicationId: 'a2',
  reference: '2026/000045',
  serviceId: 'change-of-employer',
  serviceName: 'Darbdavio pakeitimas',
  status: 'ready-for-collection',
  statusLabel: 'dokumentą galima atsiimti',
  filedOn: '2026-09-01',
  missing: [],
  fee: { paid: true, amount: '60.00 EUR' },
  delivery: { state: 'ready-for-collection', place: 'Kauno padalinys, Laisvės al. 1' },
  url: '/applications/a2',
};

describe('answers about one case, in every language', () => {
  for (const lang of LANGUAGES) {
    const t = i18n.translator(lang);
    const answer = (intent: Intent, c = trp) => answerOwnCase(ask(lang, intent), [c], t);

    it(`${lang}: status with the deadline, the source and a link to the case`, () => {
      const a = answer('status');
      expect(a.kind).toBe('own-case');
      expect(a.lang).toBe(lang);
      expect(a.handoff).toBe(false);
      expect(a.confidence).toBe(0.8);
      expect(a.answer).toContain('2026/000123');
      expect(a.answer).toContain('nagrinėjamas');
      expect(a.answer).toContain(formatDay('2027-02-19', lang));
      expect(a.answer).toContain('Darbo sutartis');
      expect(a.sources).toEqual([
        {
          id: 'case:2026/000123',
          title: 'Leidimas laikinai gyventi 2026/000123',
          url: '/applications/a1',
        },
      ]);
      expect(a.links.map((l) => l.href)).toEqual(['/applications/a1']);
      expect(a.answer).not.toMatch(/assistantOwnCase\./);
      // A long date's own full stop is not doubled by the sentence's ("20 d.", "2026 г.").
      expect(a.answer).not.toMatch(/[^.]\.\.(\s|$)/);
    });

    it(`${lang}: status says when the legal term has not started yet`, () => {
      const a = answer('status', { ...trp, status: 'awaiting-visit', decisionDue: undefined });
      expect(a.answer).toContain(t('assistantOwnCase.decision.notStarted'));
      expect(answer('status', granted).answer).not.toContain(
        t('assistantOwnCase.decision.notStarted'),
      );
    });

    it(`${lang}: decision gives the estimate range and the legal deadline`, () => {
      const a = answer('decision');
      expect(a.answer).toContain(formatDay('2027-01-10', lang));
      expect(a.answer).toContain(formatDay('2027-01-24', lang));
      expect(a.answer).toContain(formatDay('2027-02-19', lang));
      const decided = answer('decision', granted);
      expect(decided.answer).toContain('dokumentą galima atsiimti');
      expect(decided.answer).not.toContain(formatDay('2027-02-19', lang));
    });

    it(`${lang}: missing lists what is asked for, with the link to answer`, () => {
      const a = answer('missing');
      expect(a.answer).toContain('Darbo sutartis');
      expect(a.links).toEqual([
        expect.objectContaining({ href: '/applications/a1/information-requests' }),
      ]);
      const none = answer('missing', granted);
      expect(none.answer).not.toContain('Darbo sutartis');
      expect(none.answer).toBe(
        `${t('assistantOwnCase.head', { service: 'Darbdavio pakeitimas', reference: '2026/000045' })}. ${t('assistantOwnCase.missing.none')}`,
      );
    });

    it(`${lang}: appointment shows the booked visit and where to change it, or where to book`, () => {
      const a = answer('appointment');
      expect(a.answer).toContain('Vilniaus padalinys, Liepyno g. 7');
      expect(a.answer).toMatch(/10/);
      expect(a.links).toEqual([expect.objectContaining({ href: '/applications/a1/visit' })]);
      const toBook = answer('appointment', {
        ...trp,
        status: 'awaiting-visit',
        appointment: undefined,
      } as OwnCaseFacts);
      expect(toBook.answer).toContain(t('assistantOwnCase.appointment.toBook'));
      expect(toBook.links).toEqual([
        {
          label: t('assistantOwnCase.link.book', { reference: '2026/000123' }),
          href: '/applications/a1/visit',
        },
      ]);
    });

    it(`${lang}: payment says whether the fee was received; a link to pay when not`, () => {
      const unpaid = answer('payment');
      expect(unpaid.answer).toContain('160.00 EUR');
      expect(unpaid.answer).toContain(
        t('assistantOwnCase.payment.unpaidAmount', { amount: '160.00 EUR' }),
      );
      expect(unpaid.links).toEqual([expect.objectContaining({ href: '/applications/a1/fee' })]);
      const paid = answer('payment', granted);
      expect(paid.answer).toContain(
        t('assistantOwnCase.payment.paidAmount', { amount: '60.00 EUR' }),
      );
      expect(paid.links.map((l) => l.href)).toEqual(['/applications/a2']);
    });

    it(`${lang}: delivery tells the card state and where to collect it`, () => {
      const a = answer('delivery', granted);
      expect(a.answer).toContain('Kauno padalinys, Laisvės al. 1');
      const none = answer('delivery');
      expect(none.answer).toContain(t('assistantOwnCase.delivery.none'));
    });

    it(`${lang}: no cases: says so, with a link to the services`, () => {
      const a = answerOwnCase(ask(lang, 'status'), [], t);
      expect(a.answer).toBe(t('assistantOwnCase.none'));
      expect(a.links).toEqual([{ label: t('assistantOwnCase.link.services'), href: SERVICES_URL }]);
      expect(a.kind).toBe('own-case');
    });
  }
});

describe('several cases', () => {
  const t = i18n.translator('en');
  const many = (n: number): OwnCaseFacts[] =>
    Array.from({ length: n }, (_, i) => ({
      ...trp,
      caseId: `c${i}`,
      applicationId: `a${i}`,
      reference: `2026/00010${i}`,
      serviceId: `service-${i}`,
      url: `/applications/a${i}`,
    }));

  it('answers for the one whose service the question names', () => {
    const a = answerOwnCase(ask('en', 'payment', 0.7, 'change-of-employer'), [trp, granted], t);
    expect(a.sources.map((s) => s.id)).toEqual(['case:2026/000045']);
    expect(a.answer).not.toContain('2026/000123');
  });

  it('otherwise lists each briefly, newest first, at most three', () => {
    const a = answerOwnCase(ask('en', 'status'), many(5), t);
    expect(a.sources.map((s) => s.id)).toEqual([
      'case:2026/000100',
      'case:2026/000101',
      'case:2026/000102',
    ]);
    expect(a.answer.split('\n')[0]).toBe(t('assistantOwnCase.several', { count: 5 }));
    expect(a.answer).toContain(t('assistantOwnCase.more', { count: 2 }));
    expect(a.answer).not.toContain('2026/000103');
    expect(a.links).toHaveLength(LISTED_CASES);
  });

  it('a named service the applicant has no case of falls back to all cases', () => {
    expect(casesAbout(ask('en', 'status', 0.8, 'citizenship'), [trp, granted]).total).toBe(2);
  });

  it('takes the first own-case intent and its score; confidence stays within 0–1', () => {
    const u = ask('en', 'fee', 0.9);
    u.intents.push({ intent: 'payment', score: 0.6 });
    const a = answerOwnCase(u, [trp], t);
    expect(a.confidence).toBe(0.6);
    expect(a.answer).toContain('160.00 EUR');
  });
});

describe('no internal data', () => {
  it('never repeats fields OwnCaseFacts does not have, whatever the caller attached', () => {
    const leaky = {
      ...trp,
      note: 'INTERNAL: suspected fraud',
      assignedTo: 'Officer Jonas Jonaitis',
      registryHit: 'SIS alert',
    } as OwnCaseFacts;
    for (const lang of LANGUAGES)
      for (const intent of [
        'status',
        'decision',
        'missing',
        'appointment',
        'payment',
        'delivery',
      ] as const) {
        const a = answerOwnCase(ask(lang, intent), [leaky], i18n.translator(lang));
        const all = JSON.stringify(a);
        expect(all).not.toMatch(/INTERNAL|Jonaitis|SIS alert|fraud/);
      }
  });
});
