import type { Pack } from './catalogue.loader';
import type {
  Duration,
  Note,
  Ground,
  Question,
  Service,
  Source,
  Text,
  Validity,
  Visit,
} from './catalogue.schemas';
import { catalogueErrors } from './errors';
import { legalDeadline } from './legal-deadline';

// Built once: constructing a DateTimeFormat costs far more than formatting with it (fee lookups
// run on every application page and API answer).
const VILNIUS_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Vilnius',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The calendar date in the Department's time zone: fees and values change at local midnight. */
export function localDate(on: Date): string {
  return VILNIUS_DATE.format(on);
}

export interface SourceRef {
  id: string;
  url: string;
  date: string;
}

export interface RequiredDocument {
  id: string;
  name: Text;
  conditions: { minAge?: number; maxAge?: number; firstApplicationOnly?: boolean };
  source: SourceRef;
  uncertain: boolean;
  note?: Note;
}

export interface FeeQuote {
  amountCents: number;
  currency: 'EUR';
  /** How the amount was found, e.g. `govt-597-2023/trp-issue/urgent; exemption minor 50%`. */
  basis: string;
  /** URL of the source of the amount. */
  source: string;
  /** The fee schedule used, or null for a free service. */
  schedule: string | null;
  /** The exemption that set the amount (the most favourable of those asked for), if any. */
  exemption: string | null;
  uncertain: boolean;
}

export interface LegalTerm extends Duration {
  startsAt: string;
  source: string;
  uncertain: boolean;
  note?: Note;
}

/** A note in the reader's language; an editorial note stays English (`lang: 'en'`). */
export function noteIn(
  note: Note | undefined,
  lang: 'lt' | 'en' | 'ru' | 'uk',
): { text: string; lang: string } | undefined {
  if (note === undefined) return undefined;
  return typeof note === 'string' ? { text: note, lang: 'en' } : { text: note[lang], lang };
}

export interface ReferenceValue {
  name: string;
  value: number;
  unit: string;
  from: string;
  source: string;
  uncertain: boolean;
  note?: Note;
}

export interface FeeRequest {
  serviceId: string;
  groundId?: string | undefined;
  urgent: boolean;
  /** A named urgency level (`next-day`, `same-day`); overrides `urgent`. */
  urgency?: string | undefined;
  exemptions?: string[];
  on: Date;
}

/** Pure queries over a loaded pack: no I/O, no clock (the date is always an argument). */
export function createCatalogueQueries(pack: Pack) {
  /** A service answers to its slug and to its S-number (S01 …). */
  const byId = new Map(pack.services.flatMap((s) => [[s.id, s] as const, [s.code, s] as const]));
  const feeSources = new Map(pack.fees.sources.map((s) => [s.id, s]));
  const valueSources = new Map(pack.valueSources.map((s) => [s.id, s]));
  const schedules = [...pack.fees.schedules].sort((a, b) =>
    a.effectiveFrom.localeCompare(b.effectiveFrom),
  );

  const sourceOf = (s: Service, id: string): SourceRef => {
    const src = s.sources.find((x) => x.id === id) as Source;
    return { id: src.id, url: src.url, date: String(src.date) };
  };
  const findService = (id: string): Service | undefined => byId.get(id);
  const getService = (id: string): Service => {
    const s = byId.get(id);
    if (!s) throw catalogueErrors.serviceUnknown(id);
    return s;
  };
  const findGround = (serviceId: string, groundId: string): Ground | undefined =>
    findService(serviceId)?.grounds.find((g) => g.id === groundId);
  const getGround = (serviceId: string, groundId: string): Ground => {
    const g = findGround(getService(serviceId).id, groundId);
    if (!g) throw catalogueErrors.groundUnknown(serviceId, groundId);
    return g;
  };
  const groundOrNone = (serviceId: string, groundId: string | undefined) =>
    groundId === undefined ? undefined : getGround(serviceId, groundId);

  function requiredDocuments(q: {
    serviceId: string;
    groundId: string;
    age?: number | undefined;
    firstApplication?: boolean | undefined;
  }): RequiredDocument[] {
    const s = getService(q.serviceId);
    return getGround(q.serviceId, q.groundId)
      .documents.filter(
        (d) =>
          (q.age === undefined ||
            ((d.minAge === undefined || q.age >= d.minAge) &&
              (d.maxAge === undefined || q.age <= d.maxAge))) &&
          !(d.firstApplicationOnly && q.firstApplication === false),
      )
      .map((d) => ({
        id: d.ref,
        name: pack.documents[d.ref]!.name,
        conditions: {
          ...(d.minAge !== undefined ? { minAge: d.minAge } : {}),
          ...(d.maxAge !== undefined ? { maxAge: d.maxAge } : {}),
          ...(d.firstApplicationOnly ? { firstApplicationOnly: true } : {}),
        },
        source: sourceOf(s, d.source),
        uncertain: d.uncertain ?? false,
        ...(d.note ? { note: d.note } : {}),
      }));
  }

  const feeOf = (serviceId: string, groundId?: string) =>
    groundOrNone(serviceId, groundId)?.fee ?? getService(serviceId).fee;

  /** The fee in force on `on`, with the most favourable of the exemptions that apply. */
  function feeFor(q: FeeRequest): FeeQuote {
    const s = getService(q.serviceId);
    const fee = feeOf(q.serviceId, q.groundId);
    const chosen = (q.exemptions ?? []).map((id) => {
      const e = fee.exemptions.find((x) => x.id === id);
      if (!e) throw catalogueErrors.exemptionUnknown(q.serviceId, id);
      return e;
    });
    if (fee.free)
      return {
        amountCents: 0,
        currency: 'EUR',
        basis: 'free',
        source: sourceOf(s, fee.source).url,
        schedule: null,
        exemption: null,
        uncertain: fee.uncertain ?? false,
      };
    if (fee.unknown || !fee.item) throw catalogueErrors.feeUnknown(q.serviceId, 'not in the pack');
    const day = localDate(q.on);
    const schedule = schedules.filter((x) => x.effectiveFrom <= day).at(-1);
    if (!schedule) throw catalogueErrors.feeUnknown(q.serviceId, `no schedule in force on ${day}`);
    const amounts = schedule.items[fee.item];
    if (!amounts)
      throw catalogueErrors.feeUnknown(q.serviceId, `${fee.item} not in schedule ${schedule.id}`);
    const level = q.urgency ?? (q.urgent ? 'urgent' : 'general');
    const full = amounts[level];
    if (full === undefined)
      throw catalogueErrors.feeUnknown(q.serviceId, `${fee.item} has no ${level} amount`);
    const best = [...chosen].sort((a, b) => a.payPercent - b.payPercent)[0];
    return {
      amountCents: best ? Math.round((full * best.payPercent) / 100) : full,
      currency: 'EUR',
      basis: `${schedule.id}/${fee.item}/${level}${best ? `; exemption ${best.id} ${best.payPercent}%` : ''}`,
      source: feeSources.get(schedule.source)!.url,
      schedule: schedule.id,
      exemption: best?.id ?? null,
      uncertain: Boolean(schedule.uncertain || fee.uncertain),
    };
  }

  const termOf = (serviceId: string, groundId?: string) =>
    groundOrNone(serviceId, groundId)?.term ?? getService(serviceId).term;

  function legalTerm(q: {
    serviceId: string;
    groundId?: string | undefined;
    urgent: boolean;
    urgency?: string | undefined;
    renewal?: boolean | undefined;
  }): LegalTerm {
    const s = getService(q.serviceId);
    const term = termOf(q.serviceId, q.groundId);
    const levels = q.renewal && term.renewal ? term.renewal : term.levels;
    const level = q.urgency ?? (q.urgent ? 'urgent' : 'general');
    const d = levels?.[level];
    if (!d) throw catalogueErrors.termUnknown(q.serviceId, `no ${level} term`);
    return {
      amount: d.amount,
      unit: d.unit,
      startsAt: term.startsAt,
      source: sourceOf(s, term.source).url,
      uncertain: term.uncertain ?? false,
      ...(term.note ? { note: term.note } : {}),
    };
  }

  const periodOf = (name: string, on: Date) => {
    const v = pack.values[name];
    const day = localDate(on);
    const period = v?.periods
      .filter((p) => p.from <= day)
      .sort((a, b) => a.from.localeCompare(b.from))
      .at(-1);
    if (!v || !period) throw catalogueErrors.referenceUnknown(name, day);
    return { v, period, day };
  };

  /** A flag's state on a date (unit `flag`), e.g. whether the annual work quota is still open. */
  function referenceFlag(name: string, on: Date): boolean {
    const { period, day } = periodOf(name, on);
    if (typeof period.value !== 'boolean')
      throw catalogueErrors.referenceUnknown(`${name} (not a flag)`, day);
    return period.value;
  }

  function referenceValue(name: string, on: Date): ReferenceValue {
    const { v, period, day } = periodOf(name, on);
    if (typeof period.value !== 'number')
      throw catalogueErrors.referenceUnknown(`${name} (a flag)`, day);
    return {
      name,
      value: period.value,
      unit: v.unit,
      from: period.from,
      source: valueSources.get(period.source)!.url,
      uncertain: period.uncertain ?? false,
      ...(period.note ? { note: period.note } : {}),
    };
  }

  const visitRule = (serviceId: string): Visit & { sourceUrl: string } => {
    const s = getService(serviceId);
    return { ...s.visit, sourceUrl: sourceOf(s, s.visit.source).url };
  };

  const validityFor = (serviceId: string, groundId?: string): Validity =>
    groundOrNone(serviceId, groundId)?.validity ?? getService(serviceId).validity;

  /** The form's questions for a ground: the common ones, then the service's own for that ground. */
  const questionsFor = (serviceId: string, groundId: string): Question[] => {
    const s = getService(serviceId);
    getGround(serviceId, groundId);
    return [
      ...pack.commonQuestions,
      ...s.questions.filter((q) => !q.showIf?.grounds || q.showIf.grounds.includes(groundId)),
    ];
  };

  return {
    listServices: (): Service[] => pack.services,
    findService,
    getService,
    findGround,
    getGround,
    requiredDocuments,
    feeFor,
    /** The fee rule (item, free or unknown, exemptions) for display. */
    feeRule: feeOf,
    legalTerm,
    /**
     * The last day of a legal term that starts counting on `from` (a calendar date in Vilnius):
     * `uncertain` when the term or the holiday list is.
     */
    legalDeadline(term: LegalTerm, from: Date): { date: string; uncertain: boolean } {
      return {
        date: legalDeadline(localDate(from), term, pack.holidays),
        uncertain: term.uncertain || (pack.holidays.uncertain ?? false),
      };
    },
    termRule: termOf,
    referenceValue,
    referenceFlag,
    visitRule,
    validityFor,
    questionsFor,
    sourceOf,
  };
}

/** Whether a question is asked, given the earlier answers (its ground filter is already applied). */
export function isQuestionShown(q: Question, answers: Record<string, string | undefined>): boolean {
  const dep = q.showIf?.answer;
  return !dep || dep.equals.includes(answers[dep.question] ?? '');
}

export type CatalogueQueries = ReturnType<typeof createCatalogueQueries>;
