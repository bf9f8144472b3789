import { parse } from 'yaml';
import type { Clock, Ids } from '../../platform/clock';
import { isUniqueViolation, type AnyTransaction } from '../../platform/db';
import type { Principal } from '../../platform/http';
import type { AuditModule } from '../audit';
import { addCalendarDays, localDate } from '../catalogue';
import { rulesAdminErrors } from './admin.errors';
import type { CompiledRuleSet } from './engine/compile';
import { parametersOf, type ParameterResolver } from './engine/evaluate';
import { createRuleBook, runTableTests, type RuleBook } from './engine/rule-book';
import { rulesErrors } from './errors';
import { parseRuleSet } from './rules.pack';
import type { VersionRow, VersionSummary, VersionsRepository } from './versions.repository';

type Staff = Extract<Principal, { kind: 'staff' }>;

/** How a version stands today: what the rule book uses, will use, used, or never will. */
export type VersionState = 'in-force' | 'scheduled' | 'superseded' | 'ended' | 'withdrawn';

export interface VersionEntry {
  set: CompiledRuleSet;
  source: 'pack' | 'loaded';
  state: VersionState;
  /** The loaded row (workbench-loaded versions only). */
  loaded?: VersionSummary;
}

export interface RuleSetOverview {
  id: string;
  latest: CompiledRuleSet;
  versions: VersionEntry[];
}

/** Addresses under /workbench/rules/ that a rule set id must not take. */
const RESERVED_IDS = new Set(['load', 'versions', 'reports']);
const TOP_LEVEL_DATE = /^effectiveFrom:[^\n]*$/m;

export interface VersionsDeps {
  repo: VersionsRepository;
  clock: Clock;
  ids: Ids;
  audit: AuditModule;
  resolve: ParameterResolver;
  /** Every version in the country pack (loadRuleSets). */
  packSets: CompiledRuleSet[];
}

/**
 * Rule set versions: the pack's (files, reviewed like code) and those staff with the rules role
 * load through the workbench. A loaded version must take effect tomorrow at the earliest, so
 * nothing already decided today changes under anyone's feet, and it is scheduled only when it
 * compiles, its parameters exist on its date and its table tests (and those of the sets using
 * it) pass. It is withdrawn, never edited, before it takes effect.
 */
export function createVersionsService(d: VersionsDeps) {
  const today = () => localDate(d.clock.now());
  /** Loaded versions compile once per process (keyed by row id and hash). */
  const compiled = new Map<string, { hash: string; set: CompiledRuleSet }>();

  const compileRow = (id: string, hash: string, text: string) => {
    const set = parseRuleSet(text, `loaded version ${id}`);
    compiled.set(id, { hash, set });
    return set;
  };

  async function loadedSets(trx?: AnyTransaction): Promise<CompiledRuleSet[]> {
    const rows = await d.repo.scheduled(trx);
    const out: CompiledRuleSet[] = [];
    for (const r of rows) {
      const known = compiled.get(r.id);
      if (known && known.hash === r.hash) out.push(known.set);
      else out.push(compileRow(r.id, r.hash, (await d.repo.text(r.id, trx)) ?? ''));
    }
    return out;
  }

  const book = async (extra: CompiledRuleSet[] = []): Promise<RuleBook> =>
    createRuleBook([...d.packSets, ...(await loadedSets()), ...extra], d.resolve);

  /** The text with its effectiveFrom set to `date` (the rest byte for byte as given). */
  function withDate(text: string, date: string): string {
    return TOP_LEVEL_DATE.test(text)
      ? text.replace(TOP_LEVEL_DATE, `effectiveFrom: ${date}`)
      : `effectiveFrom: ${date}\n${text}`;
  }

  /** A name for error messages: "<id>/<version>.yaml" when the text says so. */
  function nameOf(text: string): string {
    try {
      const data = parse(text) as { id?: unknown; version?: unknown } | null;
      if (data && typeof data.id === 'string')
        return `${data.id}/${typeof data.version === 'string' || typeof data.version === 'number' ? String(data.version) : '?'}.yaml`;
    } catch {
      // parseRuleSet reports the YAML error itself.
    }
    return 'the loaded text';
  }

  /**
   * Everything a version must pass before it is scheduled (or analysed by the CLI). Throws the
   * first problem: RULES_SET_INVALID, RULES_FEEL_INVALID, RULES_EXPLANATION_INVALID,
   * RULES_UNIQUE_OVERLAP (naming table, rule and cell), RULES_VERSION_*, RULES_SET_UNKNOWN,
   * RULES_NOT_IN_FORCE, RULES_PARAMETER_MISSING, RULES_TESTS_FAILED (every failing test).
   * `proposal`: a file analysed from the CLI, not scheduled: its date may be any day and its
   * version may exist already (the analysis compares the book without it and with it).
   */
  async function validate(
    rawText: string,
    opts: { effectiveFrom?: string; proposal?: boolean } = {},
  ): Promise<{ set: CompiledRuleSet; text: string; book: RuleBook }> {
    const text = opts.effectiveFrom ? withDate(rawText, opts.effectiveFrom) : rawText;
    const set = parseRuleSet(text, nameOf(text));
    const { id, version, effectiveFrom, service } = set.file;
    if (RESERVED_IDS.has(id)) throw rulesAdminErrors.reservedId(id);
    const earliest = addCalendarDays(today(), 1);
    const same = (s: CompiledRuleSet) => s.file.id === id && s.file.version === version;
    if (!opts.proposal) {
      if (effectiveFrom < earliest)
        throw rulesAdminErrors.dateInvalid(id, version, effectiveFrom, earliest);
      if (d.packSets.some(same)) throw rulesAdminErrors.versionExists(id, version, 'pack');
      if (await d.repo.find(id, version))
        throw rulesAdminErrors.versionExists(id, version, 'loaded');
    }
    const current = createRuleBook(
      (await book()).sets.filter((s) => !same(s)),
      d.resolve,
    );
    const others = current.versionsOf(id);
    if (others.length > 0 && others.at(-1)!.file.service !== service)
      throw rulesAdminErrors.serviceChanged(id, others.at(-1)!.file.service, service);
    const next = createRuleBook([...current.sets, set], d.resolve);
    // The shared sets it uses exist and are in force on its first day, and every parameter has a
    // value then (a missing one would make every evaluation fail from that day).
    for (const s of next.withUses(set, effectiveFrom)) parametersOf(s, effectiveFrom, d.resolve);
    const failures = testFailures(next, set);
    if (failures.length > 0) throw rulesErrors.testsFailed(id, version, failures);
    return { set, text, book: next };
  }

  /** Its own tests (every table's check must have one) and the tests of the sets that use it. */
  function testFailures(next: RuleBook, set: CompiledRuleSet): string[] {
    const tested = new Set(set.file.tests.flatMap((t) => Object.keys(t.expect)));
    const failures = set.file.tables
      .filter((t) => !tested.has(t.check))
      .map((t) => `table ${t.id}: no table test checks ${t.check}`);
    failures.push(...runTableTests(next, set));
    for (const user of next.sets.filter((s) => s !== set && s.file.uses.includes(set.file.id)))
      failures.push(
        ...runTableTests(next, user).map(
          (f) => `rule set ${user.file.id} version ${user.file.version}: ${f}`,
        ),
      );
    return failures;
  }

  async function load(input: { text: string; effectiveFrom?: string; by: Staff }) {
    const { set, text } = await validate(input.text, {
      ...(input.effectiveFrom ? { effectiveFrom: input.effectiveFrom } : {}),
    });
    const id = d.ids.uuid();
    try {
      await d.repo.insert({
        id,
        rule_set_id: set.file.id,
        version: set.file.version,
        effective_from: set.file.effectiveFrom,
        effective_until: set.file.effectiveUntil ?? null,
        source_text: text,
        hash: set.hash,
        loaded_by: input.by.accountId,
        loaded_at: d.clock.now(),
      });
    } catch (e) {
      if (isUniqueViolation(e))
        throw rulesAdminErrors.versionExists(set.file.id, set.file.version, 'loaded');
      throw e;
    }
    compiled.set(id, { hash: set.hash, set });
    await d.audit.record({
      actor: input.by,
      action: 'rules.version-loaded',
      subject: { kind: 'rules-version', id },
      details: {
        ruleSet: set.file.id,
        version: set.file.version,
        effectiveFrom: set.file.effectiveFrom,
        hash: set.hash,
      },
    });
    return { id, set };
  }

  async function get(id: string): Promise<{ row: VersionRow; set: CompiledRuleSet }> {
    const row = await d.repo.get(id);
    if (!row) throw rulesAdminErrors.versionNotFound();
    const known = compiled.get(id);
    const set =
      known && known.hash === row.hash ? known.set : compileRow(id, row.hash, row.source_text);
    return { row, set };
  }

  async function withdraw(id: string, by: Staff): Promise<void> {
    const { row } = await get(id);
    if (!(await d.repo.withdraw(id, by.accountId, d.clock.now(), today())))
      throw rulesAdminErrors.notWithdrawable(row.rule_set_id, row.version);
    compiled.delete(id);
    await d.audit.record({
      actor: by,
      action: 'rules.version-withdrawn',
      subject: { kind: 'rules-version', id },
      details: {
        ruleSet: row.rule_set_id,
        version: row.version,
        effectiveFrom: row.effective_from,
      },
    });
  }

  /** Every rule set with its versions (pack and loaded) and how each stands today. */
  async function overview(): Promise<RuleSetOverview[]> {
    const rows = await d.repo.list();
    const day = today();
    const active = await book();
    const entries: VersionEntry[] = d.packSets.map((set) => ({
      set,
      source: 'pack',
      state: 'ended',
    }));
    for (const row of rows) {
      const { set } = await get(row.id);
      entries.push({ set, source: 'loaded', state: 'ended', loaded: row });
    }
    for (const e of entries) e.state = stateOf(e, active, day);
    const byId = new Map<string, VersionEntry[]>();
    for (const e of entries) byId.set(e.set.file.id, [...(byId.get(e.set.file.id) ?? []), e]);
    return [...byId.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, versions]) => {
        versions.sort((a, b) => a.set.file.effectiveFrom.localeCompare(b.set.file.effectiveFrom));
        return { id, latest: versions.at(-1)!.set, versions };
      });
  }

  /** A version by rule set id and version label, pack or loaded. */
  async function find(id: string, version: string): Promise<VersionEntry | undefined> {
    return (await overview())
      .find((s) => s.id === id)
      ?.versions.find((v) => v.set.file.version === version);
  }

  return { loadedSets, book, validate, load, get, withdraw, overview, find, today };
}

function stateOf(e: VersionEntry, active: RuleBook, day: string): VersionState {
  if (e.loaded?.status === 'withdrawn') return 'withdrawn';
  const f = e.set.file;
  if (f.effectiveFrom > day) return 'scheduled';
  if (active.inForce(f.id, day) === e.set) return 'in-force';
  return f.effectiveUntil && f.effectiveUntil <= day ? 'ended' : 'superseded';
}

export type VersionsService = ReturnType<typeof createVersionsService>;
