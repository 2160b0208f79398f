/**
 * Why a result differs from the raw answers. Partix-bayes may outweigh one answer against the others
 * of the same tube; the student must then be told so in plain words, tube by tube, or a failed skill
 * credited (or a right answer not counted) reads as a bug.
 */
import type { Framework } from '../framework/model.js';
import type { KnowledgeElement } from './knowledge.js';
import type { AnsweredChallenge } from './strategy.js';

export interface ResultNote {
  /** failure-outweighed: wrong answers the result credits; success-outweighed: right answers it does not. */
  kind: 'failure-outweighed' | 'success-outweighed';
  tubeTitle: string;
  /** Levels of the answers not kept, and of the answers of the same tube that outweighed them. */
  levels: number[];
  otherLevels: number[];
}

/** The last answer of this test on each skill (the measured answers only: see measured.ts). */
function lastAnswers(framework: Framework, competenceId: string, history: readonly AnsweredChallenge[]): Map<string, boolean> {
  const last = new Map<string, boolean>();
  for (const answer of history) {
    if (framework.skills.get(answer.skillId)?.competenceId === competenceId) last.set(answer.skillId, answer.status === 'ok');
  }
  return last;
}

/** Skills answered wrong (or skipped) in this test and not answered right since. */
export function failedInTest(framework: Framework, competenceId: string, history: readonly AnsweredChallenge[]): Set<string> {
  return new Set([...lastAnswers(framework, competenceId, history)].filter(([, ok]) => !ok).map(([id]) => id));
}

export function resultNotes(args: {
  framework: Framework;
  competenceId: string;
  history: readonly AnsweredChallenge[];
  knowledge: ReadonlyMap<string, KnowledgeElement>;
}): ResultNote[] {
  const { framework, competenceId, knowledge } = args;
  const last = lastAnswers(framework, competenceId, args.history);
  const notes: ResultNote[] = [];
  for (const tubeName of framework.competences.get(competenceId)?.tubeNames ?? []) {
    const tube = framework.tubes.get(tubeName)!;
    const answered = tube.skillIds.filter((id) => last.has(id)).map((id) => framework.skills.get(id)!);
    const levelsOf = (right: boolean) => answered.filter((s) => last.get(s.id) === right).map((s) => s.level).sort((a, b) => a - b);
    const credited = answered.filter((s) => last.get(s.id) === false && knowledge.get(s.id)?.status === 'validated');
    if (credited.length > 0) {
      notes.push({ kind: 'failure-outweighed', tubeTitle: tube.title, levels: credited.map((s) => s.level).sort((a, b) => a - b), otherLevels: levelsOf(true) });
    }
    const dropped = answered.filter((s) => last.get(s.id) === true && knowledge.get(s.id)?.status === 'invalidated');
    if (dropped.length > 0) {
      notes.push({ kind: 'success-outweighed', tubeTitle: tube.title, levels: dropped.map((s) => s.level).sort((a, b) => a - b), otherLevels: levelsOf(false) });
    }
  }
  return notes;
}
