import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n, LANGUAGES, type Language } from '../../../platform/i18n';
import { loadBranchesPack } from '../../appointments';
import { createCatalogueModule } from '../../catalogue';
import type { Intent, Understanding } from '../assistant.model';
import { createCatalogueAnswers, type BranchFacts } from './index';

const i18n = createI18n(path.resolve(__dirname, '..', '..', '..', '..', 'content', 'messages'));
const catalogue = createCatalogueModule();
const branches = loadBranchesPack();
const TODAY = '2026-12-05';
const answers = createCatalogueAnswers({ catalogue, i18n, today: () => TODAY, branches });

const TRP = 'temporary-residence-permit';
const ask = (
  question: string,
  intent: Intent,
  lang: Language,
  service?: string,
  scores = { intent: 0.9, service: 0.8 },
): Understanding => ({
  question,
  lang,
  detected: lang,
  terms: [],
  intents: [{ intent, score: scores.intent }],
  ...(service ? { service: { id: service, score: scores.service } } : {}),
  personal: false,
  flags: { injection: false, otherPerson: false, handoffRequest: false, greeting: false },
});

describe('catalogue answers, in all four languages', () => {
  it.each(LANGUAGES)(
    'fee (%s): the fees in force today, urgent too, with the service source',
    (lang) => {
      const a = answers.answer(ask('fee', 'fee', lang, TRP))!;
      expect(a).toMatchObject({ lang, kind: 'catalogue', handoff: false, links: [] });
      expect(a.answer).toContain(catalogue.getService(TRP).name[lang]);
      expect(a.answer).toContain('160 EUR');
      expect(a.answer).toContain('320 EUR');
      // The studies ground has a fee of its own.
      expect(a.answer).toContain('80 EUR');
      expect(a.answer).toContain(TODAY);
      expect(a.sources).toEqual([
        {
          id: `service:${TRP}`,
          title: catalogue.getService(TRP).name[lang],
          url: `/services/${TRP}`,
        },
      ]);
      expect(a.confidence).toBe(0.8);
      expect(a.answer).not.toMatch(/assistantCatalogue\./);
    },
  );

  it.each(LANGUAGES)('processing time (%s): general and urgent, and on renewal', (lang) => {
    const a = answers.answer(ask('term', 'processing-time', lang, TRP))!;
    const t = (n: number) => i18n.t(lang, 'assistantCatalogue.term.months', { amount: n });
    expect(a.answer).toContain(t(4));
    expect(a.answer).toContain(t(2));
    expect(a.answer).toContain(
      i18n.t(lang, 'assistantCatalogue.term.startsAt.application-accepted'),
    );
    expect(a.sources[0]!.id).toBe(`service:${TRP}`);
  });

  it.each(LANGUAGES)('documents (%s): the list for the ground the question names', (lang) => {
    const q = {
      lt: 'kokių dokumentų reikia darbui',
      en: 'documents for work',
      ru: 'какие документы для работы',
      uk: 'які документи для роботи',
    }[lang];
    const a = answers.answer(ask(q, 'documents', lang, TRP))!;
    const docs = catalogue.requiredDocuments({ serviceId: TRP, groundId: 'work' });
    for (const d of docs) expect(a.answer).toContain(d.name[lang]);
    expect(a.answer).toContain(catalogue.getGround(TRP, 'work').name[lang]);
  });

  it.each(LANGUAGES)(
    'documents (%s): no ground named, what everyone needs and the grounds',
    (lang) => {
      const a = answers.answer(ask('documents', 'documents', lang, TRP))!;
      expect(a.answer).toContain(catalogue.pack.documents['travel-document']!.name[lang]);
      for (const g of catalogue.getService(TRP).grounds) expect(a.answer).toContain(g.name[lang]);
    },
  );

  it.each(LANGUAGES)('address (%s): the branch of the city named, with its hours', (lang) => {
    const q = {
      lt: 'kur yra padalinys Kaune',
      en: 'where is your office in Kaunas',
      ru: 'где отделение в Каунасе',
      uk: 'де підрозділ у Каунасі',
    }[lang];
    const a = answers.answer(ask(q, 'address', lang))!;
    const kns = branches.branches.find((b) => b.code === 'KNS')!;
    expect(a.answer).toContain(kns.address);
    expect(a.answer).toContain(kns.name[lang]);
    expect(a.answer).toContain('07:30–16:30');
    expect(a.answer).toContain('07:30–15:15');
    // The Kaunas address is marked uncertain in the pack: the answer says so.
    expect(a.answer).toContain(i18n.t(lang, 'assistantCatalogue.uncertain'));
    expect(a.sources).toEqual([
      {
        id: 'branch:KNS',
        title: kns.name[lang],
        url: 'https://wiki.helpua.rubikus.de/mw_public/index.php?diff=cur&oldid=11772&title=%D0%A1%D1%82%D0%B0%D1%82%D1%83%D1%81_%D0%B7%D0%B0%D1%89%D0%B8%D1%82%D1%8B_%D0%B2_%D0%9B%D0%B8%D1%82%D0%B2%D0%B5',
      },
    ]);
  });

  it.each(LANGUAGES)('validity (%s)', (lang) => {
    const a = answers.answer(ask('validity', 'validity', lang, TRP))!;
    expect(a.answer).toContain(catalogue.validityFor(TRP).text[lang]);
  });
});

describe('catalogue answers: what they give and when they give nothing', () => {
  it("a ground named gets that ground's fee; several grounds with their own fee are each named", () => {
    const passport = answers.answer(
      ask('how much is a passport', 'fee', 'en', 'identity-documents'),
    )!;
    expect(passport.answer).toContain('50 EUR');
    expect(passport.answer).not.toContain('10 EUR');
    const both = answers.answer(ask('fee', 'fee', 'en', 'identity-documents'))!;
    expect(both.answer).toContain('Identity card: 10 EUR');
    expect(both.answer).toContain('Passport: 50 EUR');
  });

  it('a ground whose fee the pack does not know is said to be unknown, not covered by another', () => {
    const a = answers.answer(ask('fee', 'fee', 'en', 'employer-services'))!;
    expect(a.answer).toContain('50 EUR');
    const study = catalogue.getGround('employer-services', 'study-letter').name.en;
    expect(a.answer).toContain(
      i18n.t('en', 'assistantCatalogue.fee.groundUnknown', { ground: study }),
    );
    expect(
      answers.answer(ask('fee for a study letter', 'fee', 'en', 'employer-services'))?.answer ?? '',
    ).not.toContain('50 EUR');
  });

  it('a number in a ground name counts: "5 years" is the five-years ground', () => {
    const a = answers.answer(
      ask(
        'gyvenu lietuvoj jau 5 metus, noriu nuolatinio leidimo, kokiu dokumentu reiks',
        'documents',
        'lt',
        'permanent-residence-permit',
      ),
    )!;
    expect(a.answer).toContain(
      catalogue.getGround('permanent-residence-permit', 'five-years').name.lt,
    );
    expect(a.answer).toContain(catalogue.pack.documents['language-certificate']!.name.lt);
  });

  it('names who pays less, from the pack', () => {
    const trp = answers.answer(ask('fee', 'fee', 'en', TRP))!.answer;
    const graduate = catalogue.feeRule(TRP).exemptions.find((e) => e.id === 'lithuanian-graduate')!;
    expect(trp).toContain(`${graduate.name.en} — free`);
    expect(answers.answer(ask('fee', 'fee', 'lt', 'identity-documents'))!.answer).toContain(
      'Nepilnametis – 50 % rinkliavos',
    );
  });

  it('a free service says so', () => {
    const a = answers.answer(ask('fee', 'fee', 'uk', 'temporary-protection'))!;
    expect(a.answer).toContain(i18n.t('uk', 'assistantCatalogue.fee.free'));
    expect(a.answer).not.toContain('EUR');
  });

  it('nothing when the catalogue holds no such fact, no service is named, or the intent is not a fact', () => {
    expect(answers.answer(ask('term', 'processing-time', 'en', 'citizenship'))).toBeUndefined();
    expect(answers.answer(ask('fee', 'fee', 'en', 'citizenship'))).toBeUndefined();
    expect(answers.answer(ask('fee', 'fee', 'en'))).toBeUndefined();
    expect(answers.answer(ask('fee', 'fee', 'en', 'no-such-service'))).toBeUndefined();
    expect(answers.answer(ask('status', 'status', 'en', TRP))).toBeUndefined();
    expect(answers.answer({ ...ask('x', 'fee', 'en', TRP), intents: [] })).toBeUndefined();
    // "Where do I declare my address": a service named and no branch is for the FAQ.
    expect(
      answers.answer(ask('where do I declare', 'address', 'en', 'residence-declaration')),
    ).toBeUndefined();
    const noBranches = createCatalogueAnswers({ catalogue, i18n, today: () => TODAY });
    expect(noBranches.answer(ask('where is the Vilnius office', 'address', 'en'))).toBeUndefined();
  });

  it.each(LANGUAGES)('opening hours (%s), no branch named: the hours and every branch', (lang) => {
    const q = {
      lt: 'koks darbo laikas',
      en: 'opening hours?',
      ru: 'часы работы',
      uk: 'години роботи',
    }[lang];
    const a = answers.answer(ask(q, 'address', lang))!;
    expect(a.answer).toContain('07:30–16:30');
    for (const b of branches.branches) expect(a.answer).toContain(b.address);
    expect(a.sources.map((s) => s.id)).toEqual(branches.branches.map((b) => `branch:${b.code}`));
  });

  it('with the understanding analyser, a ground is found by the concepts it shares', () => {
    // A stand-in for the understanding step's analyser: two concepts, as its lexicon has them.
    const analyse = (text: string) => [
      ...(/blue card|mėlynoji|голубая|блакитна/i.test(text) ? ['c:blue-card'] : []),
      ...(/work|darb|работ|робот/i.test(text) ? ['c:work'] : []),
    ];
    const withConcepts = createCatalogueAnswers({
      catalogue,
      i18n,
      today: () => TODAY,
      branches,
      analyse,
    });
    const asked = (terms: string[]) => ({ ...ask('what papers', 'documents', 'en', TRP), terms });
    const blue = withConcepts.answer(asked(['c:blue-card']))!.answer;
    expect(blue).toContain(catalogue.getGround(TRP, 'highly-qualified').name.en);
    expect(blue).toContain(catalogue.pack.documents['diploma']!.name.en);
    // "Work" alone is the work ground, not "highly qualified work".
    expect(withConcepts.answer(asked(['c:work']))!.answer).toContain(
      catalogue.getGround(TRP, 'work').name.en,
    );
    // No concept of a ground: the words of the question decide, as without the analyser.
    expect(withConcepts.answer(asked([]))!.answer).toContain(
      i18n.t('en', 'assistantCatalogue.documents.seePage'),
    );
  });

  it('a city alone is no question about a branch', () => {
    for (const q of [
      'whats the weather in vilnius tomorrow',
      'kur nusipirkt pigu buta klaipedoj',
      'лучшие рестораны в Каунасе',
    ])
      expect(answers.answer(ask(q, 'address', 'en')), q).toBeUndefined();
    // The understanding step's own address concept is enough.
    expect(
      answers.answer({ ...ask('kur Vilniuje', 'address', 'lt'), terms: ['c:address'] })?.sources[0]!
        .id,
    ).toBe('branch:VLN');
  });

  it('an address question naming no branch is left to the FAQ', () => {
    expect(answers.answer(ask('where are your offices', 'address', 'en'))).toBeUndefined();
    expect(answers.answer(ask('what is your e-mail address', 'address', 'en'))).toBeUndefined();
  });

  it('where a courier can bring the document, its fee in force today is given too', () => {
    expect(answers.answer(ask('fee', 'fee', 'en', TRP))!.answer).toContain('3.79 EUR per document');
    expect(answers.answer(ask('fee', 'fee', 'lt', 'identity-documents'))!.answer).toContain(
      '3,79 EUR',
    );
    expect(answers.answer(ask('fee', 'fee', 'en', 'national-visa'))!.answer).not.toMatch(
      /courier/i,
    );
  });

  it('a word in passing from a long ground name does not choose that ground', () => {
    const a = answers.answer(
      ask(
        'my employer says i have to apply for the residence permit on my own, what will it cost',
        'fee',
        'en',
        'temporary-residence-permit-new-card',
      ),
    )!;
    expect(a.answer).not.toContain(', The permit was shortened');
  });

  it('confidence comes from the understanding: the weaker of intent and service', () => {
    expect(
      answers.answer(ask('fee', 'fee', 'en', TRP, { intent: 0.5, service: 0.95 }))!.confidence,
    ).toBe(0.5);
    expect(
      answers.answer(ask('fee', 'fee', 'en', TRP, { intent: 0.9, service: 0.6 }))!.confidence,
    ).toBe(0.6);
  });

  it('quotes the fees in force on the day: before 28 July 2023 the permit cost 120 EUR', () => {
    const then = createCatalogueAnswers({ catalogue, i18n, today: () => '2023-07-27', branches });
    const a = then.answer(ask('fee', 'fee', 'en', TRP))!;
    expect(a.answer).toContain('120 EUR');
    expect(a.answer).not.toContain('160 EUR');
  });
});

describe('answers change when the data changes', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** A copy of the country pack with edits, and answers over it. */
  const changedPack = (edits: Record<string, (text: string) => string>) => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vartai-assistant-pack-'));
    fs.cpSync(catalogue.pack.root, dir, { recursive: true });
    for (const [file, edit] of Object.entries(edits)) {
      const target = path.join(dir, file);
      const before = fs.readFileSync(target, 'utf8');
      const after = edit(before);
      expect(after, `${file} was edited`).not.toBe(before);
      fs.writeFileSync(target, after);
    }
    const changed: BranchFacts = loadBranchesPack(path.join(dir, 'branches.yaml'));
    return createCatalogueAnswers({
      catalogue: createCatalogueModule({ root: dir }),
      i18n,
      today: () => TODAY,
      branches: changed,
    });
  };

  it('a new fee amount, a new term, a renamed document and a moved branch show in the answers', () => {
    const changed = changedPack({
      'reference/fees.yaml': (t) =>
        t.replace(
          'trp-issue: { general: 16000, urgent: 32000 }',
          'trp-issue: { general: 17500, urgent: 35000 }',
        ),
      'services/temporary-residence-permit.yaml': (t) =>
        t.replace('general: { amount: 4, unit: months }', 'general: { amount: 6, unit: months }'),
      'documents.yaml': (t) =>
        t.replace(
          "en: 'Valid travel document (passport)'",
          "en: 'Valid passport or travel document'",
        ),
      'branches.yaml': (t) => t.replace('Vytenio g. 18, Vilnius', 'Naujoji g. 1, Vilnius'),
    });

    const fee = changed.answer(ask('fee', 'fee', 'en', TRP))!.answer;
    expect(fee).toContain('175 EUR');
    expect(fee).toContain('urgent 350 EUR');
    expect(fee).not.toContain('160 EUR');

    const term = changed.answer(ask('term', 'processing-time', 'lt', TRP))!.answer;
    expect(term).toContain('per 6 mėnesius');
    expect(answers.answer(ask('term', 'processing-time', 'lt', TRP))!.answer).toContain(
      'per 4 mėnesius',
    );

    const docs = changed.answer(ask('documents for work', 'documents', 'en', TRP))!.answer;
    expect(docs).toContain('Valid passport or travel document');
    expect(docs).not.toContain('Valid travel document (passport)');

    const vilnius = changed.answer(ask('where is the office in Vilnius', 'address', 'en'))!.answer;
    expect(vilnius).toContain('Naujoji g. 1, Vilnius');
    expect(vilnius).not.toContain('Vytenio');
  });
});
