import type { Finder, FinderAnswer, FinderQuestion, Text } from './catalogue.schemas';
import { catalogueErrors } from './errors';

/** Where a list of answers leads: the next question, a service and ground, or no service. */
export type FinderStep =
  | { kind: 'question'; path: string[]; question: FinderQuestion }
  | {
      kind: 'result';
      path: string[];
      service: string;
      ground: string | undefined;
      note: Text | undefined;
    }
  | { kind: 'none'; path: string[]; none: NonNullable<FinderAnswer['none']> };

/**
 * Follows the answers (answer ids, one per question from the start) through the finder. The
 * finder keeps no state: the path is all it needs, so it works in GET links without sessions.
 */
export function finderStep(finder: Finder, path: readonly string[]): FinderStep {
  const byId = new Map(finder.questions.map((q) => [q.id, q]));
  let question = byId.get(finder.start)!;
  for (let i = 0; i < path.length; i++) {
    const answer = question.answers.find((a) => a.id === path[i]);
    if (!answer) throw catalogueErrors.finderPathInvalid();
    const done = path.slice(0, i + 1);
    if (answer.next) {
      question = byId.get(answer.next)!;
      continue;
    }
    if (i !== path.length - 1) throw catalogueErrors.finderPathInvalid();
    if (answer.result)
      return {
        kind: 'result',
        path: done,
        service: answer.result.service,
        ground: answer.result.ground,
        note: answer.result.note,
      };
    return { kind: 'none', path: done, none: answer.none! };
  }
  return { kind: 'question', path: [...path], question };
}

/** Every end of the finder with the path that reaches it (the loader has ruled out cycles). */
export function finderOutcomes(finder: Finder): Exclude<FinderStep, { kind: 'question' }>[] {
  const out: Exclude<FinderStep, { kind: 'question' }>[] = [];
  const walk = (path: string[]) => {
    const step = finderStep(finder, path);
    if (step.kind !== 'question') out.push(step);
    else for (const a of step.question.answers) walk([...path, a.id]);
  };
  walk([]);
  return out;
}
