import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../platform/clock';
import { DEFAULT_LANGUAGE, type Language } from '../../platform/i18n';
import { localDate, noteIn, type CatalogueQueries } from './catalogue.queries';
import { visitTakes, type Note, type Service } from './catalogue.schemas';
import {
  DetailQuery,
  EXAMPLE_DAY,
  EXAMPLE_SERVICE,
  Lang,
  Problem,
  ServiceDetail,
  ServiceSummary,
} from './catalogue.api.schemas';
import { feeLevels, termLevels } from './catalogue.view';
import { catalogueErrors } from './errors';

export function catalogueApi(q: CatalogueQueries, clock: Clock) {
  const summary = (s: Service, lang: Language) => ({
    id: s.id,
    code: s.code,
    audience: s.audience,
    name: s.name[lang],
    description: s.description[lang],
    grounds: s.grounds.map((g) => ({ id: g.id, name: g.name[lang] })),
  });
  const fact = (
    f: { uncertain?: boolean | undefined; note?: Note | undefined },
    lang: Language,
  ) => ({
    uncertain: f.uncertain ?? false,
    note: noteIn(f.note, lang)?.text ?? null,
  });

  const detail = (s: Service, lang: Language, on: Date) => ({
    ...summary(s, lang),
    applicants: s.applicants,
    channels: s.channels,
    visit: {
      required: s.visit.required,
      withinMonths: s.visit.withinMonths ?? null,
      takes: visitTakes(s.visit),
      ...fact(s.visit, lang),
    },
    feesOn: localDate(on),
    grounds: s.grounds.map((g) => {
      const rule = q.feeRule(s.id, g.id);
      const amounts = feeLevels(q, s.id, g.id, on);
      const terms = termLevels(q, s.id, g.id);
      const validity = q.validityFor(s.id, g.id);
      return {
        id: g.id,
        name: g.name[lang],
        description: g.description?.[lang] ?? null,
        documents: q.requiredDocuments({ serviceId: s.id, groundId: g.id }).map((d) => ({
          id: d.id,
          name: d.name[lang],
          minAge: d.conditions.minAge ?? null,
          maxAge: d.conditions.maxAge ?? null,
          firstApplicationOnly: d.conditions.firstApplicationOnly ?? false,
          source: d.source.url,
          uncertain: d.uncertain,
          note: noteIn(d.note, lang)?.text ?? null,
        })),
        fee: {
          free: rule.free === true,
          known: rule.free === true || amounts.length > 0,
          amounts: amounts.map(({ level, quote }) => ({
            level,
            amountCents: quote.amountCents,
            currency: quote.currency,
            basis: quote.basis,
            source: quote.source,
            uncertain: quote.uncertain,
          })),
          exemptions: rule.exemptions.map((e) => ({
            id: e.id,
            name: e.name[lang],
            payPercent: e.payPercent,
          })),
          ...fact(rule, lang),
        },
        term: {
          startsAt: terms.rule.startsAt,
          terms: [
            ...terms.first.map((t) => ({
              level: t.level,
              renewal: false,
              amount: t.term.amount,
              unit: t.term.unit,
            })),
            ...terms.renewal.map((t) => ({
              level: t.level,
              renewal: true,
              amount: t.term.amount,
              unit: t.term.unit,
            })),
          ],
          source: q.sourceOf(s, terms.rule.source).url,
          ...fact(terms.rule, lang),
        },
        validity: { text: validity.text[lang], ...fact(validity, lang) },
        questions: q.questionsFor(s.id, g.id).map((x) => ({
          id: x.id,
          type: x.type,
          required: x.required,
          label: x.label[lang],
          hint: x.hint?.[lang] ?? null,
          options: (x.options ?? []).map((o) => ({ value: o.value, label: o.label[lang] })),
          showIf: x.showIf?.answer ?? null,
        })),
      };
    }),
    sources: s.sources.map((x) => ({ id: x.id, url: x.url, date: String(x.date) })),
  });

  // The examples are the pack's own answers, so replaying them against the app gives the same.
  const ListResponse = z
    .object({ services: z.array(ServiceSummary) })
    .meta({ examples: [{ services: q.listServices().map((s) => summary(s, 'en')) }] });
  const exampleDay = new Date(`${EXAMPLE_DAY}T12:00:00Z`);
  const DetailResponse = ServiceDetail.meta({
    examples: [detail(q.getService(EXAMPLE_SERVICE), 'en', exampleDay)],
  });

  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get(
      '/api/v1/services',
      {
        config: { access: { who: 'public' } },
        schema: {
          tags: ['catalogue'],
          summary: 'The service catalogue',
          description:
            'Every service of the Migration Department (S01–S15) with its legal grounds, names in the language asked for. Public; no credentials needed.',
          querystring: Lang,
          response: { 200: ListResponse, 400: Problem },
        },
      },
      async (req) => {
        const lang = req.query.lang ?? DEFAULT_LANGUAGE;
        return { services: q.listServices().map((s) => summary(s, lang)) };
      },
    );
    app.get(
      '/api/v1/services/:id',
      {
        config: { access: { who: 'public' } },
        schema: {
          tags: ['catalogue'],
          summary: 'One service: documents, fees, terms, visit rule and form',
          description:
            'What an application for the service needs per legal ground: required documents with their conditions, the fees in force today or on the date `on` (with exemptions), the legal processing terms, validity, the personal-visit rule, the form questions and the sources of each fact. The id is the kebab-case id or the S-number. An unknown id answers 404 (CATALOGUE_SERVICE_UNKNOWN); a bad `lang` or `on` answers 400.',
          params: z.strictObject({
            id: z
              .string()
              .max(80)
              .describe('Service id (e.g. temporary-residence-permit) or S-number (S01)')
              .meta({ examples: [EXAMPLE_SERVICE] }),
          }),
          querystring: DetailQuery,
          response: { 200: DetailResponse, 400: Problem, 404: Problem },
        },
      },
      async (req) => {
        const s = q.findService(req.params.id);
        if (!s) throw catalogueErrors.serviceUnknown(req.params.id);
        const on = req.query.on ? new Date(`${req.query.on}T12:00:00Z`) : clock.now();
        // 2026-02-30 matches the pattern but is no date: it must read back unchanged.
        if (
          req.query.on &&
          (Number.isNaN(on.getTime()) || on.toISOString().slice(0, 10) !== req.query.on)
        )
          throw catalogueErrors.dateInvalid(req.query.on);
        return detail(s, req.query.lang ?? DEFAULT_LANGUAGE, on);
      },
    );
  };
}
