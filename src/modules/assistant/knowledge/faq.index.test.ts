import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../platform/i18n';
import { HANDOFF_BELOW, type Intent, type Understanding } from '../assistant.model';
import { entry } from './faq.fixture';
import { bestFaqAnswer, createFaqIndex, type FaqEntry } from './index';

// A plain analyser standing in for the understanding step's: lower case, split on non-letters,
// a few function words dropped, and one synonym mapped to a concept as the real one does.
const STOP = new Set([
  'a',
  'an',
  'the',
  'is',
  'do',
  'does',
  'i',
  'my',
  'to',
  'for',
  'of',
  'in',
  'it',
  'can',
  'what',
  'how',
  'you',
]);
const analyse = (text: string, _lang: Language) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP.has(w))
    .map((w) => (w === 'trp' || w === 'внж' ? 'svc:temporary-residence-permit' : w));

const ask = (
  question: string,
  more: { intents?: [Intent, number][]; service?: string; lang?: Language } = {},
): Understanding => ({
  question,
  lang: more.lang ?? 'en',
  detected: more.lang ?? 'en',
  terms: analyse(question, more.lang ?? 'en'),
  intents: (more.intents ?? []).map(([intent, score]) => ({ intent, score })),
  ...(more.service ? { service: { id: more.service, score: 0.9 } } : {}),
  personal: false,
  flags: { injection: false, otherPerson: false, handoffRequest: false, greeting: false },
});

const TRP = 'temporary-residence-permit';
const ENTRIES: FaqEntry[] = [
  entry(
    'q4',
    {
      question: 'How much does a temporary residence permit cost?',
      keywords: ['price', 'fee', 'cost', 'how much', 'TRP'],
      answer: 'The state fee is 160 EUR, or 320 EUR if urgent.',
    },
    { intents: ['fee'], services: [TRP] },
  ),
  entry(
    'q5',
    {
      question: 'How much does a permanent residence permit cost?',
      keywords: ['price', 'fee', 'cost'],
      answer: 'The state fee is 160 EUR.',
    },
    { intents: ['fee'], services: ['permanent-residence-permit'] },
  ),
  entry(
    'q10',
    {
      question: 'How long does a temporary residence permit decision take?',
      keywords: ['processing time', 'how long', 'wait'],
      answer: 'Four months, or two months if urgent, from the day the application is accepted.',
    },
    { intents: ['processing-time'], services: [TRP] },
  ),
  entry(
    'q20',
    {
      question: 'Can I travel in Schengen with a residence permit?',
      keywords: ['travel', 'schengen', 'trip abroad'],
      answer: 'Yes, for up to 90 days in any 180 days.',
    },
    { intents: ['eligibility'] },
  ),
  entry(
    'q30',
    {
      question: 'What is MIGRIS?',
      keywords: ['portal', 'online system', 'migris'],
      answer: 'MIGRIS is the online system of the Migration Department where you apply.',
    },
    { intents: ['other'] },
  ),
];

describe('createFaqIndex', () => {
  const index = createFaqIndex(ENTRIES, analyse);

  it('finds the entry a question is about, with a clear score', () => {
    const [best] = index.search(
      ask('how much does the temporary residence permit cost', {
        intents: [['fee', 0.9]],
        service: TRP,
      }),
    );
    expect(best!.entry.id).toBe('q4');
    expect(best!.score).toBeGreaterThanOrEqual(0.6);
    expect(best!.score).toBeLessThanOrEqual(1);
  });

  it('finds it from the words alone, without intent or service', () => {
    const [best] = index.search(ask('schengen travel with my residence permit'));
    expect(best!.entry.id).toBe('q20');
    expect(best!.score).toBeGreaterThanOrEqual(0.6);
  });

  it('a keyword phrase and a concept the analyser maps (TRP) count', () => {
    const [best] = index.search(ask('TRP price?', { intents: [['fee', 0.8]], service: TRP }));
    expect(best!.entry.id).toBe('q4');
    expect(best!.score).toBeGreaterThanOrEqual(0.6);
  });

  it('the service named decides between two entries worded alike', () => {
    const q = 'how much does the residence permit cost';
    expect(index.search(ask(q, { intents: [['fee', 0.9]], service: TRP }))[0]!.entry.id).toBe('q4');
    expect(
      index.search(ask(q, { intents: [['fee', 0.9]], service: 'permanent-residence-permit' }))[0]!
        .entry.id,
    ).toBe('q5');
  });

  it('the intent decides between a fee and a term entry of one service', () => {
    const q = 'temporary residence permit';
    expect(index.search(ask(q, { intents: [['fee', 0.9]], service: TRP }))[0]!.entry.id).toBe('q4');
    expect(
      index.search(ask(q, { intents: [['processing-time', 0.9]], service: TRP }))[0]!.entry.id,
    ).toBe('q10');
  });

  it('an unrelated question scores under the handoff line', () => {
    for (const q of [
      'can you recommend a good lawyer in kaunas for my divorce',
      'what is the weather tomorrow',
      'how much does a divorce cost',
    ]) {
      const best = index.search(ask(q, { intents: [['fee', 0.6]] }))[0];
      expect(best?.score ?? 0, q).toBeLessThan(HANDOFF_BELOW);
    }
  });

  it('the best passage as an answer in the language asked, its score as confidence', () => {
    const u = ask('how much does the temporary residence permit cost', {
      intents: [['fee', 0.9]],
      service: TRP,
      lang: 'ru',
    });
    const best = bestFaqAnswer(index, u)!;
    expect(best.score).toBe(index.search(u)[0]!.score);
    expect(best.answer).toMatchObject({
      kind: 'faq',
      lang: 'ru',
      confidence: best.score,
      handoff: false,
    });
    expect(best.answer.sources[0]!.id).toBe('faq:q4');
    expect(bestFaqAnswer(index, ask('zzz'))).toBeUndefined();
  });

  it('an empty question, or one sharing no word, finds nothing', () => {
    expect(index.search(ask(''))).toEqual([]);
    expect(index.search(ask('zzz qqq'))).toEqual([]);
  });

  it('scores stay within 0–1 and come best first, at most `limit`', () => {
    const hits = index.search(ask('residence permit cost fee how long travel'), 3);
    expect(hits.length).toBe(3);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(0);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('indexes every language of an entry together (mixed-language questions)', () => {
    const ru = entry(
      'q40',
      { question: 'x', answer: 'y' },
      {
        question: {
          lt: 'Kur deklaruoti gyvenamąją vietą?',
          en: 'Where do I declare my address?',
          ru: 'Где задекларировать место жительства?',
          uk: 'Де задекларувати місце проживання?',
        },
        intents: ['address'],
      },
    );
    const idx = createFaqIndex([...ENTRIES, ru], analyse);
    const [best] = idx.search(ask('где задекларировать место жительства', { lang: 'ru' }));
    expect(best!.entry.id).toBe('q40');
    expect(idx.search(ask('kur deklaruoti gyvenamąją vietą', { lang: 'lt' }))[0]!.entry.id).toBe(
      'q40',
    );
  });

  it('adds a published entry, and replaces one with the same id', () => {
    const idx = createFaqIndex(ENTRIES, analyse);
    expect(idx.search(ask('lost passport abroad'))[0]!.score).toBeLessThan(HANDOFF_BELOW);
    const published = entry(
      'x-lost-abroad',
      {
        question: 'I lost my passport abroad, what do I do?',
        answer: 'Contact the nearest Lithuanian embassy.',
      },
      { published: new Date('2026-01-01T00:00:00Z') },
    );
    idx.add(published);
    const [best] = idx.search(ask('lost passport abroad'));
    expect(best!.entry).toBe(published);
    expect(best!.score).toBeGreaterThanOrEqual(0.6);
    idx.add({ ...published, answer: { ...published.answer, en: 'Go to the consulate.' } });
    const hits = idx.search(ask('lost passport abroad'));
    expect(hits.filter((h) => h.entry.id === 'x-lost-abroad')).toHaveLength(1);
    expect(hits[0]!.entry.answer.en).toBe('Go to the consulate.');
  });

  it('searches ~100 entries in under a millisecond', () => {
    const words =
      'permit residence visa card fee cost term document passport branch address family work study employer citizenship declaration protection lost stolen insurance'.split(
        ' ',
      );
    const many = Array.from({ length: 100 }, (_, i) =>
      entry(`x-e${i}`, {
        question: `${words[i % words.length]} ${words[(i * 7) % words.length]} question ${i}?`,
        keywords: [
          words[(i * 3) % words.length]!,
          `${words[(i * 5) % words.length]} ${words[(i * 11) % words.length]}`,
        ],
        answer: `An answer of some length about ${words.slice(0, (i % 15) + 5).join(' ')} and more words to read.`,
      }),
    );
    const idx = createFaqIndex(many, analyse);
    const qs = [
      ask('how much does a residence permit card cost', { intents: [['fee', 0.8]] }),
      ask('documents for a family visa and passport', { intents: [['documents', 0.8]] }),
      ask('i lost my card and passport what to do, where is the branch address'),
    ];
    for (let i = 0; i < 50; i++) for (const q of qs) idx.search(q);
    const runs = 600;
    const start = performance.now();
    for (let i = 0; i < runs; i++) idx.search(qs[i % qs.length]!);
    expect((performance.now() - start) / runs).toBeLessThan(1);
  });
});

describe('ranking by the heading the question asks', () => {
  // Both entries hold both words of the question; only one is what it asks.
  const index = createFaqIndex(
    [
      entry(
        'change',
        {
          question: 'Can I change a booked visit?',
          keywords: ['reschedule'],
          answer: 'Change a visit twice. Book a visit again, book the visit, book any visit later.',
        },
        { intents: ['appointment'] },
      ),
      entry(
        'book',
        {
          question: 'How do I book a visit?',
          keywords: ['booking'],
          answer:
            'Once your application is submitted, open it in the portal, choose a branch and a ' +
            'free time before your deadline, and confirm; the portal sends you a reminder.',
        },
        { intents: ['appointment'] },
      ),
    ],
    analyse,
  );

  it('puts the entry whose heading the question is first, whatever their order', () => {
    expect(index.search(ask('book visit', { intents: [['appointment', 0.8]] }))[0]?.entry.id).toBe(
      'book',
    );
  });
});

describe('bestFaqAnswer', () => {
  it('tells what the passage is about, for weighing it against a catalogue fact', () => {
    const best = bestFaqAnswer(createFaqIndex(ENTRIES, analyse), ask('how long does a TRP take'));
    expect(best?.answer.sources[0]?.id).toBe('faq:q10');
    expect(best?.intents).toEqual(['processing-time']);
    expect(best?.services).toEqual([TRP]);
  });
});

describe('a heading is used only when more than one of its words is asked', () => {
  const DECLARE = 'residence-declaration';
  const index = createFaqIndex(
    [
      entry(
        'declare',
        {
          question: 'How to declare?',
          keywords: ['late', 'fine'],
          answer: 'A warning or a small fine.',
        },
        { intents: ['other'], services: [DECLARE] },
      ),
      ...ENTRIES,
    ],
    analyse,
  );
  const more = { intents: [['other', 0.85]] as [Intent, number][], service: DECLARE };

  it('one shared word of a heading does not carry an unrelated question over the line', () => {
    // "declare" is the entry's heading; the rest of the question is about something else.
    const hit = index.search(ask('fill annual income declare tax office form', more))[0];
    expect(hit?.entry.id).toBe('declare');
    expect(hit!.score).toBeLessThan(HANDOFF_BELOW);
  });

  it('a question sharing most of its words with the entry still gets it', () => {
    const hit = index.search(ask('late declare fine', more))[0];
    expect(hit?.entry.id).toBe('declare');
    expect(hit!.score).toBeGreaterThanOrEqual(HANDOFF_BELOW);
  });
});
