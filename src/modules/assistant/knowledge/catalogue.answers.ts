import { isAppError } from '../../../platform/errors';
import type { I18n, Language, Translate } from '../../../platform/i18n';
import type { BranchesPack } from '../../appointments';
import type { CatalogueQueries, Duration, Ground, Service } from '../../catalogue';
import type { Answer, Intent, Source, Understanding } from '../assistant.model';
import { bestNamed, words } from './catalogue.words';

/** The branches part of the pack (appointments' `loadBranchesPack`): addresses and hours. */
export type BranchFacts = Pick<BranchesPack, 'hours' | 'branches' | 'sources'>;

export interface CatalogueAnswersDeps {
  catalogue: CatalogueQueries;
  i18n: I18n;
  /** Today's date in Vilnius, YYYY-MM-DD: the fees in force that day are quoted. */
  today: () => string;
  /** Without it, address questions are left to the FAQ. */
  branches?: BranchFacts;
  /**
   * The understanding step's analyser. With it, a ground is also found by the concepts the
   * question shares with the ground's name (`c:blue-card`, `c:study`), typos and synonyms included.
   */
  analyse?: (text: string, lang: Language) => string[];
}

export interface CatalogueAnswers {
  /** A fact composed from the catalogue's current data, or undefined when it holds none. */
  answer(u: Understanding): Answer | undefined;
}

/** The intents whose facts the catalogue holds. */
export const CATALOGUE_INTENTS: readonly Intent[] = [
  'fee',
  'processing-time',
  'documents',
  'validity',
  'address',
];

const LEVELS = ['general', 'urgent', 'next-day', 'same-day'] as const;
/** A service with many grounds: the answer names a few and sends to the page for the rest. */
const MAX_GROUND_LINES = 4;
const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const GROUND_MIN_SHARE = 0.3;
const MAX_EXEMPTIONS = 5;

interface Composed {
  parts: string[];
  uncertain: boolean;
  sources: Source[];
}

interface Asked {
  lang: Language;
  t: Translate;
  service: Service;
  /** The ground the question names, if it names one. */
  ground: Ground | undefined;
  on: Date;
}

/** 160 EUR, 8,60 EUR: the amount in the reader's number format, without grouping. */
export function money(cents: number, lang: Language): string {
  const amount = new Intl.NumberFormat(lang, {
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
    useGrouping: false,
  }).format(cents / 100);
  return `${amount} EUR`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// "Opening hours", "darbo laikas", "часы работы": the hours of every branch are the answer even
// when no branch is named (they are the same everywhere unless a branch says otherwise).
const HOURS_WORDS = new Set(
  'hours open opening closes close laikas valandos dirba dirbate atidaryta часы работает работаете открыто години працює працюєте відчинено графік график'.split(
    ' ',
  ),
);
const asksHours = (question: string) => words(question).some((w) => HOURS_WORDS.has(w));

// A city alone does not make a question about a branch ("weather in Vilnius", "a flat in
// Klaipėda"): it must also ask for an office, an address or the hours.
const BRANCH_WORDS =
  /^(office|branch|address|adres|skyri|padalin|filial|department|departament|migracij|migration|отделени|офис|адрес|филиал|департамент|миграц|відділ|підрозділ|офіс|адрес|філі|міграц)/;
const asksBranch = (u: Understanding) =>
  u.terms.includes('c:address') ||
  asksHours(u.question) ||
  words(u.question).some((w) => BRANCH_WORDS.test(w));

/** Composes fee, term, document, validity and branch answers from the catalogue's current data. */
export function createCatalogueAnswers(deps: CatalogueAnswersDeps): CatalogueAnswers {
  const { catalogue } = deps;

  /**
   * Per service, each ground's own concepts (from its names in the four languages, without the
   * concepts of the service's own name): built once, when an analyser is given.
   */
  const groundConcepts = new Map<string, { ground: Ground; concepts: Set<string> }[]>();
  if (deps.analyse) {
    const analyse = deps.analyse;
    const conceptsOf = (t: Record<Language, string>) =>
      new Set(
        (['lt', 'en', 'ru', 'uk'] as const).flatMap((l) =>
          analyse(t[l], l).filter((x) => x.startsWith('c:')),
        ),
      );
    for (const service of catalogue.listServices()) {
      const whole = conceptsOf(service.name);
      groundConcepts.set(
        service.id,
        service.grounds.map((ground) => ({
          ground,
          concepts: new Set([...conceptsOf(ground.name)].filter((c) => !whole.has(c))),
        })),
      );
    }
  }

  /**
   * The ground the question names: by shared concepts when the analyser is there (most shared,
   * then the ground with the fewest concepts: "work" is the work ground, not "highly qualified
   * work"), else by the words of the ground names.
   */
  function groundOf(u: Understanding, service: Service): Ground | undefined {
    if (service.grounds.length < 2) return undefined;
    const asked = new Set(u.terms);
    let best: { ground: Ground; hits: number; size: number } | undefined;
    let tie = false;
    for (const { ground, concepts } of groundConcepts.get(service.id) ?? []) {
      const hits = [...concepts].filter((c) => asked.has(c)).length;
      if (hits === 0) continue;
      const better = !best || hits > best.hits || (hits === best.hits && concepts.size < best.size);
      const equal = best && hits === best.hits && concepts.size === best.size;
      if (better) {
        best = { ground, hits, size: concepts.size };
        tie = false;
      } else if (equal) tie = true;
    }
    if (best && !tie) return best.ground;
    return bestNamed(
      words(u.question),
      service.grounds.map((g) => ({
        item: g,
        names: [[g.name.lt], [g.name.en], [g.name.ru], [g.name.uk], [g.id.replace(/-/g, ' ')]],
      })),
      2,
      // One word in three of a ground's name at least ("work" of "Work under an employment
      // contract"): a passing word of a long name is no choice of ground.
      { minShare: GROUND_MIN_SHARE, ignore: Object.values(service.name) },
    );
  }
  const tr = (lang: Language): Translate => {
    const t = deps.i18n.translator(lang);
    return (key, values) => t(`assistantCatalogue.${key}`, values);
  };

  const duration = (d: Duration, t: Translate) =>
    d.amount === 0 && d.unit === 'days'
      ? t('term.sameDay')
      : t(`term.${d.unit}`, { amount: d.amount });

  /** "4 months (urgent: 2 months)": the general level first, then the faster ones. */
  const termText = (levels: Record<string, Duration>, t: Translate): string | undefined => {
    const order = [
      ...LEVELS,
      ...Object.keys(levels).filter((k) => !(LEVELS as readonly string[]).includes(k)),
    ];
    const present = order.filter((k) => levels[k] !== undefined);
    const first = present[0];
    if (first === undefined) return undefined;
    const general = duration(levels[first]!, t);
    // "Next day" and "same day" say their term themselves.
    const others = present
      .slice(1)
      .map((k) =>
        k === 'next-day' || k === 'same-day'
          ? t(`level.${k}`)
          : t('term.level', { level: t(`level.${k}`), term: duration(levels[k]!, t) }),
      );
    return others.length ? t('term.withLevels', { general, levels: others.join(', ') }) : general;
  };

  /** The fee in force on the day for each urgency level, or undefined when the pack has none. */
  function feeText(a: Asked, groundId?: string) {
    const { t, lang } = a;
    const rule = catalogue.feeRule(a.service.id, groundId);
    if (rule.free)
      return {
        text: t('fee.free'),
        free: true,
        uncertain: Boolean(rule.uncertain),
        exemptions: [],
      };
    if (rule.unknown) return undefined;
    const quotes = LEVELS.flatMap((level) => {
      try {
        const q = catalogue.feeFor({
          serviceId: a.service.id,
          groundId,
          urgent: level !== 'general',
          urgency: level,
          on: a.on,
        });
        return [{ level, q }];
      } catch (e) {
        // A level the schedule does not have (most fees have no same-day amount).
        if (isAppError(e) && e.code === 'CATALOGUE_FEE_UNKNOWN') return [];
        throw e;
      }
    });
    const general = quotes.find((x) => x.level === 'general');
    if (!general) return undefined;
    const others = quotes
      .filter((x) => x.level !== 'general')
      .map((x) =>
        t('fee.level', { level: t(`level.${x.level}`), amount: money(x.q.amountCents, lang) }),
      );
    const amount = money(general.q.amountCents, lang);
    return {
      text: others.length
        ? t('fee.withLevels', { general: amount, levels: others.join(', ') })
        : amount,
      free: false,
      uncertain: quotes.some((x) => x.q.uncertain) || Boolean(rule.uncertain),
      exemptions: rule.exemptions,
    };
  }

  /** The courier fee per document in force on the day, where the service's document can be sent. */
  function courierFee(a: Asked): string | undefined {
    const name = a.service.delivery?.courier?.feeValue;
    if (!name) return undefined;
    const v = catalogue.referenceValue(name, a.on);
    return v.unit === 'eur-cents' ? money(v.value, a.lang) : undefined;
  }

  const feeKey = (f: NonNullable<Ground['fee']>) => f.item ?? (f.free ? 'free' : 'unknown');

  function fee(a: Asked): Composed | undefined {
    const { t, lang, service, ground } = a;
    const name = service.name[lang];
    const parts: string[] = [];
    const found: NonNullable<ReturnType<typeof feeText>>[] = [];
    if (ground) {
      const f = feeText(a, ground.id);
      if (!f) return undefined;
      found.push(f);
      parts.push(t('fee.ground', { service: name, ground: ground.name[lang], fees: f.text }));
    } else {
      // Grounds with a fee of their own; when every ground has one, the service's own fee is
      // nobody's, so each ground is named instead (identity card, passport).
      const own = service.grounds.filter((g) => g.fee !== undefined);
      const differs = own.some((g) => feeKey(g.fee!) !== feeKey(service.fee));
      const lines = differs
        ? own.filter(
            (g) => own.length === service.grounds.length || feeKey(g.fee!) !== feeKey(service.fee),
          )
        : [];
      const main = lines.length === service.grounds.length ? undefined : feeText(a);
      const groundLines = lines.slice(0, MAX_GROUND_LINES).flatMap((g) => {
        const f = feeText(a, g.id);
        // Said rather than left out: otherwise the service's fee would seem to cover this ground.
        if (!f) return g.fee!.unknown ? [t('fee.groundUnknown', { ground: g.name[lang] })] : [];
        found.push(f);
        return [t('fee.groundLine', { ground: g.name[lang], fees: f.text })];
      });
      if (main) found.push(main);
      if (found.length === 0) return undefined;
      parts.push(
        main
          ? t('fee.service', { service: name, fees: main.text })
          : t('fee.byGround', { service: name }),
        ...groundLines,
      );
    }
    const courier = courierFee(a);
    if (courier) parts.push(t('fee.courier', { amount: courier }));
    // Who pays less, as the pack lists it (a graduate of a Lithuanian school, a minor …).
    const exemptions = new Map(found.flatMap((f) => f.exemptions.map((e) => [e.id, e] as const)));
    if (exemptions.size > 0)
      parts.push(
        t('fee.exemptions', {
          list: [...exemptions.values()]
            .slice(0, MAX_EXEMPTIONS)
            .map((e) =>
              e.payPercent === 0
                ? t('fee.exemptionFree', { name: e.name[lang] })
                : t('fee.exemptionPays', { name: e.name[lang], percent: e.payPercent }),
            )
            .join('; '),
        }),
      );
    // Amounts change by dated schedule: say which day's are quoted (nothing to date when free).
    if (found.some((f) => !f.free)) parts.push(t('fee.asOf', { date: deps.today() }));
    return { parts, uncertain: found.some((f) => f.uncertain), sources: [] };
  }

  function term(a: Asked): Composed | undefined {
    const { t, lang, service, ground } = a;
    const name = service.name[lang];
    const rule = catalogue.termRule(service.id, ground?.id);
    const note =
      rule.note !== undefined && typeof rule.note !== 'string' ? rule.note[lang] : undefined;
    const text = rule.levels ? termText(rule.levels, t) : undefined;
    const parts: string[] = [];
    if (text === undefined) {
      // No term in the pack: only a note for the applicant is a fact worth giving.
      if (note === undefined) return undefined;
      parts.push(t('term.none', { service: name }), note);
      return { parts, uncertain: Boolean(rule.uncertain), sources: [] };
    }
    parts.push(
      ground
        ? t('term.ground', { service: name, ground: ground.name[lang], term: text })
        : t('term.service', { service: name, term: text }),
    );
    if (rule.renewal) {
      const renewal = termText(rule.renewal, t);
      if (renewal) parts.push(t('term.renewal', { term: renewal }));
    }
    let uncertain = Boolean(rule.uncertain);
    if (!ground) {
      for (const g of service.grounds) {
        if (parts.length > MAX_GROUND_LINES + 1) break;
        if (!g.term?.levels || same(g.term.levels, rule.levels)) continue;
        const own = termText(g.term.levels, t);
        if (own) parts.push(t('term.groundLine', { ground: g.name[lang], term: own }));
        uncertain ||= Boolean(g.term.uncertain);
      }
    }
    parts.push(t(`term.startsAt.${rule.startsAt}`));
    if (note) parts.push(note);
    return { parts, uncertain, sources: [] };
  }

  function documents(a: Asked): Composed | undefined {
    const { t, lang, service, ground } = a;
    const name = service.name[lang];
    const chosen = ground ?? (service.grounds.length === 1 ? service.grounds[0] : undefined);
    if (chosen) {
      const docs = catalogue.requiredDocuments({ serviceId: service.id, groundId: chosen.id });
      if (docs.length === 0) return undefined;
      const list = docs
        .map((d) => {
          const c = [
            ...(d.conditions.firstApplicationOnly ? [t('documents.firstOnly')] : []),
            ...(d.conditions.minAge !== undefined
              ? [t('documents.fromAge', { age: d.conditions.minAge })]
              : []),
            ...(d.conditions.maxAge !== undefined
              ? [t('documents.upToAge', { age: d.conditions.maxAge })]
              : []),
          ];
          return c.length
            ? t('documents.withConditions', { name: d.name[lang], conditions: c.join(', ') })
            : d.name[lang];
        })
        .join('; ');
      return {
        parts: [
          ground
            ? t('documents.ground', { service: name, ground: ground.name[lang], documents: list })
            : t('documents.service', { service: name, documents: list }),
        ],
        uncertain: docs.some((d) => d.uncertain),
        sources: [],
      };
    }
    // Several grounds and none named: what every ground needs, what most need, and the grounds.
    const perGround = service.grounds.map((g) =>
      catalogue.requiredDocuments({ serviceId: service.id, groundId: g.id }),
    );
    const count = new Map<string, { doc: (typeof perGround)[number][number]; n: number }>();
    for (const docs of perGround)
      for (const d of new Map(docs.map((x) => [x.id, x])).values()) {
        const c = count.get(d.id);
        if (c) c.n++;
        else count.set(d.id, { doc: d, n: 1 });
      }
    const all = [...count.values()];
    const everyone = all.filter((c) => c.n === perGround.length);
    const most = all.filter((c) => c.n < perGround.length && c.n * 2 >= perGround.length);
    const names = (cs: typeof all) => cs.map((c) => c.doc.name[lang]).join('; ');
    const grounds = new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      service.grounds.map((g) => g.name[lang]),
    );
    const parts = [t('documents.dependsOnGround', { service: name, grounds })];
    if (everyone.length) parts.push(t('documents.everyone', { documents: names(everyone) }));
    if (most.length) parts.push(t('documents.most', { documents: names(most) }));
    parts.push(t('documents.seePage'));
    return {
      parts,
      uncertain: [...everyone, ...most].some((c) => c.doc.uncertain),
      sources: [],
    };
  }

  function validity(a: Asked): Composed | undefined {
    const { t, lang, service, ground } = a;
    const name = service.name[lang];
    const v = catalogue.validityFor(service.id, ground?.id);
    const parts = [
      ground
        ? t('validity.ground', { service: name, ground: ground.name[lang], text: v.text[lang] })
        : t('validity.service', { service: name, text: v.text[lang] }),
    ];
    let uncertain = Boolean(v.uncertain);
    if (!ground) {
      for (const g of service.grounds) {
        if (parts.length > MAX_GROUND_LINES) break;
        if (!g.validity || same(g.validity.text, v.text)) continue;
        parts.push(t('validity.groundLine', { ground: g.name[lang], text: g.validity.text[lang] }));
        uncertain ||= Boolean(g.validity.uncertain);
      }
    }
    return { parts, uncertain, sources: [] };
  }

  /** "pirm.–ketv. 07:30–16:30, penkt. 07:30–15:15": days with the same hours run together. */
  function hoursText(week: BranchFacts['hours']['week'], t: Translate): string {
    const runs: { from: string; to: string; open: string; close: string }[] = [];
    for (const day of WEEK) {
      const h = week[day];
      const last = runs.at(-1);
      if (!h) continue;
      const previous = WEEK[WEEK.indexOf(day) - 1];
      if (last && last.to === previous && last.open === h.open && last.close === h.close)
        last.to = day;
      else runs.push({ from: day, to: day, open: h.open, close: h.close });
    }
    return runs
      .map((r) =>
        t('hours.range', {
          days:
            r.from === r.to
              ? t(`day.${r.from}`)
              : t('hours.days', { from: t(`day.${r.from}`), to: t(`day.${r.to}`) }),
          open: r.open,
          close: r.close,
        }),
      )
      .join(', ');
  }

  function address(u: Understanding, pack: BranchFacts): Composed | undefined {
    if (!asksBranch(u)) return undefined;
    const t = tr(u.lang);
    const lang = u.lang;
    const city = (a: string) => a.split(',').at(-1)!.trim();
    const sourceOf = (b: BranchFacts['branches'][number]): Source => ({
      id: `branch:${b.code}`,
      title: b.name[lang],
      url: pack.sources.find((s) => s.id === b.source)?.url ?? '',
    });
    const named = bestNamed(
      words(u.question),
      pack.branches.map((b) => ({
        item: b,
        names: [[city(b.address)], [b.name.lt], [b.name.en], [b.name.ru], [b.name.uk]],
      })),
      3,
    );
    if (named) {
      return {
        parts: [
          t('address.branch', {
            branch: named.name[lang],
            address: named.address,
            hours: hoursText(named.hours ?? pack.hours.week, t),
          }),
        ],
        uncertain: Boolean(named.uncertain || pack.hours.uncertain),
        sources: [sourceOf(named)],
      };
    }
    // No branch named: "where do I apply for …", "declare my address", "your e-mail" are read
    // as address questions too, and the FAQ answers them better. Opening hours are a fact of the
    // pack though, with every branch's address.
    if (!asksHours(u.question)) return undefined;
    return {
      parts: [
        t('address.hours', { hours: hoursText(pack.hours.week, t) }),
        t('address.all', {
          branches: pack.branches
            .map((b) => t('address.item', { branch: b.name[lang], address: b.address }))
            .join('; '),
        }),
      ],
      uncertain: pack.branches.some((b) => b.uncertain) || Boolean(pack.hours.uncertain),
      sources: pack.branches.map(sourceOf),
    };
  }

  const COMPOSE: Partial<Record<Intent, (a: Asked) => Composed | undefined>> = {
    fee,
    'processing-time': term,
    documents,
    validity,
  };

  const answerOf = (u: Understanding, c: Composed, confidence: number): Answer => {
    const t = tr(u.lang);
    return {
      answer: [...c.parts, ...(c.uncertain ? [t('uncertain')] : [])].join(' '),
      lang: u.lang,
      confidence: Math.max(0, Math.min(1, confidence)),
      sources: c.sources,
      handoff: false,
      kind: 'catalogue',
      links: [],
    };
  };

  return {
    answer(u) {
      const main = u.intents[0];
      if (!main || !CATALOGUE_INTENTS.includes(main.intent)) return undefined;
      try {
        if (main.intent === 'address') {
          if (!deps.branches) return undefined;
          const c = address(u, deps.branches);
          return c && answerOf(u, c, main.score);
        }
        const compose = COMPOSE[main.intent];
        const service = u.service && catalogue.findService(u.service.id);
        if (!compose || !service || !u.service) return undefined;
        const lang = u.lang;
        const ground = groundOf(u, service);
        const day = deps.today();
        const c = compose({ lang, t: tr(lang), service, ground, on: new Date(`${day}T12:00:00Z`) });
        if (!c) return undefined;
        const source: Source = {
          id: `service:${service.id}`,
          title: service.name[lang],
          url: `/services/${service.id}`,
        };
        return answerOf(
          u,
          { ...c, sources: [source, ...c.sources] },
          Math.min(main.score, u.service.score),
        );
      } catch (e) {
        // A gap in the pack (no such term, ground or fee) is "the catalogue has no such fact".
        if (isAppError(e) && e.kind === 'not_found') return undefined;
        throw e;
      }
    },
  };
}
