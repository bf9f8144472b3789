import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fromFieldErrors } from '../../platform/http';
import type { Language } from '../../platform/i18n';
import type { CataloguePort, Texts } from './applications.ports';
import type { ApplicationRow } from './applications.repository';
import type { ApplicationsService } from './applications.service';
import { urgencyOf } from './ordering.service';

const V = 'modules/applications/views';
const signedIn = { config: { access: { who: 'signed-in' as const } } };
const param = (req: FastifyRequest, name: string) =>
  String((req.params as Record<string, string>)[name] ?? '');
const body = (req: FastifyRequest) => (req.body ?? {}) as Record<string, unknown>;
const textIn = (texts: Texts | undefined, lang: Language) =>
  texts ? (texts[lang] ?? texts.lt) : '';
const euro = (cents: number) => (cents / 100).toFixed(2);
/** A form field that may come once or several times (checkboxes). */
const many = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String);

export interface OrderingPagesDeps {
  service: ApplicationsService;
  catalogue: CataloguePort;
}

/** The extra tasks of the task list (before the fee): only those the service and ground have. */
export function orderingTasks(
  catalogue: CataloguePort,
  row: ApplicationRow,
  missing: { kind: string }[],
  on: Date,
) {
  if (!row.ground_id) return [];
  const has = (kind: string) => missing.some((m) => m.kind === kind);
  const tasks: { key: string; done: boolean; href: string }[] = [];
  if (catalogue.ordering.urgencyLevels(row.service_id, row.ground_id, on).length > 1)
    tasks.push({ key: 'urgency', done: true, href: `/applications/${row.id}/urgency` });
  if (catalogue.ordering.exemptions(row.service_id, row.ground_id).length > 0)
    tasks.push({
      key: 'exemption',
      done: !has('exemption') && row.fee_exemptions != null,
      href: `/applications/${row.id}/exemption`,
    });
  if (catalogue.ordering.hasDelivery(row.service_id))
    tasks.push({
      key: 'delivery',
      done: !has('delivery'),
      href: `/applications/${row.id}/delivery`,
    });
  return tasks;
}

/** What the overview, fee and check pages show of the ordering choices, in the reader's words. */
export async function orderingSummary(
  d: OrderingPagesDeps,
  row: ApplicationRow,
  req: FastifyRequest,
) {
  const { catalogue, service } = d;
  const fee = service.ordering.feeDue(row);
  const exemptions = row.ground_id
    ? catalogue.ordering.exemptions(row.service_id, row.ground_id)
    : [];
  const applied = exemptions.find((e) => e.id === fee.exemption);
  const branches = row.delivery_method === 'branch' ? await service.ordering.branches() : [];
  const branch = branches.find((b) => b.code === row.delivery_branch);
  const on = service.ordering.today();
  const visit = catalogue.ordering.remoteOrder(row.service_id, on)
    ? await service.ordering.visit(row, req.principal)
    : undefined;
  return {
    urgency: req.t(`ordering.urgency.level.${urgencyOf(row)}`),
    levelsOffered: row.ground_id
      ? catalogue.ordering.urgencyLevels(row.service_id, row.ground_id, on).length > 1
      : false,
    exemptionsOffered: exemptions.length > 0,
    exemptionsAnswered: row.fee_exemptions != null,
    exemption: applied
      ? req.t('ordering.fee.exemption', {
          exemption: textIn(applied.name, req.lang),
          percent: applied.payPercent,
        })
      : row.fee_exemptions != null
        ? req.t('ordering.exemption.noneChosen')
        : req.t('ordering.exemption.notAsked'),
    evidence: applied
      ? applied.evidence
        ? req.t('ordering.exemption.evidence', {
            document: textIn(applied.evidence.name, req.lang),
          })
        : req.t('ordering.exemption.officersVerify')
      : '',
    delivery: catalogue.ordering.hasDelivery(row.service_id)
      ? row.delivery_method === 'courier'
        ? req.t('ordering.delivery.summary.courier', { address: row.delivery_address ?? '' })
        : row.delivery_method === 'branch'
          ? req.t('ordering.delivery.summary.branch', {
              branch: textIn(branch?.name, req.lang) || (row.delivery_branch ?? ''),
            })
          : req.t('ordering.exemption.notAsked')
      : '',
    visit: visit && {
      needed: visit.needed,
      uncertain: !visit.needed && visit.uncertain,
      reasons: visit.needed
        ? visit.reasons.map((r) => req.t(`ordering.visit.reason.${r}`))
        : [req.t('ordering.visit.notNeeded', { months: visit.recordMaxAgeMonths })],
    },
    fee: {
      service: fee.feeCents === null ? null : euro(fee.feeCents),
      courier: fee.courierCents > 0 ? euro(fee.courierCents) : null,
      online: euro(fee.onlineCents),
      settledAtBranch: fee.settledAtBranch,
    },
  };
}

/** Pages of the ordering choices: urgency level, fee exemptions, delivery of the document. */
export function orderingPages(d: OrderingPagesDeps) {
  const { service, catalogue } = d;
  return async (app: FastifyInstance) => {
    const draftOf = async (req: FastifyRequest) => {
      const row = await service.getVisible(param(req, 'id'), req.principal);
      return row.state === 'draft' && row.ground_id ? row : undefined;
    };
    const render = (reply: FastifyReply, view: string, data: Record<string, unknown>) =>
      reply.page(`${V}/${view}.njk`, data);
    const back = (reply: FastifyReply, id: string) => reply.redirect(`/applications/${id}`);
    /** "1 month", "5 working days"; a term of 0 days is "the same day". */
    const termText = (req: FastifyRequest, term: { amount: number; unit: string }) =>
      term.amount === 0
        ? req.t('catalogue.term.sameDay')
        : req.t(`applications.term.${term.unit}`, { n: term.amount });

    // --- urgency level: the fee and the legal term follow it ---
    const urgencyPage = (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      extra = {},
    ) =>
      render(reply, 'urgency', {
        title: req.t('ordering.urgency.title'),
        application: row,
        value: urgencyOf(row),
        levels: catalogue.ordering
          .urgencyLevels(row.service_id, row.ground_id!, service.ordering.today())
          .map((l) => ({
            value: l.id,
            text: req.t(`ordering.urgency.level.${l.id}`),
            hint:
              l.feeCents === null
                ? req.t('ordering.urgency.optionAtBranch', {
                    term: termText(req, l.term),
                  })
                : req.t('ordering.urgency.option', {
                    term: termText(req, l.term),
                    amount: euro(l.feeCents),
                  }),
          })),
        ...extra,
      });
    app.get('/applications/:id/urgency', signedIn, async (req, reply) => {
      const row = await draftOf(req);
      return row ? urgencyPage(req, reply, row) : back(reply, param(req, 'id'));
    });
    app.post('/applications/:id/urgency', signedIn, async (req, reply) => {
      const row = await draftOf(req);
      if (!row) return back(reply, param(req, 'id'));
      const chosen = String(body(req).urgency ?? '');
      const r = await service.ordering.chooseUrgency(row.id, req.principal, chosen);
      if (!r.ok)
        return urgencyPage(req, reply.status(400), row, {
          value: chosen,
          ...fromFieldErrors({ urgency: req.t(`ordering.problem.urgency.${r.problem}`) }),
        });
      return back(reply, row.id);
    });

    // --- fee exemptions: the most favourable that applies sets the fee ---
    const exemptionPage = (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      extra = {},
    ) =>
      render(reply, 'exemption', {
        title: req.t('ordering.exemption.title'),
        application: row,
        chosen: row.fee_exemptions ?? [],
        answered: row.fee_exemptions != null,
        exemptions: catalogue.ordering.exemptions(row.service_id, row.ground_id!).map((e) => ({
          value: e.id,
          text: textIn(e.name, req.lang),
          hint: [
            req.t('ordering.exemption.pays', { percent: e.payPercent }),
            e.evidence
              ? req.t('ordering.exemption.evidence', {
                  document: textIn(e.evidence.name, req.lang),
                })
              : req.t('ordering.exemption.officersVerify'),
          ].join(' '),
        })),
        ...extra,
      });
    app.get('/applications/:id/exemption', signedIn, async (req, reply) => {
      const row = await draftOf(req);
      return row ? exemptionPage(req, reply, row) : back(reply, param(req, 'id'));
    });
    app.post('/applications/:id/exemption', signedIn, async (req, reply) => {
      const row = await draftOf(req);
      if (!row) return back(reply, param(req, 'id'));
      const picked = many(body(req).exemption);
      const none = picked.includes('none');
      const claimed = picked.filter((x) => x !== 'none');
      const error = (text: string) =>
        exemptionPage(req, reply.status(400), row, {
          chosen: picked,
          answered: none,
          ...fromFieldErrors({ exemption: text }),
        });
      if (picked.length === 0 || (none && claimed.length > 0))
        return error(req.t('ordering.exemption.required'));
      const r = await service.ordering.chooseExemptions(row.id, req.principal, claimed);
      if (!r.ok) {
        const e = catalogue.ordering
          .exemptions(row.service_id, row.ground_id!)
          .find((x) => x.id === r.id);
        return error(
          req.t(`ordering.problem.exemption.${r.problem}`, {
            exemption: textIn(e?.name, req.lang),
            maxAge: e?.maxAge ?? '',
            minAge: e?.minAge ?? '',
          }),
        );
      }
      return reply.redirect(`/applications/${row.id}/fee`);
    });

    // --- delivery: collect at a chosen branch, or a courier to an address ---
    const deliveryPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      row: ApplicationRow,
      extra = {},
    ) => {
      const courier = catalogue.ordering.courier(row.service_id, service.ordering.today());
      return render(reply, 'delivery', {
        title: req.t('ordering.delivery.title'),
        application: row,
        values: {
          method: row.delivery_method ?? '',
          branch: row.delivery_branch ?? '',
          address: row.delivery_address ?? '',
        },
        branches: (await service.ordering.branches()).map((b) => ({
          value: b.code,
          text: textIn(b.name, req.lang),
        })),
        courier: courier && { amount: euro(courier.feeCents) },
        ...extra,
      });
    };
    app.get('/applications/:id/delivery', signedIn, async (req, reply) => {
      const row = await draftOf(req);
      if (!row || !catalogue.ordering.hasDelivery(row.service_id))
        return back(reply, param(req, 'id'));
      return deliveryPage(req, reply, row);
    });
    app.post('/applications/:id/delivery', signedIn, async (req, reply) => {
      const row = await draftOf(req);
      if (!row || !catalogue.ordering.hasDelivery(row.service_id))
        return back(reply, param(req, 'id'));
      const b = body(req);
      const choice = {
        method: String(b.method ?? ''),
        branch: String(b.branch ?? ''),
        address: String(b.address ?? '').slice(0, 1000),
      };
      const r = await service.ordering.chooseDelivery(row.id, req.principal, choice);
      if (!r.ok) {
        const field =
          r.problem === 'branch-required'
            ? 'branch'
            : r.problem === 'address-required'
              ? 'address'
              : 'method';
        return deliveryPage(req, reply.status(400), row, {
          values: choice,
          ...fromFieldErrors({ [field]: req.t(`ordering.problem.delivery.${r.problem}`) }),
        });
      }
      return back(reply, row.id);
    });
  };
}
