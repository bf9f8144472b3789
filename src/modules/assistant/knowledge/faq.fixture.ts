import type { FaqEntry } from './faq.schema';

/**
 * FAQ entries for the tests, in the YAML format of content/lt/assistant/faq (the real files are
 * written separately; these keep the tests independent of their wording).
 */
export const FIXTURE_YAML = `
entries:
  - id: q4
    intents: [fee]
    services: [temporary-residence-permit]
    uncertain: false
    sources:
      - title: Migracijos departamentas — valstybės rinkliavų sąrašas
        url: https://migracija.lrv.lt/lt/paslaugos/valstybes-rinkliavu-sarasas/leidimai-gyventi-2/
        date: n.d.
    question:
      lt: Kiek kainuoja leidimas laikinai gyventi?
      en: How much does a temporary residence permit cost?
      ru: Сколько стоит вид на временное жительство?
      uk: Скільки коштує посвідка на тимчасове проживання?
    keywords:
      lt: [kaina, mokestis, rinkliava, kiek moketi]
      en: [price, fee, cost, how much]
      ru: [цена, пошлина, сколько платить, ВНЖ]
      uk: [ціна, збір, скільки платити, ВНП]
    answer:
      lt: Valstybės rinkliava – 160 EUR, skubos tvarka – 320 EUR.
      en: The state fee is 160 EUR, or 320 EUR if urgent.
      ru: Госпошлина — 160 EUR, срочно — 320 EUR.
      uk: Державний збір — 160 EUR, терміново — 320 EUR.
  - id: x-migris
    intents: [other]
    services: []
    uncertain: true
    sources:
      - title: MIGRIS
        url: https://www.migracija.lt/
        date: 2023
      - title: MIGRIS again
        url: https://www.migracija.lt/
        date: 2023-07-28
      - title: MIGRIS help
        url: https://www.migracija.lt/help
        date: 2024-01
    question:
      lt: Kas yra MIGRIS?
      en: What is MIGRIS?
      ru: Что такое MIGRIS?
      uk: Що таке MIGRIS?
    keywords:
      lt: [sistema, portalas]
      en: [system, portal, online]
      ru: [система, портал]
      uk: [система, портал]
    answer:
      lt: MIGRIS yra Migracijos departamento interneto sistema; informacija gali būti pasenusi.
      en: MIGRIS is the Migration Department's online system; this may be out of date.
      ru: MIGRIS — интернет-система Департамента миграции; сведения могут быть устаревшими.
      uk: MIGRIS — інтернет-система Департаменту міграції; відомості можуть бути застарілими.
`;

/** An entry built in code, for index tests. */
export function entry(
  id: string,
  en: { question: string; keywords?: string[]; answer: string },
  extra: Partial<FaqEntry> = {},
): FaqEntry {
  const text = (s: string) => ({ lt: s, en: s, ru: s, uk: s });
  return {
    id,
    intents: ['other'],
    services: [],
    uncertain: false,
    sources: [{ title: 'Source', url: `https://example.org/${id}`, date: 'n.d.' }],
    question: text(en.question),
    keywords: { lt: [], en: en.keywords ?? [], ru: [], uk: [] },
    answer: text(en.answer),
    ...extra,
  };
}
