/**
 * The decision letter as a PDF (issue 4): the pack's template for the outcome, the officer's
 * reasons, the legal basis of each ground and how to appeal (body and term). Lithuanian is the
 * authentic text; a version in the applicant's language is made only where the pack has one.
 */
import type { Language } from '../../platform/i18n';
import { labelledPdf } from '../../platform/pdf';
import type { ApprovalOutcome } from './cases.lifecycle';
import { appealFor, type LettersPack } from './letters.loader';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface LetterFacts {
  reference: string;
  serviceId: string;
  /** The service's name in each language. */
  serviceName: Record<Language, string>;
  outcome: ApprovalOutcome;
  grounds: readonly string[];
  reasons: string;
  decidedAt: Date;
}

const fill = (text: string, facts: LetterFacts, lang: Language) =>
  text.replaceAll('{reference}', facts.reference).replaceAll('{service}', facts.serviceName[lang]);

/** The languages a letter is made in: always Lithuanian, plus the applicant's where a template exists. */
export function letterLanguages(
  pack: LettersPack,
  outcome: ApprovalOutcome,
  serviceId: string,
  applicantLang: Language,
): Language[] {
  if (applicantLang === 'lt') return ['lt'];
  const letter = pack.letters[outcome];
  const has =
    letter.title[applicantLang] !== undefined &&
    letter.body[applicantLang] !== undefined &&
    appealFor(pack, serviceId).body[applicantLang] !== undefined;
  return has ? ['lt', applicantLang] : ['lt'];
}

/** What a letter says (title, labelled rows, note), before it is laid out as a PDF. */
export function letterContent(
  pack: LettersPack,
  facts: LetterFacts,
  lang: Language,
  t: Translate,
): { title: string; rows: [string, string][]; note: string } {
  const letter = pack.letters[facts.outcome];
  const appeal = appealFor(pack, facts.serviceId);
  const grounds = pack.grounds[facts.outcome].filter((g) => facts.grounds.includes(g.id));
  const basis = grounds.map((g) => `${g.name[lang]} (${g.basis[lang]})`).join('\n');
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Vilnius' });
  return {
    title: letter.title[lang] ?? letter.title.lt,
    rows: [
      [t('decisions.letter.reference'), facts.reference],
      [t('decisions.letter.service'), facts.serviceName[lang]],
      [t('decisions.letter.date'), date.format(facts.decidedAt)],
      [t('decisions.letter.decision'), fill(letter.body[lang] ?? letter.body.lt, facts, lang)],
      [t('decisions.letter.reasons'), facts.reasons],
      [t('decisions.letter.basis'), basis || '–'],
      [
        t('decisions.letter.appeal'),
        `${appeal.body[lang] ?? appeal.body.lt} ${t('decisions.letter.appealTerm', { days: appeal.term_days })}`,
      ],
    ],
    note: lang === 'lt' ? t('decisions.letter.noteLt') : t('decisions.letter.noteTranslation'),
  };
}

/** The letter as a PDF with the Unicode font embedded (Lithuanian and Cyrillic letters). */
export async function renderLetter(
  pack: LettersPack,
  facts: LetterFacts,
  lang: Language,
  t: Translate,
): Promise<Buffer> {
  return labelledPdf({
    lang,
    authority: t('decisions.letter.authority'),
    ...letterContent(pack, facts, lang, t),
  });
}
