import IntlMessageFormat from 'intl-messageformat';
import type { Language } from '../../../platform/i18n';
import type { LegalReference, Outcome, Texts } from '../rules.schemas';
import type { CompiledRuleSet } from './compile';
import type { CheckResult, Evaluation } from './evaluate';

/** One check explained in one language: what applied, why, and where the law says so. */
export interface ExplainedCheck {
  check: string;
  name: string;
  outcome: Outcome;
  reasons: { rule: string; outcome: Outcome; text: string; citation: string; uncertain: boolean }[];
  missing: string[];
  ruleSet: string;
  version: string;
}

/** Explanations in every language, stored with an evaluation so the record never changes meaning. */
export type Explanations = Record<Language, ExplainedCheck[]>;

const LANGS: Language[] = ['lt', 'en', 'ru', 'uk'];

/**
 * Renders each check's reasons from the rules' templates. Values that are money are in cents in
 * the tables; templates format what they are given (a table that wants euros outputs them).
 */
export function explain(
  evaluation: Evaluation,
  sets: CompiledRuleSet[],
  lang: Language,
): ExplainedCheck[] {
  const byId = new Map(sets.map((s) => [`${s.file.id}@${s.file.version}`, s]));
  return evaluation.checks.map((c) => explainCheck(c, byId.get(`${c.ruleSet}@${c.version}`), lang));
}

export function explainAll(evaluation: Evaluation, sets: CompiledRuleSet[]): Explanations {
  return Object.fromEntries(LANGS.map((l) => [l, explain(evaluation, sets, l)])) as Explanations;
}

function explainCheck(
  c: CheckResult,
  set: CompiledRuleSet | undefined,
  lang: Language,
): ExplainedCheck {
  const table = set?.tables.find((t) => t.def.id === c.table);
  const reasons = c.fired.map((f) => {
    const rule = table?.rules.find((r) => r.def.id === f.rule)?.def;
    return {
      rule: f.rule,
      outcome: f.outcome,
      text: rule ? render(rule.explain, lang, { ...c.parameters, ...f.values }) : f.rule,
      citation: cite(f.legal, lang, (id, l) => set?.file.acts[id]?.name[l] ?? id),
      uncertain: f.legal.uncertain ?? false,
    };
  });
  if (c.fired.length === 0 && table?.def.otherwise && c.missing.length === 0)
    reasons.push({
      rule: 'otherwise',
      outcome: c.outcome,
      text: render(table.def.otherwise.explain, lang, { ...c.parameters, ...c.outputs }),
      citation: '',
      uncertain: false,
    });
  return {
    check: c.check,
    name: table?.def.name[lang] ?? c.check,
    outcome: c.outcome,
    reasons,
    missing: c.missing,
    ruleSet: c.ruleSet,
    version: c.version,
  };
}

function render(texts: Texts, lang: Language, values: Record<string, unknown>): string {
  const safe: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(values))
    safe[k] =
      typeof v === 'number' || typeof v === 'boolean'
        ? v
        : v === null
          ? '—'
          : Array.isArray(v)
            ? v.join(', ')
            : String(v);
  return String(new IntlMessageFormat(texts[lang], lang).format(safe));
}

const ABBREVIATIONS: Record<Language, { art: string; part: string; point: string }> = {
  lt: { art: 'str.', part: 'd.', point: 'p.' },
  en: { art: 'Art.', part: 'para.', point: 'point' },
  ru: { art: 'ст.', part: 'ч.', point: 'п.' },
  uk: { art: 'ст.', part: 'ч.', point: 'п.' },
};

/** "Law on the Legal Status of Foreigners, Art. 26, para. 1, point 1" / "… 26 str. 1 d. 1 p.". */
export function cite(
  ref: LegalReference,
  lang: Language,
  actName: (id: string, lang: Language) => string = (id) => id,
): string {
  const a = ABBREVIATIONS[lang];
  const act = actName(ref.act, lang);
  if (lang === 'lt') {
    const parts = [
      ref.article && `${ref.article} ${a.art}`,
      ref.part && `${ref.part} ${a.part}`,
      ref.point && `${ref.point} ${a.point}`,
    ];
    return [act, parts.filter(Boolean).join(' ')].filter(Boolean).join(', ');
  }
  const parts = [
    ref.article && `${a.art} ${ref.article}`,
    ref.part && `${a.part} ${ref.part}`,
    ref.point && `${a.point} ${ref.point}`,
  ];
  return [act, ...parts].filter(Boolean).join(', ');
}
