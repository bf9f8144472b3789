/**
 * One simulated application and its planned timeline, drawn from a random source keyed by
 * (seed, global index) only: an application never depends on the ones before it, so a resumed run
 * rebuilds exactly the same applications. Every step is a few array look-ups on the precomputed
 * calendar (no Date, no formatting but the submission time), so millions are cheap.
 */
import { createRandom, type Random } from '../../../platform/random';
import { legalDue, onOrNextWorking, workingDaysAfter, type SimCalendar } from './calendar';
import type { SimChannel, SimStreamParams, SimulationParams } from './params';
import { mix32 } from './volumes';

export type SimOutcome = 'granted' | 'refused';

export interface SimVisit {
  day: string;
  attended: boolean;
  /** A branch desk, or the partner (external service provider) that took the biometrics. */
  place: 'branch' | 'partner';
}

export interface SimTimeline {
  /** Booked visits in order; a missed one is booked again once, a second miss lapses the request. */
  visits: SimVisit[];
  /** The request is complete (the attended visit, or the submission when no visit is needed). */
  acceptedOn?: string;
  /** Requests for information: the term is suspended from request to answer. */
  informationRequests: { requestedOn: string; answeredOn: string }[];
  /** The legal deadline: the term from its start, moved by the suspensions, on a working day. */
  dueOn?: string;
  decision?: { on: string; outcome: SimOutcome };
  producedOn?: string;
  issuedOn?: string;
  /** Closed without a decision (both booked visits missed). */
  lapsedOn?: string;
}

export interface SimApplication {
  /** Stable for (seed, index): `sim-<seed>-<index>`. */
  id: string;
  index: number;
  stream: string;
  service: string;
  kind: SimStreamParams['kind'];
  ground: string;
  nationality: string;
  branch: string;
  channel: SimChannel;
  /** An instant (UTC) whose Vilnius date is the submission day. */
  submittedAt: string;
  timeline: SimTimeline;
}

type Term = { amount: number; unit: 'days' | 'working-days' | 'months' };

/** A stream with its weights as cumulative arrays, ready for fast draws. */
export interface CompiledStream {
  params: SimStreamParams;
  grounds: string[];
  groundCum: Float64Array;
  groundTerms: Term[];
  nationalities: string[];
  nationalityCum: Float64Array;
  channels: SimChannel[];
  channelCum: Float64Array;
  /** Without branch and partner: a day they are closed. */
  closedChannelCum: Float64Array;
  branches: string[];
  branchCum: Float64Array;
  /** Exponent turning a uniform draw into a share of the term with the wanted median. */
  shapeExponent: number;
}

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => (out[i] = total += w));
  return out.map((v) => (total > 0 ? v / total : 0));
}

function drawIndex(cum: Float64Array, u: number): number {
  for (let i = 0; i < cum.length; i++) if (u < cum[i]!) return i;
  return cum.length - 1;
}
const draw = <T>(items: readonly T[], cum: Float64Array, u: number): T => items[drawIndex(cum, u)]!;

export function compileStream(params: SimulationParams, s: SimStreamParams): CompiledStream {
  const grounds = Object.keys(s.grounds.weights);
  const channels = Object.keys(s.channels.weights) as SimChannel[];
  const branches = s.branches ?? params.branches;
  const closed = channels.map((c) => (c === 'portal' ? s.channels.weights[c]! : 0));
  return {
    params: s,
    grounds,
    groundCum: cumulative(grounds.map((g) => s.grounds.weights[g]!)),
    groundTerms: grounds.map((g) => s.termByGround?.[g] ?? s.term),
    nationalities: Object.keys(s.nationality.weights),
    nationalityCum: cumulative(Object.values(s.nationality.weights)),
    channels,
    channelCum: cumulative(channels.map((c) => s.channels.weights[c]!)),
    // A stream with no portal at all keeps its own mix on closed days (it gets few of them).
    closedChannelCum: cumulative(
      closed.some((w) => w > 0) ? closed : channels.map((c) => s.channels.weights[c]!),
    ),
    branches: Object.keys(branches.weights),
    branchCum: cumulative(Object.values(branches.weights)),
    shapeExponent: Math.log(s.decision.medianShareOfTerm) / Math.log(0.5),
  };
}

const between = (r: Random, [min, max]: readonly [number, number]) => min + r.int(max - min + 1);
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** Longest decision delay past the deadline: keeps every timeline inside the calendar window. */
const MAX_LATE_DAYS = 365;

/** The application with global `index`, submitted on calendar index `day`. */
export function simulateApplication(
  params: SimulationParams,
  cal: SimCalendar,
  stream: CompiledStream,
  day: number,
  index: number,
  seed: number,
): SimApplication {
  const r = createRandom(mix32(seed, index));
  const p = stream.params;
  const groundAt = drawIndex(stream.groundCum, r.next());
  const ground = stream.grounds[groundAt]!;
  const term = stream.groundTerms[groundAt]!;
  const nationality = draw(stream.nationalities, stream.nationalityCum, r.next());
  const open = cal.working[day] === 1;
  const channel = draw(
    stream.channels,
    open ? stream.channelCum : stream.closedChannelCum,
    r.next(),
  );
  const branch = draw(stream.branches, stream.branchCum, r.next());
  // Portal: 05:00–20:59 UTC (about 07:00–23:59 in Vilnius); desks: 05:30–13:29 UTC, in opening hours.
  const minute = channel === 'portal' ? 300 + r.int(960) : 330 + r.int(480);
  const submittedAt = `${cal.iso[day]}T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:${pad2(r.int(60))}Z`;

  const timeline: SimTimeline = { visits: [], informationRequests: [] };
  let accepted = day;
  if (p.visit.required) {
    if (channel !== 'portal') {
      timeline.visits.push({
        day: cal.iso[day]!,
        attended: true,
        place: channel === 'partner' ? 'partner' : 'branch',
      });
    } else {
      let visit = onOrNextWorking(cal, day + between(r, p.visit.lagDays!));
      let attended = !r.chance(params.visits.noShowRate.value);
      timeline.visits.push({ day: cal.iso[visit]!, attended, place: 'branch' });
      if (!attended) {
        visit = onOrNextWorking(cal, visit + between(r, params.visits.rebookDays.range));
        attended = !r.chance(params.visits.noShowRate.value);
        timeline.visits.push({ day: cal.iso[visit]!, attended, place: 'branch' });
      }
      if (!attended) {
        timeline.lapsedOn = cal.iso[visit]!;
        return {
          id: `sim-${seed}-${index}`,
          index,
          stream: p.id,
          service: p.service,
          kind: p.kind,
          ground,
          nationality,
          branch,
          channel,
          submittedAt,
          timeline,
        };
      }
      accepted = visit;
    }
  }
  timeline.acceptedOn = cal.iso[accepted]!;

  // The decision: most within the term (a share of it with the configured median), a tail late.
  const start = p.term.startsAt === 'submission' ? day : accepted;
  const rawDue = legalDue(cal, start, term);
  const span = rawDue - start;
  let t: number;
  if (r.chance(p.decision.withinTermShare)) {
    const min = Math.min(p.decision.minDays, span);
    t = min + Math.min(span - min, Math.floor(r.next() ** stream.shapeExponent * (span - min + 1)));
  } else {
    t =
      span +
      1 +
      Math.min(MAX_LATE_DAYS, Math.floor(-Math.log(1 - r.next()) * p.decision.tailMeanDays));
  }
  let suspended = 0;
  let earliest = accepted;
  if (r.chance(p.informationRequestShare.value)) {
    // Asked before the decision would have been taken; the term stops until the answer.
    const requested = onOrNextWorking(cal, Math.max(accepted, start + r.int(t + 1)));
    const answered = requested + between(r, params.informationRequests.answerDays.range);
    suspended = answered - requested;
    earliest = answered;
    timeline.informationRequests.push({
      requestedOn: cal.iso[requested]!,
      answeredOn: cal.iso[answered]!,
    });
  }
  const decided = onOrNextWorking(cal, Math.max(start + t + suspended, earliest));
  timeline.dueOn = cal.iso[onOrNextWorking(cal, rawDue + suspended)]!;
  const outcome: SimOutcome = r.chance(p.refusalShare.value) ? 'refused' : 'granted';
  timeline.decision = { on: cal.iso[decided]!, outcome };
  if (outcome === 'granted' && p.production) {
    const produced = workingDaysAfter(cal, decided, between(r, p.production.workingDays));
    const collect = between(r, p.production.collectDays);
    timeline.producedOn = cal.iso[produced]!;
    timeline.issuedOn =
      cal.iso[collect === 0 ? produced : onOrNextWorking(cal, produced + collect)]!;
  }
  return {
    id: `sim-${seed}-${index}`,
    index,
    stream: p.id,
    service: p.service,
    kind: p.kind,
    ground,
    nationality,
    branch,
    channel,
    submittedAt,
    timeline,
  };
}
