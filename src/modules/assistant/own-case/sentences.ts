import type { Language, Translate } from '../../../platform/i18n';
import type { OwnCaseFacts } from '../assistant.contract';
import type { AnswerLink, Intent } from '../assistant.model';
import { formatDay, formatMoment } from './dates';

/** The own-case intents this module answers (OWN_CASE_INTENTS in assistant.model.ts). */
export type OwnCaseIntent = Extract<
  Intent,
  'status' | 'decision' | 'missing' | 'appointment' | 'payment' | 'delivery'
>;

/** What one case contributes to an answer: plain sentences and the links to act on them. */
export interface CaseLine {
  text: string;
  links: AnswerLink[];
}

const K = 'assistantOwnCase';
/** Statuses at which a visit is still to come (the case waits for the applicant to book). */
const VISIT_STAGES = new Set(['submitted', 'awaiting-visit']);
/** Statuses after the decision: no decision date is to be expected any more. */
const DECIDED = new Set([
  'granted',
  'refused',
  'terminated',
  'document-ordered',
  'document-produced',
  'ready-for-collection',
  'sent-by-courier',
  'issued',
  'revoked',
]);
const DELIVERY_STATES = new Set([
  'ordered',
  'produced',
  'ready-for-collection',
  'sent-by-courier',
  'issued',
]);

/** Long dates end with a full stop in some languages ("20 d.", "2026 г."): one is enough. */
const endOnce = (text: string) => text.replace(/(?<!\.)\.\.(?=\s|$)/g, '.');

/**
 * The sentences for one case and one intent. Reads only the fields of OwnCaseFacts, so nothing
 * else a caller might have attached (a note, an officer) can reach the answer.
 */
export function caseLine(
  intent: OwnCaseIntent,
  c: OwnCaseFacts,
  t: Translate,
  lang: Language,
): CaseLine {
  const day = (iso: string) => formatDay(iso, lang);
  const open: AnswerLink = { label: t(`${K}.link.open`, { reference: c.reference }), href: c.url };
  const head = t(`${K}.head`, { service: c.serviceName, reference: c.reference });
  const line = (parts: string[], links: AnswerLink[]): CaseLine => ({
    text: endOnce(`${head}. ${parts.join(' ')}`),
    links,
  });

  switch (intent) {
    case 'status': {
      const parts = [t(`${K}.status.now`, { status: c.statusLabel })];
      if (c.filedOn) parts.push(t(`${K}.status.filed`, { date: day(c.filedOn) }));
      // The deadline, or honestly that its term has not started (e.g. it counts from the visit).
      if (!DECIDED.has(c.status) && c.status !== 'withdrawn')
        parts.push(
          c.decisionDue
            ? t(`${K}.decision.due`, { date: day(c.decisionDue) })
            : t(`${K}.decision.notStarted`),
        );
      if (c.missing.length > 0) parts.push(t(`${K}.missing.list`, { items: c.missing.join('; ') }));
      return line(parts, [open]);
    }
    case 'decision': {
      if (DECIDED.has(c.status))
        return line([t(`${K}.decision.decided`, { status: c.statusLabel })], [open]);
      if (c.status === 'withdrawn')
        return line([t(`${K}.status.now`, { status: c.statusLabel })], [open]);
      const parts: string[] = [];
      if (c.estimate && c.estimate.from === c.estimate.to)
        parts.push(t(`${K}.decision.onDay`, { date: day(c.estimate.from) }));
      else if (c.estimate)
        parts.push(
          t(`${K}.decision.range`, { from: day(c.estimate.from), to: day(c.estimate.to) }),
        );
      else parts.push(t(`${K}.decision.noEstimate`));
      parts.push(
        c.decisionDue
          ? t(`${K}.decision.due`, { date: day(c.decisionDue) })
          : t(`${K}.decision.notStarted`),
      );
      if (c.missing.length > 0) parts.push(t(`${K}.decision.waitingForYou`));
      return line(parts, [open]);
    }
    case 'missing': {
      if (c.missing.length === 0) return line([t(`${K}.missing.none`)], [open]);
      return line(
        [t(`${K}.missing.list`, { items: c.missing.join('; ') })],
        [
          {
            label: t(`${K}.link.requests`, { reference: c.reference }),
            href: `${c.url}/information-requests`,
          },
        ],
      );
    }
    case 'appointment': {
      const a = c.appointment;
      if (a)
        return line(
          [t(`${K}.appointment.booked`, { at: formatMoment(a.at, lang), place: a.place })],
          [{ label: t(`${K}.link.changeVisit`, { reference: c.reference }), href: a.changeUrl }],
        );
      if (VISIT_STAGES.has(c.status))
        return line(
          [t(`${K}.appointment.toBook`)],
          [{ label: t(`${K}.link.book`, { reference: c.reference }), href: `${c.url}/visit` }],
        );
      return line([t(`${K}.appointment.none`)], [open]);
    }
    case 'payment': {
      const f = c.fee;
      if (!f) return line([t(`${K}.payment.none`)], [open]);
      const amount = f.amount ? 'Amount' : '';
      if (f.paid) return line([t(`${K}.payment.paid${amount}`, { amount: f.amount })], [open]);
      return line(
        [t(`${K}.payment.unpaid${amount}`, { amount: f.amount })],
        f.payUrl
          ? [{ label: t(`${K}.link.pay`, { reference: c.reference }), href: f.payUrl }]
          : [open],
      );
    }
    case 'delivery': {
      const d = c.delivery;
      if (!d || !DELIVERY_STATES.has(d.state)) return line([t(`${K}.delivery.none`)], [open]);
      const text =
        d.state === 'ready-for-collection' && d.place
          ? t(`${K}.delivery.readyAt`, { place: d.place })
          : t(`${K}.delivery.${d.state}`);
      return line([text], [open]);
    }
  }
}
