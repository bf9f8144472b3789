import { isAppError } from '../../platform/errors';
import type { Language, Translate } from '../../platform/i18n';
import type { OrderingQueries } from './catalogue.ordering';
import { noteIn, type CatalogueQueries, type FeeQuote, type LegalTerm } from './catalogue.queries';
import { AUDIENCES, type Duration, type Note, type Service, type Text } from './catalogue.schemas';

/**
 * Plain data for pages and the API, in one language: the catalogue's facts resolved for a date
 * (fees in force that day). Pure: the date and the language are arguments.
 */

export const URGENCY_LEVELS = ['general', 'urgent', 'next-day', 'same-day'] as const;

const expected = (e: unknown) =>
  isAppError(e) && (e.code === 'CATALOGUE_FEE_UNKNOWN' || e.code === 'CATALOGUE_TERM_UNKNOWN');

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (expected(e)) return undefined;
    throw e;
  }
}

/** Fee quotes for every urgency level the schedule in force has for this service and ground. */
export function feeLevels(q: CatalogueQueries, serviceId: string, groundId: string, on: Date) {
  return URGENCY_LEVELS.flatMap((level) => {
    const quote = attempt(() =>
      q.feeFor({ serviceId, groundId, urgent: level !== 'general', urgency: level, on }),
    );
    return quote ? [{ level, quote }] : [];
  });
}

export function termLevels(q: CatalogueQueries, serviceId: string, groundId: string) {
  const levels = (renewal: boolean) =>
    URGENCY_LEVELS.flatMap((level) => {
      const term = attempt(() =>
        q.legalTerm({ serviceId, groundId, urgent: level !== 'general', urgency: level, renewal }),
      );
      return term ? [{ level, term }] : [];
    });
  const rule = q.termRule(serviceId, groundId);
  return { first: levels(false), renewal: rule.renewal ? levels(true) : [], rule };
}

export function money(cents: number, lang: Language): string {
  return new Intl.NumberFormat(lang, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

export function durationText(d: Duration, t: Translate): string {
  if (d.amount === 0 && d.unit === 'days') return t('catalogue.term.sameDay');
  return t(`catalogue.term.${d.unit}`, { amount: d.amount });
}

const levelLabel = (level: string, t: Translate) => t(`catalogue.fee.level.${level}`);

/**
 * Courier delivery (the fee in force on the date and who may choose it) and ordering without a
 * visit, for any service whose pack entry has these rules. A courier fee not yet in force on the
 * date means no courier that day, so none is shown.
 */
export function orderingRules(
  ordering: OrderingQueries,
  s: Service,
  lang: Language,
  t: Translate,
  on: Date,
) {
  const c = ordering.courier(s.id, on);
  const r = ordering.remoteOrder(s.id, on);
  const notes = (list: Note[]) => [
    ...new Map(list.map((n) => noteIn(n, lang)!).map((n) => [n.text, n])).values(),
  ];
  return {
    courier: c && {
      fee: t('catalogue.courier.fee', { amount: money(c.feeCents, lang) }),
      conditions: [
        c.levels.length === 1 && c.levels[0] === 'general'
          ? t('catalogue.courier.generalOnly')
          : t('catalogue.courier.levels', {
              levels: c.levels.map((l) => levelLabel(l, t)).join(', '),
            }),
        c.notFirstDocument ? t('catalogue.courier.notFirstDocument') : '',
        c.requiresValidIdentityDocument ? t('catalogue.courier.validDocument') : '',
        ordering.deliveryAfterDecision(s.id) ? t('catalogue.courier.afterDecision') : '',
      ].filter(Boolean),
      uncertain: c.uncertain,
      notes: notes(c.note ? [c.note] : []),
    },
    remoteOrder: r && {
      conditions: [
        t('catalogue.remoteOrder.recentRecord', { months: r.recordMaxAgeMonths }),
        r.requiresValidIdentityDocument ? t('catalogue.remoteOrder.validDocument') : '',
      ].filter(Boolean),
      uncertain: r.uncertain,
      notes: notes(r.notes),
    },
  };
}

/** One service page's content in one language. */
export function servicePage(
  q: CatalogueQueries,
  ordering: OrderingQueries,
  s: Service,
  lang: Language,
  t: Translate,
  on: Date,
) {
  const tx = (x: Text | undefined) => (x ? x[lang] : undefined);
  const src = (id: string) => q.sourceOf(s, id);
  return {
    id: s.id,
    code: s.code,
    name: s.name[lang],
    description: s.description[lang],
    applicants: s.applicants.map((a) => t(`catalogue.applicant.${a}`)),
    channels: s.channels.map((c) => t(`catalogue.channel.${c}`)),
    visit: {
      required: s.visit.required,
      withinMonths: s.visit.withinMonths,
      uncertain: s.visit.uncertain ?? false,
      note: noteIn(s.visit.note, lang),
    },
    ...orderingRules(ordering, s, lang, t, on),
    grounds: s.grounds.map((g) => {
      const fees = feeLevels(q, s.id, g.id, on);
      const rule = q.feeRule(s.id, g.id);
      const terms = termLevels(q, s.id, g.id);
      const validity = q.validityFor(s.id, g.id);
      const termText = (l: { level: string; term: LegalTerm }) =>
        l.level === 'same-day'
          ? levelLabel(l.level, t)
          : l.level === 'general'
            ? t('catalogue.term.general', { term: durationText(l.term, t) })
            : t('catalogue.term.level', {
                level: levelLabel(l.level, t),
                term: durationText(l.term, t),
              });
      const feeText = (l: { level: string; quote: FeeQuote }) =>
        l.level === 'general'
          ? t('catalogue.fee.general', { amount: money(l.quote.amountCents, lang) })
          : t('catalogue.fee.level', {
              level: levelLabel(l.level, t),
              amount: money(l.quote.amountCents, lang),
            });
      return {
        id: g.id,
        name: g.name[lang],
        description: tx(g.description),
        startHref:
          s.startPath ??
          `/applications/new?service=${encodeURIComponent(s.id)}&ground=${encodeURIComponent(g.id)}`,
        documents: q.requiredDocuments({ serviceId: s.id, groundId: g.id }).map((d) => ({
          name: d.name[lang],
          conditions: [
            d.conditions.minAge !== undefined
              ? t('catalogue.doc.fromAge', { age: d.conditions.minAge })
              : '',
            d.conditions.maxAge !== undefined
              ? t('catalogue.doc.upToAge', { age: d.conditions.maxAge })
              : '',
            d.conditions.firstApplicationOnly ? t('catalogue.doc.firstOnly') : '',
          ].filter(Boolean),
          uncertain: d.uncertain,
          note: noteIn(d.note, lang),
        })),
        fee: {
          free: rule.free === true,
          unknown: rule.unknown === true || (!rule.free && fees.length === 0),
          lines: rule.free ? [] : fees.map(feeText),
          uncertain: Boolean(rule.uncertain || fees.some((f) => f.quote.uncertain)),
          note: noteIn(rule.note, lang),
          exemptions: rule.exemptions.map((e) =>
            e.payPercent === 0
              ? t('catalogue.fee.exemptionFree', { name: e.name[lang] })
              : t('catalogue.fee.exemptionPays', { name: e.name[lang], percent: e.payPercent }),
          ),
        },
        term: {
          lines: [
            ...terms.first.map(termText),
            ...terms.renewal
              .filter((l) => l.level === 'general')
              .map((l) => t('catalogue.term.renewal', { term: durationText(l.term, t) })),
          ],
          startsAt: t(`catalogue.term.startsAt.${terms.rule.startsAt}`),
          uncertain: terms.rule.uncertain ?? false,
          note: noteIn(terms.rule.note, lang),
        },
        validity: {
          text: validity.text[lang],
          uncertain: validity.uncertain ?? false,
          note: noteIn(validity.note, lang),
        },
        sourceUrl: src(g.source).url,
      };
    }),
    sources: s.sources.map((x) => ({ url: x.url, date: String(x.date) })),
    feesOn: on,
  };
}

/** The list page: services grouped by audience, in the pack's order. */
export function serviceGroups(services: Service[], lang: Language, t: Translate) {
  return AUDIENCES.map((audience) => ({
    audience,
    heading: t(`catalogue.audience.${audience}`),
    services: services
      .filter((s) => s.audience === audience)
      .map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name[lang],
        description: s.description[lang],
      })),
  })).filter((g) => g.services.length > 0);
}
