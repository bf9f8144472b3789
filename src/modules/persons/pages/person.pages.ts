import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { personsErrors } from '../errors';
import type { PersonsPagesService, PersonView } from './pages.service';
import {
  PERSONS_PATH,
  V,
  body,
  list,
  mayWork,
  param,
  purposeOf,
  readers,
  reasonProblem,
  refusal,
  registerRefusal,
  statusOf,
  str,
  workers,
  type ErrorLine,
} from './pages.shared';
import { actionsView, percent } from './persons.view';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const two = (s: string) => s.padStart(2, '0');
/** A person's page: by id (links) or by number (what people read out on the phone). */
export const personHref = (idOrNumber: string) =>
  `${PERSONS_PATH}/${encodeURIComponent(idOrNumber)}`;

/** A full date of birth from the three boxes; '' when all are empty; undefined when invalid. */
function dateOfBirth(day: string, month: string, year: string): string | undefined {
  if (!day && !month && !year) return '';
  const iso = `${year}-${two(month)}-${two(day)}`;
  if (!DAY.test(iso)) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

export interface PersonPagesDeps {
  service: PersonsPagesService;
  /** A staff member's display name by account id, for the history of actions. */
  staffName?: (accountId: string) => Promise<string | undefined>;
}

type Forms = {
  merge?: { number: string; reason: string };
  split?: { records: string[]; reason: string };
};

/**
 * Finding a person by any spelling, the person's page (everything on record, both histories
 * after a merge, the actions with their reasons), and the merge, split and undo forms.
 */
export function personPages(d: PersonPagesDeps) {
  /** Display names of the staff who acted (an account id alone tells a reader nothing). */
  const actorNames = async (person: PersonView) => {
    const names = new Map<string, string>();
    if (!d.staffName) return names;
    for (const id of new Set(person.actions.map((a) => a.actorId))) {
      const name = await d.staffName(id);
      if (name) names.set(id, name);
    }
    return names;
  };
  return async (app: FastifyInstance) => {
    app.get(PERSONS_PATH, readers, async (req, reply) => {
      const q = (req.query ?? {}) as Record<string, unknown>;
      const values = {
        name: str(q.name),
        day: str(q['dob-day']),
        month: str(q['dob-month']),
        year: str(q['dob-year']),
      };
      const page = (extra: Record<string, unknown> = {}) =>
        reply.page(`${V}/search.njk`, {
          title: req.t('persons.search.title'),
          values,
          mayReview: mayWork(req.principal),
          ...extra,
        });
      // The form was not sent yet: nothing to look for.
      if (!('name' in q)) return page();
      const errors: ErrorLine[] = [];
      const fieldErrors: Record<string, string> = {};
      const dob = dateOfBirth(values.day, values.month, values.year);
      if (!values.name) {
        fieldErrors.name = req.t('persons.search.nameRequired');
        errors.push({ text: fieldErrors.name, href: '#name' });
      }
      if (dob === undefined) {
        fieldErrors.dob = req.t('persons.search.dateInvalid');
        errors.push({ text: fieldErrors.dob, href: '#dob-day' });
      }
      if (errors.length > 0 || dob === undefined) {
        reply.status(400);
        return page({ errors, fieldErrors });
      }
      try {
        const results = await d.service.search(
          { name: values.name, ...(dob ? { dateOfBirth: dob } : {}) },
          req.principal,
          purposeOf(req.principal),
        );
        return page({ searched: true, results });
      } catch (e) {
        const refused = registerRefusal(e);
        if (!refused) throw e;
        const line = refusal(req, refused.code, '#name');
        reply.status(statusOf(refused));
        return page({ errors: [line], fieldErrors: { name: line.text } });
      }
    });

    const personPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      person: PersonView,
      extra: { errors?: ErrorLine[]; fieldErrors?: Record<string, string>; values?: Forms } = {},
    ) => {
      const works = mayWork(req.principal);
      return reply.page(`${V}/person.njk`, {
        title: req.t('persons.person.title', { number: person.number }),
        person,
        records: person.records.map((r) => ({
          ...r,
          probability: percent(r.probability, req.lang),
        })),
        actions: actionsView(person, await actorNames(person)),
        mayWork: works,
        // A merged person's records live with the survivor: only active persons change.
        formsShown: works && person.status === 'active',
        ...extra,
        values: {
          merge: { number: '', reason: '' },
          split: { records: [], reason: '' },
          ...extra.values,
        },
      });
    };
    const load = (req: FastifyRequest) =>
      d.service.getPerson(param(req, 'id'), req.principal, purposeOf(req.principal));

    app.get(`${PERSONS_PATH}/:id`, readers, async (req, reply) =>
      personPage(req, reply, await load(req)),
    );

    app.post(`${PERSONS_PATH}/:id/merge`, workers, async (req, reply) => {
      const person = await load(req);
      const b = body(req);
      const values = { number: str(b.number).toUpperCase(), reason: str(b.reason) };
      const errors: ErrorLine[] = [];
      if (!values.number) errors.push(refusal(req, 'PERSONS_NUMBER_INVALID', '#merge-number'));
      const reasonCode = reasonProblem(values.reason);
      if (reasonCode) errors.push(refusal(req, reasonCode, '#merge-reason'));
      const again = (lines: ErrorLine[], status: number) =>
        personPage(req, reply.status(status), person, {
          errors: lines,
          fieldErrors: fieldsOf(lines, {
            '#merge-number': 'mergeNumber',
            '#merge-reason': 'mergeReason',
          }),
          values: { merge: values },
        });
      if (errors.length > 0) return again(errors, 400);
      try {
        await d.service.merge(person.id, values.number, req.principal, values.reason);
      } catch (e) {
        const refused = registerRefusal(e);
        if (!refused) throw e;
        const href = refused.code === 'PERSONS_REASON_REQUIRED' ? '#merge-reason' : '#merge-number';
        return again([refusal(req, refused.code, href)], statusOf(refused));
      }
      req.ensureSession().data.flash = 'persons.flash.merged';
      return reply.redirect(personHref(person.id));
    });

    app.post(`${PERSONS_PATH}/:id/split`, workers, async (req, reply) => {
      const person = await load(req);
      const b = body(req);
      const values = { records: list(b.records), reason: str(b.reason) };
      const errors: ErrorLine[] = [];
      if (values.records.length === 0) {
        errors.push({ text: req.t('persons.split.noneChosen'), href: '#split-records' });
      }
      const reasonCode = reasonProblem(values.reason);
      if (reasonCode) errors.push(refusal(req, reasonCode, '#split-reason'));
      const again = (lines: ErrorLine[], status: number) =>
        personPage(req, reply.status(status), person, {
          errors: lines,
          fieldErrors: fieldsOf(lines, {
            '#split-records': 'splitRecords',
            '#split-reason': 'splitReason',
          }),
          values: { split: values },
        });
      if (errors.length > 0) return again(errors, 400);
      let made: { personId: string };
      try {
        made = await d.service.split(person.id, values.records, req.principal, values.reason);
      } catch (e) {
        const refused = registerRefusal(e);
        if (!refused) throw e;
        const href =
          refused.code === 'PERSONS_REASON_REQUIRED' ? '#split-reason' : '#split-records';
        return again([refusal(req, refused.code, href)], statusOf(refused));
      }
      req.ensureSession().data.flash = 'persons.flash.split';
      return reply.redirect(personHref(made.personId));
    });

    // Undo asks for a reason on its own page: it is as weighty as the action it reverses.
    const undoPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: Record<string, unknown> = {},
    ) => {
      const person = await load(req);
      const actions = actionsView(person, await actorNames(person));
      const action = actions.find((a) => a.id === param(req, 'actionId'));
      if (!action) throw personsErrors.undoNotAllowed('not-found');
      return reply.page(`${V}/undo.njk`, {
        title: req.t('persons.undo.title', { number: person.number }),
        person,
        action,
        values: { reason: '' },
        ...extra,
      });
    };
    const undoUrl = `${PERSONS_PATH}/:id/actions/:actionId/undo`;

    app.get(undoUrl, workers, (req, reply) => undoPage(req, reply));

    app.post(undoUrl, workers, async (req, reply) => {
      const reason = str(body(req).reason);
      const again = (code: string, status: number) => {
        const line = refusal(req, code, '#reason');
        return undoPage(req, reply.status(status), {
          errors: [line],
          fieldErrors: { reason: line.text },
          values: { reason },
        });
      };
      const reasonCode = reasonProblem(reason);
      if (reasonCode) return again(reasonCode, 400);
      const person = await load(req);
      const actionId = param(req, 'actionId');
      if (!person.actions.some((a) => a.id === actionId))
        throw personsErrors.undoNotAllowed('not-found');
      try {
        await d.service.undo(actionId, req.principal, reason);
      } catch (e) {
        const refused = registerRefusal(e);
        if (!refused) throw e;
        return again(refused.code, statusOf(refused));
      }
      req.ensureSession().data.flash = 'persons.flash.undone';
      return reply.redirect(personHref(person.id));
    });
  };
}

/** Error lines as inline messages of the fields they point at. */
function fieldsOf(lines: ErrorLine[], names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of lines) {
    const name = names[l.href];
    if (name && !out[name]) out[name] = l.text;
  }
  return out;
}
