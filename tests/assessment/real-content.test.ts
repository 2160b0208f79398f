/**
 * The assessment domain on the real item bank in content/. The bank is written alongside the code:
 * while it does not load, these tests are skipped and say why.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isCorrect, parseAnswer } from '../../src/assessment/answers.js';
import type { KnowledgeElement } from '../../src/assessment/knowledge.js';
import { seededRandom } from '../../src/assessment/random.js';
import { scoreCompetence } from '../../src/assessment/scoring.js';
import { runCompetenceTest } from '../../src/simulation/simulation.js';
import { smartRandom } from '../../src/adaptive/smart-random.js';
import { ContentError, loadFramework } from '../../src/framework/loader.js';
import { isAskable, type Challenge, type Framework } from '../../src/framework/model.js';
import { perfectStudent } from './builders.js';

const CONTENT_DIR = fileURLToPath(new URL('../../content', import.meta.url));
const HIGHEST_LEVEL = 5;

function load(): { framework?: Framework; reason: string } {
  try {
    return { framework: loadFramework(CONTENT_DIR), reason: '' };
  } catch (error) {
    const detail = error instanceof ContentError ? `${error.problems.length} problem(s), first: ${error.problems[0]}` : String(error);
    return { reason: `content/ does not load yet (${detail})` };
  }
}
const { framework, reason } = load();

/** Every way the author says a challenge is answered right, as card inputs. */
function rightAnswers(c: Challenge): Array<Record<string, unknown>> {
  switch (c.type) {
    case 'QCU':
      return [{ choice: String(c.answer) }];
    case 'QCM':
      return [{ choices: [...c.answers].reverse().join(',') }];
    case 'QROC':
      return c.answers.map((answer) => ({ answer }));
    case 'QROCM-ind':
      return [Object.fromEntries(c.fields.map((f) => [f.key, f.answers[0]]))];
    case 'QROCM-dep':
      // Fields filled with the groups in reverse order: any group may go in any field.
      return [Object.fromEntries(c.fields.map((f, i) => [f.key, c.groups[c.groups.length - 1 - i]![0]]))];
  }
}

describe(`real content (${framework ? 'loaded' : 'skipped'})`, () => {
  it('accepts the author’s own solution of every askable challenge', (ctx) => {
    if (!framework) return ctx.skip(reason);
    const refused: string[] = [];
    for (const challenge of framework.challenges.values()) {
      if (!isAskable(challenge)) continue;
      for (const raw of rightAnswers(challenge)) {
        if (!isCorrect(challenge, parseAnswer(challenge, raw))) refused.push(`${challenge.id} ${JSON.stringify(raw)}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('smart random takes an all-right student to the best score of the bank, an all-wrong one to 0', (ctx) => {
    if (!framework) return ctx.skip(reason);
    for (const competenceId of framework.competences.keys()) {
      const everySkill: KnowledgeElement[] = [...framework.skills.values()]
        .filter((s) => s.competenceId === competenceId)
        .map((s) => ({ skillId: s.id, status: 'validated', source: 'direct', createdAt: new Date(0) }));
      const best = scoreCompetence({ framework, competenceId, knowledge: everySkill, maxLevel: HIGHEST_LEVEL });
      const run = (level: number) =>
        runCompetenceTest({ framework, competenceId, strategy: smartRandom, student: perfectStudent(framework, level), random: seededRandom(1), maxLevel: HIGHEST_LEVEL });
      expect(run(8).score, competenceId).toEqual(best);
      expect(run(0).score, competenceId).toMatchObject({ pix: 0, level: 0 });
    }
  });
});
