import type { AccountsModule } from '../modules/accounts';
import type {
  CataloguePort,
  DocumentsPort,
  PaymentsPort,
  TravelDocumentPort,
} from '../modules/applications';
import { isQuestionShown, type CatalogueModule } from '../modules/catalogue';
import {
  compareWithTyped,
  parseTravelDocumentMrz,
  type DocumentsModule,
  type Uploader,
} from '../modules/documents';
import type { PaymentsModule } from '../modules/payments';
import type { Clock } from '../platform/clock';
import { isAppError } from '../platform/errors';
import type { Principal } from '../platform/http';
import { isLanguage } from '../platform/i18n';
import { orderingForApplications } from './ordering.wiring';

/** Age in whole years on a date, from an ISO birth date answer; undefined when not known yet. */
function ageOn(birthDate: unknown, on: Date): number | undefined {
  if (typeof birthDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) return undefined;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  if (on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d)) age -= 1;
  return age;
}

const asAnswers = (a: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(a).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));

/**
 * The catalogue as the applications module sees it. Document conditions depend on the
 * applicant's age (from the date-of-birth answer); a fee the pack does not know is not asked
 * for online (it is settled at the branch), rather than blocking the application.
 */
export function catalogueForApplications(catalogue: CatalogueModule, clock: Clock): CataloguePort {
  return {
    serviceName: (id) => catalogue.findService(id)?.name,
    grounds: (id) =>
      catalogue.findService(id)?.grounds.map((g) => ({ id: g.id, name: g.name })) ?? [],
    groundName: (s, g) => (catalogue.findService(s) ? catalogue.findGround(s, g)?.name : undefined),
    visibleQuestions: (s, g, answers) =>
      catalogue.questionsFor(s, g).filter((q) => isQuestionShown(q, asAnswers(answers))),
    requiredDocuments: (s, g, answers) =>
      catalogue
        .requiredDocuments({
          serviceId: s,
          groundId: g,
          age: ageOn(answers['date-of-birth'], clock.now()),
          // Until the applicant says it is a renewal, ask for what a first application needs.
          firstApplication: answers['application-kind'] !== 'renewal',
        })
        .map((d) => ({ id: d.id, name: d.name })),
    fee: (s, g, { urgency, exemptions }, on) => {
      try {
        const q = catalogue.feeFor({
          serviceId: s,
          groundId: g,
          urgent: false,
          urgency,
          exemptions,
          on,
        });
        return { cents: q.amountCents, exemption: q.exemption };
      } catch (e) {
        if (isAppError(e) && e.code.startsWith('CATALOGUE_FEE'))
          return { cents: null, exemption: null };
        throw e;
      }
    },
    ordering: orderingForApplications(catalogue),
    legalTerm: (s, g, urgency) => {
      try {
        const t = catalogue.legalTerm({ serviceId: s, groundId: g, urgent: false, urgency });
        return {
          amount: t.amount,
          unit: t.unit,
          startsAt: t.startsAt,
          deadlineFrom: (from) => catalogue.legalDeadline(t, from),
        };
      } catch {
        return undefined;
      }
    },
  };
}

export function documentsForApplications(documents: DocumentsModule): DocumentsPort {
  return {
    listFor: async (owner) => documents.service.listFor(owner),
    store: (input) =>
      documents.service.store({ ...input, uploadedBy: input.uploadedBy as Uploader }),
    remove: (id, by) => documents.service.remove(id, by as Principal),
  };
}

export function paymentsForApplications(payments: PaymentsModule): PaymentsPort {
  return {
    statusFor: (reference) => payments.statusFor(reference),
    start: async (input) => ({ redirectUrl: (await payments.startPayment(input)).redirectUrl }),
  };
}

/** E-mail recipient of an account, in the language the person chose. */
export function recipientsFromAccounts(accounts: AccountsModule) {
  return async (accountId: string) => {
    const a = await accounts.repo.findById(accountId);
    if (!a) return undefined;
    return {
      email: a.email,
      name: a.display_name,
      lang: isLanguage(a.preferred_lang) ? a.preferred_lang : ('lt' as const),
    };
  };
}

/**
 * The travel document check: the documents module reads the MRZ; the catalogue says how long the
 * document must stay valid (the expected decision, by the legal term, plus the margin the pack
 * gives after the permit's end).
 */
export function travelDocumentsFor(catalogue: CatalogueModule, clock: Clock): TravelDocumentPort {
  return {
    parse: (text) => {
      // Today decides the century of two-digit MRZ years (birth dates lie in the past).
      const r = parseTravelDocumentMrz(text, { today: clock.now() });
      return { valid: r.valid, fields: r.fields, problems: r.problems };
    },
    compare: (fields, typed) =>
      compareWithTyped(
        {
          documentCode: null,
          nationality: null,
          sex: null,
          issuingState: null,
          ...fields,
        },
        typed,
      ),
    mustBeValidUntil: (serviceId, groundId, urgency, on) => {
      try {
        const margin = catalogue.referenceValue('passport-margin-after-permit-months', on);
        const term = catalogue.legalTerm({ serviceId, groundId, urgent: false, urgency });
        const until = new Date(on);
        if (term.unit === 'months') until.setUTCMonth(until.getUTCMonth() + term.amount);
        else
          until.setUTCDate(
            until.getUTCDate() +
              Math.ceil(term.amount * (term.unit === 'working-days' ? 7 / 5 : 1)),
          );
        until.setUTCMonth(until.getUTCMonth() + margin.value);
        return {
          until,
          rule: `passport-margin-after-permit-months = ${margin.value} (${margin.source})`,
          uncertain: margin.uncertain,
        };
      } catch (e) {
        if (isAppError(e) && e.code.startsWith('CATALOGUE_')) return undefined;
        throw e;
      }
    },
  };
}
