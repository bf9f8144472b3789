import type { Language } from '../../platform/i18n';
import type { CompiledRuleSet } from './engine/compile';
import { cite } from './engine/explain';
import type { ImpactReportRow } from './impact.repository';
import type { CaseError, CheckChange } from './impact';
import type { VersionEntry } from './versions.service';

/** Most changes a report page lists (the report keeps up to 20 000, the counts are complete). */
export const CHANGES_SHOWN = 500;

/** A rule set version as the workbench shows it: each table as a table, in the reader's language. */
export function versionView(set: CompiledRuleSet, lang: Language) {
  const f = set.file;
  const actName = (id: string, l: Language) => f.acts[id]?.name[l] ?? id;
  return {
    id: f.id,
    version: f.version,
    title: f.title[lang],
    service: f.service ?? null,
    uses: f.uses,
    effectiveFrom: f.effectiveFrom,
    effectiveUntil: f.effectiveUntil ?? null,
    hash: set.hash,
    sources: f.sources,
    parameters: Object.entries(f.parameters).map(([name, spec]) => ({
      name,
      ref: 'value' in spec ? spec.value : `${spec.fee} / ${spec.level}`,
      kind: 'value' in spec ? 'value' : 'fee',
    })),
    tables: f.tables.map((t) => ({
      id: t.id,
      check: t.check,
      name: t.name[lang],
      hitPolicy: t.hitPolicy,
      inputs: t.inputs.map((i) => ({ id: i.id, label: i.label[lang], expression: i.expression })),
      outputs: t.outputs,
      rules: t.rules.map((r) => ({
        id: r.id,
        when: r.when,
        then: t.outputs.map((o) => r.then[o] ?? '–'),
        citation: cite(r.legal, lang, actName),
        uncertain: r.legal.uncertain ?? false,
        note: r.legal.note ?? null,
        explain: r.explain[lang],
      })),
      otherwise: t.otherwise
        ? {
            then: t.outputs.map((o) => t.otherwise!.then[o] ?? '–'),
            explain: t.otherwise.explain[lang],
          }
        : null,
    })),
    tests: f.tests.map((t) => ({
      name: t.name,
      date: t.date,
      input: JSON.stringify(t.input),
      expect: Object.entries(t.expect).map(([check, e]) => ({
        check,
        outcome: e.outcome,
        fired: e.fired ?? [],
        missing: e.missing ?? [],
      })),
    })),
  };
}

export function entryView(e: VersionEntry) {
  return {
    version: e.set.file.version,
    effectiveFrom: e.set.file.effectiveFrom,
    effectiveUntil: e.set.file.effectiveUntil ?? null,
    source: e.source,
    state: e.state,
    href: e.loaded
      ? `/workbench/rules/versions/${e.loaded.id}`
      : `/workbench/rules/${e.set.file.id}/${encodeURIComponent(e.set.file.version)}`,
  };
}

const isError = (c: CheckChange | CaseError): c is CaseError => 'error' in c;

/** A report's counts and (the first CHANGES_SHOWN) changes and errors. */
export function reportView(r: ImpactReportRow) {
  const perService = Object.entries(r.per_service ?? {}).map(([service, s]) => ({
    service,
    cases: s.cases,
    changed: s.changed,
    outputsOnly: s.outputsOnly ?? 0,
    errors: s.errors,
    checks: Object.entries(s.checks).map(([check, count]) => ({ check, count })),
  }));
  const all = r.changes ?? [];
  const changes = all.filter((c): c is CheckChange => !isError(c));
  const errors = all.filter(isError);
  return {
    id: r.id,
    versionId: r.version_id,
    status: r.status,
    forDate: r.for_date,
    requestedAt: r.requested_at,
    finishedAt: r.finished_at,
    cases: r.cases_count,
    changed: r.changed_count,
    errorsCount: perService.reduce((n, s) => n + s.errors, 0),
    outputsOnlyCount: perService.reduce((n, s) => n + s.outputsOnly, 0),
    error: r.error,
    perService,
    changes: changes.slice(0, CHANGES_SHOWN).map((c) => ({
      ...c,
      outputs: c.outputs
        ? `${JSON.stringify(c.outputs.before)} → ${JSON.stringify(c.outputs.after)}`
        : '',
    })),
    changesMore: Math.max(0, changes.length - CHANGES_SHOWN),
    errors: errors.slice(0, CHANGES_SHOWN),
  };
}
