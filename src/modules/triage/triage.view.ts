import type { TriageCriteria, TriageTexts } from './criteria';
import { ROUTINE_MET } from './triage';
import { SWITCHED_OFF, type Tier, type TriageOverride, type TriageRun } from './triage.schemas';

type Lang = keyof TriageTexts;
type Translate = (key: string, vars?: Record<string, unknown>) => string;

/** One reason on the panel: the criterion's name and plain explanation, and its value. */
export interface ReasonLine {
  criterion: string;
  kind: 'flag' | 'weight' | 'condition';
  name: string;
  explain: string;
  value: string;
  points: number | null;
  decisive: boolean;
}

export interface TriageCasePanel {
  caseId: string;
  tier: Tier;
  tierText: string;
  tagClass: string;
  criteriaVersion: string;
  switchedOff: boolean;
  points: number;
  threshold: number | null;
  at: Date;
  /** Decisive reasons first (flags fired, unmet routine conditions), then every weight. */
  decisive: ReasonLine[];
  weights: ReasonLine[];
  override: { reason: string; at: Date } | null;
}

const TAG: Record<Tier, string> = {
  routine: 'govuk-tag--green',
  standard: 'govuk-tag--blue',
  enhanced: 'govuk-tag--orange',
};

/**
 * The view model of `_case-panel.njk`: the tier, the criteria version and why, each criterion
 * with its explanation from the version the run used (so an old run reads as it was decided).
 */
export function triageCasePanel(
  run: TriageRun,
  override: TriageOverride | null | undefined,
  lang: Lang,
  t: Translate,
  criteria: readonly TriageCriteria[],
): TriageCasePanel {
  const version = criteria.find((c) => c.version === run.criteriaVersion);
  const value = (v: string | number | boolean) =>
    typeof v === 'boolean' ? t(v ? 'triage.panel.yes' : 'triage.panel.no') : String(v);
  const line = (
    criterion: string,
    kind: ReasonLine['kind'],
    v: string,
    points: number | null,
    decisive: boolean,
  ): ReasonLine => {
    const c =
      kind === 'condition'
        ? version?.routine.conditions[criterion as keyof typeof version.routine.conditions]
        : [...(version?.flags ?? []), ...(version?.weights ?? [])].find((x) => x.id === criterion);
    return {
      criterion,
      kind,
      name: c?.name[lang] ?? t(`triage.reason.${criterion}.name`),
      explain: c?.explain[lang] ?? t(`triage.reason.${criterion}.explain`),
      value: v,
      points,
      decisive,
    };
  };
  const flags = run.contributions.filter((c) => c.kind === 'flag');
  const decisive: ReasonLine[] =
    run.tier === 'enhanced'
      ? flags.map((f) => line(f.criterion, 'flag', value(f.value), null, true))
      : run.decisive
          .filter((d) => d !== SWITCHED_OFF && !(ROUTINE_MET as readonly string[]).includes(d))
          .map((d) => line(d, 'condition', '', null, true));
  if (
    run.decisive.includes(SWITCHED_OFF) ||
    run.decisive.some((d) => (ROUTINE_MET as readonly string[]).includes(d))
  )
    decisive.push(line(run.decisive[0]!, 'condition', '', null, true));
  return {
    caseId: run.caseId,
    tier: run.tier,
    tierText: t(`triage.tier.${run.tier}`),
    tagClass: TAG[run.tier],
    criteriaVersion: run.criteriaVersion,
    switchedOff: run.switchedOff,
    points: run.points,
    threshold: version?.routine.threshold ?? null,
    at: run.at,
    decisive,
    weights: run.contributions
      .filter((c) => c.kind === 'weight')
      .map((c) => line(c.criterion, 'weight', value(c.value), c.points, false)),
    override:
      override && override.runId === run.id ? { reason: override.reason, at: override.at } : null,
  };
}
