import type { Principal } from '../../../platform/http';
import type { AuditModule } from '../../audit';
import { compareDates } from '../matching/dates';
import type { PreparedRecord } from '../matching/prepare';
import { personsErrors } from '../errors';
import { readerOf } from './access';
import { identityOfRow, type RegisterMatcher } from './matcher';
import type { PersonViews } from './person-view';
import { findPersonNumber, looksLikePersonNumber } from './person-number';
import type { PersonRecordRow, RegisterRepository } from './register.repository';
import type { PersonSummary } from './types';

export const SEARCH_MAX_RESULTS = 20;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A date of birth typed in a search also finds it recorded with day and month swapped or one digit off. */
const DATE_AGREES = new Set(['exact', 'swapped-day-month', 'one-digit']);

export interface SearchQuery {
  /** Any part of a name in any script or spelling: "Kovalenko", "Олександр Коваленко". */
  name: string;
  /** YYYY-MM-DD: only persons with a date of birth that agrees (up to a typo). */
  dateOfBirth?: string | undefined;
}

/**
 * Finds persons by any spelling of a name (issue 7: the contact centre's and officers' search).
 * Each word of the query is looked up as a surname under every Latin form and phonetic code the
 * matcher gives it, and the persons found are ranked by how well their names agree with the
 * query, the matcher's name weights deciding. A person number finds that person. Every search
 * is audited with its purpose and the persons it showed, not what was typed.
 */
export function createSearch(d: {
  repo: RegisterRepository;
  audit: AuditModule;
  views: PersonViews;
  matcher: RegisterMatcher;
}) {
  const { repo } = d;

  /** The query as records: each word taken in turn as the surname, the rest as given names. */
  function queryRecords(words: string[], dateOfBirth: string | null): PreparedRecord[] {
    return words.map((surname, i) =>
      d.matcher.prepare({
        recordId: `query-${i}`,
        givenNames: words.filter((_, j) => j !== i).join(' '),
        surname,
        dateOfBirth,
        sex: null,
        nationality: null,
        documentNumber: null,
        placeOfBirth: null,
        source: null,
      }),
    );
  }

  async function byNumber(text: string) {
    const number = findPersonNumber(text);
    if (!number) throw personsErrors.numberInvalid(text);
    const p = await repo.personByNumber(number);
    return p ? [p] : [];
  }

  async function byName(words: string[], dateOfBirth: string | null) {
    const keys = words.flatMap((w) => d.matcher.surnameKeys(w));
    const owners = await repo.personsWithKeys(keys);
    const roots = [...new Set((await repo.roots(owners)).values())];
    const queries = queryRecords(words, dateOfBirth);
    const ranked: { root: string; weight: number }[] = [];
    for (const root of roots) {
      const members = (await repo.members(root)).map((m) => m.id);
      const records = await repo.recordsOfPersons(members);
      if (dateOfBirth && !records.some((r) => agrees(r, dateOfBirth))) continue;
      let weight = -Infinity;
      for (const r of records) {
        const prepared = d.matcher.prepare(identityOfRow(r));
        for (const q of queries) weight = Math.max(weight, nameWeight(q, prepared));
      }
      ranked.push({ root, weight });
    }
    ranked.sort((a, b) => b.weight - a.weight || a.root.localeCompare(b.root));
    const top = ranked.slice(0, SEARCH_MAX_RESULTS).map((r) => r.root);
    const rows = await repo.personsByIds(top);
    return top.map((id) => rows.find((p) => p.id === id)!);
  }

  /** How well the names agree: the weights of the name fields only (a search has nothing else). */
  function nameWeight(q: PreparedRecord, r: PreparedRecord): number {
    return d.matcher
      .score(q, r)
      .fields.filter((f) => f.field === 'surname' || f.field === 'given-names')
      .reduce((sum, f) => sum + f.weight, 0);
  }

  const agrees = (r: PersonRecordRow, day: string) =>
    DATE_AGREES.has(compareDates(r.date_of_birth, day));

  return async function search(
    q: SearchQuery,
    actor: Principal,
    purpose: string,
  ): Promise<PersonSummary[]> {
    const reader = readerOf(actor);
    const text = q.name.trim();
    const dateOfBirth = q.dateOfBirth && DAY.test(q.dateOfBirth) ? q.dateOfBirth : null;
    let persons;
    if (looksLikePersonNumber(text)) persons = await byNumber(text);
    else {
      const words = text.split(/[\s,]+/).filter((w) => (w.match(/\p{L}/gu) ?? []).length >= 2);
      if (words.length === 0) throw personsErrors.searchTooShort();
      persons = await byName(words, dateOfBirth);
    }
    const found = [];
    for (const p of persons) found.push(await d.views.summary(p));
    await d.audit.record({
      actor: reader,
      action: 'personal-data.read',
      subject: {
        kind: 'person-search',
        id: looksLikePersonNumber(text)
          ? 'number'
          : dateOfBirth
            ? 'name-and-date-of-birth'
            : 'name',
      },
      purpose,
      details: {
        fields: ['names', 'dates-of-birth', 'nationalities'],
        persons: found.map((p) => p.id),
      },
    });
    return found;
  };
}
